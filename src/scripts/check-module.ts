// The module check page: reads what was pasted, downloads the parts of the export table its symbols
// need (each name range once; src/lib/check-module-shards.ts), and shows src/lib/check-module's
// verdict per symbol for the latest release, or, when every release is chosen, the matrix of
// src/lib/check-module-history from the history table's parts. Nothing is sent anywhere.
import {
  checkModule,
  decodeExportTable,
  ModuleInputError,
  parseModuleInput,
  type EncodedTable,
  type ModuleInput,
  type ModuleCheck,
  type SymbolCheck,
} from '../lib/check-module.ts';
import { checkAcrossReleases, decodeHistoryTable, historyHasPage, type EncodedHistory } from '../lib/check-module-history.ts';
import { mergeEncoded, shardsFor } from '../lib/check-module-shards.ts';
import { el, renderMatrix } from './check-module-matrix.ts';

const root = document.querySelector<HTMLElement>('[data-check-module]')!;
const base = root.dataset.base!;
const bounds = JSON.parse(root.dataset.bounds ?? '[""]') as string[];
const latestBase = root.dataset.latest!;
const historyBase = root.dataset.history!;
const form = root.querySelector<HTMLFormElement>('.cm-form')!;
const input = root.querySelector<HTMLTextAreaElement>('#cm-input')!;
const arch = root.querySelector<HTMLSelectElement>('#cm-arch')!;
const releases = root.querySelector<HTMLSelectElement>('#cm-releases');
const status = root.querySelector<HTMLElement>('#cm-status')!;
const section = root.querySelector<HTMLElement>('#cm-result')!;
const summary = root.querySelector<HTMLElement>('#cm-summary')!;
const list = root.querySelector<HTMLOListElement>('#cm-symbols')!;
const matrix = root.querySelector<HTMLElement>('#cm-matrix')!;

// Each part is fetched once; a failed fetch is forgotten so that the next check tries again.
function partLoader<T>(base: string): (symbols: readonly string[]) => Promise<T> {
  const parts = new Map<number, Promise<T>>();
  const part = (k: number) => {
    let loading = parts.get(k);
    if (!loading) {
      const url = `${base}${k}.json`;
      loading = fetch(url)
        .then((response) => {
          if (!response.ok) throw new Error(`${url}: ${response.status}`);
          return response.json() as Promise<T>;
        })
        .catch((error: unknown) => {
          parts.delete(k);
          throw error;
        });
      parts.set(k, loading);
    }
    return loading;
  };
  return async (symbols) => mergeEncoded((await Promise.all(shardsFor(bounds, symbols).map(part))) as never[]) as T;
}
const latestParts = partLoader<EncodedTable>(latestBase);
const historyParts = partLoader<EncodedHistory>(historyBase);

const code = (text: string) => el('code', {}, text);
const LABEL_CLASS: Record<string, string> = {
  'GPL-only': 'type-gpl',
  'not exported': 'type-none',
  removed: 'tier-removed',
  obsolete: 'tier-obsolete',
  testing: 'tier-testing',
  restricted: 'type-none',
  exported: 'tier-stable',
};

function renderSymbol(s: SymbolCheck): HTMLLIElement {
  const name = s.link ? el('a', { href: s.link }, code(s.symbol)) : code(s.symbol);
  const head = el('p', {}, el('span', { class: 'cm-symbol-name' }, name), ' ');
  for (const label of s.labels) head.append(el('span', { class: `badge cm-label ${LABEL_CLASS[label] ?? 'type'}` }, label), ' ');
  const item = el('li', { class: `cm-${s.verdict}`, 'data-symbol': s.symbol, 'data-verdict': s.verdict }, head);
  if (s.notes.length) item.append(el('ul', { class: 'cm-notes' }, ...s.notes.map((n) => el('li', {}, n))));
  if (s.importLine) item.append(el('pre', { class: 'copyable' }, code(s.importLine)));
  return item;
}

