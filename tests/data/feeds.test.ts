// Atom entries derived from records, and the XML of feeds and sitemaps, read back with a real parser.
import { describe, expect, it } from 'vitest';
import { describeStep, FEED_ENTRY_LIMIT, recordEntries, renderAtom, sortEntries, type Feed } from '../../src/lib/feeds.ts';
import { htmlPagePaths, renderSitemaps, robotsTxt } from '../../src/lib/sitemap.ts';
import { loadRecords } from '../../src/lib/records/load.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { child, childrenNamed, parseXml } from '../helpers/xml.ts';

const ctx = { paths: sitePaths('/sub/'), site: 'https://example.org' };

describe('feed entries', () => {
  it('say what a history step changed from the step before', () => {
    expect(describeStep({}, { type: 'EXPORT_SYMBOL_GPL' })).toEqual({ kinds: ['type-change'], words: ['type EXPORT_SYMBOL_GPL'] });
    expect(describeStep({ type: 'EXPORT_SYMBOL', status: 'stable' }, { type: 'unexported', status: 'removed' })).toEqual({
      kinds: ['type-change', 'tier-change'],
      words: ['type EXPORT_SYMBOL → unexported', 'tier stable → removed'],
    });
    expect(describeStep({ type: 'EXPORT_SYMBOL', status: 'stable' }, { type: 'EXPORT_SYMBOL', status: 'stable' })).toEqual({
      kinds: ['change'],
      words: [],
    });
  });

  it('give a real record one entry for the record and one per history step', () => {
    const record = loadRecords(REPO_ROOT, ctx.paths).find((p) => p.id === 'alloc_pages_vma')!.data!;
    const entries = recordEntries(record, ctx);
    expect(entries.map((e) => [e.date, e.title, e.kinds])).toEqual([
      ['2019-06-26', 'New record: alloc_pages_vma (unexported, removed)', ['new-record']],
      ['2019-06-13', 'alloc_pages_vma: type EXPORT_SYMBOL_GPL', ['type-change']],
      ['2019-06-26', 'alloc_pages_vma: type EXPORT_SYMBOL_GPL → EXPORT_SYMBOL', ['type-change']],
      ['2019-07-09', 'alloc_pages_vma: tier stable (v5.3)', ['tier-change']],
      ['2022-05-25', 'alloc_pages_vma: type EXPORT_SYMBOL → unexported, tier stable → removed (v5.19)', ['type-change', 'tier-change']],
    ]);
    expect(entries[0]!.link).toBe('https://example.org/sub/symbols/alloc_pages_vma/');
    expect(entries[0]!.id).toBe('https://example.org/sub/symbols/alloc_pages_vma/#decision');
    expect(entries[4]!.id).toBe('https://example.org/sub/symbols/alloc_pages_vma/#history-2022-05-25-0');
    expect(sortEntries([...entries]).map((e) => e.date)).toEqual(['2022-05-25', '2019-07-09', '2019-06-26', '2019-06-26', '2019-06-13']);
  });

  it('keep only the newest entries of a feed', () => {
    const records = loadRecords(REPO_ROOT, ctx.paths).map((p) => p.data!);
    const all = records.flatMap((d) => recordEntries(d, ctx));
    expect(all.length).toBeGreaterThan(FEED_ENTRY_LIMIT);
    const kept = sortEntries([...all]);
    expect(kept).toHaveLength(FEED_ENTRY_LIMIT);
    const oldestKept = kept.at(-1)!.date;
    expect(all.filter((e) => e.date > oldestKept).every((e) => kept.includes(e))).toBe(true);
  });
});

describe('Atom XML', () => {
  it('escapes markup and drops characters XML cannot hold, so a real parser reads the text back', () => {
    const feed: Feed = {
      path: ctx.paths.feedAll(),
      title: 'A & B <c>',
      subtitle: 'quotes " and \u0001control',
      alternate: ctx.paths.home(),
      entries: [
        {
          id: 'https://example.org/sub/x/#decision',
          title: 'x < y & z',
          date: '2024-01-02',
          link: 'https://example.org/sub/x/?a=1&b=2',
          kinds: ['change'],
          summary: 's',
          html: '<p>a &amp; b</p>',
        },
      ],
    };
    const { root, declaration } = parseXml(renderAtom(feed, ctx, '2000-01-01'));
    expect(declaration).toBe('version="1.0" encoding="utf-8"');
    expect(root.name).toBe('feed');
    expect(root.uri).toBe('http://www.w3.org/2005/Atom');
    expect(child(root, 'title')!.text).toBe('A & B <c>');
    expect(child(root, 'subtitle')!.text).toBe('quotes " and control');
    expect(child(root, 'updated')!.text).toBe('2024-01-02T00:00:00Z');
    const entry = child(root, 'entry')!;
    expect(child(entry, 'title')!.text).toBe('x < y & z');
    expect(child(entry, 'link')!.attributes.href).toBe('https://example.org/sub/x/?a=1&b=2');
    expect(child(entry, 'content')!.text).toBe('<p>a &amp; b</p>');
    const empty = parseXml(renderAtom({ ...feed, entries: [] }, ctx, '2000-01-01')).root;
    expect(child(empty, 'updated')!.text).toBe('2000-01-01T00:00:00Z');
    expect(childrenNamed(empty, 'entry')).toEqual([]);
  });

  it('is refused by the parser when not well-formed (the check is not vacuous)', () => {
    expect(() => parseXml('<feed><title>a & b</title></feed>')).toThrow();
    expect(() => parseXml('<feed><title>x</feed>')).toThrow();
    expect(() => parseXml('<a/><b/>')).toThrow();
  });
});

describe('sitemaps', () => {
  it('keep the HTML pages of the build and leave out files and the 404 page', () => {
    expect(htmlPagePaths(['', 'symbols/a/', '/symbols/b/', 'api/v1/exports.json', '404/', 'feeds/all.xml', 'symbols/a/'])).toEqual([
      '',
      'symbols/a/',
      'symbols/b/',
    ]);
  });

  it('split the URLs into parts listed by an index', () => {
    const urls = ['a', 'b', 'c', 'd', 'e'].map((p) => `https://example.org/sub/${p}/`);
    const { index, parts } = renderSitemaps(urls, (n) => `https://example.org/sub/sitemap-${n}.xml`, 2);
    expect(parts).toHaveLength(3);
    const idx = parseXml(index).root;
    expect(idx.name).toBe('sitemapindex');
    expect(idx.uri).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    expect(childrenNamed(idx, 'sitemap').map((s) => child(s, 'loc')!.text)).toEqual(
      [1, 2, 3].map((n) => `https://example.org/sub/sitemap-${n}.xml`),
    );
    const locs = parts.flatMap((p) => childrenNamed(parseXml(p).root, 'url').map((u) => child(u, 'loc')!.text));
    expect(locs).toEqual(urls);
    expect(renderSitemaps([], () => 'https://example.org/sitemap-1.xml').parts).toHaveLength(1);
    expect(() => renderSitemaps(urls, () => '', 50_001)).toThrow('a sitemap holds 1 to 50000 URLs');
    expect(robotsTxt('https://example.org/sub/sitemap.xml')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://example.org/sub/sitemap.xml\n',
    );
  });
});
