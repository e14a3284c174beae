// Exported symbols that have no decision record yet: they still get a page, built from the
// latest snapshot, with a one-click way to start their record.
import type { ExportRow, Snapshot } from '../kernel/snapshot.ts';

export interface UndocumentedSymbol {
  symbol: string;
  /** Every place the latest snapshot exports it (several architectures may). */
  rows: ExportRow[];
}

/** Symbols of the snapshot without a record, in first-seen order of the snapshot's sort. */
export function undocumentedSymbols(snapshot: Snapshot | undefined, recorded: ReadonlySet<string>): UndocumentedSymbol[] {
  if (!snapshot) return [];
  const bySymbol = new Map<string, UndocumentedSymbol>();
  for (const row of snapshot.rows) {
    if (recorded.has(row.symbol) || !isPageName(row.symbol)) continue;
    let entry = bySymbol.get(row.symbol);
    if (!entry) bySymbol.set(row.symbol, (entry = { symbol: row.symbol, rows: [] }));
    entry.rows.push(row);
  }
  return [...bySymbol.values()];
}

/** Symbols usable as a URL path segment (parisc's $$divI and tracepoints like 9p_fid_ref included). */
export function isPageName(symbol: string): boolean {
  return /^[A-Za-z0-9_$]+$/.test(symbol);
}

/** The export type a record would start with, from the macro the code uses. */
export function suggestedType(row: ExportRow): string {
  if (row.namespace.startsWith('module:')) return 'EXPORT_SYMBOL_FOR_MODULES';
  const gpl = /GPL/.test(row.macro);
  if (row.namespace) return gpl ? 'EXPORT_SYMBOL_NS_GPL' : 'EXPORT_SYMBOL_NS';
  return gpl ? 'EXPORT_SYMBOL_GPL' : 'EXPORT_SYMBOL';
}

/** The `npm run new` command that starts this symbol's record with the facts filled in. */
export function scaffoldCommand(symbol: string, row: ExportRow): string {
  const type = suggestedType(row);
  const ns = row.namespace ? ` --namespace ${shellQuote(row.namespace.replace(/^module:/, ''))}` : '';
  const subsystem = row.file.split('/').slice(0, 2).join('/');
  return `npm run new -- ${symbol} --type ${type}${ns} --file ${shellQuote(row.file)} --subsystem ${shellQuote(subsystem)} --status testing --thread <Message-ID>`;
}

function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A record skeleton with the snapshot's facts, for GitHub's new-file page. */
export function prefilledRecord(symbol: string, row: ExportRow, today: string): string {
  const type = suggestedType(row);
  const ns = row.namespace ? `namespace: ${row.namespace.replace(/^module:/, '')}\n` : '';
  return `---\nsymbol: ${symbol}\nsummary: TODO one sentence on what was decided\ntype: ${type}\n${ns}status: testing\nsubsystem: ${row.file.split('/').slice(0, 2).join('/')}\nfile: ${row.file}\ndate: ${today}\nthreads:\n  - TODO-message-id@example.org\n---\n\n## What was decided\n\n## Why\n`;
}
