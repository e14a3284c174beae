// The search page: concept pages from the manifest, symbol look-ups from the sharded index (a few
// KB per query), close names when nothing matches (the 404 page's code), and the records' prose and
// filter browsing from the word index (plain JSON: a word shard, then the document chunks of the
// results shown; a common word's full postings only once its shard's best are not enough). Every
// result set can be seen in full: "Show more" adds the next page of results.
import { exactForm, normalizeQuery } from '../lib/search/keys.ts';
import { shardFileName, shardsForQuery, type SearchEntry } from '../lib/search/shards.ts';
import { facetCounts, passes, rankEntries, type Filters } from '../lib/search/rank.ts';
import { rankConcepts, type ConceptPage } from '../lib/search/concepts.ts';
import { closestSymbols, suggestionShards } from '../lib/site/not-found.ts';
import type { FullPostings, WordDoc, WordShard } from '../lib/search/word-index.ts';
import { docChunkFile, filterFile, filterKey, fullPostingsFile, wordShardFile } from '../lib/search/word-files.ts';
import { filterIds, intersect, rankWords, wordShardsFor, type WordHits } from '../lib/search/word-query.ts';

/** Shards read for a query at first; "Show more" reads the rest. */
const MAX_SHARDS = 6;
/** Results per page of symbols, and of records from the prose index. */
const MAX_RESULTS = 50;
const PROSE_PAGE = 20;
/** Records from the prose index a word query shows at first, below the symbols. */
const PROSE_FIRST = 5;
/** Below this many symbol hits, the rationale prose is searched too. */
const PROSE_THRESHOLD = 10;

const root = document.querySelector<HTMLElement>('[data-search]')!;
const base = root.dataset.base!;
const form = root.querySelector<HTMLFormElement>('form')!;
const input = root.querySelector<HTMLInputElement>('#search-input')!;
const list = root.querySelector<HTMLOListElement>('#search-results')!;
const more = root.querySelector<HTMLButtonElement>('#search-more')!;
const conceptSection = root.querySelector<HTMLElement>('#concept-section')!;
const concepts = root.querySelector<HTMLOListElement>('#concept-results')!;
const suggestSection = root.querySelector<HTMLElement>('#suggest-section')!;
const suggestions = root.querySelector<HTMLUListElement>('#suggest-results')!;
const prose = root.querySelector<HTMLOListElement>('#prose-results')!;
const proseSection = root.querySelector<HTMLElement>('#prose-section')!;
const proseHeading = root.querySelector<HTMLElement>('#prose-heading')!;
const proseMore = root.querySelector<HTMLButtonElement>('#prose-more')!;
const status = root.querySelector<HTMLElement>('#search-status')!;
const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];

interface Manifest {
  prefixes: string[];
  concepts?: ConceptPage[];
  words?: { prefixes: string[]; chunk: number; docs: number };
}
let manifest: Promise<Manifest> | undefined;
const files = new Map<string, Promise<unknown>>();

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json() as Promise<T>;
};
/** A file of the index, fetched once per page. */
const cached = <T>(url: string, missing?: T): Promise<T> => {
  let body = files.get(url) as Promise<T> | undefined;
  if (!body) files.set(url, (body = getJson<T>(url).catch((error: unknown) => (missing !== undefined ? missing : Promise.reject(error)))));
  return body;
};
const loadManifest = () => (manifest ??= getJson<Manifest>(`${base}search-index/manifest.json`));
const shard = (prefix: string) => cached<SearchEntry[]>(`${base}search-index/${shardFileName(prefix)}.json`);
const wordFile = <T>(name: string, missing?: T) => cached<T>(`${base}search-index/words/${name}.json`, missing);
const wordShard = (prefix: string) => wordFile<WordShard>(wordShardFile(prefix));

function currentFilters(): Filters {
  const filters: Filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter as keyof Filters] = select.value;
  return filters;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
const symbolHref = (symbol: string) => `${base}symbols/${encodeURIComponent(symbol)}/`;

