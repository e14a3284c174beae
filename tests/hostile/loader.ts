// Loads a repository's records the way the build does (src/lib/lint/build-records.ts, called by
// src/data/site.ts with the snapshots, history store and mechanisms it read): the same code path
// `npm run build` takes, without a whole site build.
import path from 'node:path';
import { loadRecordSet } from '../../src/lib/lint/build-records.ts';
import { knownSymbols } from '../../src/lib/lint/record-set.ts';
import { loadMechanisms } from '../../src/lib/records/load.ts';
import { formatProblem, RecordError } from '../../src/lib/problems.ts';
import { sitePaths } from '../../src/lib/urls.ts';

export interface LoaderRun {
  /** The error lines the build stopped with ([] when it built). */
  errors: string[];
  warnings: string[];
  ids: string[];
  /** Files parsed in this run (the rest came from the cache). */
  parsed: number;
}

/** `cacheFile`: the build's record cache, kept between runs like between builds. */
export async function runLoader(root: string, cacheFile?: string): Promise<LoaderRun> {
  try {
    const set = await loadRecordSet({
      root,
      base: '/',
      symbols: knownSymbols(root),
      mechanisms: loadMechanisms(root, sitePaths('/')),
      cacheFile,
    });
    return {
      errors: [],
      warnings: set.warnings.map(formatProblem),
      ids: set.records.map((r) => r.id).sort(),
      parsed: set.parsed,
    };
  } catch (error) {
    if (error instanceof RecordError) return { errors: error.problems.map(formatProblem), warnings: [], ids: [], parsed: 0 };
    throw error;
  }
}

/** A cache file inside a test's temp tree. */
export const cacheFileIn = (root: string) => path.join(root, 'cache', 'records.v8');
