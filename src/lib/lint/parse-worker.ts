// Worker thread for `npm run validate` on large collections: parses a share of the record files.
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { parseRecordFile } from '../records/parse.ts';
import { toPortable } from '../records/portable.ts';
import { sitePaths } from '../urls.ts';

const { root, files } = workerData as { root: string; files: string[] };
const paths = sitePaths('/');
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');
parentPort!.postMessage(files.map((file) => toPortable(parseRecordFile(rel(file), fs.readFileSync(file), paths))));
