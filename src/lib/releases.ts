// What changed between kernel releases: the committed snapshots compared pairwise (exports added,
// removed, retyped), each symbol's export across the snapshots, and the records whose history names
// a release. Everything is computed once per build from indexes built once per snapshot; a symbol
// page only looks its symbol up.
import type { ExportRow, Snapshot } from './kernel/snapshot.ts';
import { describeNamespace, pathSubsystem } from './kernel/export-model.ts';
import { compareReleases } from './kernel/versions.ts';
import type { HistoryEntry, RecordData } from './schema.ts';
import { compareSymbols } from './symbols.ts';
import { slugify } from './urls.ts';
import { CHANGE_KINDS, type ChangeKind } from './history/timeline.ts';

/** How a symbol is exported in one place: the macro and the namespace ('' for none). */
export interface ExportForm {
  macro: string;
  namespace: string;
}

export interface SnapshotIndex {
  release: string;
  source: string;
  /** Export-macro uses (rows of the snapshot). */
  rowCount: number;
  /** Every row of the snapshot, by symbol (a symbol exported per architecture has several). */
  bySymbol: ReadonlyMap<string, readonly ExportRow[]>;
}

export function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const bySymbol = new Map<string, ExportRow[]>();
  for (const row of snapshot.rows) {
    const list = bySymbol.get(row.symbol);
    if (list) list.push(row);
    else bySymbol.set(row.symbol, [row]);
  }
  return { release: snapshot.version, source: snapshot.source, rowCount: snapshot.rows.length, bySymbol };
}

/** Snapshots oldest first (as loadSnapshots returns them), indexed. */
export function indexSnapshots(snapshots: readonly Snapshot[]): SnapshotIndex[] {
  return [...snapshots].sort((a, b) => compareReleases(a.version, b.version)).map(indexSnapshot);
}

/** The distinct macro/namespace pairs of some rows, in a stable order. */
export function exportForms(rows: readonly ExportRow[] | undefined): ExportForm[] {
  const seen = new Map<string, ExportForm>();
  for (const r of rows ?? []) seen.set(`${r.macro}\t${r.namespace}`, { macro: r.macro, namespace: r.namespace });
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, form]) => form);
}

const formsKey = (forms: readonly ExportForm[]) => forms.map((f) => `${f.macro}\t${f.namespace}`).join('\n');

/** `EXPORT_SYMBOL_GPL`, or `EXPORT_SYMBOL_NS_GPL (DMA_BUF)` with the namespace or module restriction in words. */
export function formatForm(form: ExportForm): string {
  return form.namespace ? `${form.macro} (${describeNamespace(form.namespace)})` : form.macro;
}

export function formatForms(forms: readonly ExportForm[]): string {
  return forms.length ? forms.map(formatForm).join(' + ') : 'not exported';
}

// ---------------------------------------------------------------------------------------------
// One symbol across the snapshots

export type TimelineChange = 'first' | 'added' | 'removed' | 'retyped' | 'unchanged' | 'absent';

export interface TimelineStep {
  release: string;
  /** Empty when the release does not export the symbol. */
  forms: ExportForm[];
  /** Against the previous snapshot; 'first' for the oldest snapshot when it exports the symbol. */
  change: TimelineChange;
}

export function symbolTimeline(indexes: readonly SnapshotIndex[], symbol: string): TimelineStep[] {
  let previous: ExportForm[] | undefined;
  return indexes.map((index, i) => {
    const forms = exportForms(index.bySymbol.get(symbol));
    let change: TimelineChange;
    if (forms.length === 0) change = previous?.length ? 'removed' : 'absent';
    else if (i === 0) change = 'first';
    else if (!previous?.length) change = 'added';
    else change = formsKey(previous) === formsKey(forms) ? 'unchanged' : 'retyped';
    previous = forms;
    return { release: index.release, forms, change };
  });
}

/** True when no snapshot exports the symbol (a record about an export that predates them all). */
export function neverExported(timeline: readonly TimelineStep[]): boolean {
  return timeline.every((step) => step.forms.length === 0);
}

// ---------------------------------------------------------------------------------------------
// Two consecutive snapshots

export interface SymbolChange {
  symbol: string;
  /** Source area (two directory levels: drivers/net, arch/x86, mm) where the change is. */
  area: string;
  /** The file of the first row (newer snapshot, or the older one for a removal). */
  file: string;
  before: ExportForm[];
  after: ExportForm[];
  /** What kind of change it is (set by the history store's diffs, src/lib/history/changes.ts). */
  kinds?: ChangeKind[];
}

