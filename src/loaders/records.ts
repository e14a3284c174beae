// Astro content-layer loaders for records and mechanism decisions. Each file is parsed once by
// src/lib (frontmatter checked against the schema, body checked against the allowlist and rendered
// to HTML), so a record never becomes a JS module. Whether the records may be built is decided by
// checkRecordSet, the function `npm run validate` calls: a record set the validator refuses stops
// the build with the validator's own messages, and warnings (entries that are not read) are logged.
// Unchanged files are kept from the content-layer cache, with what the collection rules need of them.
import fs from 'node:fs';
import path from 'node:path';
import type { Loader, LoaderContext } from 'astro/loaders';
import { listRecordEntries, loadMechanisms } from '../lib/records/load.ts';
import { parseMechanismFile, parseRecordFile, type Parsed } from '../lib/records/parse.ts';
import { formatProblem, RecordError, type Problem } from '../lib/problems.ts';
import { parseInWorkers, PARALLEL_THRESHOLD, type ParseJob } from '../lib/records/parse-pool.ts';
import { fromPortable, toPortable, type PortableParsed } from '../lib/records/portable.ts';
import { checkRecordSet, knownSymbols } from '../lib/lint/record-set.ts';
import { recordSchema, mechanismSchema, type RecordData } from '../lib/schema.ts';
import { EXPORTS_DIR, MECHANISMS_DIR } from '../lib/project.ts';
import { sitePaths, type SitePaths } from '../lib/urls.ts';

type ParseFn = (file: string, bytes: Uint8Array, paths: SitePaths) => Parsed<object>;

/** What the collection rules read of a record, kept in the entry's rendered metadata for later builds. */
interface CollectionFacts {
  places: PortableParsed<unknown>['places'];
  symRefs?: Parsed<unknown>['symRefs'];
}

/** The part of Astro's LoaderContext this loader uses (tests call it with a stand-in). */
export type RecordLoaderContext = Pick<LoaderContext, 'store' | 'config' | 'generateDigest' | 'logger'>;

/** `collection`: export records, checked as a set like `npm run validate` does; mechanisms are checked per file. */
function recordLoader(
  name: string,
  dir: string,
  parse: ParseFn,
  collection: boolean,
): Loader & { load: (context: RecordLoaderContext) => Promise<void> } {
  return {
    name,
    load: async ({ store, config, generateDigest, logger }: RecordLoaderContext) => {
      const root = fileURLPath(config.root);
      // Env override lets tests and benchmarks build a different content tree with the same code.
      const contentRoot = process.env.KED_CONTENT_ROOT ? path.resolve(process.env.KED_CONTENT_ROOT) : root;
      const paths = sitePaths(config.base);
      const { files, problems: entries } = listRecordEntries(path.join(contentRoot, dir), contentRoot);
      const seen = new Set<string>();
      const toParse: (ParseJob & { id: string; digest: string; bytes: Uint8Array })[] = [];
      const kept: Parsed<RecordData>[] = [];
      for (const file of files) {
        const bytes = fs.readFileSync(file);
        const rel = path.relative(contentRoot, file).split(path.sep).join('/');
        const id = path.basename(file, path.extname(file));
        const digest = generateDigest(`${config.base}\0${bytes.toString('latin1')}`);
        seen.add(id);
        const cached = store.get(id);
        const facts = cached?.rendered?.metadata?.['collection'] as CollectionFacts | undefined;
        if (cached?.digest === digest && cached.filePath === rel && (facts || !collection)) {
          if (collection) {
            const { sourcePath: _, ...data } = cached.data as RecordData & { sourcePath: string };
            kept.push(
              fromPortable({ file: rel, id, problems: [], data: data as RecordData, symRefs: facts!.symRefs, places: facts!.places }),
            );
          }
        } else toParse.push({ file, rel, id, digest, bytes });
      }
      // A cold build of a large collection parses on every core; a few changed files, here.
      const parsedAll: Parsed<object>[] =
        collection && toParse.length >= PARALLEL_THRESHOLD
          ? (
              await parseInWorkers(
                toParse.map(({ file, rel }) => ({ file, rel })),
                { base: config.base, keepBody: true },
              )
            ).map((p) => fromPortable(p))
          : toParse.map((job) => parse(job.rel, job.bytes, paths));

      const problems: Problem[] = collection
        ? checkRecordSet({
            records: [...kept, ...(parsedAll as Parsed<RecordData>[])],
            entries,
            symbols: knownSymbols(contentRoot),
            mechanisms: loadMechanisms(contentRoot, paths),
          })
        : [...entries, ...parsedAll.flatMap((p) => p.problems)];
      for (const warning of problems.filter((p) => p.severity === 'warning')) logger.warn(formatProblem(warning));
      const errors = problems.filter((p) => p.severity === 'error');
      if (errors.length) throw new RecordError(errors);

      toParse.forEach(({ id, digest, rel }, i) => {
        const parsed = parsedAll[i]!;
        // Every file passed the set's check, so each has data and HTML.
        const { places } = toPortable(parsed);
        const metadata = collection ? { collection: { places, symRefs: parsed.symRefs } satisfies CollectionFacts } : undefined;
        store.set({ id, data: { ...parsed.data!, sourcePath: rel }, rendered: { html: parsed.html!, metadata }, digest, filePath: rel });
      });
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      logger.info(`${files.length} files in ${dir} (${files.length - toParse.length} unchanged)`);
    },
  };
}

function fileURLPath(url: URL): string {
  return decodeURIComponent(url.pathname);
}

export const exportRecords = () => ({ ...recordLoader('export-records', EXPORTS_DIR, parseRecordFile, true), schema: recordSchema });
export const mechanismRecords = () => ({
  ...recordLoader('mechanism-records', MECHANISMS_DIR, parseMechanismFile, false),
  schema: mechanismSchema,
});
