// Atom feeds (RFC 4287) of the decisions: one entry per new record (dated by its decision) and one
// per history step, saying what changed (export type, tier) from the step before. The site-wide
// feed, and one feed per subsystem and per namespace, as the listing pages group records.
import type { HistoryEntry, MechanismData, RecordData } from './schema.ts';
import { namespaces, subsystems, type SiteMechanism, type SiteRecord } from './site/model.ts';
import { effectiveNamespace } from './symbols.ts';
import { absoluteUrl, slugify, type SitePaths } from './urls.ts';

export interface FeedContext {
  paths: SitePaths;
  /** Astro's `site` (origin); every URL in a feed is absolute. */
  site: string | URL | undefined;
}

export type FeedEntryKind = 'new-record' | 'new-mechanism' | 'type-change' | 'tier-change' | 'change' | 'release-changes';

export const FEED_KIND_LABELS: Record<FeedEntryKind, string> = {
  'new-record': 'New record',
  'new-mechanism': 'New mechanism decision',
  'type-change': 'Export type changed',
  'tier-change': 'Tier changed',
  change: 'Other change',
  'release-changes': 'Export changes in a release',
};

export interface FeedEntry {
  id: string;
  title: string;
  /** YYYY-MM-DD */
  date: string;
  link: string;
  kinds: FeedEntryKind[];
  /** One line of plain text. */
  summary: string;
  /** HTML fragment (escaped once more when written into the feed). */
  html: string;
}

