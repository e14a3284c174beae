// Worker-thread entry for scan-pool.ts: runs one job per message and posts its result back.
import { parentPort } from 'node:worker_threads';
import { lexJob, resolveJob, type LexJob, type ResolveJob } from './scan-jobs.ts';

export type JobMessage = { kind: 'lex'; job: LexJob } | { kind: 'resolve'; job: ResolveJob };

parentPort!.on('message', (message: JobMessage) => {
  parentPort!.postMessage(message.kind === 'lex' ? lexJob(message.job) : resolveJob(message.job));
});
