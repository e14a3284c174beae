// The module checker across releases: on which of the releases we hold does a module link? Each
// release is checked by the same checkSymbol as a single release (one decider), against that
// release's exports, rebuilt from the history store's intervals for the symbols asked only. The
// answer is a symbol × release matrix, each symbol's unchanged spans, the first release where it
// fails and why, and the MODULE_IMPORT_NS lines each release needs. No Node imports: the
// /check-module/ page runs it with the compact history file it downloads when "all releases" is chosen.
import {
  exportEntity,
  exportKind,
  exportNamesOf,
  moduleImportLine,
  NAMESPACE_STRING_LITERAL_SINCE,
  rowArch,
} from './kernel/export-model.ts';
import { EXPORT_ENTITIES, type ExportEntity, type ExportedType } from './kernel/export-model.ts';
import { compareReleases } from './kernel/versions.ts';
import { checkSymbol, describeInput, type CheckOptions, type ModuleInput, type SymbolCheck, type Verdict } from './check-module.ts';
import { addExport, frontCode, frontDecode, type ExportTable, type ExportVariant, type RecordFacts } from './check-module-table.ts';
import { EXPORT_TYPES, TIERS } from './vocabulary.ts';
import { isPageName } from './urls.ts';

/** One export (as the table knows it) and the releases, by position, it is exported in. */
export interface HistoryVariant extends Omit<ExportVariant, 'condition'> {
  /** Inclusive [first, last] positions in `releases`, sorted, not overlapping. */
  runs: [number, number][];
}

export interface HistoryTable {
  /** Oldest first, as the store orders them. */
  releases: string[];
  /** By the name in the export macro (a tracepoint's name, not __tracepoint_X). */
  byName: Map<string, HistoryVariant[]>;
  records: Map<string, RecordFacts>;
}

const variantKey = (v: Omit<ExportVariant, 'condition'>) => `${v.type}\t${v.namespace}\t${v.arch}\t${v.entity}\t${v.name}`;

function mergeRuns(runs: [number, number][]): [number, number][] {
  const sorted = [...runs].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [first, last] of sorted) {
    const previous = merged.at(-1);
    if (previous && first <= previous[1] + 1) previous[1] = Math.max(previous[1], last);
    else merged.push([first, last]);
  }
  return merged;
}

/** The table from the history store's releases and intervals (the export model reads each row), and the records. */
export function buildHistoryTable(
  store: {
    releases: readonly { release: string }[];
    intervals: readonly { symbol: string; macro: string; namespace: string; file: string; first: string; last: string }[];
  },
  records: ReadonlyMap<string, RecordFacts> = new Map(),
): HistoryTable {
  const releases = store.releases.map((r) => r.release);
  const positions = new Map(releases.map((r, i) => [r, i]));
  const variants = new Map<string, HistoryVariant>();
  // Tens of thousands of intervals share a few hundred macros and namespaces and fewer files than rows.
  const kinds = new Map<string, ExportedType>();
  const arches = new Map<string, string>();
  for (const i of store.intervals) {
    const kindKey = `${i.macro}\t${i.namespace}`;
    let type = kinds.get(kindKey);
    if (type === undefined) kinds.set(kindKey, (type = exportKind(i).type));
    let arch = arches.get(i.file);
    if (arch === undefined) arches.set(i.file, (arch = rowArch(i.file) ?? ''));
    const base = { type, namespace: i.namespace, arch, entity: exportEntity(i.macro), name: i.symbol };
    const key = variantKey(base);
    const run: [number, number] = [positions.get(i.first)!, positions.get(i.last)!];
    const known = variants.get(key);
    if (known) known.runs.push(run);
    else variants.set(key, { ...base, runs: [run] });
  }
  const byName = new Map<string, HistoryVariant[]>();
  for (const v of variants.values()) {
    v.runs = mergeRuns(v.runs);
    const list = byName.get(v.name);
    if (list) list.push(v);
    else byName.set(v.name, [v]);
  }
  return { releases, byName, records: new Map(records) };
}

