// Worker thread of parse-pool.ts: parses a share of the record files and posts them back as plain data.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseRecordFile } from './parse.ts';
import { toPortable } from './portable.ts';
import { sitePaths } from '../urls.ts';
import type { ParseJob } from './parse-pool.ts';

const { base, jobs, keepBody } = workerData as { base: string; jobs: ParseJob[]; keepBody: boolean };
const paths = sitePaths(base);
parentPort!.postMessage(jobs.map((job) => toPortable(parseRecordFile(job.rel, fs.readFileSync(job.file), paths), { keepBody })));
