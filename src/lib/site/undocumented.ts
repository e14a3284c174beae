// Exported symbols that have no decision record yet: they still get a page, built from the
// latest snapshot, with a one-click way to start their record. What the rows mean (type, namespace,
// subsystem, architecture) comes from the export model.
import { exportKind, pathSubsystem, primaryRow, rowsArches } from '../kernel/export-model.ts';
import type { ExportRow, Snapshot } from '../kernel/snapshot.ts';
import { THREAD_PLACEHOLDER } from '../lore.ts';
import { isPageName } from '../urls.ts';
import { C_IDENTIFIER } from '../schema.ts';
import type { ExportedType } from '../kernel/export-model.ts';

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

/** The facts a new record starts with, read from the rows by the export model. */
export interface RecordStart {
  type: ExportedType;
  /** The namespace, or the module list of EXPORT_SYMBOL_FOR_MODULES. */
  namespace?: string;
  file: string;
  subsystem: string;
  /** Set when only architecture code exports the symbol. */
  arches?: string[];
}

export function recordStart(rows: readonly ExportRow[]): RecordStart {
  const row = primaryRow(rows);
  const kind = exportKind(row);
  const arches = rowsArches(rows);
  // A module list can only name modules: a macro the scanner could not resolve (${…}) is left out.
  const namespace = kind.modules ? kind.modules.filter((m) => !m.startsWith('${')).join(',') || undefined : kind.namespace;
  return { type: kind.type, namespace, file: row.file, subsystem: pathSubsystem(row.file), arches };
}

/** Whether a record can be written for the symbol: record files are named for C identifiers (not 9p_fid_ref or $$divI). */
export function canHaveRecord(symbol: string): boolean {
  return C_IDENTIFIER.test(symbol);
}

/** The `npm run new` command that starts this symbol's record with the facts filled in. */
export function scaffoldCommand(symbol: string, rows: readonly ExportRow[]): string {
  const s = recordStart(rows);
  const ns = s.namespace ? ` --namespace ${shellQuote(s.namespace)}` : '';
  const arches = s.arches ? ` --arches ${s.arches.join(',')}` : '';
  return `npm run new -- ${symbol} --type ${s.type}${ns}${arches} --file ${shellQuote(s.file)} --subsystem ${shellQuote(s.subsystem)} --status testing --thread '<Message-ID>'`;
}

export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * A record skeleton with the snapshot's facts, for GitHub's new-file page. Its thread is the same
 * placeholder `npm run drift -- --write` uses, which the validator refuses until the real message is in.
 */
export function prefilledRecord(symbol: string, rows: readonly ExportRow[], today: string): string {
  const s = recordStart(rows);
  const ns = s.namespace ? `namespace: ${JSON.stringify(s.namespace)}\n` : '';
  const arches = s.arches ? `arches: [${s.arches.join(', ')}]\n` : '';
  return `---\nsymbol: ${symbol}\nsummary: TODO one sentence on what was decided\ntype: ${s.type}\n${ns}status: testing\nsubsystem: ${JSON.stringify(s.subsystem)}\n${arches}file: ${JSON.stringify(s.file)}\ndate: "${today}"\nthreads:\n  - ${THREAD_PLACEHOLDER}\n---\n\n## What was decided\n\n## Why\n`;
}
