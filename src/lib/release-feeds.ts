// Atom feed entries for the export changes of each release of the history store (issue 13): one
// entry per release in the site-wide feed, one per release and source area in that area's feed,
// and one per release and namespace in the namespace's feed. A release whose date the store does
// not know is dated by the day its exports were added to the history (the snapshot's "extracted:"
// date), and the entry says so: a release date is never guessed.
import type { ReleaseEntry } from './history/model.ts';
import { CHANGE_KIND_LABELS, type ChangeKind } from './history/timeline.ts';
import { kindCounts, type Release, type ReleaseDiff, type SymbolChange } from './releases.ts';
import type { FeedContext, FeedEntry, ReleaseFeedEntries } from './feeds.ts';
import { absoluteUrl } from './urls.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Symbols an entry lists by name; the release page has the rest. */
const LISTED = 40;

/** The entry's date and, when it is not the release date, what it is. */
export function releaseFeedDate(entry: ReleaseEntry): { date: string; note?: string } | undefined {
  if (entry.date) return { date: entry.date };
  const added = /extracted:\s*(\d{4}-\d{2}-\d{2})/.exec(entry.source)?.[1];
  return added
    ? { date: added, note: `The release date is not recorded; these changes were added to the history on ${added}.` }
    : undefined;
}

function changesOf(diff: ReleaseDiff): SymbolChange[] {
  return [...diff.added, ...diff.removed, ...diff.retyped];
}

function countsText(diff: ReleaseDiff, changes: readonly SymbolChange[]): string {
  return kindCounts({ ...diff, added: [], removed: [], retyped: [...changes] })
    .map((k) => `${k.count} ${CHANGE_KIND_LABELS[k.kind]}`)
    .join(', ');
}

function entry(
  release: Release,
  changes: readonly SymbolChange[],
  what: string,
  idSuffix: string,
  when: { date: string; note?: string },
  ctx: FeedContext,
): FeedEntry {
  const diff = release.diff!;
  const link = absoluteUrl(ctx.site, ctx.paths.release(release.release));
  const counts = countsText(diff, changes);
  const items = changes
    .slice(0, LISTED)
    .map(
      (c) =>
        `<li><a href="${esc(absoluteUrl(ctx.site, ctx.paths.symbol(c.symbol)))}"><code>${esc(c.symbol)}</code></a> ${esc((c.kinds ?? []).map((k: ChangeKind) => CHANGE_KIND_LABELS[k]).join(', '))}</li>`,
    )
    .join('');
  const more = changes.length > LISTED ? `<p>And ${changes.length - LISTED} more on <a href="${esc(link)}">the release page</a>.</p>` : '';
  const summary = `Since ${diff.from}${what}: ${counts}.`;
  return {
    id: `${link}#changes${idSuffix}`,
    title: `Linux ${release.release}${what}: ${counts}`,
    date: when.date,
    link,
    kinds: ['release-changes'],
    summary: when.note ? `${summary} ${when.note}` : summary,
    html: `<p>${esc(summary)}</p>${when.note ? `<p>${esc(when.note)}</p>` : ''}<ul>${items}</ul>${more}`,
  };
}

export function releaseFeedEntries(releases: readonly Release[], entries: readonly ReleaseEntry[], ctx: FeedContext): ReleaseFeedEntries {
  const out: ReleaseFeedEntries = { all: [], areas: new Map(), namespaces: new Map() };
  const push = (map: Map<string, FeedEntry[]>, key: string, e: FeedEntry) => {
    const list = map.get(key);
    if (list) list.push(e);
    else map.set(key, [e]);
  };
  const byRelease = new Map(entries.map((e) => [e.release, e]));
  for (const r of releases) {
    const held = byRelease.get(r.release);
    const when = held && releaseFeedDate(held);
    if (!r.diff || !when) continue;
    const changes = changesOf(r.diff);
    if (changes.length === 0) continue;
    out.all.push(entry(r, changes, '', '', when, ctx));
    for (const area of r.areas) {
      push(
        out.areas,
        area.area,
        entry(r, [...area.added, ...area.removed, ...area.retyped], ` in ${area.area}`, `-${area.slug}`, when, ctx),
      );
    }
    const byNamespace = new Map<string, SymbolChange[]>();
    for (const c of changes) {
      for (const ns of new Set([...c.before, ...c.after].map((f) => f.namespace).filter((n) => n && !n.startsWith('module:')))) {
        const list = byNamespace.get(ns);
        if (list) list.push(c);
        else byNamespace.set(ns, [c]);
      }
    }
    for (const [ns, list] of byNamespace) push(out.namespaces, ns, entry(r, list, ` in namespace ${ns}`, `-ns-${ns}`, when, ctx));
  }
  return out;
}
