// The page of one symbol: its decision record, or, for an exported symbol without one, where the
// latest snapshot exports it and how to start its record. At kernel scale there are 40,000 of
// these, so they are rendered here as strings and handed to Astro as finished documents
// (src/pages/symbols/[symbol].astro); Astro's component pipeline costs about 1 ms a page.
import { importAdvice, licenceNote, type SiteRecord } from '../site/model.ts';
import { effectiveNamespace } from '../symbols.ts';
import { canHaveRecord, prefilledRecord, recordStart, scaffoldCommand, type UndocumentedSymbol } from '../site/undocumented.ts';
import { EXPORT_TYPE_INFO, TIER_PROMISES } from '../vocabulary.ts';
import { symbolTimeline, type SnapshotIndex } from '../releases.ts';
import type { Snapshot } from '../kernel/snapshot.ts';
import { EXPORTS_DIR } from '../project.ts';
import { editUrl, newFileUrl, sourceUrl, type SitePaths } from '../urls.ts';
import { html, joined, raw, type Html } from './html.ts';
import { historyTimelineSection } from './history-timeline.ts';
import type { SymbolTimeline } from '../history/timeline.ts';
import type { TimelineFact } from '../history/facts.ts';
import type { RecordData } from '../schema.ts';
import { documentHtml } from './layout.ts';
import { badges, exportTimeline, historyList, linkerSymbolList, scopeTable, symbolLink, threadList } from './parts.ts';
import { describeModules, describeNamespace, ENTITY_NAMES, restrictedModules } from '../kernel/export-model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import { entityOf, exportSentence, exportsByScope, linkerSymbolsOf, similarExports } from '../site/symbol-exports.ts';
import type { LinkerAlias } from '../kernel/export-model.ts';

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
  /** The symbol's history across the store's releases; absent when the site has no history store. */
  history?: HistoryLookup;
}

export interface HistoryLookup {
  /** Oldest and newest release held. */
  first: string;
  last: string;
  of: (symbol: string) => SymbolHistory | undefined;
}

/** A symbol's timeline and the facts it gives. */
export interface SymbolHistory {
  timeline: SymbolTimeline;
  facts: TimelineFact[];
}

function recordArticle(record: SiteRecord, ctx: SymbolPageContext): Html {
  const { paths, known } = ctx;
  const d = record.data;
  const advice = importAdvice(d);
  const ns = effectiveNamespace(d);
  const latestRelease = ctx.snapshotIndexes.at(-1)?.release ?? '';
  const latestRows = ctx.snapshotIndexes.at(-1)?.bySymbol.get(d.symbol) ?? [];
  const fact = (term: string, value: Html | string) => html`<dt>${term}</dt><dd>${value}</dd>`;
  const facts = [
    fact(
      d.arches ? `Export type on ${d.arches.join(', ')}` : 'Export type',
      html`<a href="${paths.type(d.type)}"><code>${d.type}</code></a>`,
    ),
    fact('Licence', licenceNote(d.type)),
    d.arches &&
      fact(
        'Architectures',
        `${d.arches.join(', ')}: the decision concerns ${d.arches.length === 1 ? "this architecture's" : "these architectures'"} code; others may export a symbol of the same name on other terms (see Export by architecture)`,
      ),
    latestRows.length > 0 && fact(`In ${latestRelease}`, exportSentence(latestRows, latestRelease)),
    ns &&
      (d.type === 'EXPORT_SYMBOL_FOR_MODULES'
        ? fact('Restricted to', html`<a href="${paths.namespace(ns)}">${describeModules(restrictedModules([ns]))}</a>`)
        : fact('Namespace', html`<a href="${paths.namespace(ns)}"><code>${ns}</code></a>`)),
    fact('Tier', html`<a href="${paths.tier(d.status)}">${d.status}</a>: ${TIER_PROMISES[d.status].promise}`),
    d.reason && fact('Why this tier', d.reason),
    d.replaced_by && fact('Use instead', symbolLink(paths, d.replaced_by, known)),
    fact('Subsystem', html`<a href="${paths.subsystem(d.subsystem)}">${d.subsystem}</a>`),
    d.file && fact('Defined in', html`<code>${d.file}</code>`),
    fact('Since', d.since ?? sinceFromHistory(d, ctx) ?? 'not established'),
    fact('Decided', html`<time datetime="${d.date}">${d.date}</time>`),
    d.contact && fact('Contact', d.contact),
    d.users && fact('Users', d.users.join(', ')),
    d.related &&
      fact(
        'Related',
        html`${joined(
          d.related.map((s) => symbolLink(paths, s, known)),
          ', ',
        )}`,
      ),
  ];
  // The word index reads the symbol, summary and rationale (src/lib/search/word-inputs.ts), not this page.
  return html`<article class="record"><header class="record-header"><h1><code>${d.symbol}</code></h1>${badges(paths, d.status, d.type)}<p class="lede">${d.summary}</p></header><section aria-labelledby="facts"><h2 id="facts" class="visually-hidden">Facts</h2><dl class="facts">${facts}</dl>${advice && html`<div class="import-advice"><p>${advice.text}</p>${advice.line && html`<pre class="copyable"><code>${advice.line}</code></pre>`}</div>`}</section><section class="prose" aria-label="Rationale">${raw(record.html)}</section><div>${threadList(d.threads)}${d.history && historyList(d.history)}${exportSections(d.symbol, ctx)}<p class="edit"><a href="${editUrl(record.sourcePath)}">Edit this record</a></p></div></article>`;
}

