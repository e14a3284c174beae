// The Astro content-layer loader for mechanism decisions (content/mechanisms, a dozen files): each
// file is parsed once by src/lib (frontmatter checked against the schema, body checked against the
// allowlist and rendered to HTML), so it never becomes a JS module. Export records do not use the
// content layer (src/lib/lint/build-records.ts says why).
import fs from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { listRecordEntries } from '../lib/records/load.ts';
import { parseMechanismFile } from '../lib/records/parse.ts';
import { formatProblem, RecordError } from '../lib/problems.ts';
import { mechanismSchema } from '../lib/schema.ts';
import { MECHANISMS_DIR } from '../lib/project.ts';
import { sitePaths } from '../lib/urls.ts';

function load({ store, config, generateDigest, logger }: Pick<LoaderContext, 'store' | 'config' | 'generateDigest' | 'logger'>) {
  const root = decodeURIComponent(config.root.pathname);
  // Env override lets tests and benchmarks build a different content tree with the same code.
  const contentRoot = process.env.KED_CONTENT_ROOT ? path.resolve(process.env.KED_CONTENT_ROOT) : root;
  const paths = sitePaths(config.base);
  const { files, problems } = listRecordEntries(path.join(contentRoot, MECHANISMS_DIR), contentRoot);
  const seen = new Set<string>();
  let unchanged = 0;
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    const rel = path.relative(contentRoot, file).split(path.sep).join('/');
    const id = path.basename(file, path.extname(file));
    const digest = generateDigest(`${config.base}\0${bytes.toString('latin1')}`);
    seen.add(id);
    if (store.get(id)?.digest === digest && store.get(id)?.filePath === rel) {
      unchanged++;
      continue;
    }
    const parsed = parseMechanismFile(rel, bytes, paths);
    problems.push(...parsed.problems);
    if (parsed.data) store.set({ id, data: { ...parsed.data, sourcePath: rel }, rendered: { html: parsed.html! }, digest, filePath: rel });
  }
  for (const warning of problems.filter((p) => p.severity === 'warning')) logger.warn(formatProblem(warning));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new RecordError(errors);
  for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
  logger.info(`${files.length} files in ${MECHANISMS_DIR} (${unchanged} unchanged)`);
}

export const mechanismRecords = (): Loader & { schema: typeof mechanismSchema } => ({
  name: 'mechanism-records',
  load: async (context) => load(context),
  schema: mechanismSchema,
});
