// A symbol's export history as a page shows it: the facts in words, a grid (releases across,
// architecture and export form down, one narrow column a release, no JavaScript) and where the
// export sat in each release. Everything here comes from src/lib/history (timeline.ts, facts.ts).
import { describeNamespace, exportKind } from '../kernel/export-model.ts';
import type { TimelineFact } from '../history/facts.ts';
import { GENERIC_SCOPE, type SymbolTimeline, type TimelineColumn, type TimelineRow } from '../history/timeline.ts';
import type { SitePaths } from '../urls.ts';
import { html, raw, type Html } from './html.ts';

function rowHeader(row: TimelineRow): Html {
  const scope = row.scope === GENERIC_SCOPE ? 'every arch' : row.scope;
  return html`<th scope="row"><b>${scope}</b> <code>${row.macro}</code>${row.namespace && html` <span class="ns">${describeNamespace(row.namespace)}</span>`}`;
}

function rowClass(row: TimelineRow): string {
  if (exportKind(row).modules) return 'restricted';
  return row.gplOnly ? 'gpl' : 'any';
}

/**
 * The header column, then the releases, consecutive columns in one group unless they are point
 * releases of one line, which get a shaded group of their own so a change inside a stable line shows.
 */
function columnGroups(columns: readonly TimelineColumn[]): Html[] {
  const groups: { line: string; span: number }[] = [];
  for (const c of columns) {
    const last = groups.at(-1);
    if (last?.line === c.line) last.span++;
    else groups.push({ line: c.line, span: 1 });
  }
  const out: Html[] = [];
  let plain = 1; // the header column
  const flush = () => {
    if (plain) out.push(plain > 1 ? html`<colgroup span="${plain}"></colgroup>` : html`<colgroup></colgroup>`);
    plain = 0;
  };
  for (const g of groups) {
    if (g.span === 1) plain++;
    else {
      flush();
      out.push(html`<colgroup span="${g.span}" class="line-group"></colgroup>`);
    }
  }
  flush();
  return out;
}

/** "kernel/kallsyms.c :193 v3.10.105 · :194 v3.16–v4.4.178 …": each file once, then its line in each run of releases. */
function placesList(t: SymbolTimeline): Html {
  const byFile = new Map<string, string[]>();
  for (const run of t.places) {
    const releases = run.first === run.last ? run.first : `${run.first}–${run.last}`;
    for (const p of run.places) {
      let list = byFile.get(p.file);
      if (!list) byFile.set(p.file, (list = []));
      list.push(`:${p.line} in ${releases}`);
    }
  }
  return html`<dl class="timeline-places">${[...byFile].map(([file, lines]) => html`<dt><code>${file}</code></dt><dd>${lines.join(' · ')}</dd>`)}</dl>`;
}

/**
 * One cell per run of releases with the same state: a run of ✓ reads as a bar across the releases
 * that export it, and a page carries a handful of cells a row instead of one per release.
 */
function runCells(present: readonly boolean[]): Html[] {
  const cells: Html[] = [];
  for (let i = 0; i < present.length;) {
    let j = i;
    while (j < present.length && present[j] === present[i]) j++;
    const span = j - i;
    cells.push(raw(`<td${span > 1 ? ` colspan="${span}"` : ''}>${present[i] ? '✓' : ''}`));
    i = j;
  }
  return cells;
}

// Table markup kept lean (optional end tags left out, no per-cell classes): 54,000 pages carry it.
/** What the columns alone decide, the same on every page of a build (every timeline shares one columns array). */
interface ColumnParts {
  groups: Html[];
  head: Html;
  multiLine: Set<string>;
}

const columnParts = new WeakMap<readonly TimelineColumn[], ColumnParts>();

function partsOf(columns: readonly TimelineColumn[]): ColumnParts {
  let parts = columnParts.get(columns);
  if (!parts)
    columnParts.set(
      columns,
      (parts = {
        groups: columnGroups(columns),
        head: html`<tr><th class="corner">Built for, export${columns.map((c) => html`<th>${c.release}`)}`,
        multiLine: new Set(columns.filter((c, i) => columns.findIndex((d) => d.line === c.line) !== i).map((c) => c.line)),
      }),
    );
  return parts;
}

export function historyTimelineSection(paths: SitePaths, t: SymbolTimeline, facts: readonly TimelineFact[]): Html {
  const { groups, head, multiLine } = partsOf(t.columns);
  const body = t.rows.map((row) => html`<tr class="${rowClass(row)}">${rowHeader(row)}${runCells(row.present)}`);
  const first = t.columns[0]!.release;
  const last = t.columns.at(-1)!.release;
  return html`<section class="history-timeline" aria-labelledby="export-history"><h2 id="export-history">Export history</h2><ul class="history-facts">${facts.map(
    (f) => html`<li class="fact-${f.kind}">${f.text}</li>`,
  )}</ul><div class="table-wrap"><table class="timeline-grid" aria-label="Export by release">${groups}<thead>${head}</thead><tbody>${body}</tbody></table></div><p class="timeline-legend">✓ exported: <span class="key gpl">GPL-only</span> <span class="key any">any licence</span> <span class="key restricted">module-restricted</span>; blank: not exported. <a href="${paths.releases()}">Releases ${first} to ${last}</a>${multiLine.size > 0 && html`; shaded: point releases of one line (${[...multiLine].join(', ')})`}.</p><h3>Where, release by release</h3>${placesList(t)}</section>`;
}