/** Without a recorded since, what the export history bounds it by (not for arch-scoped records: the history spans every architecture). */
function sinceFromHistory(d: RecordData, ctx: SymbolPageContext): string | undefined {
  if (d.arches) return undefined;
  const fact = ctx.history?.of(d.symbol)?.facts.find((f) => f.kind === 'since');
  return fact && `not recorded; the export history below: ${fact.text}`;
}

function exportSections(symbol: string, ctx: SymbolPageContext): Html {
  const latest = ctx.snapshotIndexes.at(-1);
  const rows = latest?.bySymbol.get(symbol) ?? [];
  const entity = entityOf(rows);
  const linker = rows.length > 0 && entity !== 'symbol' && linkerSymbolList(linkerSymbolsOf(rows, latest!.release), latest!.release);
  if (ctx.history) return html`${linker}${historySection(symbol, ctx.history, ctx.paths)}`;
  return html`${linker}${scopeTable(ctx.paths, exportsByScope(ctx.snapshotIndexes, symbol))}${exportTimeline(ctx.paths, symbolTimeline(ctx.snapshotIndexes, symbol))}`;
}

function historySection(symbol: string, history: HistoryLookup, paths: SitePaths): Html {
  const h = history.of(symbol);
  if (h) return historyTimelineSection(paths, h.timeline, h.facts);
  return html`<section class="history-timeline" aria-labelledby="export-history"><h2 id="export-history">Export history</h2><p>Not exported in any release we hold (${history.first} to ${history.last}).</p></section>`;
}

/** For a tracepoint or static call: its name is not a function a module can call. */
function entityNote(symbol: string, rows: readonly ExportRow[], ctx: SymbolPageContext): Html | undefined {
  const entity = entityOf(rows);
  if (rows.length === 0 || entity === 'symbol') return undefined;
  const similar = similarExports(ctx.snapshotIndexes.at(-1), symbol);
  const version = ctx.snapshotIndexes.at(-1)?.release ?? '';
  return html`<div class="entity-note"><p><strong>${symbol} is a ${ENTITY_NAMES[entity]}, not an exported function or variable.</strong> No symbol named <code>${symbol}</code> is exported in ${version}: a module that attaches to the ${ENTITY_NAMES[entity]} links against the linker symbols below, and a call to <code>${symbol}()</code> in C links against whatever the kernel headers make of it.</p>${
    similar.length > 0 &&
    html`<p>Exported in ${version} with <code>${symbol}</code> in their name: ${joined(
      similar.map((s) => symbolLink(ctx.paths, s, ctx.known)),
      ', ',
    )}.</p>`
  }</div>`;
}

