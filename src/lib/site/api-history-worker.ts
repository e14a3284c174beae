// Worker thread of api-history-thread.ts: reads and indexes the content tree's history store and
// posts back every symbol's API history as JSON text (an empty map when the tree has no store).
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { symbolHistoryTexts } from '../api.ts';
import { readStore } from '../history/store-io.ts';
import { HISTORY_DIR } from '../history/store-files.ts';
import { indexHistory } from '../history/timeline.ts';

const { contentRoot } = workerData as { contentRoot: string };
const store = readStore(path.join(contentRoot, HISTORY_DIR), HISTORY_DIR);
parentPort!.postMessage(store.releases.length ? symbolHistoryTexts(indexHistory(store)) : new Map<string, string>());
