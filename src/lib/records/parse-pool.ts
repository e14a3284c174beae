// Parses record files on every core (worker threads): `npm run validate` and the site's build
// (lint/build-records.ts) use it for large collections; each file is parsed exactly as parseRecordFile would.
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { PortableParsed } from './portable.ts';
import type { RecordData } from '../schema.ts';

export interface ParseJob {
  /** Where to read the file. */
  file: string;
  /** The name problems give it (relative to the content root). */
  rel: string;
}

/** Below this many files, starting threads costs more than it saves. */
export const PARALLEL_THRESHOLD = 2000;

/** Results come back in job order. `keepBody` keeps the body text and its HTML (the build needs the HTML; validate does not). */
export async function parseInWorkers(
  jobs: readonly ParseJob[],
  options: { base: string; keepBody: boolean; threads?: number; worker?: URL },
): Promise<PortableParsed<RecordData>[]> {
  const threads = Math.max(1, Math.min(options.threads ?? os.availableParallelism(), jobs.length));
  // A caller bundled away from this directory (the site's build) names the worker file itself.
  const workerFile = options.worker ?? new URL('./parse-worker.ts', import.meta.url);
  const shares = Array.from({ length: threads }, (_, i) => jobs.filter((_, k) => k % threads === i));
  const parsed = await Promise.all(
    shares.map(
      (share) =>
        new Promise<PortableParsed<RecordData>[]>((resolve, reject) => {
          const worker = new Worker(workerFile, {
            workerData: { base: options.base, jobs: share, keepBody: options.keepBody },
          });
          worker.once('message', resolve);
          worker.once('error', reject);
        }),
    ),
  );
  // Back in job order: share i holds jobs i, i + threads, i + 2·threads, …
  return jobs.map((_, k) => parsed[k % threads]![Math.floor(k / threads)]!);
}
