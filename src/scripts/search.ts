// The search page: symbol look-ups from the sharded index (a few KB per query), full-text and
// filter browsing from Pagefind, loaded only when a query needs the rationale prose or filters.
import { normalizeQuery } from '../lib/search/keys.ts';
import { shardFileName, shardsForQuery, type SearchEntry } from '../lib/search/shards.ts';
import { facetCounts, rankEntries, type Filters } from '../lib/search/rank.ts';
import { BUNDLE_LIST_FILE, type BundleList } from '../lib/search/pagefind-buckets.ts';

const MAX_SHARDS = 6;
const MAX_RESULTS = 50;
/** Below this many symbol hits, the rationale prose is searched too. */
const PROSE_THRESHOLD = 10;

const root = document.querySelector<HTMLElement>('[data-search]')!;
const base = root.dataset.base!;
const form = root.querySelector<HTMLFormElement>('form')!;
const input = root.querySelector<HTMLInputElement>('#search-input')!;
const list = root.querySelector<HTMLOListElement>('#search-results')!;
const prose = root.querySelector<HTMLOListElement>('#prose-results')!;
const proseSection = root.querySelector<HTMLElement>('#prose-section')!;
const status = root.querySelector<HTMLElement>('#search-status')!;
const selects = [...root.querySelectorAll<HTMLSelectElement>('select[data-filter]')];

let manifest: Promise<string[]> | undefined;
const shardCache = new Map<string, Promise<SearchEntry[]>>();

const getJson = async <T,>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json() as Promise<T>;
};
const prefixes = () => (manifest ??= getJson<{ prefixes: string[] }>(`${base}search-index/manifest.json`).then((m) => m.prefixes));
const shard = (prefix: string) => {
  let entries = shardCache.get(prefix);
  if (!entries) shardCache.set(prefix, (entries = getJson<SearchEntry[]>(`${base}search-index/${shardFileName(prefix)}.json`)));
  return entries;
};

type PagefindHit = { url: string; excerpt: string; meta: Record<string, string> };
type PagefindResults = { results: { data: () => Promise<PagefindHit> }[] };
type Pagefind = {
  options: (o: object) => Promise<void>;
  mergeIndex: (url: string) => Promise<void>;
  search: (q: string | null, o?: object) => Promise<PagefindResults>;
};
let pagefind: Promise<Pick<Pagefind, 'search'>> | undefined;
// The index is one bundle per bucket of symbols (src/lib/search/pagefind-buckets.ts): the first
// is loaded and the others merged into it.
const loadPagefind = () =>
  (pagefind ??= getJson<BundleList>(`${base}pagefind/${BUNDLE_LIST_FILE}`).then(async ({ bundles }) => {
    if (!bundles.length) return { search: async (): Promise<PagefindResults> => ({ results: [] }) };
    const pf = (await import(/* @vite-ignore */ `${base}pagefind/${bundles[0]}/pagefind.js`)) as Pagefind;
    await pf.options({ baseUrl: base });
    for (const bundle of bundles.slice(1)) await pf.mergeIndex(`${base}pagefind/${bundle}/`);
    return pf;
  }));

function currentFilters(): Filters {
  const filters: Filters = {};
  for (const select of selects) if (select.value) filters[select.dataset.filter as keyof Filters] = select.value;
  return filters;
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function renderEntry(e: SearchEntry): string {
  const tier = e.t ? `<span class="badge tier tier-${escape(e.t)}">${escape(e.t)}</span>` : '<span class="badge tier tier-none">no record</span>';
  const detail = e.d ? escape(e.d) : `exported in <code>${escape(e.u)}</code>`;
  return `<li><a class="result-link" href="${base}symbols/${encodeURIComponent(e.s)}/"><code>${escape(e.s)}</code></a> ${tier} <span class="badge type">${escape(e.x)}</span>${e.t ? ` <span class="subsystem">${escape(e.u)}</span>` : ''}<p class="result-excerpt">${detail}</p></li>`;
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

let generation = 0;
async function run() {
  const mine = ++generation;
  const raw = input.value;
  const query = normalizeQuery(raw);
  const filters = currentFilters();
  const params = new URLSearchParams();
  if (raw.trim()) params.set('q', raw.trim());
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
  list.innerHTML = '';
  prose.innerHTML = '';
  proseSection.hidden = true;
  if (!query && !Object.keys(filters).length) {
    status.textContent = 'Type a symbol name, a prefix (kmalloc) or a part of one (fpu_begin).';
    return;
  }
  let hits: SearchEntry[] = [];
  if (query) {
    const wanted = shardsForQuery(query, await prefixes()).slice(0, MAX_SHARDS);
    const entries = (await Promise.all(wanted.map(shard))).flat();
    if (mine !== generation) return;
    const matched = rankEntries(entries, raw);
    updateCounts(matched);
    hits = rankEntries(matched, raw, filters);
  }
  list.innerHTML = hits.slice(0, MAX_RESULTS).map(renderEntry).join('');
  status.textContent = query
    ? `${hits.length}${hits.length > MAX_RESULTS ? ` symbols, showing ${MAX_RESULTS}` : ` symbol${hits.length === 1 ? '' : 's'}`} for “${raw.trim()}”`
    : 'Records matching the filters:';
  // A symbol typed exactly needs no prose search; a word (nouveau, ZFS) or a rare prefix does.
  const exact = hits[0] !== undefined && normalizeQuery(hits[0].s) === query;
  if (!exact && hits.length < PROSE_THRESHOLD && (query.length >= 3 || Object.keys(filters).length)) await runProse(mine, raw.trim(), filters, new Set(hits.map((h) => h.s)));
}

async function runProse(mine: number, raw: string, filters: Filters, shown: Set<string>) {
  const pf = await loadPagefind();
  const pfFilters: Record<string, string> = {};
  const names: Record<keyof Filters, string> = { t: 'status', x: 'type', u: 'subsystem', n: 'namespace' };
  for (const [k, v] of Object.entries(filters)) if (v) pfFilters[names[k as keyof Filters]] = v;
  const search = await pf.search(raw || null, { filters: pfFilters });
  const data = await Promise.all(search.results.slice(0, 20).map((r) => r.data()));
  if (mine !== generation) return;
  const fresh = data.filter((d) => !shown.has(d.meta['symbol'] ?? ''));
  if (!fresh.length) return;
  proseSection.hidden = false;
  prose.innerHTML = fresh
    .map((d) => `<li><a class="result-link" href="${escape(d.url)}"><code>${escape(d.meta['symbol'] ?? d.meta['title'] ?? d.url)}</code></a> <span class="badge tier tier-${escape(d.meta['status'] ?? '')}">${escape(d.meta['status'] ?? '')}</span> <span class="badge type">${escape(d.meta['type'] ?? '')}</span><p class="result-excerpt">${d.excerpt}</p></li>`)
    .join('');
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
