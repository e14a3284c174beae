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
import { recordSchema, mechanismSchema } from '../lib/schema.ts';
import { EXPORTS_DIR, MECHANISMS_DIR } from '../lib/project.ts';
import { sitePaths, type SitePaths } from '../lib/urls.ts';

type ParseFn = (file: string, bytes: Uint8Array, paths: SitePaths) => Parsed<object>;

function recordLoader(name: string, dir: string, parse: ParseFn): Loader {
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
      let reused = 0;
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        const rel = path.relative(contentRoot, file).split(path.sep).join('/');
        const id = path.basename(file, path.extname(file));
        const digest = generateDigest(`${config.base}\0${bytes.toString('latin1')}`);
        seen.add(id);
        if (store.get(id)?.digest === digest) {
          reused++;
          continue;
        }
        const parsed = parse(rel, bytes, paths);
        if (parsed.problems.length || !parsed.data || parsed.html === undefined) {
          problems.push(...parsed.problems);
          continue;
        }
        store.set({ id, data: { ...parsed.data, sourcePath: rel }, body: parsed.body, rendered: { html: parsed.html }, digest, filePath: rel });
      }
      if (problems.length) throw new RecordError(problems);
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${files.length} files in ${dir} (${reused} unchanged)`);
    },
  };
}

function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}

export const exportRecords = () => ({ ...recordLoader('export-records', EXPORTS_DIR, parseRecordFile), schema: recordSchema });
export const mechanismRecords = () => ({ ...recordLoader('mechanism-records', MECHANISMS_DIR, parseMechanismFile), schema: mechanismSchema });
