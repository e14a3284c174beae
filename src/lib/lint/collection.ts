// Rules that need every record at once: duplicates, and references to other symbols.
import type { Parsed } from '../records/parse.ts';
import type { RecordData } from '../schema.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

/**
 * `knownSymbols` are symbols that exist without a record (exported in a committed snapshot);
 * replaced_by and related may point at them as well as at records.
 */
export function checkCollection(records: readonly Parsed<RecordData>[], knownSymbols: ReadonlySet<string>): Problem[] {
  const problems: Problem[] = [];
  const bySymbol = new Map<string, Parsed<RecordData>>();
  const byLowerName = new Map<string, Parsed<RecordData>>();
  for (const record of records) {
    const symbol = record.data?.symbol ?? record.id;
    const first = bySymbol.get(symbol);
    const place = record.locate(['symbol']);
    if (first) {
      problems.push({ file: record.file, ...place, severity: 'error', rule: 'duplicate-symbol', message: `symbol ${symbol} is already recorded in ${first.file}` });
      continue;
    }
    const twin = byLowerName.get(record.id.toLowerCase());
    if (twin && twin.id !== record.id) {
      problems.push({ file: record.file, ...place, severity: 'error', rule: 'duplicate-symbol', message: `file name differs only in case from ${twin.file}; they collide on case-insensitive file systems` });
    }
    bySymbol.set(symbol, record);
    byLowerName.set(record.id.toLowerCase(), record);
  }
  const exists = (s: string) => bySymbol.has(s) || knownSymbols.has(s);
  const candidates = [...bySymbol.keys()];
  const missing = (s: string) => {
    const guess = closest(s, candidates);
    return `${s} has no record and is not exported in any committed snapshot${guess ? `; did you mean ${guess}?` : ''}`;
  };
  for (const record of records) {
    const data = record.data;
    if (!data) continue;
    if (data.replaced_by && data.replaced_by !== data.symbol && !exists(data.replaced_by)) {
      problems.push({ file: record.file, ...record.locate(['replaced_by']), severity: 'error', rule: 'replaced-by-exists', message: `replaced_by: ${missing(data.replaced_by)}` });
    }
    data.related?.forEach((s, i) => {
      if (!exists(s)) problems.push({ file: record.file, ...record.locate(['related', i]), severity: 'error', rule: 'related-exists', message: `related: ${missing(s)}` });
    });
  }
  return problems;
}