function undocumentedArticle(symbol: UndocumentedSymbol, ctx: SymbolPageContext): Html {
  const { paths } = ctx;
  const version = ctx.latestSnapshot?.version;
  const first = symbol.rows[0]!;
  const start = recordStart(symbol.rows);
  const entity = entityOf(symbol.rows);
  const rows = symbol.rows.map(
    (row) =>
      html`<tr><td><code>${row.macro}</code></td><td>${row.namespace ? describeNamespace(row.namespace) : '—'}</td><td><a href="${sourceUrl(version ?? '', row.file, row.line)}" rel="nofollow noopener"><code>${row.file}:${row.line}</code></a></td></tr>`,
  );
  const prefilled = newFileUrl(`${EXPORTS_DIR}/${symbol.symbol}.mdx`, prefilledRecord(symbol.symbol, symbol.rows, ctx.today));
  const kindBadge = entity !== 'symbol' && html`<span class="badge entity">${ENTITY_NAMES[entity]}</span>`;
  return html`<article class="record undocumented"><header class="record-header"><h1><code>${symbol.symbol}</code></h1><span class="badges"><span class="badge tier tier-none">no record</span>${kindBadge}<a class="badge type" href="${paths.type(start.type)}">${first.macro}</a></span><p class="lede">${exportSentence(symbol.rows, version ?? '')} No decision recorded yet.</p></header>${entityNote(symbol.symbol, symbol.rows, ctx)}<h2>Where ${version} exports it</h2><div class="table-wrap"><table class="export-rows"><thead><tr><th scope="col">Macro</th><th scope="col">Namespace</th><th scope="col">File</th></tr></thead><tbody>${rows}</tbody></table></div><p>${EXPORT_TYPE_INFO[start.type].summary}</p>${exportSections(symbol.symbol, ctx)}${canHaveRecord(symbol.symbol) ? html`<h2>Start its decision record</h2><p>Know where this export was decided? Write its record: run this in a clone of the site's repository, then fill in the rationale.</p><pre class="copyable"><code>${scaffoldCommand(symbol.symbol, symbol.rows)}</code></pre><p><a href="${prefilled}">Or start the record on GitHub</a>, with the facts above filled in.</p>` : html`<p class="meta">Decision records are named for C identifiers, so this name cannot have one of its own; a record about it belongs with a related symbol.</p>`}</article>`;
}

/** The page of a linker symbol that comes from a tracepoint or static call: it leads to that page. */
export function linkerAliasPageHtml(alias: LinkerAlias, ctx: SymbolPageContext): string {
  const target = ctx.paths.symbol(alias.target);
  const main = html`<article class="record alias"><header class="record-header"><h1><code>${alias.name}</code></h1><p class="lede">A linker symbol of the ${ENTITY_NAMES[alias.entity]} <a href="${target}"><code>${alias.target}</code></a>: it is exported with it, on the same terms.</p></header><p><a href="${target}">Go to ${alias.target}</a>.</p></article>`;
  return documentHtml({
    paths: ctx.paths,
    stylesheet: ctx.stylesheet,
    title: alias.name,
    description: `${alias.name} is a linker symbol of the ${ENTITY_NAMES[alias.entity]} ${alias.target}.`,
    main,
    head: html`<meta http-equiv="refresh" content="0; url=${target}"><link rel="canonical" href="${target}">`,
  });
}

export function recordPageHtml(record: SiteRecord, ctx: SymbolPageContext): string {
  return documentHtml({
    paths: ctx.paths,
    stylesheet: ctx.stylesheet,
    title: record.data.symbol,
    description: record.data.summary,
    main: recordArticle(record, ctx),
  });
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

/** A symbol some release we hold exported, but not the newest one: its page is its history. */
export interface HistoricSymbol {
  symbol: string;
  /** The newest release that exports it. */
  last: string;
}

function historicArticle(symbol: HistoricSymbol, ctx: SymbolPageContext): Html {
  const h = ctx.history!.of(symbol.symbol)!;
  const until = h.facts.find((f) => f.kind === 'until');
  return html`<article class="record historic"><header class="record-header"><h1><code>${symbol.symbol}</code></h1><span class="badges"><span class="badge tier tier-none">no record</span><span class="badge tier tier-removed">not exported in ${ctx.history!.last}</span></span><p class="lede">${until?.text ?? `Last exported in ${symbol.last}.`} No decision recorded yet.</p></header>${historySection(symbol.symbol, ctx.history!, ctx.paths)}<p class="meta">Modules built against ${symbol.last} or older may still use it; newer kernels we hold do not export it.${canHaveRecord(symbol.symbol) ? html` Know why it went? Its decision record is written like any other (<code>npm run new -- ${symbol.symbol}</code> in a clone of the site's repository asks for the rest).` : ''}</p></article>`;
}

export function historicPageHtml(symbol: HistoricSymbol, ctx: SymbolPageContext): string {
  return documentHtml({
    paths: ctx.paths,
    stylesheet: ctx.stylesheet,
    title: symbol.symbol,
    description: `${symbol.symbol}: exported until ${symbol.last}, not in ${ctx.history?.last ?? 'the newest release'}.`,
    main: historicArticle(symbol, ctx),
  });
}
