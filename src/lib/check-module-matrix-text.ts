// The release matrix for a terminal: one row of one-character cells per symbol (a column per
// release, grouped by major version), then each symbol's spans of unchanged verdict, its first
// failing release and why, and the MODULE_IMPORT_NS lines per span of releases. No Node imports.
import type { ReleaseMatrix, SymbolAcrossReleases, SymbolSpan } from './check-module-history.ts';

/** One character per release: what a maintainer scans for. */
export const CELL_LEGEND = [
  ['.', 'links as is'],
  ['g', 'GPL-only (needs a GPL-compatible MODULE_LICENSE)'],
  ['n', 'needs MODULE_IMPORT_NS'],
  ['!', 'links after another change (see below)'],
  ['x', 'does not link'],
] as const;

export function cellOf(span: Pick<SymbolSpan, 'verdict' | 'labels'>): string {
  if (span.verdict === 'ok') return '.';
  if (span.verdict === 'blocked') return 'x';
  if (span.labels.some((l) => l.startsWith('namespace '))) return 'n';
  if (span.labels.includes('GPL-only')) return 'g';
  return '!';
}

/** The cells of a symbol, one per release of the matrix. */
export function symbolCells(s: SymbolAcrossReleases): string[] {
  return s.spans.flatMap((span) => Array<string>(span.releases).fill(cellOf(span)));
}

const major = (release: string) => /^v(\d+)/.exec(release)?.[1] ?? '';

/** Index ranges of the releases of each major version, in order. */
function majorGroups(releases: readonly string[]): { major: string; from: number; to: number }[] {
  const groups: { major: string; from: number; to: number }[] = [];
  releases.forEach((r, i) => {
    const last = groups.at(-1);
    if (last && last.major === major(r)) last.to = i;
    else groups.push({ major: major(r), from: i, to: i });
  });
  return groups;
}

/** "v5.4.286 … v6.19", or one release. */
export const spanText = (first: string, last: string) => (first === last ? first : `${first} … ${last}`);

function count(k: number, one: string, many = `${one}s`): string {
  return `${k.toLocaleString('en-US')} ${k === 1 ? one : many}`;
}

/** Consecutive runs (in the matrix's order) of the releases in `subset`, as "va … vb" texts. */
export function runsOf(releases: readonly string[], subset: readonly string[]): string[] {
  const inSubset = new Set(subset);
  const runs: string[] = [];
  let start: string | undefined;
  let previous: string | undefined;
  for (const r of [...releases, '']) {
    if (r !== '' && inSubset.has(r)) {
      start ??= r;
      previous = r;
    } else if (start) {
      runs.push(spanText(start, previous!));
      start = undefined;
    }
  }
  return runs;
}

/** "breaks in v6.19 (links in v6.18.2): why", "does not link before v5.8.18: why", "does not link in any release checked: why". */
export function failureSentence(f: NonNullable<SymbolAcrossReleases['firstFailure']>): string {
  if (f.linkedIn) return `breaks in ${f.release} (links in ${f.linkedIn}): ${f.why}`;
  return f.linksFrom ? `does not link before ${f.linksFrom}: ${f.why}` : `does not link in any release checked: ${f.why}`;
}

export function formatReleaseMatrixText(m: ReleaseMatrix): string {
  const out: string[] = [];
  const arch = m.arch ? ` for ${m.arch}` : ' (every architecture)';
  out.push(
    `check-module: ${count(m.symbols.length, 'symbol')} from ${m.input}, against ${count(m.releases.length, 'release')} (${spanText(m.releases[0]!, m.releases.at(-1)!)})${arch}`,
  );
  if (m.gplCompatible === false) out.push("The module's licence is not GPL-compatible: a GPL-only export does not link.");
  if (m.ignored) out.push(`(${count(m.ignored, 'line')} of the input named no symbol: skipped)`);
  out.push('');
  out.push(
    m.links.length === m.releases.length
      ? `Links on all ${count(m.releases.length, 'release')} checked.`
      : m.links.length
        ? `Links on ${m.links.length} of ${count(m.releases.length, 'release')}: ${runsOf(m.releases, m.links).join(', ')}.`
        : `Links on none of the ${count(m.releases.length, 'release')} checked.`,
  );
  out.push('');

  // The grid: a column per release, a space between major versions.
  const groups = majorGroups(m.releases);
  const width = Math.min(
    32,
    m.symbols.reduce((w, s) => Math.max(w, s.symbol.length), 0),
  );
  const grouped = (cells: readonly string[]) => groups.map((g) => cells.slice(g.from, g.to + 1).join('')).join(' ');
  // "v6" over a group, or "6" over a group of one column.
  const header = groups.map((g) => (g.to > g.from ? `v${g.major}` : g.major).padEnd(g.to - g.from + 1)).join(' ');
  out.push(`  ${''.padEnd(width)}  ${header.trimEnd()}`);
  for (const s of m.symbols) {
    const mark = s.firstFailure ? 'x' : s.verdicts.some((v) => v === 'action') ? '!' : ' ';
    const name = s.symbol.length > width ? `${s.symbol.slice(0, width - 1)}…` : s.symbol.padEnd(width);
    out.push(`${mark} ${name}  ${grouped(symbolCells(s))}`);
  }
  out.push(`  ${CELL_LEGEND.map(([c, text]) => `${c} ${text}`).join(', ')}`);
  out.push(`  columns, oldest first: ${groups.map((g) => m.releases.slice(g.from, g.to + 1).join(' ')).join(' | ')}`);

  // Each symbol that does not link everywhere as is: its spans and the first failure.
  const changing = m.symbols.filter((s) => s.spans.length > 1 || s.spans[0]!.verdict !== 'ok');
  if (changing.length) out.push('');
  for (const s of changing) {
    out.push(`${s.firstFailure ? 'x' : '!'} ${s.symbol}`);
    if (s.firstFailure) {
      const f = s.firstFailure;
      out.push(`    ${failureSentence(f)}`);
      if (f.detail) out.push(`    ${f.detail}`);
    }
    const spanWidth = Math.max(...s.spans.map((span) => spanText(span.first, span.last).length));
    for (const span of s.spans) {
      out.push(`    ${spanText(span.first, span.last).padEnd(spanWidth)}  ${span.labels.join(', ')}`);
    }
    if (s.link) out.push(`    ${s.link}`);
  }

  if (m.imports.length) {
    out.push('', 'MODULE_IMPORT_NS lines, per release:');
    const importWidth = Math.max(...m.imports.map((i) => spanText(i.first, i.last).length));
    for (const i of m.imports) out.push(`  ${spanText(i.first, i.last).padEnd(importWidth)}  ${i.lines.join(' ')}`);
  }
  if (m.conditionalImports.length) {
    out.push('', 'For one source that builds on both sides of 6.13:', ...m.conditionalImports.map((l) => `  ${l}`));
  }
  return `${out.join('\n')}\n`;
}
