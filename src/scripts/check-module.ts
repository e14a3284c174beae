// The module check page: reads what was pasted, downloads the export table once (on the first
// check), and shows src/lib/check-module's verdict per symbol. Nothing is sent anywhere.
import {
  checkModule,
  decodeExportTable,
  ModuleInputError,
  parseModuleInput,
  type EncodedTable,
  type ModuleInput,
  type ExportTable,
  type ModuleCheck,
  type SymbolCheck,
} from '../lib/check-module.ts';

const root = document.querySelector<HTMLElement>('[data-check-module]')!;
const base = root.dataset.base!;
const src = root.dataset.src!;
const form = root.querySelector<HTMLFormElement>('.cm-form')!;
const input = root.querySelector<HTMLTextAreaElement>('#cm-input')!;
const arch = root.querySelector<HTMLSelectElement>('#cm-arch')!;
const status = root.querySelector<HTMLElement>('#cm-status')!;
const section = root.querySelector<HTMLElement>('#cm-result')!;
const summary = root.querySelector<HTMLElement>('#cm-summary')!;
const list = root.querySelector<HTMLOListElement>('#cm-symbols')!;

let table: Promise<ExportTable> | undefined;
const loadTable = () =>
  (table ??= fetch(src)
    .then((response) => {
      if (!response.ok) throw new Error(`${src}: ${response.status}`);
      return response.json() as Promise<EncodedTable>;
    })
    .then(decodeExportTable)
    .catch((error: unknown) => {
      table = undefined; // let the next check try again
      throw error;
    }));

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

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
    status.textContent = `Cannot check this input: ${error.message}.`;
    return;
  }
  if (!parsed.symbols.length) {
    section.hidden = true;
    status.textContent = input.value.trim()
      ? 'No symbol found: paste modpost error lines, nm -u output, or one symbol per line.'
      : 'Paste something to check first.';
    return;
  }
  status.textContent = 'Loading the export list…';
  let exports: ExportTable;
  try {
    exports = await loadTable();
  } catch (error) {
    status.textContent = `Could not load the export list (${(error as Error).message}).`;
    return;
  }
  const result = checkModule(parsed, exports, { base, arch: arch.value === 'any' ? undefined : arch.value });
  summary.replaceChildren(...renderSummary(result));
  list.replaceChildren(...result.symbols.map(renderSymbol));
  section.hidden = false;
  status.textContent = `Checked ${result.symbols.length} ${result.symbols.length === 1 ? 'symbol' : 'symbols'}${result.ignored ? `; ${result.ignored} other ${result.ignored === 1 ? 'line' : 'lines'} skipped` : ''}.`;
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
// Start the download while the reader pastes, so the first check is instant.
input.addEventListener('focus', () => void loadTable().catch(() => undefined), { once: true });
// A check can be linked: /check-module/?q=<text> (also what the form submits).
const params = new URLSearchParams(location.search);
const sharedArch = params.get('arch');
if (sharedArch && [...arch.options].some((o) => o.value === sharedArch)) arch.value = sharedArch;
arch.addEventListener('change', () => {
  if (root.dataset.checked) void run();
});
const shared = params.get('q');
if (shared) {
  input.value = shared;
  void run();
}
root.dataset.ready = 'true';