function renderEntry(e: SearchEntry): string {
  const tier = e.t
    ? `<span class="badge tier tier-${escape(e.t)}">${escape(e.t)}</span>`
    : '<span class="badge tier tier-none">no record</span>';
  const detail = e.d
    ? escape(e.d)
    : e.l
      ? `no longer exported: last seen in ${escape(e.l)}, in <code>${escape(e.u)}</code>`
      : `exported in <code>${escape(e.u)}</code>`;
  return `<li><a class="result-link" href="${symbolHref(e.s)}"><code>${escape(e.s)}</code></a> ${tier} <span class="badge type">${escape(e.x)}</span>${e.t ? ` <span class="subsystem">${escape(e.u)}</span>` : ''}<p class="result-excerpt">${detail}</p></li>`;
}

const renderConcept = (c: ConceptPage) =>
  `<li><a class="result-link" href="${escape(c.u)}">${escape(c.t)}</a><p class="result-excerpt">${escape(c.d)}</p></li>`;

function renderProse(d: WordDoc): string {
  const name = d.h
    ? `<a class="result-link" href="${escape(d.h)}">${escape(d.s)}</a>`
    : `<a class="result-link" href="${symbolHref(d.s)}"><code>${escape(d.s)}</code></a>`;
  const tier = d.t ? ` <span class="badge tier tier-${escape(d.t)}">${escape(d.t)}</span>` : '';
  return `<li>${name}${tier} <span class="badge type">${escape(d.x)}</span><p class="result-excerpt">${escape(d.d ?? '')}</p></li>`;
}

function updateCounts(entries: SearchEntry[]) {
  const counts = facetCounts(entries);
  for (const select of selects) {
    const field = select.dataset.filter as keyof Filters;
    for (const option of select.options) {
      if (!option.value) continue;
      const n = counts[field].get(option.value) ?? 0;
      option.textContent = `${option.dataset.label ?? option.value} (${n})`;
    }
  }
}

/** Moves focus to the first result link added at or after position `from` of a list (after "Show more"). */
function focusFrom(ol: HTMLElement, from: number) {
  ol.querySelectorAll<HTMLAnchorElement>('.result-link')[from]?.focus();
}

/** The symbol results of the current query: what is loaded, how many are shown, and the shards not read yet. */
interface SymbolState {
  raw: string;
  filters: Filters;
  hits: SearchEntry[];
  shown: number;
  read: string[];
  unread: string[];
}
let symbols: SymbolState | undefined;

function symbolStatus(s: SymbolState): string {
  const q = `“${s.raw.trim()}”`;
  const total = s.hits.length;
  const known = s.unread.length ? `At least ${plural(total, 'symbol')}` : plural(total, 'symbol');
  return total > s.shown || s.unread.length ? `${known} for ${q}, showing ${s.shown}` : `${known} for ${q}`;
}

function showSymbols(s: SymbolState) {
  list.innerHTML = s.hits.slice(0, s.shown).map(renderEntry).join('');
  const rest = s.hits.length - s.shown;
  more.hidden = rest <= 0 && !s.unread.length;
  more.textContent = rest > 0 ? `Show ${Math.min(rest, MAX_RESULTS)} more symbols` : 'Show more symbols';
}

async function readSymbols(raw: string, shardList: string[]): Promise<SearchEntry[]> {
  return rankEntries((await Promise.all(shardList.map(shard))).flat(), raw);
}

more.addEventListener('click', async () => {
  const s = symbols;
  if (!s) return;
  const from = s.shown;
  if (s.shown >= s.hits.length && s.unread.length) {
    // Every loaded hit is shown: read the remaining shards and rank again.
    const mine = generation;
    const matched = await readSymbols(s.raw, [...s.read, ...s.unread]);
    if (mine !== generation) return;
    s.read.push(...s.unread);
    s.unread = [];
    updateCounts(matched);
    s.hits = rankEntries(matched, s.raw, s.filters);
  }
  s.shown = Math.min(s.hits.length, s.shown + MAX_RESULTS);
  showSymbols(s);
  status.textContent = symbolStatus(s);
  focusFrom(list, from);
});

let generation = 0;
async function run() {
  const mine = ++generation;
  root.dataset.settled = '';
  try {
    await search(mine);
  } finally {
    if (mine === generation) root.dataset.settled = input.value.trim() || '-';
  }
}

