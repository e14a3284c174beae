// Drift's comparison: the records against export rows (export types and namespaces that differ, records
// whose symbol is gone while their tier still promises it, removed records exported again, and exported
// symbols without a record, counted per subsystem).
import { type ExportRow } from '../kernel/snapshot.ts';
import { compareReleases, isBuiltOn } from '../kernel/versions.ts';
import {
  exportKind,
  normalizeNamespace,
  pathSubsystem,
  primaryRow,
  rowBuiltFor,
  rowsBySymbol,
  type ExportedType,
} from '../kernel/export-model.ts';
import { effectiveNamespace, compareSymbols } from '../symbols.ts';
import { EXPORT_TYPE_INFO, type ExportType, type Tier } from '../vocabulary.ts';
import type { HistoryEntry, RecordData } from '../schema.ts';

/** The part of a record drift reads (history: dated steps, oldest first, to compare an older release with what held then), and its file. */
export type DriftRecord = Pick<RecordData, 'symbol' | 'type' | 'namespace' | 'status' | 'file' | 'since' | 'arches'> & {
  history?: Pick<HistoryEntry, 'version' | 'type' | 'status'>[];
  /** The record's file in the repository. */
  source: string;
};

/**
 * What the record says held in `version`: its current fields, unless its history dates a change
 * that is not in that release's past; then the type (and tier) of the last dated step that is,
 * without a namespace (history does not give one). A release's past is what it is built on
 * (isBuiltOn): v5.11 does not contain the v5.10.220 stable backport, v5.12.9 contains v5.12.
 * Undefined when the record says nothing about that release (exported only since a later one, or
 * its dated history starts later). With `historical`, see CompareOptions.
 */
export function recordAt(
  record: DriftRecord,
  version: string,
  options: CompareOptions = {},
): (Pick<DriftRecord, 'type' | 'status' | 'namespace'> & { asOf?: string }) | undefined {
  const current = { type: record.type, status: record.status, namespace: record.namespace };
  if (!/^v\d/.test(version)) return current;
  if (record.since && compareReleases(version, record.since) < 0) return undefined;
  const dated = (record.history ?? []).filter((h) => h.version && (h.type || h.status));
  if (!options.historical && dated.every((h) => isBuiltOn(version, h.version!))) return current;
  // The steps in the release's past form one line of descent: version order is their order.
  const upTo = dated.filter((h) => isBuiltOn(version, h.version!)).sort((a, b) => compareReleases(a.version!, b.version!));
  const step = upTo.findLast((h) => h.type);
  if (!step) {
    // An older release: the current fields hold there only when nothing dates a change of type and
    // the record says since when it is exported (an undated removal may have come after it).
    const undated = options.historical && !dated.some((h) => h.type) && record.type !== 'unexported' && record.since;
    return undated && isBuiltOn(version, record.since!) ? current : undefined;
  }
  const status = upTo.findLast((h) => h.status)?.status ?? record.status;
  return { type: step.type!, status, namespace: step.type === record.type ? record.namespace : undefined, asOf: step.version };
}

export interface CompareOptions {
  /**
   * The release is older than the newest one held (drift --release): a record's current fields are
   * not assumed to hold there; only its dated history (and since) speak for it.
   */
  historical?: boolean;
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

function compareRecord(
  current: DriftRecord,
  every: readonly ExportRow[] | undefined,
  version: string,
  options: CompareOptions,
): Mismatch[] {
  const at = recordAt(current, version, options);
  if (!at) return [];
  // Only the architectures the record is about (its arches, or all): another architecture's function of the same name is not its business.
  const arches = current.arches;
  const all = arches ? every?.filter((r) => arches.some((a) => rowBuiltFor(r.file, a))) : every;
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

export function computeDrift(
  rows: readonly ExportRow[],
  records: readonly DriftRecord[],
  version: string,
  options: CompareOptions = {},
): DriftResult {
  const bySymbol = rowsBySymbol(rows);
  const mismatches = [...records]
    .sort((a, b) => compareSymbols(a.symbol, b.symbol))
    .flatMap((record) => compareRecord(record, bySymbol.get(record.symbol), version, options));
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