export interface ReleaseDiff {
  from: string;
  to: string;
  added: SymbolChange[];
  removed: SymbolChange[];
  retyped: SymbolChange[];
}

export function diffSnapshots(older: SnapshotIndex, newer: SnapshotIndex): ReleaseDiff {
  const added: SymbolChange[] = [];
  const removed: SymbolChange[] = [];
  const retyped: SymbolChange[] = [];
  for (const [symbol, rows] of newer.bySymbol) {
    const beforeRows = older.bySymbol.get(symbol);
    const after = exportForms(rows);
    const file = rows[0]!.file;
    if (!beforeRows) {
      added.push({ symbol, area: pathSubsystem(file), file, before: [], after });
      continue;
    }
    const before = exportForms(beforeRows);
    if (formsKey(before) !== formsKey(after)) retyped.push({ symbol, area: pathSubsystem(file), file, before, after });
  }
  for (const [symbol, rows] of older.bySymbol) {
    if (newer.bySymbol.has(symbol)) continue;
    removed.push({ symbol, area: pathSubsystem(rows[0]!.file), file: rows[0]!.file, before: exportForms(rows), after: [] });
  }
  const order = (a: SymbolChange, b: SymbolChange) => compareSymbols(a.symbol, b.symbol);
  return { from: older.release, to: newer.release, added: added.sort(order), removed: removed.sort(order), retyped: retyped.sort(order) };
}

export interface AreaChanges {
  area: string;
  slug: string;
  added: SymbolChange[];
  removed: SymbolChange[];
  retyped: SymbolChange[];
}

/** The diff split by source area, areas in path order; slugs are unique within a release. */
export function changesByArea(diff: ReleaseDiff): AreaChanges[] {
  const areas = new Map<string, AreaChanges>();
  const get = (area: string) => {
    let a = areas.get(area);
    if (!a) areas.set(area, (a = { area, slug: '', added: [], removed: [], retyped: [] }));
    return a;
  };
  for (const c of diff.added) get(c.area).added.push(c);
  for (const c of diff.removed) get(c.area).removed.push(c);
  for (const c of diff.retyped) get(c.area).retyped.push(c);
  const list = [...areas.values()].sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));
  const used = new Set<string>();
  for (const a of list) {
    let slug = slugify(a.area);
    for (let n = 2; used.has(slug); n++) slug = `${slugify(a.area)}-${n}`;
    used.add(slug);
    a.slug = slug;
  }
  return list;
}

export interface RetypeKind {
  from: string;
  to: string;
  count: number;
}

/** Retypes grouped by what they were and became (EXPORT_SYMBOL -> EXPORT_SYMBOL_GPL: 110), most first. */
export function retypeKinds(changes: readonly SymbolChange[]): RetypeKind[] {
  const kinds = new Map<string, RetypeKind>();
  for (const c of changes) {
    const from = formatForms(c.before);
    const to = formatForms(c.after);
    const key = `${from}\n${to}`;
    const kind = kinds.get(key);
    if (kind) kind.count++;
    else kinds.set(key, { from, to, count: 1 });
  }
  return [...kinds.values()].sort((a, b) => b.count - a.count || (a.from + a.to < b.from + b.to ? -1 : 1));
}

/** The most frequent kinds, and how many kinds and symbols the rest cover. */
export function topRetypeKinds(
  changes: readonly SymbolChange[],
  limit: number,
): { kinds: RetypeKind[]; otherKinds: number; otherSymbols: number } {
  const all = retypeKinds(changes);
  const rest = all.slice(limit);
  return { kinds: all.slice(0, limit), otherKinds: rest.length, otherSymbols: rest.reduce((n, k) => n + k.count, 0) };
}

// ---------------------------------------------------------------------------------------------
// Releases: every snapshot release, and every release a record names

export interface ReleaseRecordEvent {
  symbol: string;
  /** 'history': a history entry names the release; 'since': the record's first release;
   *  'snapshot': the snapshot diff of this release adds, removes or retypes the symbol. */
  kind: 'history' | 'since' | 'snapshot';
  /** The history entry, for kind 'history'. */
  entry?: HistoryEntry;
  /** The snapshot change, for kind 'snapshot'. */
  change?: { kind: 'added' | 'removed' | 'retyped'; before: ExportForm[]; after: ExportForm[] };
}

