// The /check-module/ page's answer across releases: a grid of one cell per symbol and release (the
// same characters as the CLI's), each symbol's first failure and spans, and the MODULE_IMPORT_NS
// lines per span of releases. Only lays out what src/lib/check-module-history computed.
import type { ReleaseMatrix, SymbolAcrossReleases } from '../lib/check-module-history.ts';
import { CELL_LEGEND, failureSentence, runsOf, spanText, symbolCells } from '../lib/check-module-matrix-text.ts';

type Child = Node | string;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

const code = (text: string) => el('code', {}, text);
const major = (release: string) => /^v(\d+)/.exec(release)?.[1] ?? '';
const CELL_WORDS: Record<string, string> = Object.fromEntries(CELL_LEGEND);

function grid(m: ReleaseMatrix): HTMLElement {
  const majors: { major: string; count: number }[] = [];
  for (const r of m.releases) {
    const last = majors.at(-1);
    if (last && last.major === major(r)) last.count++;
    else majors.push({ major: major(r), count: 1 });
  }
  const head = el(
    'thead',
    {},
    el(
      'tr',
      {},
      el('th', { scope: 'col', rowspan: '2', class: 'cm-matrix-symbol' }, 'Symbol'),
      ...majors.map((g) => el('th', { scope: 'colgroup', colspan: String(g.count) }, `v${g.major}`)),
    ),
    el('tr', {}, ...m.releases.map((r) => el('th', { scope: 'col', class: 'cm-rel', title: r }, el('span', {}, r.slice(1))))),
  );
  const body = el(
    'tbody',
    {},
    ...m.symbols.map((s) => {
      const cells = symbolCells(s);
      const labels = s.spans.flatMap((span) => Array<string>(span.releases).fill(span.labels.join(', ')));
      return el(
        'tr',
        { 'data-symbol': s.symbol },
        el('th', { scope: 'row', class: 'cm-matrix-symbol' }, s.link ? el('a', { href: s.link }, code(s.symbol)) : code(s.symbol)),
        ...cells.map((c, k) => el('td', { class: `cm-cell cm-cell-${c === '.' ? 'ok' : c}`, title: `${m.releases[k]}: ${labels[k]}` }, c)),
      );
    }),
  );
  return el(
    'div',
    { class: 'cm-matrix-wrap', tabindex: '0', role: 'region', 'aria-label': 'Symbols by release' },
    el('table', { class: 'cm-matrix', id: 'cm-matrix-table' }, head, body),
  );
}

function symbolItem(s: SymbolAcrossReleases): HTMLLIElement {
  const verdict = s.firstFailure ? 'blocked' : s.verdicts.includes('action') ? 'action' : 'ok';
  const name = s.link ? el('a', { href: s.link }, code(s.symbol)) : code(s.symbol);
  const item = el('li', { class: `cm-${verdict}`, 'data-symbol': s.symbol }, el('p', {}, el('span', { class: 'cm-symbol-name' }, name)));
  if (s.firstFailure) {
    const f = s.firstFailure;
    const sentence = failureSentence(f);
    const colon = sentence.indexOf(': ');
    item.append(
      el(
        'p',
        { class: 'cm-failure' },
        el('strong', {}, sentence.charAt(0).toUpperCase() + sentence.slice(1, colon)),
        `${sentence.slice(colon)}.`,
      ),
    );
    if (f.detail) item.append(el('p', { class: 'meta' }, f.detail));
  }
  item.append(
    el(
      'ul',
      { class: 'cm-spans' },
      ...s.spans.map((span) => el('li', {}, `${spanText(span.first, span.last)}: ${span.labels.join(', ')}`)),
    ),
  );
  return item;
}

export function renderMatrix(m: ReleaseMatrix): Node[] {
  const nodes: Node[] = [];
  const n = m.releases.length;
  nodes.push(
    el(
      'p',
      { id: 'cm-links' },
      m.links.length === n
        ? `Links on all ${n} releases checked (${spanText(m.releases[0]!, m.releases.at(-1)!)}).`
        : m.links.length
          ? `Links on ${m.links.length} of ${n} releases: ${runsOf(m.releases, m.links).join(', ')}.`
          : `Links on none of the ${n} releases checked.`,
    ),
  );
  if (m.gplCompatible === false)
    nodes.push(el('p', {}, "modpost says the module's licence is not GPL-compatible: a GPL-only export does not link."));
  nodes.push(grid(m));
  nodes.push(
    el(
      'p',
      { class: 'meta cm-legend' },
      ...CELL_LEGEND.flatMap(([c], i) => [
        i ? ', ' : '',
        el('span', { class: `cm-cell cm-cell-${c === '.' ? 'ok' : c}` }, c),
        ` ${CELL_WORDS[c]}`,
      ]),
    ),
  );
  const changing = m.symbols.filter((s) => s.spans.length > 1 || s.spans[0]!.verdict !== 'ok');
  if (changing.length) nodes.push(el('ol', { class: 'cm-symbols', id: 'cm-matrix-symbols' }, ...changing.map(symbolItem)));
  if (m.imports.length) {
    nodes.push(
      el('h3', {}, 'MODULE_IMPORT_NS, per release'),
      el(
        'ul',
        { id: 'cm-release-imports' },
        ...m.imports.map((i) => el('li', {}, `${spanText(i.first, i.last)}: `, ...i.lines.flatMap((l, k) => [k ? ' ' : '', code(l)]))),
      ),
    );
  }
  if (m.conditionalImports.length) {
    nodes.push(
      el('p', {}, 'For one source that builds on both sides of 6.13:'),
      el('pre', { class: 'copyable', id: 'cm-conditional-imports' }, code(m.conditionalImports.join('\n'))),
    );
  }
  return nodes;
}
