// Drift's comparison: the records against export rows (export types and namespaces that differ, records
// whose symbol is gone while their tier still promises it, removed records exported again, and exported
// symbols without a record, counted per subsystem).
import { type ExportRow } from '../kernel/snapshot.ts';
import { compareReleases } from '../kernel/versions.ts';
import { exportKind, normalizeNamespace, pathSubsystem, primaryRow, rowsBySymbol, type ExportedType } from '../kernel/export-model.ts';
import { effectiveNamespace, compareSymbols } from '../symbols.ts';
import { EXPORT_TYPE_INFO, type ExportType, type Tier } from '../vocabulary.ts';
import type { HistoryEntry, RecordData } from '../schema.ts';

/** The part of a record drift reads (history: dated steps, oldest first, to compare an older release with what held then), and its file. */
export type DriftRecord = Pick<RecordData, 'symbol' | 'type' | 'namespace' | 'status' | 'file' | 'since'> & {
  history?: Pick<HistoryEntry, 'version' | 'type' | 'status'>[];
  /** The record's file in the repository. */
  source: string;
};

/**
 * What the record says held in `version`: its current fields, unless its history dates a change
 * after that release; then the type (and tier) of the last dated step up to it, without a namespace
 * (history does not give one). Undefined when the record says nothing about that release (exported
 * only since a later one, or its dated history starts later).
 */
export function recordAt(
  record: DriftRecord,
  version: string,
): (Pick<DriftRecord, 'type' | 'status' | 'namespace'> & { asOf?: string }) | undefined {
  const current = { type: record.type, status: record.status, namespace: record.namespace };
  if (!/^v\d/.test(version)) return current;
  if (record.since && compareReleases(version, record.since) < 0) return undefined;
  const dated = (record.history ?? []).filter((h) => h.version && (h.type || h.status));
  if (!dated.some((h) => compareReleases(h.version!, version) > 0)) return current;
  const upTo = dated.filter((h) => compareReleases(h.version!, version) <= 0);
  const step = upTo.findLast((h) => h.type);
  if (!step) return undefined;
  const status = upTo.findLast((h) => h.status)?.status ?? record.status;
  return { type: step.type!, status, namespace: step.type === record.type ? record.namespace : undefined, asOf: step.version };
}

export const MISMATCH_KINDS = ['type', 'namespace', 'not-exported', 're-exported'] as const;
export type MismatchKind = (typeof MISMATCH_KINDS)[number];

export const MISMATCH_TITLES: Record<MismatchKind, string> = {
  type: 'Export type differs',
  namespace: 'Namespace differs',
  'not-exported': 'No longer exported, but the record is testing or stable',
  're-exported': 'Removed, but exported again',
};

/** A row as drift compares it: what its macro and namespace amount to, and whether it agrees with the record. */
export interface ComparedRow extends ExportRow {
  type: ExportedType;
  agrees: boolean;
}

export interface Mismatch {
  kind: MismatchKind;
  symbol: string;
  record: string;
  recorded: { type: ExportType; namespace?: string; status: Tier; file?: string };
  /** One sentence saying what differs. */
  message: string;
  /** The rows compared (those in the record's file when it names one that exports the symbol). */
  rows: ComparedRow[];
}

export interface UndocumentedExport {
  symbol: string;
  type: ExportedType;
  namespace?: string;
  macro: string;
  file: string;
  line: number;
  /** Places the symbol is exported (several architectures may). */
  places: number;
}

export interface SubsystemCount {
  subsystem: string;
  count: number;
  symbols: UndocumentedExport[];
}

export interface DriftResult {
  mismatches: Mismatch[];
  counts: Record<MismatchKind, number>;
  /** Exported symbols without a record, per path-derived subsystem, most first. */
  undocumented: SubsystemCount[];
  undocumentedCount: number;
  exportedSymbols: number;
}

/** Rows the record is about: those in its `file` when it names one that exports the symbol, else all. */
function rowsFor(record: DriftRecord, rows: readonly ExportRow[]): { rows: readonly ExportRow[]; inFile: boolean } {
  if (record.file) {
    const inFile = rows.filter((r) => r.file === record.file);
    if (inFile.length) return { rows: inFile, inFile: true };
  }
  return { rows, inFile: false };
}

