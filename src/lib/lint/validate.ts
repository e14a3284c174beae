// The whole check: every record parsed and checked on its own, then the collection rules.
import os from 'node:os';
import path from 'node:path';
import { loadMechanisms, loadRecords, listRecordEntries } from '../records/load.ts';
import { checkRecordSet, knownSymbols } from './record-set.ts';
import { compareProblems, type Problem } from '../problems.ts';
import { sitePaths } from '../urls.ts';
import { EXPORTS_DIR, MECHANISMS_DIR } from '../project.ts';
import { fromPortable } from '../records/portable.ts';
import { parseInWorkers, PARALLEL_THRESHOLD } from '../records/parse-pool.ts';
import type { Parsed } from '../records/parse.ts';
import type { RecordData } from '../schema.ts';

export interface ValidateOptions {
  /** Only report problems in these files (the collection is still read whole for cross-record rules). */
  only?: readonly string[];
}

export interface ValidateResult {
  problems: Problem[];
  checkedFiles: number;
}

interface Plan {
  root: string;
  files: string[];
  entries: Problem[];
  onlyAbs?: string[];
}

function plan(repoRoot: string, options: ValidateOptions): Plan {
  // Absolute, so record paths compare equal to the (absolute) files named in `only`.
  const root = path.resolve(repoRoot);
  const { files: recordFiles, problems: entries } = listRecordEntries(path.join(root, EXPORTS_DIR), root);
  const onlyAbs = options.only?.map((f) => path.resolve(f));
  // Files named on the command line outside content/exports are checked as records too.
  const extra = (onlyAbs ?? []).filter((f) => !recordFiles.includes(f) && !f.startsWith(path.join(root, MECHANISMS_DIR)));
  return { root, files: [...recordFiles, ...extra], entries, onlyAbs };
}

function finish({ root, onlyAbs, entries }: Plan, records: Parsed<RecordData>[]): ValidateResult {
  const mechanisms = loadMechanisms(root, sitePaths('/'));
  // The build decides with the same function (src/lib/lint/build-records.ts).
  let problems = [
    ...checkRecordSet({ records, entries, symbols: knownSymbols(root), mechanisms }),
    ...mechanisms.flatMap((m) => m.problems),
  ];
  if (onlyAbs) {
    const wanted = new Set(onlyAbs.map((f) => path.relative(root, f).split(path.sep).join('/')));
    problems = problems.filter((p) => wanted.has(p.file));
  }
  return { problems: problems.sort(compareProblems), checkedFiles: onlyAbs ? onlyAbs.length : records.length + mechanisms.length };
}

export function validateRepository(repoRoot: string, options: ValidateOptions = {}): ValidateResult {
  const p = plan(repoRoot, options);
  return finish(p, loadRecords(p.root, sitePaths('/'), p.files));
}

/**
 * The same check with the record files parsed on every core (worker threads), for large
 * collections; the result is identical to validateRepository's.
 */
export async function validateRepositoryParallel(
  repoRoot: string,
  options: ValidateOptions & { threads?: number } = {},
): Promise<ValidateResult> {
  const p = plan(repoRoot, options);
  const threads = Math.max(1, options.threads ?? os.availableParallelism());
  if (threads === 1 || (p.files.length < PARALLEL_THRESHOLD && options.threads === undefined))
    return finish(p, loadRecords(p.root, sitePaths('/'), p.files));
  const rel = (file: string) => path.relative(p.root, file).split(path.sep).join('/');
  const parsed = await parseInWorkers(
    p.files.map((file) => ({ file, rel: rel(file) })),
    { base: '/', keepBody: false, threads },
  );
  return finish(
    p,
    parsed.map((r) => fromPortable(r)),
  );
}
