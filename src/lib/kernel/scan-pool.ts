// Runs scan jobs on this thread and on worker threads together: reading and lexing a whole tree is the
// slow part of a scan and splits cleanly by file. The main thread works too, so a pool of one worker
// already uses two cores and the time a worker takes to start is not lost.
import { Worker } from 'node:worker_threads';
import { lexJob, resolveJob, type LexJob, type ResolveJob } from './scan-jobs.ts';

interface Jobs {
  lex: { job: LexJob; result: ReturnType<typeof lexJob> };
  resolve: { job: ResolveJob; result: ReturnType<typeof resolveJob> };
}

export interface ScanPool {
  run<K extends keyof Jobs>(kind: K, jobs: Jobs[K]['job'][]): Promise<Jobs[K]['result'][]>;
  close(): Promise<void>;
}

function runHere(kind: keyof Jobs, job: unknown): unknown {
  return kind === 'lex' ? lexJob(job as LexJob) : resolveJob(job as ResolveJob);
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `workers` threads besides this one; 0 runs everything here. */
export function createScanPool(workers: number): ScanPool {
  const threads = Array.from({ length: workers }, () => new Worker(new URL('./scan-worker.ts', import.meta.url)));

  async function run(kind: keyof Jobs, jobs: unknown[]): Promise<unknown[]> {
    const results: unknown[] = new Array(jobs.length);
    let next = 0;
    let failure: Error | undefined;
    // Each worker keeps two jobs queued, so it never waits while this thread is busy with one of its own.
    const working = threads.map(
      (worker) =>
        new Promise<void>((resolve) => {
          const pending: number[] = [];
          const dispatch = () => {
            if (next < jobs.length && !failure) {
              pending.push(next);
              worker.postMessage({ kind, job: jobs[next++] });
            }
            if (!pending.length) finish();
          };
          const onMessage = (result: unknown) => {
            results[pending.shift()!] = result;
            dispatch();
          };
          const onError = (error: Error) => {
            failure = error;
            finish();
          };
          const finish = () => {
            worker.off('message', onMessage).off('error', onError);
            resolve();
          };
          worker.on('message', onMessage).on('error', onError);
          dispatch();
          dispatch();
        }),
    );
    while (next < jobs.length && !failure) {
      const index = next++;
      results[index] = runHere(kind, jobs[index]);
      await yieldToEvents();
    }
    await Promise.all(working);
    if (failure) throw failure;
    return results;
  }

  return {
    run: run as ScanPool['run'],
    close: async () => {
      await Promise.all(threads.map((w) => w.terminate()));
    },
  };
}
