// The page of one symbol: its decision record, or, for an exported symbol without one, where the
// latest snapshot exports it and how to start its record. At kernel scale there are 40,000 of
// these, so they are rendered here as strings and handed to Astro as finished documents
// (src/pages/symbols/[symbol].astro); Astro's component pipeline costs about 1 ms a page.
import { effectiveNamespace, importAdvice, licenceNote, type SiteRecord } from '../site/model.ts';
import { prefilledRecord, recordStart, scaffoldCommand, type UndocumentedSymbol } from '../site/undocumented.ts';
import { EXPORT_TYPE_INFO, TIER_PROMISES } from '../vocabulary.ts';
import { pagefindAttributes } from '../search/pagefind-attributes.ts';
import { symbolTimeline, type SnapshotIndex } from '../releases.ts';
import type { Snapshot } from '../kernel/snapshot.ts';
import { EXPORTS_DIR } from '../project.ts';
import { editUrl, newFileUrl, sourceUrl, type SitePaths } from '../urls.ts';
import { html, joined, raw, type Html } from './html.ts';
import { documentHtml } from './layout.ts';
import { badges, exportTimeline, historyList, symbolLink, threadList } from './parts.ts';

export interface SymbolPageContext {
  paths: SitePaths;
  stylesheet: string;
  /** Every symbol that has a page, so links are made only where they land. */
  known: ReadonlySet<string>;
  /** The committed snapshots, indexed, oldest first (the export timeline). */
  snapshotIndexes: readonly SnapshotIndex[];
  latestSnapshot: Snapshot | undefined;
  /** The date a record started from an undocumented page is prefilled with. */
  today: string;
}

function recordArticle(record: SiteRecord, ctx: SymbolPageContext): Html {
  const { paths, known } = ctx;
  const d = record.data;
  const advice = importAdvice(d);
  const ns = effectiveNamespace(d);
  const pagefind = pagefindAttributes(d);
  const fact = (term: string, value: Html | string) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const facts = [
    fact('Export type', html`<a href="${paths.type(d.type)}"><code>${d.type}</code></a>`),
    fact('Licence', licenceNote(d.type)),
    ns && fact('Namespace', html`<a href="${paths.namespace(ns)}"><code>${ns}</code></a>`),
    fact('Tier', html`<a href="${paths.tier(d.status)}">${d.status}</a>: ${TIER_PROMISES[d.status].promise}`),
    d.reason && fact('Why this tier', d.reason),
    d.replaced_by && fact('Use instead', symbolLink(paths, d.replaced_by, known)),
    fact('Subsystem', html`<a href="${paths.subsystem(d.subsystem)}">${d.subsystem}</a>`),
    d.file && fact('Defined in', html`<code>${d.file}</code>`),
    fact('Since', d.since ?? 'not established'),
    fact('Decided', html`<time datetime="${d.date}">${d.date}</time>`),
    d.contact && fact('Contact', d.contact),
    d.users && fact('Users', d.users.join(', ')),
    d.related && fact('Related', html`${joined(d.related.map((s) => symbolLink(paths, s, known)), ', ')}`),
  ];
  // Pagefind indexes the symbol, summary and rationale: threads and history would add words
  // (Message-IDs, dates) that no one searches for, and cost index time and memory at 40,000 records.
  return html`<article class="record" data-pagefind-body>${pagefind.meta.map((m) => html`<span data-pagefind-meta="${m}"></span>`)}${pagefind.filters.map((f) => html`<span data-pagefind-filter="${f}"></span>`)}<header class="record-header"><h1 data-pagefind-weight="10"><code>${d.symbol}</code></h1>${badges(paths, d.status, d.type)}<p class="lede">${d.summary}</p></header><section aria-labelledby="facts"><h2 id="facts" class="visually-hidden">Facts</h2><dl class="facts" data-pagefind-ignore>${facts}</dl>${advice && html`<div class="import-advice" data-pagefind-ignore><p>${advice.text}</p>${advice.line && html`<pre class="copyable"><code>${advice.line}</code></pre>`}</div>`}</section><section class="prose" aria-label="Rationale">${raw(record.html)}</section><div data-pagefind-ignore>${threadList(d.threads)}${d.history && historyList(d.history)}${exportTimeline(paths, symbolTimeline(ctx.snapshotIndexes, d.symbol))}<p class="edit"><a href="${editUrl(record.sourcePath)}">Edit this record</a></p></div></article>`;
}

function undocumentedArticle(symbol: UndocumentedSymbol, ctx: SymbolPageContext): Html {
  const { paths } = ctx;
  const version = ctx.latestSnapshot?.version;
  const first = symbol.rows[0]!;
  const type = recordStart(symbol.rows).type;
  const rows = symbol.rows.map(
    (row) =>
      html`<tr><td><code>${row.macro}</code></td><td>${row.namespace ? html`<code>${row.namespace}</code>` : '—'}</td><td><a href="${sourceUrl(version ?? '', row.file, row.line)}" rel="nofollow noopener"><code>${row.file}:${row.line}</code></a></td></tr>`,
  );
  const prefilled = newFileUrl(`${EXPORTS_DIR}/${symbol.symbol}.mdx`, prefilledRecord(symbol.symbol, symbol.rows, ctx.today));
  return html`<article class="record undocumented"><header class="record-header"><h1><code>${symbol.symbol}</code></h1><span class="badges"><span class="badge tier tier-none">no record</span><a class="badge type" href="${paths.type(type)}">${first.macro}</a></span><p class="lede">Exported in ${version}; no decision recorded yet.</p></header><h2>Where ${version} exports it</h2><div class="table-wrap"><table class="export-rows"><thead><tr><th scope="col">Macro</th><th scope="col">Namespace</th><th scope="col">File</th></tr></thead><tbody>${rows}</tbody></table></div><p>${EXPORT_TYPE_INFO[type].summary}</p>${exportTimeline(paths, symbolTimeline(ctx.snapshotIndexes, symbol.symbol))}<h2>Start its decision record</h2><p>Know where this export was decided? Write its record: run this in a clone of the site's repository, then fill in the rationale.</p><pre class="copyable"><code>${scaffoldCommand(symbol.symbol, symbol.rows)}</code></pre><p><a href="${prefilled}">Or start the record on GitHub</a>, with the facts above filled in.</p></article>`;
}

export function recordPageHtml(record: SiteRecord, ctx: SymbolPageContext): string {
  return documentHtml({ paths: ctx.paths, stylesheet: ctx.stylesheet, title: record.data.symbol, description: record.data.summary, main: recordArticle(record, ctx) });
}

export function undocumentedPageHtml(symbol: UndocumentedSymbol, ctx: SymbolPageContext): string {
  const first = symbol.rows[0]!;
  return documentHtml({
    paths: ctx.paths,
    stylesheet: ctx.stylesheet,
    title: symbol.symbol,
    description: `${symbol.symbol} is exported with ${first.macro}; no decision recorded yet.`,
    main: undocumentedArticle(symbol, ctx),
  });
}
