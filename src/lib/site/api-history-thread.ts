// The API's per-symbol histories (symbolHistoryTexts, src/lib/api.ts) derived on a worker thread:
// a build starts it at its start and takes the result at its end, so the 55,000 timelines are
// derived on the second core while the pages render on the first.
import { Worker } from 'node:worker_threads';

/** Every symbol of the history store under `contentRoot` with its API history as JSON text. */
export function symbolHistoryTextsInWorker(contentRoot: string): Promise<Map<string, string>> {
  const worker = new Worker(new URL('./api-history-worker.ts', import.meta.url), { workerData: { contentRoot } });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a message this does nothing; without one, the worker died without saying why.
    worker.once('exit', (code) => reject(new Error(`the API history worker stopped (exit code ${code}) without a result`)));
  });
}