function compareRecord(current: DriftRecord, all: readonly ExportRow[] | undefined, version: string): Mismatch[] {
  const at = recordAt(current, version);
  if (!at) return [];
  const record = { ...current, ...at };
  const recorded = { type: record.type, namespace: record.namespace, status: record.status, file: record.file };
  const base = { symbol: record.symbol, record: record.source, recorded };
  const compared = (rows: readonly ExportRow[], agrees: (row: ExportRow) => boolean): ComparedRow[] =>
    rows.map((row) => ({ ...row, type: exportKind(row).type, agrees: agrees(row) }));
  // Compared with an older release, the record's dated history speaks, not its current fields.
  const says = at.asOf ? `its history says ${record.type} from ${at.asOf}` : `the record says ${record.type}`;

  if (!all?.length) {
    if (record.type === 'unexported' || (record.status !== 'testing' && record.status !== 'stable')) return [];
    return [
      {
        ...base,
        kind: 'not-exported',
        message: at.asOf
          ? `${says} (${record.status}) but ${version} does not export ${record.symbol}: check the history`
          : `the record is ${record.status} (${record.type}) but ${version} does not export ${record.symbol}: move it to obsolete or removed and say why in reason`,
        rows: [],
      },
    ];
  }
  if (record.type === 'unexported') {
    const elsewhere = record.file && !all.some((r) => r.file === record.file) ? ` (not in ${record.file}, the record's file)` : '';
    return [
      {
        ...base,
        kind: 're-exported',
        message: `${at.asOf ? `${says} (${record.status})` : `the record is ${record.status} (unexported)`} but ${version} exports ${record.symbol} again${elsewhere}, ${[...new Set(all.map((r) => exportKind(r).type))].join(' and ')}: ${at.asOf ? 'check the history' : 'record the new decision'}`,
        rows: compared(all, () => false),
      },
    ];
  }

  const { rows, inFile } = rowsFor(record, all);
  const scope = inFile
    ? ` in ${record.file}`
    : record.file
      ? ` (nothing in ${record.file}, the record's file; compared with every place)`
      : '';
  const mismatches: Mismatch[] = [];

  const typeRows = compared(rows, (row) => exportKind(row).type === record.type);
  const differing = typeRows.filter((r) => !r.agrees);
  if (differing.length) {
    const codeTypes = [...new Set(differing.map((r) => r.type))].join(' and ');
    const some = differing.length < typeRows.length ? ` in ${differing.length} of ${typeRows.length} places` : '';
    const hint = some && !inFile ? '; give the record a file: to compare the definition it is about' : '';
    mismatches.push({ ...base, kind: 'type', message: `${says}; the code has ${codeTypes}${some}${scope}${hint}`, rows: typeRows });
  }

  // Namespaces compare where both sides take the same kind (a namespace, or a module list).
  const takes = EXPORT_TYPE_INFO[record.type].takesNamespace;
  const wanted = effectiveNamespace(record);
  if (takes && wanted) {
    const sameKind = rows.filter((row) => EXPORT_TYPE_INFO[exportKind(row).type].takesNamespace === takes);
    const nsRows = compared(sameKind, (row) =>
      exportKind(row).alternatives.some((ns) => normalizeNamespace(ns) === normalizeNamespace(wanted)),
    );
    const off = nsRows.filter((r) => !r.agrees);
    if (off.length) {
      const code = [...new Set(off.map((r) => r.namespace))].join(' and ');
      const what = takes === 'modules' ? 'module list' : 'namespace';
      mismatches.push({
        ...base,
        kind: 'namespace',
        message: `the record's ${what} is ${record.namespace}; the code has ${code}${scope}`,
        rows: nsRows,
      });
    }
  }
  return mismatches;
}

export function computeDrift(rows: readonly ExportRow[], records: readonly DriftRecord[], version: string): DriftResult {
  const bySymbol = rowsBySymbol(rows);
  const mismatches = [...records]
    .sort((a, b) => compareSymbols(a.symbol, b.symbol))
    .flatMap((record) => compareRecord(record, bySymbol.get(record.symbol), version));
  const counts = Object.fromEntries(MISMATCH_KINDS.map((k) => [k, mismatches.filter((m) => m.kind === k).length])) as Record<
    MismatchKind,
    number
  >;

  const recorded = new Set(records.map((r) => r.symbol));
  const groups = new Map<string, UndocumentedExport[]>();
  for (const [symbol, list] of bySymbol) {
    if (recorded.has(symbol)) continue;
    const row = primaryRow(list);
    const kind = exportKind(row);
    const subsystem = pathSubsystem(row.file);
    let group = groups.get(subsystem);
    if (!group) groups.set(subsystem, (group = []));
    group.push({
      symbol,
      type: kind.type,
      namespace: kind.namespace,
      macro: row.macro,
      file: row.file,
      line: row.line,
      places: list.length,
    });
  }
  const undocumented = [...groups]
    .map(([subsystem, symbols]) => ({
      subsystem,
      count: symbols.length,
      symbols: symbols.sort((a, b) => compareSymbols(a.symbol, b.symbol)),
    }))
    .sort((a, b) => b.count - a.count || (a.subsystem < b.subsystem ? -1 : a.subsystem > b.subsystem ? 1 : 0));
  return {
    mismatches,
    counts,
    undocumented,
    undocumentedCount: undocumented.reduce((n, s) => n + s.count, 0),
    exportedSymbols: bySymbol.size,
  };
}

/** Keeps the undocumented symbols under a subsystem (drivers matches drivers/gpu; drivers/gpu matches itself). */
export function filterSubsystem(result: DriftResult, subsystem: string | undefined): DriftResult {
  if (!subsystem) return result;
  const prefix = subsystem.replace(/\/+$/, '');
  const undocumented = result.undocumented.filter((s) => s.subsystem === prefix || s.subsystem.startsWith(`${prefix}/`));
  return { ...result, undocumented, undocumentedCount: undocumented.reduce((n, s) => n + s.count, 0) };
}
