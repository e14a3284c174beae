// The symbol-index entries: one per record, and one per exported symbol without a record.
import type { SearchEntry } from './shards.ts';
import { effectiveNamespace } from '../symbols.ts';
import type { RecordData } from '../schema.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import { describeNamespace, ENTITY_NAMES, exportEntity, type LinkerAlias } from '../kernel/export-model.ts';

/** A symbol that an older release we hold exports and the newest does not: its last row there. */
export interface FormerExport {
  row: ExportRow;
  /** The newest release exporting it. */
  last: string;
}

/**
 * Records, exported symbols without one (a tracepoint says so), tracepoints' and static calls'
 * linker symbols, and symbols no longer exported, marked with the last release that did.
 */
export function searchEntries(
  records: readonly { data: RecordData }[],
  undocumented: readonly ExportRow[],
  aliases: readonly LinkerAlias[] = [],
  former: readonly FormerExport[] = [],
): SearchEntry[] {
  const entries: SearchEntry[] = records.map((r) => {
    const ns = effectiveNamespace(r.data);
    return { s: r.data.symbol, t: r.data.status, x: r.data.type, u: r.data.subsystem, ...(ns ? { n: ns } : {}), d: r.data.summary };
  });
  for (const row of undocumented) {
    const entity = exportEntity(row.macro);
    const x = entity === 'symbol' ? row.macro : `${row.macro} (${ENTITY_NAMES[entity]})`;
    entries.push({ s: row.symbol, t: '', x, u: row.file, ...(row.namespace ? { n: describeNamespace(row.namespace) } : {}) });
  }
  for (const a of aliases) entries.push({ s: a.name, t: '', x: `linker symbol of the ${ENTITY_NAMES[a.entity]} ${a.target}`, u: '' });
  for (const { row, last } of former) entries.push({ s: row.symbol, t: '', x: row.macro, u: row.file, l: last });
  return entries;
}
