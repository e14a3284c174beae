// Pieces of markup shared by the symbol pages and the Astro components that wrap them (Badges,
// Threads, History on listings and mechanism cards), so each piece has one definition.
import type { HistoryEntry, Thread } from '../schema.ts';
import { EXPORT_TYPE_INFO, type ExportType, type Tier } from '../vocabulary.ts';
import { neverExported, type TimelineChange, type TimelineStep } from '../releases.ts';
import type { SitePaths } from '../urls.ts';
import { ALL_ARCHES, type ExportsByScope, type ScopeForm } from '../site/symbol-exports.ts';
import { describeNamespace, type LinkerSymbol } from '../kernel/export-model.ts';
import { html, joined, type Html } from './html.ts';

export function typeBadgeClass(type: ExportType): string {
  return type === 'unexported' ? 'none' : EXPORT_TYPE_INFO[type].gplOnly ? 'gpl' : 'any';
}

export function badges(paths: SitePaths, status: Tier, type: ExportType): Html {
  return html`<span class="badges"><a class="badge tier tier-${status}" href="${paths.tier(status)}">${status}</a><a class="badge type type-${typeBadgeClass(type)}" href="${paths.type(type)}">${type}</a></span>`;
}

/** A symbol, linked when it has a page. */
export function symbolLink(paths: SitePaths, symbol: string, known: ReadonlySet<string>): Html {
  return known.has(symbol) ? html`<a href="${paths.symbol(symbol)}"><code>${symbol}</code></a>` : html`<code>${symbol}</code>`;
}

export interface SectionOptions {
  /** Heading level: 2 on a record page, 4 inside a mechanism card. */
  level?: 2 | 4;
  /** A named region (landmark) on a record page; inside a card, where several cards each have one, a plain section. */
  landmark?: boolean;
}

const heading = (level: 2 | 4, text: string) => (level === 2 ? html`<h2>${text}</h2>` : html`<h4>${text}</h4>`);

export function threadList(threads: readonly Thread[], { level = 2, landmark = true }: SectionOptions = {}): Html {
  const items = threads.map(
    (t) =>
      html`<li>${t.role && html`<span class="role role-${t.role}">${t.role}</span>`}<a href="${t.url}" rel="nofollow noopener"><code>${t.messageId}</code></a>${t.note && html`<span class="note">${t.note}</span>`}</li>`,
  );
  return html`<section class="threads"${landmark && html` aria-label="Mailing-list threads"`}>${heading(level, 'Threads')}<ul>${items}</ul></section>`;
}

export function historyList(history: readonly HistoryEntry[], { level = 2, landmark = true }: SectionOptions = {}): Html {
  const items = history.map(
    (h) =>
      html`<li><time datetime="${h.date}">${h.date}</time>${h.version && html`<span class="version">${h.version}</span>`}${h.type && html`<code class="type">${h.type}</code>`}${h.status && html`<span class="badge tier tier-${h.status}">${h.status}</span>`}<p>${h.change}${h.thread && html` (<a href="${h.thread.url}" rel="nofollow noopener">thread</a>)`}</p></li>`,
  );
  return html`<section class="history"${landmark && html` aria-label="History"`}>${heading(level, 'History')}<ol class="timeline">${items}</ol></section>`;
}

const CHANGE_LABELS: Record<TimelineChange, string> = {
  first: '',
  unchanged: '',
  absent: '',
  added: 'added',
  removed: 'removed',
  retyped: 'changed',
};

/** How each release held exports the symbol; every release links to its page of changes. */
export function exportTimeline(paths: SitePaths, steps: readonly TimelineStep[]): Html | undefined {
  if (steps.length === 0) return undefined;
  const release = (s: TimelineStep) => html`<a href="${paths.release(s.release)}">${s.release}</a>`;
  const body = neverExported(steps)
    ? html`<p>Not exported in any release held (${joined(steps.map(release), ', ')}).</p>`
    : html`<ol>${steps.map((s) => {
        const forms = s.forms.length
          ? joined(
              s.forms.map(
                (f) => html`<code>${f.macro}</code>${f.namespace && html` <span class="ns">${describeNamespace(f.namespace)}</span>`}`,
              ),
              ' + ',
            )
          : html`<span class="absent">not exported</span>`;
        const label = CHANGE_LABELS[s.change];
        return html`<li>${release(s)} ${forms}${label && html` <span class="change">${label}</span>`}</li>`;
      })}</ol>`;
  return html`<section class="export-timeline" aria-labelledby="exports-by-release"><h2 id="exports-by-release">Export by release</h2>${body}</section>`;
}

/** Where each release exports the symbol: generic code and each architecture down, releases across. */
export function scopeTable(paths: SitePaths, byScope: ExportsByScope): Html | undefined {
  if (byScope.rows.length === 0) return undefined;
  const cell = (forms: readonly ScopeForm[]) =>
    forms.length
      ? joined(
          forms.map((f) => html`<code>${f.macro}</code>${f.namespace && html` <span class="ns">${f.namespace}</span>`}`),
          html`<br>`,
        )
      : html`<span class="absent">—</span>`;
  const head = html`<tr><th scope="col">Built for</th>${byScope.releases.map((r) => html`<th scope="col"><a href="${paths.release(r)}">${r}</a></th>`)}</tr>`;
  const body = byScope.rows.map(
    (row) =>
      html`<tr><th scope="row">${row.scope === ALL_ARCHES ? 'every architecture' : row.scope}</th>${row.cells.map((c) => html`<td>${cell(c)}</td>`)}</tr>`,
  );
  return html`<section class="scope-table" aria-labelledby="exports-by-arch"><h2 id="exports-by-arch">Export by architecture</h2><p class="meta">Code in <code>arch/&lt;name&gt;/</code> is built only for that architecture; everything else for all of them. — means not exported there.</p><div class="table-wrap"><table><thead>${head}</thead><tbody>${body}</tbody></table></div></section>`;
}

/** The linker symbols a release exports for a tracepoint or static call, as `nm -u` shows them in a module. */
export function linkerSymbolList(symbols: readonly LinkerSymbol[], release: string): Html {
  return html`<section class="linker-symbols" aria-labelledby="linker-symbols"><h2 id="linker-symbols">Linker symbols in ${release}</h2><p>What a module that uses it links against (what <code>nm -u</code> lists and modpost checks):</p><ul>${symbols.map(
    (s) => html`<li><code>${s.name}</code>${s.condition && html` <span class="meta">(${s.condition})</span>`}</li>`,
  )}</ul></section>`;
}
