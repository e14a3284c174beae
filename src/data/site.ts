// Loads the collections and the latest snapshot once per build and hands pages plain objects
// computed by src/lib. KED_CONTENT_ROOT lets tests and benchmarks build another content tree.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { getCollection } from 'astro:content';
import type { SiteMechanism, SiteRecord } from '../lib/site/model.ts';
import type { MechanismData, RecordData } from '../lib/schema.ts';
import { sitePaths } from '../lib/urls.ts';
import { loadMechanisms, loadSnapshots, loadUnresolved } from '../lib/records/load.ts';
import { loadRecordSet } from '../lib/lint/build-records.ts';
import { knownSymbolsOf } from '../lib/lint/record-set.ts';
import { formatProblem } from '../lib/problems.ts';
import { buildCacheDir, EXPORTS_DIR } from '../lib/project.ts';
import { undocumentedSymbols, type UndocumentedSymbol } from '../lib/site/undocumented.ts';
import { searchEntries } from '../lib/search/entries.ts';
import { linkerAliases, type LinkerAlias } from '../lib/site/symbol-exports.ts';
import { buildShards, type ShardSet } from '../lib/search/shards.ts';
import { buildWordIndex, type WordIndex } from '../lib/search/word-index.ts';
import { mechanismWordInput, recordWordInput } from '../lib/search/word-inputs.ts';
import { compareSymbols } from '../lib/symbols.ts';
import type { Snapshot } from '../lib/kernel/snapshot.ts';
import { buildReleases, indexSnapshots, snapshotSteps, type Release, type SnapshotIndex } from '../lib/releases.ts';
import { readStore } from '../lib/history/store-io.ts';
import { HISTORY_DIR } from '../lib/history/store-files.ts';
import type { ExportInterval } from '../lib/history/model.ts';
import { indexHistory, newestExporting, rowsAtPosition, symbolTimeline, type HistoryIndex } from '../lib/history/timeline.ts';
import { timelineFacts } from '../lib/history/facts.ts';
import { historySteps } from '../lib/history/changes.ts';
import type { HistoricSymbol, HistoryLookup, SymbolHistory } from '../lib/render/symbol-page.ts';
import { isPageName } from '../lib/urls.ts';
import type { FormerExport } from '../lib/search/entries.ts';
import { buildFeeds, type FeedSet } from '../lib/feeds.ts';
import { releaseFeedEntries } from '../lib/release-feeds.ts';
import { codeDigest, pageCacheKey, sharedPageKey } from '../lib/site/page-keys.ts';
import { openPageReuse } from '../lib/site/page-cache.ts';
import { buildListings, LISTING_PAGE_SIZE, type Listings } from '../lib/site/listings.ts';

export const paths = sitePaths(import.meta.env.BASE_URL);
// Bundled pages cannot locate the repo from import.meta.url; astro runs from the project root.
const contentRoot = path.resolve(process.env.KED_CONTENT_ROOT ?? process.cwd());

const once = <T>(load: () => Promise<T>) => {
  let value: Promise<T> | undefined;
  return () => (value ??= load());
};

interface AstroEntry {
  data: unknown;
  rendered?: { html: string };
  filePath?: string;
}

/**
 * The export records, parsed and checked as a set by src/lib (lint/build-records.ts); a set the validator
 * refuses stops the build with its messages. Only the benchmark's Markdown reference row reads
 * them through Astro's content layer.
 */
export const allRecords = once(async (): Promise<SiteRecord[]> => {
  if (process.env.KED_RECORD_PIPELINE === 'astro-markdown') {
    // That collection exists only for the reference row (src/content.config.ts), so the generated types do not know it.
    const entries = await (getCollection as unknown as (name: string) => Promise<AstroEntry[]>)('exports');
    return entries.map((e) => ({ data: e.data as RecordData, html: e.rendered?.html ?? '', sourcePath: e.filePath ?? '' }));
  }
  const started = performance.now();
  const { records, warnings, parsed } = await loadRecordSet({
    root: contentRoot,
    base: import.meta.env.BASE_URL,
    symbols: knownSymbolsOf(await snapshots(), await historyStore()),
    mechanisms: loadMechanisms(contentRoot, paths),
    cacheFile: path.join(buildCacheDir(), 'ked-records', 'records.v8'),
    codeKey: codeDigest(process.cwd(), {}),
    workerFile: pathToFileURL(path.resolve('src/lib/records/parse-worker.ts')),
  });
  for (const warning of warnings) console.warn(`[export-records] ${formatProblem(warning)}`);
  console.log(
    `[export-records] ${records.length} files in ${EXPORTS_DIR} (${records.length - parsed} unchanged) in ${Math.round(performance.now() - started)} ms`,
  );
  return records.map((r) => ({ data: r.data!, html: r.html!, sourcePath: r.file }));
});

