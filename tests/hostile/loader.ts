// Runs the build's content loader (src/loaders/records.ts) on a repository with a stand-in for
// Astro's LoaderContext: the same code path `npm run build` takes, without a whole site build.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { exportRecords, type RecordLoaderContext } from '../../src/loaders/records.ts';
import { formatProblem, RecordError } from '../../src/lib/problems.ts';

export interface LoaderRun {
  /** The error lines the loader stopped the build with ([] when it built). */
  errors: string[];
  warnings: string[];
  ids: string[];
}

export type Store = Map<string, Record<string, unknown>>;

export async function runLoader(root: string, entries: Store = new Map()): Promise<LoaderRun> {
  const warnings: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    set: (entry: { id: string }) => (entries.set(entry.id, entry as Record<string, unknown>), true),
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
  };
  const context = {
    store,
    config: { root: pathToFileURL(`${root}/`), base: '/' },
    generateDigest: (data: string) => createHash('sha256').update(data).digest('hex'),
    logger: { info: () => undefined, warn: (message: string) => void warnings.push(message) },
  } as unknown as RecordLoaderContext;
  delete process.env.KED_CONTENT_ROOT;
  try {
    await exportRecords().load(context);
    return { errors: [], warnings, ids: [...entries.keys()].sort() };
  } catch (error) {
    if (error instanceof RecordError) return { errors: error.problems.map(formatProblem), warnings, ids: [...entries.keys()].sort() };
    throw error;
  }
}