const covers = (v: HistoryVariant, position: number) => v.runs.some(([first, last]) => first <= position && position <= last);

/**
 * The export table of the release at `position`, holding what the `symbols` asked need: every export
 * whose linker symbols may include one of them. The records are today's decisions: for an older
 * release only a "removed" record of a symbol exported before and not there is kept (it says why it is gone).
 */
export function tableAt(history: HistoryTable, position: number, symbols: readonly string[]): ExportTable {
  const version = history.releases[position]!;
  const table: ExportTable = { version, exports: new Map(), entities: new Map(), records: new Map() };
  const newest = position === history.releases.length - 1;
  const names = new Set(symbols.flatMap(exportNamesOf));
  for (const name of names) {
    const here = (history.byName.get(name) ?? []).filter((v) => covers(v, position));
    for (const { runs: _runs, ...base } of here) addExport(table, base);
    const record = history.records.get(name);
    const wasExported = () => (history.byName.get(name) ?? []).some((v) => v.runs[0]![0] < position);
    if (record && (newest || (record.tier === 'removed' && !here.length && wasExported()))) table.records.set(name, record);
  }
  return table;
}

// ---------------------------------------------------------------------------------------------
// The matrix

export interface MatrixOptions extends Omit<CheckOptions, 'hasPage'> {
  /** Which symbols have a page on the site. */
  hasPage: (symbol: string) => boolean;
  /** Positions in history.releases to check, oldest first; default every release. */
  positions?: number[];
  /**
   * false when the module's licence is not GPL-compatible: then a GPL-only export does not link.
   * Default: false when modpost said "GPL-incompatible module", otherwise unknown (GPL-only is an action).
   */
  gplCompatible?: boolean;
}

/** One symbol over consecutive releases (of those checked) where its verdict and labels stay the same. */
export interface SymbolSpan {
  first: string;
  last: string;
  /** How many releases of those checked it covers. */
  releases: number;
  verdict: Verdict;
  labels: string[];
  notes: string[];
}

export interface SymbolAcrossReleases {
  symbol: string;
  /** Per release checked, in order. */
  verdicts: Verdict[];
  spans: SymbolSpan[];
  /**
   * Where it breaks: the first release checked where it does not link after one where it did (and
   * that one), or, when it never linked before, the first release where it does not and the first
   * where it links (none when it links in no release checked); why in a few words, and what its
   * record says when the export was removed.
   */
  firstFailure?: { release: string; linkedIn?: string; linksFrom?: string; why: string; detail?: string };
  link?: string;
}

export interface ReleaseMatrix {
  releases: string[];
  arch: string;
  input: string;
  /** As decided (MatrixOptions.gplCompatible); undefined when not known. */
  gplCompatible?: boolean;
  symbols: SymbolAcrossReleases[];
  /** The releases checked where every symbol links. */
  links: string[];
  /** Spans of releases that need the same MODULE_IMPORT_NS lines. */
  imports: { first: string; last: string; lines: string[] }[];
  /** The preprocessor lines that import each namespace on both sides of the 6.13 change, when the releases span it. */
  conditionalImports: string[];
  ignored: number;
}

/** A GPL-only export is a failure, not an action, for a module known not to be GPL-compatible. */
function verdictFor(check: SymbolCheck, gplCompatible: boolean | undefined): Verdict {
  if (check.verdict === 'action' && check.gplOnly && gplCompatible === false) return 'blocked';
  return check.verdict;
}

/** The first failure after a release that links, else the first failure: positions in the verdicts. */
function firstFailure(verdicts: readonly Verdict[]): { at: number; linkedAt?: number } | undefined {
  for (let k = 1; k < verdicts.length; k++)
    if (verdicts[k] === 'blocked' && verdicts[k - 1] !== 'blocked') return { at: k, linkedAt: k - 1 };
  const at = verdicts.indexOf('blocked');
  return at < 0 ? undefined : { at };
}