export interface Release {
  release: string;
  /** Set when a snapshot of this release is committed. */
  snapshot?: { source: string; rows: number; symbols: number };
  /** Against the previous snapshot, when this is not the oldest one. */
  diff?: ReleaseDiff;
  areas: AreaChanges[];
  /** Records about this release, in symbol order (one symbol may have several events). */
  records: ReleaseRecordEvent[];
}

/** A release we hold the exports of, and its changes since the previous one held. */
export interface ReleaseStep {
  release: string;
  snapshot: { source: string; rows: number; symbols: number };
  diff?: ReleaseDiff;
}

/** The committed snapshots as release steps (the site without a history store). */
export function snapshotSteps(indexes: readonly SnapshotIndex[]): ReleaseStep[] {
  return indexes.map((index, i) => ({
    release: index.release,
    snapshot: { source: index.source, rows: index.rowCount, symbols: index.bySymbol.size },
    diff: i > 0 ? diffSnapshots(indexes[i - 1]!, index) : undefined,
  }));
}

/** Every release worth a page, newest first: the releases held and those named by records. */
export function buildReleases(records: readonly RecordData[], steps: readonly ReleaseStep[]): Release[] {
  const releases = new Map<string, Release>();
  const get = (release: string) => {
    let r = releases.get(release);
    if (!r) releases.set(release, (r = { release, areas: [], records: [] }));
    return r;
  };
  for (const step of steps) {
    const r = get(step.release);
    r.snapshot = step.snapshot;
    if (step.diff) {
      r.diff = step.diff;
      r.areas = changesByArea(step.diff);
    }
  }
  const recorded = new Set(records.map((r) => r.symbol));
  for (const record of records) {
    if (record.since) get(record.since).records.push({ symbol: record.symbol, kind: 'since' });
    for (const entry of record.history ?? [])
      if (entry.version) get(entry.version).records.push({ symbol: record.symbol, kind: 'history', entry });
  }
  for (const r of releases.values()) {
    if (!r.diff) continue;
    for (const [kind, list] of [
      ['added', r.diff.added],
      ['removed', r.diff.removed],
      ['retyped', r.diff.retyped],
    ] as const) {
      for (const c of list)
        if (recorded.has(c.symbol))
          r.records.push({ symbol: c.symbol, kind: 'snapshot', change: { kind, before: c.before, after: c.after } });
    }
  }
  for (const r of releases.values()) r.records.sort((a, b) => compareSymbols(a.symbol, b.symbol));
  return [...releases.values()].sort((a, b) => compareReleases(b.release, a.release));
}

/** A snapshot's source line as a page shows it after "Source:" (scans write it as "source: github:…"). */
export function sourceText(source: string): string {
  return source.replace(/^source:\s*/i, '');
}

/** One line saying what a release means for a record. */
export function describeReleaseEvent(event: ReleaseRecordEvent, release: string): string {
  switch (event.kind) {
    case 'since':
      return `First exported in ${release}, as the record states.`;
    case 'history': {
      const h = event.entry!;
      const state = [h.type, h.status && `tier ${h.status}`].filter(Boolean).join(', ');
      return `${h.date}: ${h.change}${state ? ` (${state})` : ''}`;
    }
    case 'snapshot': {
      const c = event.change!;
      if (c.kind === 'added') return `Exported in ${release}, not in the release before it: ${formatForms(c.after)}.`;
      if (c.kind === 'removed') return `No longer exported in ${release} (was ${formatForms(c.before)}).`;
      return `Its export changes in ${release}: ${formatForms(c.before)} → ${formatForms(c.after)}.`;
    }
  }
}

/** How many symbols changed in each way (a symbol can change in two ways at once), in CHANGE_KINDS order; kinds with none left out. */
export function kindCounts(diff: ReleaseDiff): { kind: ChangeKind; count: number }[] {
  const counts = new Map<ChangeKind, number>();
  for (const c of [...diff.added, ...diff.removed, ...diff.retyped]) for (const k of c.kinds ?? []) counts.set(k, (counts.get(k) ?? 0) + 1);
  return CHANGE_KINDS.filter((k) => counts.has(k)).map((kind) => ({ kind, count: counts.get(kind)! }));
}

/** Counts for the index of releases. */
export function releaseCounts(r: Release): { added: number; removed: number; retyped: number; records: number } {
  return {
    added: r.diff?.added.length ?? 0,
    removed: r.diff?.removed.length ?? 0,
    retyped: r.diff?.retyped.length ?? 0,
    records: new Set(r.records.map((e) => e.symbol)).size,
  };
}
