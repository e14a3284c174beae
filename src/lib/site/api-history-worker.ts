// Worker thread of api-history-thread.ts: reads and indexes the content tree's history store,
// derives every symbol's API history as JSON text (none when the tree has no store) and writes
// ahead the symbol files of the symbols presumed to have no record.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { symbolFileNames, symbolFileText, symbolHistoryTexts } from '../api.ts';
import { readStore } from '../history/store-io.ts';
import { HISTORY_DIR } from '../history/store-files.ts';
import { indexHistory } from '../history/timeline.ts';
import { writeFilesAhead } from './changed-files.ts';
import type { HistoryWork, HistoryWorkResult } from './api-history-thread.ts';

const { contentRoot, folder, held, head, records } = workerData as HistoryWork;
const store = readStore(path.join(contentRoot, HISTORY_DIR), HISTORY_DIR);
const histories = store.releases.length ? symbolHistoryTexts(indexHistory(store)) : new Map<string, string>();
const recorded = new Set(records);

// One text at a time: all of them at once would hold another copy of the folder in memory.
function* files() {
  for (const symbol of symbolFileNames([], histories))
    if (!recorded.has(symbol)) yield { name: `${symbol}.json`, text: symbolFileText(head, symbol, undefined, histories.get(symbol)) };
}

const { hashes, written } = writeFilesAhead(folder, files(), held);
parentPort!.postMessage({ histories, hashes, written } satisfies HistoryWorkResult);