/** The record's reason and replacement, when it says the export was removed. */
function failureDetail(check: SymbolCheck): string | undefined {
  if (check.record?.tier !== 'removed') return undefined;
  const parts = [check.record.reason, check.record.replacedBy ? `Use ${check.record.replacedBy} instead.` : undefined].filter(Boolean);
  return parts.length ? parts.join(' ') : undefined;
}

/** Why a symbol fails in a release, in a few words, given the check there and where it last linked. */
function failureReason(check: SymbolCheck, linkedBefore: SymbolCheck | undefined, gplCompatible: boolean | undefined): string {
  if (check.restrictedTo && check.verdict === 'blocked') return `${check.symbol} restricted to ${check.restrictedTo}`;
  if (!check.exported && check.arches?.length) return `${check.symbol} exported only by architecture code for ${check.arches.join(', ')}`;
  if (!check.exported) return `${check.symbol} ${linkedBefore ? 'no longer exported' : 'not exported'}`;
  if (check.gplOnly && gplCompatible === false)
    return `${check.symbol} ${linkedBefore && !linkedBefore.gplOnly ? 'became GPL-only' : 'is GPL-only'}, and the module's licence is not GPL-compatible`;
  return `${check.symbol}: ${check.labels.join(', ')}`;
}

const stateKey = (verdict: Verdict, check: SymbolCheck) => `${verdict}\t${check.labels.join('\t')}`;

export function checkAcrossReleases(input: ModuleInput, history: HistoryTable, options: MatrixOptions): ReleaseMatrix {
  const positions = options.positions ?? history.releases.map((_, i) => i);
  const releases = positions.map((p) => history.releases[p]!);
  const gplCompatible =
    options.gplCompatible ?? (input.symbols.some((s) => s.reported.some((r) => r.form === 'modpost-gpl')) ? false : undefined);
  const asked = input.symbols.map((s) => s.symbol);
  const checksPerRelease = positions.map((p) => {
    const table = tableAt(history, p, asked);
    return input.symbols.map((s) => checkSymbol(s.symbol, s.reported, table, options));
  });
  const symbols = input.symbols.map((s, n): SymbolAcrossReleases => {
    const checks = checksPerRelease.map((perSymbol) => perSymbol[n]!);
    const verdicts = checks.map((c) => verdictFor(c, gplCompatible));
    const spans: SymbolSpan[] = [];
    let key = '';
    checks.forEach((check, k) => {
      const here = stateKey(verdicts[k]!, check);
      const release = releases[k]!;
      if (spans.length && here === key) {
        const span = spans.at(-1)!;
        span.last = release;
        span.releases++;
        return;
      }
      key = here;
      spans.push({ first: release, last: release, releases: 1, verdict: verdicts[k]!, labels: check.labels, notes: check.notes });
    });
    const result: SymbolAcrossReleases = { symbol: s.symbol, verdicts, spans };
    const link = checks.at(-1)?.link;
    if (link) result.link = link;
    const failure = firstFailure(verdicts);
    if (failure) {
      const check = checks[failure.at]!;
      const before = failure.linkedAt === undefined ? undefined : checks[failure.linkedAt];
      result.firstFailure = {
        release: releases[failure.at]!,
        ...(failure.linkedAt === undefined ? {} : { linkedIn: releases[failure.linkedAt]! }),
        why: failureReason(check, before, gplCompatible),
      };
      const linksAt = verdicts.findIndex((v) => v !== 'blocked');
      if (failure.linkedAt === undefined && linksAt >= 0) result.firstFailure.linksFrom = releases[linksAt]!;
      const detail = failureDetail(check);
      if (detail) result.firstFailure.detail = detail;
    }
    return result;
  });
  const links = releases.filter((_, k) => symbols.every((s) => s.verdicts[k] !== 'blocked'));
  const importsPerRelease = checksPerRelease.map((perSymbol) =>
    [...new Set(perSymbol.flatMap((c) => (c.importLine ? [c.importLine] : [])))].sort(),
  );
  const imports: ReleaseMatrix['imports'] = [];
  importsPerRelease.forEach((lines, k) => {
    const previous = imports.at(-1);
    if (previous && k > 0 && importsPerRelease[k - 1]!.join('\n') === lines.join('\n') && previous.last === releases[k - 1]) {
      previous.last = releases[k]!;
      return;
    }
    if (lines.length) imports.push({ first: releases[k]!, last: releases[k]!, lines });
  });
  // Both spellings are needed when some release before 6.13 and some from 6.13 import a namespace.
  const before = (r: string) => compareReleases(r, NAMESPACE_STRING_LITERAL_SINCE) < 0;
  const importing = releases.filter((_, k) => importsPerRelease[k]!.length);
  const namespaces = [
    ...new Set(checksPerRelease.flatMap((perSymbol) => perSymbol.flatMap((c) => (c.importLine ? [c.namespace!] : [])))),
  ].sort();
  const spansChange = importing.some(before) && importing.some((r) => !before(r));
  return {
    releases,
    arch: options.arch ?? '',
    input: describeInput(input),
    ...(gplCompatible !== undefined ? { gplCompatible } : {}),
    symbols,
    links,
    imports,
    conditionalImports: namespaces.length && spansChange ? conditionalImports(namespaces) : [],
    ignored: input.ignored,
  };
}

