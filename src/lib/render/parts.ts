// Pieces of markup shared by the symbol pages and the Astro components that wrap them (Badges,
// Threads, History on listings and mechanism cards), so each piece has one definition.
import type { HistoryEntry, Thread } from '../schema.ts';
import type { ExportType, Tier } from '../vocabulary.ts';
import { neverExported, type TimelineChange, type TimelineStep } from '../releases.ts';
import type { SitePaths } from '../urls.ts';
import { html, joined, type Html } from './html.ts';

export function typeBadgeClass(type: ExportType): string {
  return type === 'unexported' ? 'none' : type.endsWith('GPL') || type === 'EXPORT_SYMBOL_FOR_MODULES' ? 'gpl' : 'any';
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
    (t) => html`<li>${t.role && html`<span class="role role-${t.role}">${t.role}</span>`}<a href="${t.url}" rel="nofollow noopener"><code>${t.messageId}</code></a>${t.note && html`<span class="note">${t.note}</span>`}</li>`,
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

const CHANGE_LABELS: Record<TimelineChange, string> = { first: '', unchanged: '', absent: '', added: 'added', removed: 'removed', retyped: 'changed' };

/** How each committed snapshot exports the symbol; every release links to its page of changes. */
export function exportTimeline(paths: SitePaths, steps: readonly TimelineStep[]): Html | undefined {
  if (steps.length === 0) return undefined;
  const release = (s: TimelineStep) => html`<a href="${paths.release(s.release)}">${s.release}</a>`;
  const body = neverExported(steps)
    ? html`<p>Not exported in any committed snapshot (${joined(steps.map(release), ', ')}).</p>`
    : html`<ol>${steps.map((s) => {
        const forms = s.forms.length
          ? joined(
              s.forms.map((f) => html`<code>${f.macro}</code>${f.namespace && html` <code>[${f.namespace}]</code>`}`),
              ' + ',
            )
          : html`<span class="absent">not exported</span>`;
        const label = CHANGE_LABELS[s.change];
        return html`<li>${release(s)} ${forms}${label && html` <span class="change">${label}</span>`}</li>`;
      })}</ol>`;
  return html`<section class="export-timeline" aria-labelledby="exports-by-release" data-pagefind-ignore><h2 id="exports-by-release">Export by release</h2>${body}</section>`;
}
