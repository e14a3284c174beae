// Worker-thread entry for scan-pool.ts: says when it is ready, then runs one job per message and posts
// its result back.
import { parentPort } from 'node:worker_threads';
import { headerJob, resolveJob, type HeaderJob, type ResolveJob } from './scan-jobs.ts';

type JobMessage = { kind: 'headers'; job: HeaderJob } | { kind: 'resolve'; job: ResolveJob };

/** Posted once the worker's code is loaded: jobs sent earlier would only wait. */
export const READY = 'ready';

parentPort?.on('message', (message: JobMessage) => {
  parentPort!.postMessage(message.kind === 'headers' ? headerJob(message.job) : resolveJob(message.job));
});
parentPort?.postMessage(READY);
