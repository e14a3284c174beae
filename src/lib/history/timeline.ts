// One symbol's life across the releases of the history store, derived from its intervals (never
// from 36 materialised snapshots): the grid a page draws (releases across, architecture and export
// form down), where the export sat in each release (file:line), and the changes between two
// releases we hold, which the facts (facts.ts) and the release pages (changes.ts) put into words.
// No Node imports.
import { exportKind, rowArch } from '../kernel/export-model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import { releasePositions, type ExportInterval, type HistoryStore, type ReleaseEntry } from './model.ts';

/** Generic code (built for every architecture) as a scope. */
export const GENERIC_SCOPE = '';

/** An interval with its releases as positions in the store's order. */
export interface PlacedInterval {
  interval: ExportInterval;
  first: number;
  last: number;
}

/** The store indexed for per-symbol and per-release questions; built once per build. */
export interface HistoryIndex {
  /** Oldest first. */
  releases: readonly ReleaseEntry[];
  positions: ReadonlyMap<string, number>;
  bySymbol: ReadonlyMap<string, readonly PlacedInterval[]>;
  /** Intervals starting at a position (index = position). */
  starting: readonly (readonly PlacedInterval[])[];
  /** Intervals ending at a position (index = position). */
  ending: readonly (readonly PlacedInterval[])[];
  /** The grid's columns, one per release; shared by every timeline (54,000 of them in a build). */
  columns: readonly TimelineColumn[];
}

export function indexHistory(store: HistoryStore): HistoryIndex {
  const positions = releasePositions(store.releases);
  const bySymbol = new Map<string, PlacedInterval[]>();
  const starting: PlacedInterval[][] = store.releases.map(() => []);
  const ending: PlacedInterval[][] = store.releases.map(() => []);
  for (const interval of store.intervals) {
    const placed = { interval, first: positions.get(interval.first)!, last: positions.get(interval.last)! };
    const list = bySymbol.get(interval.symbol);
    if (list) list.push(placed);
    else bySymbol.set(interval.symbol, [placed]);
    starting[placed.first]!.push(placed);
    ending[placed.last]!.push(placed);
  }
  return { releases: store.releases, positions, bySymbol, starting, ending, columns: timelineColumns(store.releases) };
}

/** The line an interval's row is at in the release at `position`. */
export function lineAt(placed: PlacedInterval, position: number, positions: ReadonlyMap<string, number>): number {
  let line = placed.interval.lines[0]!.line;
  for (const change of placed.interval.lines) {
    if (positions.get(change.release)! > position) break;
    line = change.line;
  }
  return line;
}

/** The symbol's export rows in the release at `position` (empty when not exported there). */
export function rowsAtPosition(index: HistoryIndex, symbol: string, position: number): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const p of index.bySymbol.get(symbol) ?? []) {
    if (p.first <= position && position <= p.last) {
      const i = p.interval;
      rows.push({ symbol, macro: i.macro, namespace: i.namespace, file: i.file, line: lineAt(p, position, index.positions) });
    }
  }
  return rows;
}

/** The newest release exporting the symbol, read off its intervals (no timeline derived); undefined when none does. */
export function newestExporting(index: HistoryIndex, symbol: string): string | undefined {
  let last = -1;
  for (const p of index.bySymbol.get(symbol) ?? []) last = Math.max(last, p.last);
  return index.releases[last]?.release;
}

// ---------------------------------------------------------------------------------------------
// What changed between two releases, for one symbol

