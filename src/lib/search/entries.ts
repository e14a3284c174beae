// The symbol-index entries: one per record, and one per exported symbol without a record.
import type { SearchEntry } from './shards.ts';
import { effectiveNamespace, type SiteRecord } from '../site/model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';

export function searchEntries(records: readonly SiteRecord[], undocumented: readonly ExportRow[]): SearchEntry[] {
  const entries: SearchEntry[] = records.map((r) => {
    const ns = effectiveNamespace(r.data);
    return { s: r.data.symbol, t: r.data.status, x: r.data.type, u: r.data.subsystem, ...(ns ? { n: ns } : {}), d: r.data.summary };
  });
  for (const row of undocumented) entries.push({ s: row.symbol, t: '', x: row.macro, u: row.file, ...(row.namespace ? { n: row.namespace } : {}) });
  return entries;
}
