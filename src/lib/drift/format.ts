// Drift's output: the report as text or JSON.
import { type DriftResult, MISMATCH_KINDS, MISMATCH_TITLES } from './compare.ts';
import type { DriftInput } from './input.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import type { ExportType } from '../vocabulary.ts';

const formatType = (type: ExportType, namespace?: string) => (namespace ? `${type} ${namespace}` : type);
const where = (r: ExportRow) => `${r.file}:${r.line}`;

export interface DriftReport extends DriftResult {
  input: { kind: DriftInput['kind']; path: string; version: string; rows: number };
  records: number;
  /** Record files that did not parse; drift skips them (npm run validate says why). */
  unreadable: string[];
}

const n = (count: number) => count.toLocaleString('en-US');
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/** How many subsystems the text lists without --all. */
export const TOP_SUBSYSTEMS = 20;

export function formatDriftText(report: DriftReport, options: { all?: boolean } = {}): string {
  const out: string[] = [];
  const source = { tree: 'kernel tree', snapshot: 'snapshot', release: 'history store' }[report.input.kind];
  out.push(
    `drift: ${plural(report.records, 'record')} against ${report.input.version} (${source} ${report.input.path}: ${plural(report.input.rows, 'export')} of ${plural(report.exportedSymbols, 'symbol')})`,
  );
  if (report.unreadable.length) {
    out.push(
      '',
      `Skipped ${plural(report.unreadable.length, 'record')} with problems (npm run validate says what): ${report.unreadable.join(', ')}`,
    );
  }
  for (const kind of MISMATCH_KINDS) {
    const list = report.mismatches.filter((m) => m.kind === kind);
    if (!list.length) continue;
    out.push('', `${MISMATCH_TITLES[kind]} (${n(list.length)})`);
    for (const m of list) {
      out.push(`  ${m.symbol} (${m.record}): ${m.message}`);
      for (const row of m.rows) {
        const ns = row.namespace ? ` ${row.namespace}` : '';
        const macro = row.macro === row.type ? row.macro : `${row.macro} (${row.type})`;
        out.push(`      ${row.agrees ? ' ' : '≠'} ${where(row)}  ${macro}${ns}`);
      }
    }
  }

  out.push(
    '',
    `Exported without a record: ${plural(report.undocumentedCount, 'symbol')} in ${plural(report.undocumented.length, 'subsystem')}`,
  );
  const shown = options.all ? report.undocumented : report.undocumented.slice(0, TOP_SUBSYSTEMS);
  const width = Math.max(0, ...shown.map((s) => s.subsystem.length));
  for (const s of shown) {
    out.push(`  ${s.subsystem.padEnd(width)}  ${n(s.count).padStart(6)}`);
    if (options.all) {
      const symbolWidth = s.symbols.reduce((w, u) => Math.max(w, u.symbol.length), 0);
      for (const u of s.symbols) {
        const more = u.places > 1 ? ` (+${u.places - 1} more)` : '';
        const macro = u.macro === u.type ? '' : ` (${u.macro})`;
        out.push(`      ${u.symbol.padEnd(symbolWidth)}  ${formatType(u.type, u.namespace)}${macro}  ${u.file}:${u.line}${more}`);
      }
    }
  }
  const hidden = report.undocumented.length - shown.length;
  if (hidden > 0) out.push(`  … ${plural(hidden, 'more subsystem')}; --all lists every subsystem and symbol`);
  else if (!options.all && report.undocumentedCount) out.push('  --all lists the symbols');

  const total = report.mismatches.length;
  const parts = MISMATCH_KINDS.filter((k) => report.counts[k]).map((k) => `${n(report.counts[k])} ${k}`);
  out.push(
    '',
    `${total ? `${plural(total, 'mismatch', 'mismatches')} (${parts.join(', ')})` : 'No mismatches'}; ${plural(report.undocumentedCount, 'exported symbol')} without a record.`,
  );
  return `${out.join('\n')}\n`;
}

/** JSON output: the same report; undocumented symbols are listed only with --all (counts always). */
export function formatDriftJson(report: DriftReport, options: { all?: boolean; written?: unknown } = {}): string {
  const undocumented = report.undocumented.map((s) => (options.all ? s : { subsystem: s.subsystem, count: s.count }));
  const json = {
    input: report.input,
    records: report.records,
    unreadable: report.unreadable,
    exportedSymbols: report.exportedSymbols,
    counts: report.counts,
    mismatches: report.mismatches,
    undocumented: { count: report.undocumentedCount, subsystems: undocumented },
    ...(options.written === undefined ? {} : { written: options.written }),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