/** For a module built for kernels on both sides of 6.13: each import written both ways, chosen by LINUX_VERSION_CODE. */
export function conditionalImports(namespaces: readonly string[]): string[] {
  const [major, minor] = /^v(\d+)\.(\d+)/.exec(NAMESPACE_STRING_LITERAL_SINCE)!.slice(1) as [string, string];
  return [
    `#if LINUX_VERSION_CODE >= KERNEL_VERSION(${major}, ${minor}, 0)`,
    ...namespaces.map((ns) => moduleImportLine(ns, NAMESPACE_STRING_LITERAL_SINCE)),
    '#else',
    ...namespaces.map((ns) => moduleImportLine(ns, 'v0.0')),
    '#endif',
  ];
}

// ---------------------------------------------------------------------------------------------
// Choosing releases: --releases all | v5.4.286,v6.19 | v5.4.286..v6.19 (inclusive, in the store's order)

export class ReleaseChoiceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReleaseChoiceError';
  }
}

/** Positions in `releases` (oldest first) that `choice` names; throws ReleaseChoiceError naming what is wrong. */
export function chooseReleases(choice: string, releases: readonly string[]): number[] {
  if (!releases.length) throw new ReleaseChoiceError('the history store holds no release');
  const find = (name: string) => {
    const wanted = name.trim().startsWith('v') ? name.trim() : `v${name.trim()}`;
    const at = releases.indexOf(wanted);
    if (at < 0) throw new ReleaseChoiceError(`no release ${wanted} in the history store; it holds ${releases.join(', ')}`);
    return at;
  };
  if (choice.trim() === 'all') return releases.map((_, i) => i);
  const chosen = new Set<number>();
  for (const part of choice.split(',')) {
    if (part.trim() === '')
      throw new ReleaseChoiceError(`--releases: an empty item in "${choice}" (give all, v5.4.286,v6.19 or v5.4.286..v6.19)`);
    const range = part.split('..');
    if (range.length > 2) throw new ReleaseChoiceError(`--releases: "${part}" is not a release or a range first..last`);
    if (range.length === 2) {
      const first = range[0]!.trim() === '' ? 0 : find(range[0]!);
      const last = range[1]!.trim() === '' ? releases.length - 1 : find(range[1]!);
      if (first > last)
        throw new ReleaseChoiceError(`--releases: ${releases[first]} comes after ${releases[last]}; write the older release first`);
      for (let i = first; i <= last; i++) chosen.add(i);
    } else chosen.add(find(part));
  }
  return [...chosen].sort((a, b) => a - b);
}

