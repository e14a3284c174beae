// The static 404 page: reads the mistyped address, downloads the few shards of the symbol index
// that can hold names close to it (the same shards search uses) and links the closest symbols.
import { shardFileName, type SearchEntry } from '../lib/search/shards.ts';
import { closestSymbols, suggestionShards, wantedSymbol } from '../lib/site/not-found.ts';

const root = document.querySelector<HTMLElement>('[data-not-found]')!;
const base = root.dataset.base!;
const section = root.querySelector<HTMLElement>('#nf-section')!;
const list = root.querySelector<HTMLUListElement>('#nf-suggestions')!;
const searchLink = root.querySelector<HTMLAnchorElement>('#nf-search')!;

const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json() as Promise<T>;
};

function item(e: SearchEntry): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `${base}symbols/${encodeURIComponent(e.s)}/`;
  a.append(Object.assign(document.createElement('code'), { textContent: e.s }));
  const badge = Object.assign(document.createElement('span'), {
    className: `badge tier tier-${e.t || 'none'}`,
    textContent: e.t || 'no record',
  });
  li.append(a, ' ', badge);
  return li;
}

async function suggest(): Promise<void> {
  const name = wantedSymbol(location.pathname, base);
  if (!name) return;
  searchLink.href = `${base}search/?q=${encodeURIComponent(name)}`;
  searchLink.querySelector('code')!.textContent = name;
  section.hidden = false;
  const { prefixes } = await getJson<{ prefixes: string[] }>(`${base}search-index/manifest.json`);
  const shards = await Promise.all(
    suggestionShards(name, prefixes).map((p) => getJson<SearchEntry[]>(`${base}search-index/${shardFileName(p)}.json`)),
  );
  const found = closestSymbols(name, shards.flat());
  list.replaceChildren(...found.map((s) => item(s.entry)));
  list.hidden = !found.length;
}

suggest()
  .catch(() => undefined)
  .finally(() => (root.dataset.ready = 'true'));