async function search(mine: number) {
  const raw = input.value;
  const query = normalizeQuery(raw);
  const filters = currentFilters();
  const params = new URLSearchParams();
  if (raw.trim()) params.set('q', raw.trim());
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
  list.innerHTML = '';
  more.hidden = true;
  symbols = undefined;
  concepts.innerHTML = '';
  conceptSection.hidden = true;
  suggestions.innerHTML = '';
  suggestSection.hidden = true;
  prose.innerHTML = '';
  proseSection.hidden = true;
  proseMore.hidden = true;
  if (!query && !Object.keys(filters).length) {
    status.textContent = 'Type a symbol name, a prefix (kmalloc), a part of one (fpu_begin), or a concept (GPL-only, namespace).';
    return;
  }
  let hits: SearchEntry[] = [];
  /** Symbols listed above the prose results, which do not repeat them. */
  const listed = new Set<string>();
  if (query) {
    const m = await loadManifest();
    const wanted = shardsForQuery(query, m.prefixes);
    const read = wanted.slice(0, MAX_SHARDS);
    const matched = await readSymbols(raw, read);
    if (mine !== generation) return;
    updateCounts(matched);
    hits = rankEntries(matched, raw, filters);
    // Pages that explain a concept come first for their own names (GPL-only, MODULE_IMPORT_NS).
    const found = Object.keys(filters).length ? [] : rankConcepts(m.concepts ?? [], raw);
    if (found.length) {
      concepts.innerHTML = found.map(renderConcept).join('');
      conceptSection.hidden = false;
    }
    symbols = { raw, filters, hits, shown: Math.min(hits.length, MAX_RESULTS), unread: wanted.slice(MAX_SHARDS), read };
    showSymbols(symbols);
    status.textContent = symbolStatus(symbols);
    // The word shards load while the close names are looked for.
    if (needsProse(hits, query, filters) && m.words)
      for (const p of wordShardsFor(raw.trim(), m.words.prefixes)) void wordShard(p).catch(() => {});
    if (!hits.length && /^[a-z0-9_$]{3,}$/.test(query)) for (const s of await suggest(mine, raw, m.prefixes, filters)) listed.add(s);
  } else {
    status.textContent = 'Records matching the filters:';
  }
  if (mine !== generation) return;
  if (needsProse(hits, query, filters)) {
    for (const h of hits) listed.add(h.s);
    await runProse(mine, raw.trim(), filters, listed);
  }
}

/** A symbol typed exactly needs no prose search; a word (nouveau, ZFS), a rare prefix or a filter does. */
function needsProse(hits: readonly SearchEntry[], query: string, filters: Filters): boolean {
  const exact = hits[0] !== undefined && normalizeQuery(hits[0].s) === query;
  return !exact && hits.length < PROSE_THRESHOLD && (query.length >= 3 || Object.keys(filters).length > 0);
}

/** "Did you mean": the names closest to a query that matched no symbol, as the 404 page finds them. */
async function suggest(mine: number, raw: string, prefixes: string[], filters: Filters): Promise<string[]> {
  const name = exactForm(raw);
  const entries = (await Promise.all(suggestionShards(name, prefixes).map(shard))).flat();
  if (mine !== generation) return [];
  const close = closestSymbols(
    name,
    entries.filter((e) => passes(e, filters)),
  ).map((c) => c.entry);
  if (!close.length) return [];
  suggestions.innerHTML = close.map(renderEntry).join('');
  suggestSection.hidden = false;
  status.textContent = `${symbolStatus(symbols!)}; did you mean ${close.map((e) => e.s).join(', ')}?`;
  return close.map((e) => e.s);
}

/** The ids of the records matching every chosen filter, or undefined when none is chosen. */
async function filteredIds(filters: Filters): Promise<Set<number> | undefined> {
  const keys = Object.entries(filters).flatMap(([k, v]) => (v ? [filterKey(k, v)] : []));
  if (!keys.length) return undefined;
  const lists = await Promise.all(keys.map((k) => wordFile<number[]>(filterFile(k), [])));
  return new Set(intersect(lists.map(filterIds)));
}

/** The documents of some ids, in order, from the chunks they are in. */
async function docsOf(ids: readonly number[], chunk: number): Promise<WordDoc[]> {
  const chunks = [...new Set(ids.map((id) => Math.floor(id / chunk)))];
  const loaded = new Map(await Promise.all(chunks.map(async (c) => [c, await wordFile<WordDoc[]>(docChunkFile(c))] as const)));
  return ids.map((id) => loaded.get(Math.floor(id / chunk))![id % chunk]!);
}

