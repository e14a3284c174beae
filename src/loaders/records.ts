// Astro content-layer loaders for records and mechanism decisions. Each file is parsed once by
// src/lib (frontmatter checked against the schema, body checked against the allowlist and rendered
// to HTML), so a record never becomes a JS module and a hostile one stops the build with the
// validator's own messages. Unchanged files are kept from the content-layer cache.
import fs from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { listRecordFiles } from '../lib/records/load.ts';
import { parseMechanismFile, parseRecordFile, type Parsed } from '../lib/records/parse.ts';
import { RecordError, type Problem } from '../lib/problems.ts';
import { parseInWorkers, PARALLEL_THRESHOLD, type ParseJob } from '../lib/records/parse-pool.ts';
import { recordSchema, mechanismSchema } from '../lib/schema.ts';
import { EXPORTS_DIR, MECHANISMS_DIR } from '../lib/project.ts';
import { sitePaths, type SitePaths } from '../lib/urls.ts';

type ParseFn = (file: string, bytes: Uint8Array, paths: SitePaths) => Parsed<object>;

/** `parallel`: the parse is parseRecordFile, so large batches can go to worker threads (parse-pool.ts). */
function recordLoader(name: string, dir: string, parse: ParseFn, parallel: boolean): Loader {
  return {
    name,
    load: async ({ store, config, generateDigest, logger }: LoaderContext) => {
      const root = fileURLPath(config.root);
      // Env override lets tests and benchmarks build a different content tree with the same code.
      const contentRoot = process.env.KED_CONTENT_ROOT ? path.resolve(process.env.KED_CONTENT_ROOT) : root;
      const paths = sitePaths(config.base);
      const files = listRecordFiles(path.join(contentRoot, dir));
      const seen = new Set<string>();
      const problems: Problem[] = [];
      const toParse: (ParseJob & { id: string; digest: string; bytes: Uint8Array })[] = [];
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        const rel = path.relative(contentRoot, file).split(path.sep).join('/');
        const id = path.basename(file, path.extname(file));
        const digest = generateDigest(`${config.base}\0${bytes.toString('latin1')}`);
        seen.add(id);
        if (store.get(id)?.digest !== digest) toParse.push({ file, rel, id, digest, bytes });
      }
      // A cold build of a large collection parses on every core; a few changed files, here.
      const parsedAll: Omit<Parsed<object>, 'locate'>[] =
        parallel && toParse.length >= PARALLEL_THRESHOLD
          ? await parseInWorkers(toParse.map(({ file, rel }) => ({ file, rel })), { base: config.base, keepBody: true })
          : toParse.map((job) => parse(job.rel, job.bytes, paths));
      toParse.forEach(({ id, digest, rel }, i) => {
        const parsed = parsedAll[i]!;
        if (parsed.problems.length || !parsed.data || parsed.html === undefined) {
          problems.push(...parsed.problems);
          return;
        }
        store.set({ id, data: { ...parsed.data, sourcePath: rel }, rendered: { html: parsed.html }, digest, filePath: rel });
      });
      const reused = files.length - toParse.length;
      if (problems.length) throw new RecordError(problems);
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${files.length} files in ${dir} (${reused} unchanged)`);
    },
  };
}

function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}

export const exportRecords = () => ({ ...recordLoader('export-records', EXPORTS_DIR, parseRecordFile, true), schema: recordSchema });
export const mechanismRecords = () => ({ ...recordLoader('mechanism-records', MECHANISMS_DIR, parseMechanismFile, false), schema: mechanismSchema });
