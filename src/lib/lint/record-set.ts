// The one decision whether a set of records is valid. `npm run validate` and the build's record
// loader (src/lib/lint/build-records.ts) both call checkRecordSet, so a record the validator refuses never
// builds and a record that builds always validates: per-file problems (frontmatter, body), the
// directory's entries, and the collection rules (duplicates, case twins, names sharing a page,
// related, replaced_by, <Sym>).
import path from 'node:path';
import { checkCollection } from './collection.ts';
import { checkAgainstSnapshot } from './snapshot-rules.ts';
import { checkAgainstHistory } from './history-rules.ts';
import { readStore } from '../history/store-io.ts';
import { HISTORY_DIR } from '../history/store-files.ts';
import type { HistoryStore } from '../history/model.ts';
import type { Snapshot } from '../kernel/snapshot.ts';
import { loadSnapshots } from '../records/load.ts';
import { compareProblems, type Problem } from '../problems.ts';
import type { Parsed } from '../records/parse.ts';
import type { MechanismData, RecordData } from '../schema.ts';

/** Symbols that exist without a record: exported in any release held (a snapshot or the history store), and in the latest one. */
export interface KnownSymbols {
  known: ReadonlySet<string>;
  latest: ReadonlySet<string>;
  /** The newest release held (loadSnapshots' last): a record's type is checked against it per architecture. */
  latestSnapshot?: Snapshot;
  /** The history store: every release held, for the since and history rules (absent: they say nothing). */
  history?: HistoryStore;
}

export function knownSymbols(root: string): KnownSymbols {
  // A malformed store throws HistoryError (file:line): the validator stops with it, as the build does.
  const history = readStore(path.join(path.resolve(root), HISTORY_DIR), HISTORY_DIR);
  return knownSymbolsOf(loadSnapshots(path.resolve(root), history), history);
}

/** The same from the snapshots and store a caller has already read (the site's build). */
export function knownSymbolsOf(snapshots: readonly Snapshot[], history: HistoryStore): KnownSymbols {
  const known = new Set<string>();
  for (const snapshot of snapshots) for (const row of snapshot.rows) known.add(row.symbol);
  for (const interval of history.intervals) known.add(interval.symbol);
  const latest = snapshots.length ? new Set(snapshots.at(-1)!.rows.map((r) => r.symbol)) : known;
  return { known, latest, latestSnapshot: snapshots.at(-1), history };
}

export interface RecordSet {
  /** Every record file read, with the problems found in it alone. */
  records: readonly Parsed<RecordData>[];
  /** Warnings about entries of the record directory that are not read (links, directories, hidden files). */
  entries?: readonly Problem[];
  symbols: KnownSymbols;
  /** Mechanism decisions: their namespaces share the namespace pages (their own problems are theirs). */
  mechanisms?: readonly Parsed<MechanismData>[];
}

/** Every problem of the set, sorted; the set is valid when none is an error. */
export function checkRecordSet(set: RecordSet): Problem[] {
  return [
    ...(set.entries ?? []),
    ...set.records.flatMap((r) => r.problems),
    ...checkCollection(set.records, set.symbols.known, set.symbols.latest, set.mechanisms),
    ...checkAgainstSnapshot(set.records, set.symbols.latestSnapshot),
    ...checkAgainstHistory(set.records, set.symbols.history),
  ].sort(compareProblems);
}

export const hasErrors = (problems: readonly Problem[]) => problems.some((p) => p.severity === 'error');