async function runProse(mine: number, raw: string, filters: Filters, shown: Set<string>) {
  const words = (await loadManifest()).words;
  if (!words?.docs) return;
  const [shards, only] = await Promise.all([
    raw ? Promise.all(wordShardsFor(raw, words.prefixes).map(wordShard)) : Promise.resolve(undefined),
    filteredIds(filters),
  ]);
  if (mine !== generation) return;
  const full = new Map<string, FullPostings>();
  let hits: WordHits | undefined;
  let ids: number[] = [];
  /** How many of `ids` are in their final places (WordHits.certain, after the filters). */
  let certain = 0;
  const rank = () => {
    hits = shards && rankWords(raw, shards, full);
    if (!hits) ids = [...(only ?? [])];
    else if (!only) ids = hits.ids;
    else ids = hits.ids.filter((id) => only.has(id));
    certain = !hits ? ids.length : only ? hits.ids.slice(0, hits.certain).filter((id) => only.has(id)).length : hits.certain;
  };
  rank();
  let fullRead = false;
  // A common word's shard holds its best documents: its full postings are read (once) when the
  // results asked for go past those known to be in place, as a filter or a second word soon does.
  const ensure = async (upTo: number) => {
    if (fullRead || !hits || hits.complete || upTo <= certain) return;
    fullRead = true;
    const read = await Promise.all(
      hits.partial.map(async (w) => [w, await wordFile<FullPostings | null>(fullPostingsFile(w), null)] as const),
    );
    for (const [w, postings] of read) if (postings) full.set(w, postings);
    rank();
  };
  let loaded = 0;
  let repeated = 0;
  const listed: WordDoc[] = [];
  // Records already listed among the symbols are not repeated; the count says how many are left.
  const loadPage = async (size: number) => {
    await ensure(loaded + size);
    const docs = await docsOf(ids.slice(loaded, loaded + size), words.chunk);
    loaded += docs.length;
    for (const d of docs) {
      if (!d.h && shown.has(d.s)) repeated++;
      else listed.push(d);
    }
  };
  const render = () => {
    const complete = hits?.complete ?? true;
    const total = ids.length - repeated;
    const count = complete ? plural(total, 'record') : `at least ${plural(total, 'record')}`;
    const counted = loaded < ids.length || !complete ? `${count}, showing ${listed.length}` : count;
    proseHeading.textContent = raw ? `Mentioned in decision records: ${counted}` : `Records matching the filters: ${counted}`;
    if (!raw) status.textContent = `Records matching the filters: ${counted}`;
    prose.innerHTML = listed.map(renderProse).join('');
    const rest = ids.length - loaded;
    // Past the known results of a cut list, "Show more" reads the full postings (unless that failed).
    proseMore.hidden = rest <= 0 && (complete || fullRead);
    proseMore.textContent = rest >= PROSE_PAGE || complete ? `Show ${Math.min(rest, PROSE_PAGE)} more records` : 'Show more records';
  };
  // A word query shows a few records below the symbols; browsing by filters is the list itself.
  await loadPage(raw ? PROSE_FIRST : PROSE_PAGE);
  if (mine !== generation) return;
  if (!listed.length && loaded >= ids.length && (hits?.complete ?? true)) {
    if (!raw) status.textContent = 'No records match the filters.';
    return;
  }
  proseSection.hidden = false;
  render();
  proseMore.onclick = async () => {
    const from = listed.length;
    await loadPage(PROSE_PAGE);
    if (mine !== generation) return;
    render();
    focusFrom(prose, from);
  };
}

// Arrow keys move between the box and the results; Escape returns to the box.
root.addEventListener('keydown', (event) => {
  const links = [...root.querySelectorAll<HTMLAnchorElement>('.result-link')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (event.key === 'ArrowDown' && links.length) {
    event.preventDefault();
    links[Math.min(at + 1, links.length - 1)]!.focus();
  } else if (event.key === 'ArrowUp' && at >= 0) {
    event.preventDefault();
    if (at === 0) input.focus();
    else links[at - 1]!.focus();
  } else if (event.key === 'Escape') {
    input.focus();
  }
});

let timer: ReturnType<typeof setTimeout> | undefined;
input.addEventListener('input', () => {
  clearTimeout(timer);
  timer = setTimeout(run, 60);
});
for (const select of selects) select.addEventListener('change', run);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});

const initial = new URLSearchParams(location.search);
input.value = initial.get('q') ?? '';
for (const select of selects) select.value = initial.get(select.dataset.filter!) ?? '';
root.dataset.ready = 'true';
run();
