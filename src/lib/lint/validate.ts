// The whole check: every record parsed and checked on its own, then the collection rules.
import path from 'node:path';
import { loadMechanisms, loadRecords, loadSnapshots, listRecordFiles } from '../records/load.ts';
import { checkCollection } from './collection.ts';
import { compareProblems, type Problem } from '../problems.ts';
import { sitePaths } from '../urls.ts';
import { EXPORTS_DIR, MECHANISMS_DIR } from '../project.ts';

export interface ValidateOptions {
  /** Only report problems in these files (the collection is still read whole for cross-record rules). */
  only?: readonly string[];
}

export interface ValidateResult {
  problems: Problem[];
  checkedFiles: number;
}

export function validateRepository(repoRoot: string, options: ValidateOptions = {}): ValidateResult {
  // Absolute, so record paths compare equal to the (absolute) files named in `only`.
  const root = path.resolve(repoRoot);
  const paths = sitePaths('/');
  const recordFiles = listRecordFiles(path.join(root, EXPORTS_DIR));
  const onlyAbs = options.only?.map((f) => path.resolve(f));
  // Files named on the command line outside content/exports are checked as records too.
  const extra = (onlyAbs ?? []).filter((f) => !recordFiles.includes(f) && !f.startsWith(path.join(root, MECHANISMS_DIR)));
  const records = loadRecords(root, paths, [...recordFiles, ...extra]);
  const mechanisms = loadMechanisms(root, paths);
  const known = new Set<string>();
  const snapshots = loadSnapshots(root);
  for (const snapshot of snapshots) for (const row of snapshot.rows) known.add(row.symbol);
  const latest = new Set(snapshots.at(-1)?.rows.map((r) => r.symbol));
  let problems = [...records.flatMap((r) => r.problems), ...mechanisms.flatMap((m) => m.problems), ...checkCollection(records, known, snapshots.length ? latest : known)];
  if (onlyAbs) {
    const wanted = new Set(onlyAbs.map((f) => path.relative(root, f).split(path.sep).join('/')));
    problems = problems.filter((p) => wanted.has(p.file));
  }
  return { problems: problems.sort(compareProblems), checkedFiles: onlyAbs ? onlyAbs.length : records.length + mechanisms.length };
}