function renderSummary(result: ModuleCheck): Node[] {
  const nodes: Node[] = [];
  const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  nodes.push(
    el(
      'p',
      {},
      `${count(result.symbols.length, 'symbol')} from ${result.input}, checked against the exports of ${result.version}${result.arch ? ` for ${result.arch}` : ' on every architecture'}.`,
    ),
  );
  if (result.imports.length) {
    nodes.push(
      el('h3', {}, "Add to the module's source"),
      el('pre', { class: 'copyable', id: 'cm-imports' }, code(result.imports.join('\n'))),
    );
  }
  if (result.gplOnly.length) {
    nodes.push(
      el(
        'p',
        { id: 'cm-gpl' },
        el('strong', {}, 'GPL-only: '),
        `${result.gplOnly.join(', ')}. The module needs a GPL-compatible MODULE_LICENSE to use ${result.gplOnly.length === 1 ? 'it' : 'them'}.`,
      ),
    );
  }
  if (result.blocked.length) {
    nodes.push(el('p', { id: 'cm-blocked' }, el('strong', {}, 'Cannot be used: '), `${result.blocked.join(', ')}.`));
  }
  if (!result.imports.length && !result.gplOnly.length && !result.blocked.length)
    nodes.push(el('p', {}, 'Every symbol is exported to any module: nothing to change.'));
  return nodes;
}

async function run(): Promise<void> {
  let parsed: ModuleInput;
  try {
    // Bounded (size, lines, line length, symbols): too much input is a message, not a stuck page.
    parsed = parseModuleInput(input.value);
  } catch (error) {
    if (!(error instanceof ModuleInputError)) throw error;
    section.hidden = true;
    matrix.hidden = true;
    status.textContent = `Cannot check this input: ${error.message}.`;
    return;
  }
  if (!parsed.symbols.length) {
    section.hidden = true;
    matrix.hidden = true;
    status.textContent = input.value.trim()
      ? 'No symbol found: paste modpost error lines, nm -u output, or one symbol per line.'
      : 'Paste something to check first.';
    return;
  }
  const symbols = parsed.symbols.map((x) => x.symbol);
  const chosenArch = arch.value === 'any' ? undefined : arch.value;
  const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  const skipped = parsed.ignored ? `; ${plural(parsed.ignored, 'other line')} skipped` : '';
  if (releases?.value === 'all') {
    status.textContent = 'Loading the exports of every release…';
    let history;
    try {
      history = decodeHistoryTable(await historyParts(symbols));
    } catch (error) {
      status.textContent = `Could not load the export history (${(error as Error).message}).`;
      return;
    }
    const result = checkAcrossReleases(parsed, history, { base, arch: chosenArch, hasPage: historyHasPage(history) });
    section.hidden = true;
    matrix.replaceChildren(el('h2', { id: 'cm-matrix-heading' }, 'Result across releases'), ...renderMatrix(result));
    matrix.hidden = false;
    status.textContent = `Checked ${plural(result.symbols.length, 'symbol')} against ${plural(result.releases.length, 'release')}${skipped}.`;
    root.dataset.checked = 'true';
    return;
  }
  status.textContent = 'Loading the export list…';
  let exports;
  try {
    exports = decodeExportTable(await latestParts(symbols));
  } catch (error) {
    status.textContent = `Could not load the export list (${(error as Error).message}).`;
    return;
  }
  const result = checkModule(parsed, exports, { base, arch: chosenArch });
  summary.replaceChildren(...renderSummary(result));
  list.replaceChildren(...result.symbols.map(renderSymbol));
  matrix.hidden = true;
  section.hidden = false;
  status.textContent = `Checked ${plural(result.symbols.length, 'symbol')}${skipped}.`;
  root.dataset.checked = 'true';
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  void run();
});
for (const button of root.querySelectorAll<HTMLButtonElement>('.cm-try')) {
  button.addEventListener('click', () => {
    input.value = button.dataset.example ?? '';
    input.focus();
    void run();
  });
}
// A check can be linked: /check-module/?q=<text> (also what the form submits).
const params = new URLSearchParams(location.search);
const sharedArch = params.get('arch');
if (sharedArch && [...arch.options].some((o) => o.value === sharedArch)) arch.value = sharedArch;
const sharedReleases = params.get('releases');
if (releases && sharedReleases && [...releases.options].some((o) => o.value === sharedReleases)) releases.value = sharedReleases;
for (const choice of [arch, releases]) {
  choice?.addEventListener('change', () => {
    if (root.dataset.checked) void run();
  });
}
const shared = params.get('q');
if (shared) {
  input.value = shared;
  void run();
}
root.dataset.ready = 'true';