export const allMechanisms = once(async (): Promise<SiteMechanism[]> =>
  (await getCollection('mechanisms')).map((e) => {
    const { sourcePath, ...data } = e.data as MechanismData & { sourcePath: string };
    return { id: e.id, data: data as MechanismData, html: e.rendered?.html ?? '', sourcePath };
  }),
);

/** The history store (content/history, issue 13): every release's exports as intervals, read once per build; empty when the tree has none. */
export const historyStore = once(async () => readStore(path.join(contentRoot, HISTORY_DIR), HISTORY_DIR));

/** The snapshots pages present (the latest and those content/snapshots names), most read back from the store. */
export const snapshots = once(async (): Promise<Snapshot[]> => loadSnapshots(contentRoot, await historyStore()));

export const latestSnapshot = once(async () => (await snapshots()).at(-1));

/** The export-macro uses the scanner could not resolve, by release (shown on the release pages). */
export const unresolvedUses = once(async () => loadUnresolved(contentRoot));

export const undocumented = once(async (): Promise<UndocumentedSymbol[]> => {
  const recorded = new Set((await allRecords()).map((r) => r.data.symbol));
  return undocumentedSymbols(await latestSnapshot(), recorded);
});

/** The linker symbols of tracepoints and static calls (__tracepoint_kmalloc): each a page leading to its export's. */
export const linkerAliasPages = once(async (): Promise<LinkerAlias[]> => {
  const named = new Set([...(await allRecords()).map((r) => r.data.symbol), ...(await undocumented()).map((u) => u.symbol)]);
  return linkerAliases((await snapshotIndexes()).at(-1), (name) => named.has(name));
});

export const historyIndex = once(async (): Promise<HistoryIndex> => indexHistory(await historyStore()));

/** Recently derived timelines kept: a page asks more than once while it renders; keeping all 55,000 costs memory. */
const DERIVED_KEPT = 64;

/** Each symbol's timeline and facts, derived when its page renders. */
export const historyLookup = once(async (): Promise<HistoryLookup | undefined> => {
  const index = await historyIndex();
  if (index.releases.length === 0) return undefined;
  const derived = new Map<string, SymbolHistory | null>();
  return {
    first: index.releases[0]!.release,
    last: index.releases.at(-1)!.release,
    of(symbol) {
      let h = derived.get(symbol);
      if (h === undefined) {
        const timeline = symbolTimeline(index, symbol);
        derived.set(symbol, (h = timeline ? { timeline, facts: timelineFacts(timeline) } : null));
        // A Map iterates in insertion order: the first key is the oldest derived.
        if (derived.size > DERIVED_KEPT) derived.delete(derived.keys().next().value!);
      }
      return h ?? undefined;
    },
  };
});

/** Symbols with a page from the newest release or a record. */
const currentPages = once(
  async () =>
    new Set([
      ...(await allRecords()).map((r) => r.data.symbol),
      ...(await undocumented()).map((u) => u.symbol),
      ...(await linkerAliasPages()).map((a) => a.name),
    ]),
);

/** Symbols some release in the history exports that have no page otherwise: each gets its history as a page. */
export const historicSymbols = once(async (): Promise<HistoricSymbol[]> => {
  const index = await historyIndex();
  const pages = await currentPages();
  const list: HistoricSymbol[] = [];
  for (const symbol of index.bySymbol.keys()) {
    if (pages.has(symbol) || !isPageName(symbol)) continue;
    list.push({ symbol, last: newestExporting(index, symbol)! });
  }
  return list;
});

/** The historic symbols for search: each with its row in the last release that exported it. */
export const formerExports = once(async (): Promise<FormerExport[]> => {
  const index = await historyIndex();
  return (await historicSymbols()).map((h) => ({ row: rowsAtPosition(index, h.symbol, index.positions.get(h.last)!)[0]!, last: h.last }));
});

/** Every symbol that has a page. */
export const symbolsWithPages = once(async () => new Set([...(await currentPages()), ...(await historicSymbols()).map((h) => h.symbol)]));