// ---------------------------------------------------------------------------------------------
// The download: the history table compact, grouped like the single-release table (EncodedTable),
// each group with the release positions it covers ("0-35", "3-10 12-35").

export interface EncodedHistory {
  format: 1;
  releases: string[];
  types: ExportedType[];
  entities: ExportEntity[];
  /** [type index, namespace column, architecture or "", entity index, runs, front-coded names] */
  groups: [number, string, string, number, string, string][];
  /** [symbol, tier index, type index in EXPORT_TYPES, replaced_by or "", reason or ""] */
  records: [string, number, number, string, string][];
}

const ENCODED_TYPES = EXPORT_TYPES.filter((t): t is ExportedType => t !== 'unexported');
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const formatRuns = (runs: readonly [number, number][]) => runs.map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`)).join(' ');
const parseRuns = (text: string): [number, number][] =>
  text.split(' ').map((run) => {
    const [a, b = a] = run.split('-').map(Number) as [number, number?];
    return [a, b];
  });

export function encodeHistoryTable(history: HistoryTable): EncodedHistory {
  const groups = new Map<string, string[]>();
  for (const variants of history.byName.values()) {
    for (const v of variants) {
      const key = `${ENCODED_TYPES.indexOf(v.type)}\t${v.namespace}\t${v.arch}\t${EXPORT_ENTITIES.indexOf(v.entity)}\t${formatRuns(v.runs)}`;
      const names = groups.get(key);
      if (names) names.push(v.name);
      else groups.set(key, [v.name]);
    }
  }
  return {
    format: 1,
    releases: [...history.releases],
    types: ENCODED_TYPES,
    entities: [...EXPORT_ENTITIES],
    groups: [...groups]
      .sort(([a], [b]) => byteOrder(a, b))
      .map(([key, names]) => {
        const [type, namespace, arch, entity, runs] = key.split('\t') as [string, string, string, string, string];
        return [Number(type), namespace, arch, Number(entity), runs, frontCode([...new Set(names)].sort(byteOrder))];
      }),
    records: [...history.records]
      .sort(([a], [b]) => byteOrder(a, b))
      .map(([symbol, r]) => [symbol, TIERS.indexOf(r.tier), EXPORT_TYPES.indexOf(r.type), r.replacedBy ?? '', r.reason ?? '']),
  };
}

export function decodeHistoryTable(encoded: EncodedHistory): HistoryTable {
  if (encoded.format !== 1) throw new Error(`unknown history table format ${String(encoded.format)}`);
  const byName = new Map<string, HistoryVariant[]>();
  for (const [type, namespace, arch, entity, runs, coded] of encoded.groups) {
    const parsed = parseRuns(runs);
    for (const name of frontDecode(coded)) {
      const variant: HistoryVariant = {
        type: encoded.types[type]!,
        namespace,
        arch,
        entity: encoded.entities[entity]!,
        name,
        runs: parsed,
      };
      const list = byName.get(name);
      if (list) list.push(variant);
      else byName.set(name, [variant]);
    }
  }
  const records = new Map<string, RecordFacts>();
  for (const [symbol, tier, type, replacedBy, reason] of encoded.records) {
    const facts: RecordFacts = { tier: TIERS[tier]!, type: EXPORT_TYPES[type]! };
    if (replacedBy) facts.replacedBy = replacedBy;
    if (reason) facts.reason = reason;
    records.set(symbol, facts);
  }
  return { releases: [...encoded.releases], byName, records };
}

/** Which names have a page on the site, as far as the history table knows: a record, or exported in the newest release. */
export function historyHasPage(history: HistoryTable): (name: string) => boolean {
  const newest = history.releases.length - 1;
  return (name) => history.records.has(name) || ((history.byName.get(name) ?? []).some((v) => covers(v, newest)) && isPageName(name));
}