/** The kinds of change a release page counts and a symbol's facts name. */
export const CHANGE_KINDS = [
  'added',
  'removed',
  'gpl-only',
  'lost-gpl',
  'namespace-gained',
  'namespace-lost',
  'namespace-changed',
  'module-restricted',
  'restriction-lifted',
  'architecture',
  'other',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const CHANGE_KIND_LABELS: Record<ChangeKind, string> = {
  added: 'added',
  removed: 'removed',
  'gpl-only': 'became GPL-only',
  'lost-gpl': 'lost _GPL',
  'namespace-gained': 'gained a namespace',
  'namespace-lost': 'lost its namespace',
  'namespace-changed': 'changed namespace',
  'module-restricted': 'became module-restricted',
  'restriction-lifted': 'lost its module restriction',
  architecture: 'changed architecture',
  other: 'changed export macro',
};

/** How a release exports a symbol, as far as a module author cares. */
export interface ExportState {
  /** 'all' when every row is GPL-only, 'some' when only some configurations are. */
  gpl: 'all' | 'some' | 'none';
  /** Namespaces a module can import (module restrictions are not namespaces), sorted. */
  namespaces: string[];
  /** The modules a module restriction allows ('' when unrestricted), sorted and joined. */
  restricted: string;
  /** Architectures whose own code exports it, sorted; GENERIC_SCOPE first when generic code does. */
  scopes: string[];
  /** Macro and namespace of each row, sorted: any difference here is a change of export. */
  forms: string[];
}

const sortedUnique = (items: Iterable<string>) => [...new Set(items)].sort();

export function exportState(rows: readonly ExportRow[]): ExportState | undefined {
  if (rows.length === 0) return undefined;
  const kinds = rows.map((r) => exportKind(r));
  const gplCount = kinds.filter((k) => k.gplOnly).length;
  return {
    gpl: gplCount === kinds.length ? 'all' : gplCount > 0 ? 'some' : 'none',
    namespaces: sortedUnique(kinds.flatMap((k) => (k.modules || !k.namespace ? [] : [k.namespace]))),
    // In the export's own order (kvm first), so describeModules reads it as KVM and its vendor modules.
    restricted: [...new Set(kinds.flatMap((k) => k.modules ?? []))].join(','),
    scopes: sortedUnique(rows.map((r) => rowArch(r.file) ?? GENERIC_SCOPE)),
    forms: sortedUnique(rows.map((r) => `${r.macro}\t${r.namespace}`)),
  };
}

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Every kind of change from one release's state to the next one's (none when nothing a module sees changed). */
export function classifyChange(before: ExportState | undefined, after: ExportState | undefined): ChangeKind[] {
  if (!before && !after) return [];
  if (!before) return ['added'];
  if (!after) return ['removed'];
  const kinds: ChangeKind[] = [];
  // A module restriction is GPL-only too; it is said once, as the restriction.
  const restrictedNow = !before.restricted && !!after.restricted;
  if (before.gpl !== 'all' && after.gpl === 'all' && !restrictedNow) kinds.push('gpl-only');
  else if (before.gpl !== 'none' && after.gpl === 'none') kinds.push('lost-gpl');
  if (!before.namespaces.length && after.namespaces.length) kinds.push('namespace-gained');
  else if (before.namespaces.length && !after.namespaces.length) kinds.push('namespace-lost');
  else if (!same(before.namespaces, after.namespaces)) kinds.push('namespace-changed');
  if (restrictedNow) kinds.push('module-restricted');
  else if (before.restricted && !after.restricted) kinds.push('restriction-lifted');
  if (!same(before.scopes, after.scopes)) kinds.push('architecture');
  if (kinds.length === 0 && !same(before.forms, after.forms)) kinds.push('other');
  return kinds;
}

// ---------------------------------------------------------------------------------------------
// One symbol's timeline

/** A column of the grid: one release, shown under its line (6.1) with its point (.158). */
export interface TimelineColumn {
  release: string;
  line: string;
  /** What the release adds to its line's name: ".158" for v6.1.158, "" for v6.19. */
  point: string;
}

/** A row of the grid: one architecture scope and one export form. */
export interface TimelineRow {
  scope: string;
  macro: string;
  namespace: string;
  gplOnly: boolean;
  /** Per column: exported there in this form. */
  present: boolean[];
}

/** Where the export sat (file:line, every row) over a run of consecutive releases. */
export interface PlaceRun {
  first: string;
  last: string;
  places: { file: string; line: number }[];
}

/** A change between two consecutive releases of the store (one of them at least exports the symbol). */
export interface TimelineChange {
  /** The release before the change (held, and the last one before `to`). */
  from: string;
  to: string;
  kinds: ChangeKind[];
  before?: ExportState;
  after?: ExportState;
}

export interface SymbolTimeline {
  symbol: string;
  columns: readonly TimelineColumn[];
  rows: TimelineRow[];
  /** Per column: exported there at all. */
  exported: boolean[];
  places: PlaceRun[];
  changes: TimelineChange[];
}

export function timelineColumns(releases: readonly ReleaseEntry[]): TimelineColumn[] {
  return releases.map((r) => ({ release: r.release, line: r.line, point: r.release.slice(`v${r.line}`.length) }));
}

/** The symbol's timeline over every release of the store, or undefined when no release exports it. */
export function symbolTimeline(index: HistoryIndex, symbol: string): SymbolTimeline | undefined {
  const own = index.bySymbol.get(symbol);
  if (!own?.length) return undefined;
  // Each release's rows as rowsAtPosition gives them (in the order of `own`), walking each interval's
  // lines once instead of once per release; `held` numbers the intervals each release holds.
  const perRelease: ExportRow[][] = index.releases.map(() => []);
  const held: number[][] = index.releases.map(() => []);
  own.forEach((p, k) => {
    const { macro, namespace, file, lines } = p.interval;
    // As lineAt: a release's line is the last of the longest run of changes not after it.
    const at = (n: number) => (n < lines.length ? (index.positions.get(lines[n]!.release) ?? -Infinity) : Infinity);
    let line = lines[0]!.line;
    let next = 1;
    let nextAt = at(next);
    for (let position = p.first; position <= p.last; position++) {
      while (nextAt <= position) {
        line = lines[next]!.line;
        nextAt = at(++next);
      }
      perRelease[position]!.push({ symbol, macro, namespace, file, line });
      held[position]!.push(k);
    }
  });
  const rowKeys = own.map(({ interval: i }) => `${rowArch(i.file) ?? GENERIC_SCOPE}\t${i.macro}\t${i.namespace}`);
  const rows = new Map<string, TimelineRow>();
  held.forEach((numbers, p) => {
    for (const k of numbers) {
      const key = rowKeys[k]!;
      let row = rows.get(key);
      if (!row) {
        const { macro, namespace, file } = own[k]!.interval;
        const scope = rowArch(file) ?? GENERIC_SCOPE;
        rows.set(
          key,
          (row = { scope, macro, namespace, gplOnly: exportKind({ macro, namespace }).gplOnly, present: held.map(() => false) }),
        );
      }
      row.present[p] = true;
    }
  });
  const firstSeen = (row: TimelineRow) => row.present.indexOf(true);
  const ordered = [...rows.values()].sort(
    (a, b) =>
      (a.scope === b.scope ? 0 : a.scope === GENERIC_SCOPE ? -1 : b.scope === GENERIC_SCOPE ? 1 : a.scope < b.scope ? -1 : 1) ||
      firstSeen(a) - firstSeen(b) ||
      (a.macro + a.namespace < b.macro + b.namespace ? -1 : 1),
  );
  const places: PlaceRun[] = [];
  const samePlaces = (a: PlaceRun['places'], b: PlaceRun['places']) =>
    a.length === b.length && a.every((x, n) => x.file === b[n]!.file && x.line === b[n]!.line);
  perRelease.forEach((list, p) => {
    if (list.length === 0) return;
    const here = list
      .map((r) => ({ file: r.file, line: r.line }))
      .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    const run = places.at(-1);
    if (run && run.last === index.releases[p - 1]?.release && samePlaces(run.places, here)) run.last = index.releases[p]!.release;
    else places.push({ first: index.releases[p]!.release, last: index.releases[p]!.release, places: here });
  });
  // A state depends on the intervals held only (not their lines): a release holding the same ones as
  // the one before shares its state, and nothing changed between them.
  const states: (ExportState | undefined)[] = [];
  held.forEach((numbers, p) => {
    const before = held[p - 1];
    const same = before !== undefined && before.length === numbers.length && before.every((k, n) => numbers[n] === k);
    states.push(same ? states[p - 1] : exportState(perRelease[p]!));
  });
  const changes: TimelineChange[] = [];
  for (let p = 1; p < states.length; p++) {
    if (states[p] === states[p - 1]) continue;
    const kinds = classifyChange(states[p - 1], states[p]);
    if (kinds.length)
      changes.push({
        from: index.releases[p - 1]!.release,
        to: index.releases[p]!.release,
        kinds,
        before: states[p - 1],
        after: states[p],
      });
  }
  return {
    symbol,
    columns: index.columns,
    rows: ordered,
    exported: perRelease.map((l) => l.length > 0),
    places,
    changes,
  };
}
