// How much of a release's export surface has a decision record: the symbols of a snapshot, with and
// without a record, per path-derived subsystem, per export type (what the macro amounts to) and per
// macro as written. A symbol exported in several places counts once, where its primary row is.
import { exportKind, pathSubsystem, primaryRow, rowsBySymbol, type ExportedType } from './kernel/export-model.ts';
import type { Snapshot } from './kernel/snapshot.ts';
import { EXPORT_TYPES } from './vocabulary.ts';

export interface CoverageRow {
  key: string;
  total: number;
  documented: number;
}

export interface Coverage {
  version: string;
  total: number;
  documented: number;
  /** Most exports first. */
  bySubsystem: CoverageRow[];
  /** In the order of the export types. */
  byType: (CoverageRow & { key: ExportedType })[];
  /** Macros as written (wrappers included), most exports first. */
  byMacro: CoverageRow[];
  /** Records about symbols this snapshot does not export (removed, renamed, or arriving later). */
  recordsNotExported: string[];
}

function tally(map: Map<string, CoverageRow>, key: string, documented: boolean): void {
  let row = map.get(key);
  if (!row) map.set(key, (row = { key, total: 0, documented: 0 }));
  row.total++;
  if (documented) row.documented++;
}

const byTotal = (a: CoverageRow, b: CoverageRow) => b.total - a.total || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function computeCoverage(snapshot: Pick<Snapshot, 'version' | 'rows'>, recorded: Iterable<string>): Coverage {
  const records = new Set(recorded);
  const subsystems = new Map<string, CoverageRow>();
  const types = new Map<string, CoverageRow>();
  const macros = new Map<string, CoverageRow>();
  const symbols = rowsBySymbol(snapshot.rows);
  let documented = 0;
  for (const [symbol, rows] of symbols) {
    const row = primaryRow(rows);
    const has = records.has(symbol);
    if (has) documented++;
    tally(subsystems, pathSubsystem(row.file), has);
    tally(types, exportKind(row).type, has);
    tally(macros, row.macro, has);
  }
  const byType = EXPORT_TYPES.filter((t): t is ExportedType => t !== 'unexported').map((key) => ({
    key,
    total: types.get(key)?.total ?? 0,
    documented: types.get(key)?.documented ?? 0,
  }));
  return {
    version: snapshot.version,
    total: symbols.size,
    documented,
    bySubsystem: [...subsystems.values()].sort(byTotal),
    byType,
    byMacro: [...macros.values()].sort(byTotal),
    recordsNotExported: [...records].filter((s) => !symbols.has(s)).sort(),
  };
}

/** 12.5%, 0.1%, <0.1% (some but under a tenth of a percent), 0%, 100%; "—" of nothing. */
export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return '—';
  if (part === 0) return '0%';
  if (part === whole) return '100%';
  const pct = (part / whole) * 100;
  if (pct < 0.1) return '<0.1%';
  // Never round up to 100% while something is missing.
  return `${Math.min(pct, 99.9).toFixed(1)}%`;
}
