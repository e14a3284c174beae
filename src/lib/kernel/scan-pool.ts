// Runs scan jobs on this thread and on worker threads together: walking, reading and lexing a tree is
// the slow part of a scan and splits cleanly by file. This thread works too, and a worker only gets
// jobs once its code is loaded, so workers never slow a small scan down.
import { Worker } from 'node:worker_threads';
import { headerJob, resolveJob, type HeaderJob, type ResolveJob } from './scan-jobs.ts';
import { READY } from './scan-worker.ts';

interface Jobs {
  headers: { job: HeaderJob; result: ReturnType<typeof headerJob> };
  resolve: { job: ResolveJob; result: ReturnType<typeof resolveJob> };
}

export interface ScanPool {
  run<K extends keyof Jobs>(kind: K, jobs: Jobs[K]['job'][]): Promise<Jobs[K]['result'][]>;
  /** Jobs done by worker threads so far. */
  readonly workerJobs: number;
  close(): Promise<void>;
}

interface Thread {
  worker: Worker;
  ready: boolean;
  /** Jobs sent and not answered yet, in order. */
  queue: number[];
}

/** The run in progress, told about what its workers do. */
interface Run {
  feed(thread: Thread): void;
  answer(thread: Thread, result: unknown): void;
  fail(error: Error): void;
}

function runHere(kind: keyof Jobs, job: unknown): unknown {
  return kind === 'headers' ? headerJob(job as HeaderJob) : resolveJob(job as ResolveJob);
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** `workers` threads besides this one; 0 runs everything here. */
export function createScanPool(workers: number): ScanPool {
  let active: Run | undefined;
  let workerJobs = 0;
  const threads = Array.from({ length: workers }, () => {
    const thread: Thread = { worker: new Worker(new URL('./scan-worker.ts', import.meta.url)), ready: false, queue: [] };
    thread.worker.on('message', (message: unknown) => {
      if (message !== READY) return active?.answer(thread, message);
      thread.ready = true;
      active?.feed(thread);
    });
    thread.worker.on('error', (error: Error) => active?.fail(error));
    return thread;
  });

  async function run(kind: keyof Jobs, jobs: unknown[]): Promise<unknown[]> {
    const results: unknown[] = new Array(jobs.length);
    let next = 0;
    let failure: Error | undefined;
    let wake = () => {};
    active = {
      // Two jobs queued per worker, so it never waits while this thread is busy with one of its own.
      feed(thread) {
        while (thread.ready && thread.queue.length < 2 && next < jobs.length && !failure) {
          thread.queue.push(next);
          thread.worker.postMessage({ kind, job: jobs[next++] });
        }
      },
      answer(thread, result) {
        results[thread.queue.shift()!] = result;
        workerJobs++;
        this.feed(thread);
        wake();
      },
      fail(error) {
        failure = error;
        wake();
      },
    };
    for (const thread of threads) active.feed(thread);
    while (next < jobs.length && !failure) {
      const index = next++;
      results[index] = runHere(kind, jobs[index]);
      await yieldToEvents();
    }
    while (!failure && threads.some((t) => t.queue.length)) await new Promise<void>((resolve) => (wake = resolve));
    active = undefined;
    if (failure) throw failure;
    return results;
  }

  return {
    run: run as ScanPool['run'],
    get workerJobs() {
      return workerJobs;
    },
    // Not awaited: the results are in, and a terminating worker keeps nothing alive.
    close: async () => {
      for (const { worker } of threads) void worker.terminate();
    },
  };
}