export const searchShards = once(async (): Promise<ShardSet> =>
  buildShards(
    searchEntries(
      await allRecords(),
      (await undocumented()).map((u) => u.rows[0]!),
      await linkerAliasPages(),
      await formerExports(),
    ),
  ),
);

/** Postings a word keeps in its shard; tests build the small fixture with a few so that the full postings are written and read too. */
const wordMaxPostings = Number(process.env.KED_WORD_MAX_POSTINGS) || undefined;

/** The word index of the records' and mechanism decisions' prose (src/lib/search/word-index.ts): records by symbol, then mechanisms. */
export const wordIndex = once(async (): Promise<WordIndex> => {
  const loaded = await allRecords();
  const mechanisms = await allMechanisms();
  // Timed from here: the records are loaded for every page anyway.
  const started = performance.now();
  const records = [...loaded].sort((a, b) => compareSymbols(a.data.symbol, b.data.symbol));
  const entries = searchEntries(records, []);
  const inputs = records.map((r, i) => recordWordInput(entries[i]!, r.html));
  for (const m of mechanisms) {
    const input = mechanismWordInput(paths, { id: m.id, ...m.data }, m.html);
    if (input) inputs.push(input);
  }
  const index = buildWordIndex(inputs, { maxPostings: wordMaxPostings });
  // Read by npm run bench: the step's time at scale.
  console.log(`[word-index] ${inputs.length} documents, ${index.shards.size} shards in ${Math.round(performance.now() - started)} ms`);
  return index;
});

/**
 * Every exported symbol of the latest snapshot under its export type, its namespaces and its letter
 * (issue 12): the type, namespace and A–Z pages and the home page's counts read these.
 */
export const listings = once(async (): Promise<Listings> => {
  const pages = await symbolsWithPages();
  return buildListings(await snapshots(), await allRecords(), await allMechanisms(), (symbol) => pages.has(symbol));
});

/** Symbols per listing page; tests build the small fixture with a few per page so that pagination is built too. */
export const listingPageSize = Number(process.env.KED_LISTING_PAGE_SIZE) || LISTING_PAGE_SIZE;

// Releases, feeds and the API (issue 7): computed once per build, looked up by pages.

/** Astro's `site` (an origin): feeds, sitemaps and the API give absolute URLs. */
export const site: string | undefined = import.meta.env.SITE;

/** The snapshots indexed by symbol, oldest first: symbol timelines and release diffs read these. */
export const snapshotIndexes = once(async (): Promise<SnapshotIndex[]> => indexSnapshots(await snapshots()));

/** Every release with a page, newest first (the snapshot diffs are computed here, once). */
export const releases = once(async (): Promise<Release[]> => {
  const history = await historyIndex();
  return buildReleases(
    (await allRecords()).map((r) => r.data),
    history.releases.length ? historySteps(history) : snapshotSteps(await snapshotIndexes()),
  );
});

export const feeds = once(async (): Promise<FeedSet> =>
  buildFeeds(
    await allRecords(),
    await allMechanisms(),
    { paths, site },
    releaseFeedEntries(await releases(), (await historyIndex()).releases, { paths, site }),
  ),
);

/** The symbol pages of the previous build that can be kept (src/integrations/page-cache.ts). */
const pageReuse = once(async () => openPageReuse(process.env.KED_PAGE_CACHE));
const sharedKey = once(async () => sharedPageKey(await symbolsWithPages(), await snapshots(), (await historyIndex()).releases));

/**
 * What a symbol page's history is derived from besides the releases (in the shared key): its
 * intervals, or null. Pages are keyed on these, so a timeline is derived only when its page renders.
 */
export const historyInputs = once(async () => {
  const index = await historyIndex();
  return (symbol: string): readonly ExportInterval[] | null => index.bySymbol.get(symbol)?.map((p) => p.interval) ?? null;
});

/**
 * Keeps the items whose output must be rendered in this build: an item whose output (a path
 * relative to outDir) has the same key as in the previous build is reused as it is.
 */
export async function toRender<T>(
  items: readonly T[],
  output: (item: T) => string,
  props: (item: T) => unknown,
  ...extra: string[]
): Promise<T[]> {
  const reuse = await pageReuse();
  const shared = await sharedKey();
  const kept = items.filter((item) => !reuse.reusable(output(item), pageCacheKey(reuse.codeDigest, shared, props(item), ...extra)));
  reuse.save();
  return kept;
}
