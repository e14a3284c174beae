// Rules that need every record at once: duplicates, and references to other symbols.
import type { Parsed } from '../records/parse.ts';
import { C_IDENTIFIER, type RecordData } from '../schema.ts';
import type { Problem } from '../problems.ts';
import { closest } from '../suggest.ts';

/**
 * `knownSymbols` are symbols that exist without a record (exported in a committed snapshot);
 * replaced_by and related may point at them as well as at records.
 */
export function checkCollection(records: readonly Parsed<RecordData>[], knownSymbols: ReadonlySet<string>, latestSymbols: ReadonlySet<string> = knownSymbols): Problem[] {
  const problems: Problem[] = [];
  const bySymbol = new Map<string, Parsed<RecordData>>();
  const byLowerName = new Map<string, Parsed<RecordData>>();
  // A file named for its symbol keeps it; a copy under another name is the one reported.
  const misnamed = (record: Parsed<RecordData>) => Number((namesIn(record).symbol ?? record.id) !== record.id);
  for (const record of [...records].sort((a, b) => misnamed(a) - misnamed(b))) {
    const symbol = namesIn(record).symbol ?? record.id;
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
  const candidates = [...bySymbol.keys(), ...knownSymbols];
  const missing = (s: string) => {
    const guess = closest(s, candidates);
    return `${s} has no record and is not exported in any committed snapshot${guess ? `; did you mean ${guess}?` : ''}`;
  };
  for (const record of records) {
    const { symbol, replacedBy, related } = namesIn(record);
    if (replacedBy && replacedBy !== symbol && !exists(replacedBy)) {
      problems.push({ file: record.file, ...record.locate(['replaced_by']), severity: 'error', rule: 'replaced-by-exists', message: `replaced_by: ${missing(replacedBy)}` });
    }
    related.forEach((s, i) => {
      if (s && !exists(s)) problems.push({ file: record.file, ...record.locate(['related', i]), severity: 'error', rule: 'related-exists', message: `related: ${missing(s)}` });
    });
  }
  // A body link must land on a page: a record, or a symbol of the latest snapshot.
  for (const record of records) {
    for (const ref of record.symRefs ?? []) {
      if (!bySymbol.has(ref.name) && !latestSymbols.has(ref.name)) {
        problems.push({ file: record.file, line: ref.line, column: ref.column, severity: 'error', rule: 'sym-exists', message: `<Sym name="${ref.name}"> has no page: it has no record and is not exported in the latest snapshot; write it as \`${ref.name}\`` });
      }
    }
  }
  return problems;
}

/**
 * The symbols a record names. A record with other problems has no checked data, but its references
 * are still checked (every problem in one run): names written as C identifiers are read as they are.
 */
function namesIn(record: Parsed<RecordData>): { symbol?: string; replacedBy?: string; related: (string | undefined)[] } {
  if (record.data) return { symbol: record.data.symbol, replacedBy: record.data.replaced_by, related: record.data.related ?? [] };
  const raw = record.raw ?? {};
  const name = (value: unknown) => (typeof value === 'string' && C_IDENTIFIER.test(value) ? value : undefined);
  return { symbol: name(raw['symbol']), replacedBy: name(raw['replaced_by']), related: Array.isArray(raw['related']) ? raw['related'].map(name) : [] };
}