export interface Feed {
  /** Site path of the feed file. */
  path: string;
  title: string;
  subtitle: string;
  /** Site path of the page the feed follows. */
  alternate: string;
  entries: FeedEntry[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a history step changed, from the state the steps before it left. */
export function describeStep(
  previous: { type?: string; status?: string },
  entry: Pick<HistoryEntry, 'type' | 'status'>,
): { kinds: FeedEntryKind[]; words: string[] } {
  const kinds: FeedEntryKind[] = [];
  const words: string[] = [];
  if (entry.type && entry.type !== previous.type) {
    kinds.push('type-change');
    words.push(previous.type ? `type ${previous.type} → ${entry.type}` : `type ${entry.type}`);
  }
  if (entry.status && entry.status !== previous.status) {
    kinds.push('tier-change');
    words.push(previous.status ? `tier ${previous.status} → ${entry.status}` : `tier ${entry.status}`);
  }
  if (kinds.length === 0) kinds.push('change');
  return { kinds, words };
}

function historyEntries(
  subject: string,
  history: readonly HistoryEntry[],
  link: string,
  idOf: (date: string, k: number) => string,
): FeedEntry[] {
  const state: { type?: string; status?: string } = {};
  const perDate = new Map<string, number>();
  return history.map((h) => {
    const { kinds, words } = describeStep(state, h);
    if (h.type) state.type = h.type;
    if (h.status) state.status = h.status;
    const k = perDate.get(h.date) ?? 0;
    perDate.set(h.date, k + 1);
    const what = words.length ? words.join(', ') : h.change.length > 90 ? `${h.change.slice(0, 89).trimEnd()}…` : h.change;
    const facts = [h.version && `Release ${esc(h.version)}`, h.thread && `<a href="${esc(h.thread.url)}">thread</a>`]
      .filter(Boolean)
      .join(' · ');
    return {
      id: idOf(h.date, k),
      title: `${subject}: ${what}${h.version ? ` (${h.version})` : ''}`,
      date: h.date,
      link,
      kinds,
      summary: h.change,
      html: `<p>${esc(h.change)}</p>${facts ? `<p>${facts}</p>` : ''}`,
    };
  });
}

export function recordEntries(d: RecordData, ctx: FeedContext): FeedEntry[] {
  const link = absoluteUrl(ctx.site, ctx.paths.symbol(d.symbol));
  const ns = effectiveNamespace(d);
  const decision = d.threads.find((t) => t.role === 'decision') ?? d.threads[0]!;
  const facts = [
    `<code>${esc(d.type)}</code>${ns ? ` in namespace <code>${esc(ns)}</code>` : ''}`,
    `tier ${esc(d.status)}`,
    d.since && `since ${esc(d.since)}`,
    `subsystem ${esc(d.subsystem)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const created: FeedEntry = {
    id: `${link}#decision`,
    title: `New record: ${d.symbol} (${d.type}, ${d.status})`,
    date: d.date,
    link,
    kinds: ['new-record'],
    summary: d.summary,
    html:
      `<p>${esc(d.summary)}</p><p>${facts}</p>` +
      (d.reason ? `<p>${esc(d.reason)}</p>` : '') +
      `<p><a href="${esc(decision.url)}">${decision.role === 'decision' ? 'Where it was decided' : 'Thread'}</a></p>`,
  };
  return [created, ...historyEntries(d.symbol, d.history ?? [], link, (date, k) => `${link}#history-${date}-${k}`)];
}

/** Mechanism decisions appear on their first export type's page, anchored by their id. */
export function mechanismEntries(m: SiteMechanism, ctx: FeedContext): FeedEntry[] {
  const d: MechanismData = m.data;
  const link = absoluteUrl(ctx.site, `${ctx.paths.type(d.types[0]!)}#${m.id}`);
  const created: FeedEntry = {
    id: link,
    title: `New mechanism decision: ${d.title} (${d.status})`,
    date: d.date,
    link,
    kinds: ['new-mechanism'],
    summary: d.summary,
    html: `<p>${esc(d.summary)}</p><p>Macros: ${d.macros.map((x) => `<code>${esc(x)}</code>`).join(', ')}${d.since ? ` · since ${esc(d.since)}` : ''}</p>`,
  };
  return [created, ...historyEntries(d.title, d.history ?? [], link, (date, k) => `${link}-history-${date}-${k}`)];
}

/**
 * A feed carries its newest entries only, as feeds do: readers poll for what is new, and the full
 * record of every decision is the JSON API (at 40,000 records an unbounded all.xml is 77 MB).
 */
export const FEED_ENTRY_LIMIT = 100;

/** Newest first; ties in a stable order; at most FEED_ENTRY_LIMIT. */
export function sortEntries(entries: FeedEntry[]): FeedEntry[] {
  return entries
    .sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, FEED_ENTRY_LIMIT);
}

/** Entries for the export changes of each release (made by release-feeds.ts). */
export interface ReleaseFeedEntries {
  all: FeedEntry[];
  /** By source area (drivers/gpu, mm). */
  areas: Map<string, FeedEntry[]>;
  /** By namespace a change touches (before or after; module restrictions are not namespaces). */
  namespaces: Map<string, FeedEntry[]>;
}

export interface FeedSet {
  all: Feed;
  subsystems: (Feed & { name: string })[];
  namespaces: (Feed & { name: string })[];
}

/**
 * The feeds: records' and mechanisms' entries, and, given the release changes of the history store,
 * an entry per release in all.xml, per release and source area in the subsystem feed of that name
 * (one is made where no record names the subsystem), per release and namespace in the namespace's.
 */
export function buildFeeds(
  records: readonly SiteRecord[],
  mechanisms: readonly SiteMechanism[],
  ctx: FeedContext,
  releases: ReleaseFeedEntries = { all: [], areas: new Map(), namespaces: new Map() },
): FeedSet {
  const byRecord = new Map(records.map((r) => [r.data.symbol, recordEntries(r.data, ctx)]));
  const byMechanism = new Map(mechanisms.map((m) => [m.id, mechanismEntries(m, ctx)]));
  const { paths } = ctx;
  return {
    all: {
      path: paths.feedAll(),
      title: 'Kernel Export Decisions',
      subtitle: 'Every recorded decision on how a Linux kernel symbol is exported to modules, and every change since.',
      alternate: paths.home(),
      entries: sortEntries([...[...byRecord.values()].flat(), ...[...byMechanism.values()].flat(), ...releases.all]),
    },
    subsystems: withReleaseFeeds(
      subsystems(records).map((s) => ({
        name: s.name,
        path: paths.feedSubsystem(s.name),
        title: `Kernel Export Decisions: ${s.name}`,
        subtitle: `Export decisions in the ${s.name} subsystem.`,
        alternate: paths.subsystem(s.name),
        entries: s.records.flatMap((r) => byRecord.get(r.data.symbol)!),
      })),
      releases.areas,
      (name) => ({
        name,
        path: paths.feedSubsystem(name),
        title: `Kernel Export Decisions: ${name}`,
        subtitle: `Export changes in ${name}, release by release.`,
        alternate: paths.releases(),
        entries: [],
      }),
    ),
    namespaces: withReleaseFeeds(
      namespaces(records, mechanisms).map((n) => ({
        name: n.name,
        path: paths.feedNamespace(n.name),
        title: `Kernel Export Decisions: namespace ${n.name}`,
        subtitle: `Export decisions about symbols in the ${n.name} namespace.`,
        alternate: paths.namespace(n.name),
        entries: [...n.records.flatMap((r) => byRecord.get(r.data.symbol)!), ...n.mechanisms.flatMap((m) => byMechanism.get(m.id)!)],
      })),
      releases.namespaces,
      (name) => ({
        name,
        path: paths.feedNamespace(name),
        title: `Kernel Export Decisions: namespace ${name}`,
        subtitle: `Export changes in the ${name} namespace, release by release.`,
        alternate: paths.releases(),
        entries: [],
      }),
    ),
  };
}

type NamedFeed = Feed & { name: string };

/** Adds each key's release entries to the feed of that name (by slug, as its file is named), or to a new one. */
function withReleaseFeeds(feeds: NamedFeed[], extra: ReadonlyMap<string, FeedEntry[]>, make: (name: string) => NamedFeed): NamedFeed[] {
  const bySlug = new Map(feeds.map((f) => [slugify(f.name), f]));
  for (const [name, entries] of extra) {
    let feed = bySlug.get(slugify(name));
    if (!feed) bySlug.set(slugify(name), (feed = make(name)));
    feed.entries.push(...entries);
  }
  return [...bySlug.values()].map((f) => ({ ...f, entries: sortEntries(f.entries) })).sort((a, b) => a.name.localeCompare(b.name));
}

// XML 1.0 allows only these characters; anything else is dropped rather than written.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
export const xmlEscape = (s: string) =>
  s.replace(NOT_XML_CHAR, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const timestamp = (date: string) => `${date}T00:00:00Z`;

/** The feed as Atom XML. `fallbackDate` dates a feed without entries. */
export function renderAtom(feed: Feed, ctx: FeedContext, fallbackDate: string): string {
  const self = absoluteUrl(ctx.site, feed.path);
  const updated = timestamp(feed.entries[0]?.date ?? fallbackDate);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
    `  <id>${xmlEscape(self)}</id>`,
    `  <title>${xmlEscape(feed.title)}</title>`,
    `  <subtitle>${xmlEscape(feed.subtitle)}</subtitle>`,
    `  <link rel="self" type="application/atom+xml" href="${xmlEscape(self)}"/>`,
    `  <link rel="alternate" type="text/html" href="${xmlEscape(absoluteUrl(ctx.site, feed.alternate))}"/>`,
    `  <updated>${updated}</updated>`,
    `  <author><name>Kernel Export Decisions</name><uri>${xmlEscape(absoluteUrl(ctx.site, ctx.paths.home()))}</uri></author>`,
  ];
  for (const e of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xmlEscape(e.id)}</id>`,
      `    <title>${xmlEscape(e.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>`,
      `    <published>${timestamp(e.date)}</published>`,
      `    <updated>${timestamp(e.date)}</updated>`,
      ...e.kinds.map((k) => `    <category term="${k}" label="${xmlEscape(FEED_KIND_LABELS[k])}"/>`),
      `    <summary type="text">${xmlEscape(e.summary)}</summary>`,
      `    <content type="html">${xmlEscape(e.html)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>');
  return lines.join('\n') + '\n';
}

/** The newest date any feed has, to date the feeds that have no entries. */
export function newestDate(feeds: FeedSet): string {
  return feeds.all.entries[0]?.date ?? '1970-01-01';
}
