// The API's symbol files, prepared on a worker thread: a build starts it at its start and takes the
// result at its end, so the 55,000 histories (symbolHistoryTexts, src/lib/api.ts) are derived, and
// the files of the symbols without a record written, on the second core while the pages render.
import { Worker } from 'node:worker_threads';
import type { SymbolFileHead } from '../api.ts';
import type { FileHashes } from './changed-files.ts';

export interface HistoryWork {
  contentRoot: string;
  /** Where the symbol files are written ahead (writeFilesAhead), and the hashes of what it holds. */
  folder: string;
  held: FileHashes;
  /** The head the build's exports.json is expected to have. */
  head: SymbolFileHead;
  /** Symbols presumed to have a record: their files wait for exports.json. */
  records: string[];
}

export interface HistoryWorkResult {
  /** Symbol → its API history as JSON text. */
  histories: Map<string, string>;
  /** The hashes of what the folder holds afterwards, and how many files were written. */
  hashes: FileHashes;
  written: number;
}

export function historyWorkInWorker(work: HistoryWork): Promise<HistoryWorkResult> {
  const worker = new Worker(new URL('./api-history-worker.ts', import.meta.url), { workerData: work });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    // After a message this does nothing; without one, the worker died without saying why.
    worker.once('exit', (code) => reject(new Error(`the API history worker stopped (exit code ${code}) without a result`)));
  });
}
