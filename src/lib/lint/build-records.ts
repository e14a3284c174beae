// The export records as the site builds them: every file parsed by src/lib (on every core for a
// large collection), checked as a set by checkRecordSet (the function `npm run validate` calls, in
// validate.ts), and kept between builds in a cache (records/record-cache.ts), so a rebuild parses
// only the files that changed. Records do not go through Astro's content layer: its store is bundled
// into the build as a single JavaScript module, and at 40,000 records (200 MB, mostly rendered HTML)
// V8 took five minutes to compile it (the time grows faster than the size: 10 MB in 0.4 s, 40 MB in 15 s).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { listRecordEntries } from '../records/load.ts';
import { parseRecordFile, type Parsed } from '../records/parse.ts';
import { parseInWorkers, PARALLEL_THRESHOLD } from '../records/parse-pool.ts';
import { fromPortable, toPortable, type PortableParsed } from '../records/portable.ts';
import { readRecordCache, writeRecordCache, type CachedRecords, type RecordCache } from '../records/record-cache.ts';
import { checkRecordSet, type KnownSymbols } from './record-set.ts';
import { RecordError, type Problem } from '../problems.ts';
import { EXPORTS_DIR } from '../project.ts';
import { sitePaths } from '../urls.ts';
import type { MechanismData, RecordData } from '../schema.ts';

export interface RecordSetOptions {
  /** The content tree (the repository, or a test's or benchmark's tree); file names are relative to it. */
  root: string;
  base: string;
  symbols: KnownSymbols;
  mechanisms: readonly Parsed<MechanismData>[];
  /** Where parsed records are kept between builds; none: every file is parsed. */
  cacheFile?: string;
  /** The code that parses and renders (src/lib/site/page-keys.ts codeDigest): a change invalidates the cache. */
  codeKey?: string;
  /** parse-worker.ts, for a caller bundled away from src/lib (the site's build). */
  workerFile?: URL;
}

export interface SiteRecordSet {
  /** Every record, sorted by file, each with its data and HTML (the set has no errors). */
  records: Parsed<RecordData>[];
  /** Warnings of the set (entries not read, rules that only warn): the build logs them. */
  warnings: Problem[];
  /** Files parsed in this call; the rest came from the cache. */
  parsed: number;
}

/** Throws RecordError with the validator's own messages when the set has an error. */
export async function loadRecordSet(options: RecordSetOptions): Promise<SiteRecordSet> {
  const { root, base } = options;
  const key = `${options.codeKey ?? ''}\0${base}`;
  const paths = sitePaths(base);
  const cache: RecordCache = options.cacheFile ? readRecordCache(options.cacheFile, key) : { entries: new Map() };
  const { files, problems: entries } = listRecordEntries(path.join(root, EXPORTS_DIR), root);
  const next: CachedRecords = new Map();
  const portable: PortableParsed<RecordData>[] = new Array(files.length);
  const toParse: { file: string; rel: string; at: number; digest: string }[] = [];
  files.forEach((file, at) => {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const digest = createHash('sha256').update(fs.readFileSync(file)).digest('base64url');
    const cached = cache.entries.get(rel);
    if (cached?.digest === digest) {
      portable[at] = cached.record;
      next.set(rel, cached);
    } else toParse.push({ file, rel, at, digest });
  });
  const parsed =
    toParse.length >= PARALLEL_THRESHOLD
      ? await parseInWorkers(toParse, { base, keepBody: true, worker: options.workerFile })
      : toParse.map(({ file, rel }) => toPortable(parseRecordFile(rel, fs.readFileSync(file), paths), { keepBody: true }));
  toParse.forEach(({ rel, at, digest }, i) => {
    // The body text is not needed once rendered; the HTML is what pages show.
    const { body: _, ...record } = parsed[i]!;
    portable[at] = record;
    next.set(rel, { digest, record });
  });
  const records = portable.map((p) => fromPortable(p));
  const problems = checkRecordSet({ records, entries, symbols: options.symbols, mechanisms: options.mechanisms });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new RecordError(errors);
  // Written only for a set that builds: a refused file is parsed again, and reported again, next time.
  if (options.cacheFile && (toParse.length > 0 || next.size !== cache.entries.size)) writeRecordCache(options.cacheFile, key, next, cache);
  return { records, warnings: problems.filter((p) => p.severity === 'warning'), parsed: toParse.length };
}
