// What changed from each release of the history store to the next one held, for every symbol,
// derived from the intervals that start or end there (a release's changes are the runs that begin
// in it or ended just before it; nothing else can differ). Feeds the release pages and feeds.
import { pathSubsystem } from '../kernel/export-model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import { exportForms, type ReleaseDiff, type ReleaseStep, type SymbolChange } from '../releases.ts';
import { compareSymbols } from '../symbols.ts';
import { classifyChange, exportState, rowsAtPosition, type HistoryIndex } from './timeline.ts';

/** The changes from the release before `position` to the one at it. */
export function releaseChanges(index: HistoryIndex, position: number): ReleaseDiff {
  const candidates = new Set<string>();
  for (const p of index.starting[position] ?? []) candidates.add(p.interval.symbol);
  for (const p of index.ending[position - 1] ?? []) candidates.add(p.interval.symbol);
  const added: SymbolChange[] = [];
  const removed: SymbolChange[] = [];
  const retyped: SymbolChange[] = [];
  for (const symbol of candidates) {
    const before = rowsAtPosition(index, symbol, position - 1);
    const after = rowsAtPosition(index, symbol, position);
    const kinds = classifyChange(exportState(before), exportState(after));
    if (kinds.length === 0) continue;
    const file = primaryFile(after.length ? after : before);
    const change: SymbolChange = { symbol, area: pathSubsystem(file), file, before: exportForms(before), after: exportForms(after), kinds };
    if (kinds[0] === 'added') added.push(change);
    else if (kinds[0] === 'removed') removed.push(change);
    else retyped.push(change);
  }
  const order = (a: SymbolChange, b: SymbolChange) => compareSymbols(a.symbol, b.symbol);
  return {
    from: index.releases[position - 1]!.release,
    to: index.releases[position]!.release,
    added: added.sort(order),
    removed: removed.sort(order),
    retyped: retyped.sort(order),
  };
}

/** Generic code's file when there is one (the area a reader looks in), else the first architecture's. */
function primaryFile(rows: readonly ExportRow[]): string {
  const sorted = [...rows].sort(
    (a, b) => Number(a.file.startsWith('arch/')) - Number(b.file.startsWith('arch/')) || (a.file < b.file ? -1 : 1),
  );
  return sorted[0]!.file;
}

/** Every release of the store as a release page's step: its size, and its changes since the one before. */
export function historySteps(index: HistoryIndex): ReleaseStep[] {
  // Distinct symbols per release, counted without a set of names per release (1.2 million adds at kernel scale).
  const symbols = index.releases.map(() => 0);
  const countedFor = index.releases.map(() => -1);
  let symbolNumber = 0;
  for (const placed of index.bySymbol.values()) {
    for (const p of placed)
      for (let i = p.first; i <= p.last; i++)
        if (countedFor[i] !== symbolNumber) {
          countedFor[i] = symbolNumber;
          symbols[i]!++;
        }
    symbolNumber++;
  }
  return index.releases.map((r, position) => ({
    release: r.release,
    snapshot: { source: r.source, rows: r.rows, symbols: symbols[position]! },
    diff: position > 0 ? releaseChanges(index, position) : undefined,
  }));
}
