// The history store on small fixtures: the files it writes, reading them back, every release given
// back exactly, order independence, replacing a release, and malformed store files.
import { describe, expect, it } from 'vitest';
import { addRelease } from '../../src/lib/history/add-release.ts';
import { EMPTY_STORE } from '../../src/lib/history/model.ts';
import { snapshotOf, symbolHistory } from '../../src/lib/history/reconstruct.ts';
import { formatStore, parseStore } from '../../src/lib/history/store-files.ts';
import { sortRows } from '../../src/lib/kernel/snapshot.ts';
import { fixture, permutations, RELEASES, storeOf } from './helpers.ts';

const all = storeOf(RELEASES);
const files = formatStore(all);

describe('the store files', () => {
  it('holds one line per unchanged run; an open run leaves `last` empty; a gap makes two intervals', () => {
    expect([...files.keys()]).toEqual([
      'releases.tsv',
      'exports/arch/x86.tsv',
      'lines/arch/x86.tsv',
      'exports/drivers/bar.tsv',
      'lines/drivers/bar.tsv',
      'exports/kernel.tsv',
      'lines/kernel.tsv',
      'exports/lib.tsv',
      'lines/lib.tsv',
      'exports/mm.tsv',
      'lines/mm.tsv',
    ]);
    // bar_get gains a namespace (and GPL) in v4.12; its line moved twice before that.
    expect(files.get('exports/drivers/bar.tsv')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\n' +
        'bar_get\tEXPORT_SYMBOL\t\tv4.9\tv4.10.5\tdrivers/bar/core.c\n' +
        'bar_get\tEXPORT_SYMBOL_NS_GPL\tBAR\tv4.12\t\tdrivers/bar/core.c\n',
    );
    expect(files.get('lines/drivers/bar.tsv')).toBe('symbol\tlines\nbar_get\t20 22@v4.10 23@v4.10.5\nbar_get\t25\n');
    // foo_alloc becomes GPL-only; gone_fn disappears after v4.9 and comes back in v4.12.
    expect(files.get('exports/mm.tsv')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\nfoo_alloc\tEXPORT_SYMBOL\t\tv4.9\tv4.9\tmm/foo.c\nfoo_alloc\tEXPORT_SYMBOL_GPL\t\tv4.10\t\tmm/foo.c\n',
    );
    expect(files.get('exports/kernel.tsv')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\ngone_fn\tEXPORT_SYMBOL\t\tv4.9\tv4.9\tkernel/gone.c\ngone_fn\tEXPORT_SYMBOL\t\tv4.12\t\tkernel/gone.c\n',
    );
    expect(files.get('lines/kernel.tsv')).toBe('symbol\tlines\ngone_fn\t5\ngone_fn\t8\n');
    // dup_fn is exported twice in one file where both #ifdef branches exist: its second row is its own run.
    expect(files.get('exports/arch/x86.tsv')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\n' +
        'dup_fn\tEXPORT_SYMBOL\t\tv4.9\tv4.9\tarch/x86/kernel/dup.c\n' +
        'dup_fn\tEXPORT_SYMBOL\t\tv4.9\t\tarch/x86/kernel/dup.c\n' +
        'dup_fn\tEXPORT_SYMBOL\t\tv4.12\t\tarch/x86/kernel/dup.c\n',
    );
    expect(files.get('lines/arch/x86.tsv')).toBe('symbol\tlines\ndup_fn\t30\ndup_fn\t3\ndup_fn\t31\n');
  });

  it('lists the releases in order with line, empty date, repository, commit, rows and the source line', () => {
    const lines = files.get('releases.tsv')!.split('\n');
    expect(lines[0]).toBe('release\tline\tdate\trepository\tcommit\trows\tsource');
    expect(lines.slice(1, -1).map((l) => l.split('\t').slice(0, 6).join(' '))).toEqual([
      'v4.9 4.9  github:example/linux-4.9 1111111111111111111111111111111111111111 5',
      'v4.10 4.10  github:example/linux-4.10 2222222222222222222222222222222222222222 4',
      'v4.10.5 4.10  github:example/linux-4.10.5 3333333333333333333333333333333333333333 3',
      'v4.12 4.12  github:example/linux-4.12 4444444444444444444444444444444444444444 6',
    ]);
    expect(lines[1]!.split('\t')[6]).toBe(fixture('v4.9').source);
  });

  it('reads back to the same store', () => {
    expect(parseStore(files)).toEqual(all);
    expect(formatStore(parseStore(files))).toEqual(files);
  });
});

describe('reading releases back', () => {
  it.each(RELEASES)('gives %s back as it was added, lines and source included', (release) => {
    const original = fixture(release);
    expect(snapshotOf(all, release)).toEqual({ version: release, source: original.source, rows: sortRows([...original.rows]) });
  });

  it('knows nothing of a release it does not hold', () => {
    expect(snapshotOf(all, 'v4.11')).toBeUndefined();
  });

  it("gives a symbol's rows in every release, empty where it is not exported", () => {
    const history = symbolHistory(all, 'gone_fn');
    expect(history.map((h) => [h.release.release, h.rows.map((r) => r.line)])).toEqual([
      ['v4.9', [5]],
      ['v4.10', []],
      ['v4.10.5', []],
      ['v4.12', [8]],
    ]);
    expect(symbolHistory(all, 'foo_alloc').map((h) => h.rows.map((r) => r.macro).join())).toEqual([
      'EXPORT_SYMBOL',
      'EXPORT_SYMBOL_GPL',
      'EXPORT_SYMBOL_GPL',
      'EXPORT_SYMBOL_GPL',
    ]);
    expect(symbolHistory(all, 'no_such_symbol').every((h) => h.rows.length === 0)).toBe(true);
  });
});

describe('adding releases', () => {
  it('gives the same files whatever the order the releases are added in', () => {
    for (const order of permutations(RELEASES)) expect(formatStore(storeOf(order)), order.join(' ')).toEqual(files);
  });

  it('splits an interval when a point release without the row lands inside it, and extends the others', () => {
    const without = formatStore(storeOf(['v4.9', 'v4.10', 'v4.12']));
    expect(without.get('exports/lib.tsv')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\nnew_fn\tEXPORT_SYMBOL_GPL\t\tv4.10\t\tlib/new.c\n',
    );
    expect(without.get('exports/drivers/bar.tsv')).toContain('bar_get\tEXPORT_SYMBOL\t\tv4.9\tv4.10\tdrivers/bar/core.c\n');
    expect(files.get('exports/lib.tsv')).toBe(
      'symbol\tmacro\tnamespace\tfirst\tlast\tfile\nnew_fn\tEXPORT_SYMBOL_GPL\t\tv4.10\tv4.10\tlib/new.c\nnew_fn\tEXPORT_SYMBOL_GPL\t\tv4.12\t\tlib/new.c\n',
    );
    expect(files.get('exports/drivers/bar.tsv')).toContain('bar_get\tEXPORT_SYMBOL\t\tv4.9\tv4.10.5\tdrivers/bar/core.c\n');
  });

  it('changes nothing when the same snapshot is added again', () => {
    for (const release of RELEASES) expect(addRelease(all, fixture(release))).toEqual(all);
  });

  it('replaces a release wholesale', () => {
    const edited = { ...fixture('v4.12'), rows: fixture('v4.12').rows.filter((r) => r.symbol !== 'gone_fn') };
    const replaced = addRelease(all, edited);
    expect(formatStore(replaced)).toEqual(formatStore(addRelease(storeOf(['v4.9', 'v4.10', 'v4.10.5']), edited)));
    expect(snapshotOf(replaced, 'v4.12')!.rows.map((r) => r.symbol)).not.toContain('gone_fn');
    expect(formatStore(addRelease(replaced, fixture('v4.12')))).toEqual(files);
  });

  it.each(RELEASES)('replaces %s in the middle or at either end as if it had been added that way', (release) => {
    const original = fixture(release);
    const variant = { ...original, rows: original.rows.slice(1).map((r) => ({ ...r, line: r.line + 1 })) };
    const others = RELEASES.filter((r) => r !== release);
    expect(formatStore(addRelease(all, variant))).toEqual(formatStore(addRelease(storeOf(others), variant)));
    expect(snapshotOf(addRelease(all, variant), release)!.rows).toEqual(sortRows([...variant.rows]));
  });

  it('keeps a known date unless a new one is given', () => {
    const dated = addRelease(all, fixture('v4.12'), { date: '2017-07-02' });
    expect(dated.releases.at(-1)!.date).toBe('2017-07-02');
    expect(addRelease(dated, fixture('v4.12')).releases.at(-1)!.date).toBe('2017-07-02');
  });

  it('refuses a snapshot without a release name or with a row it cannot store', () => {
    expect(() => addRelease(EMPTY_STORE, { ...fixture('v4.9'), version: '' })).toThrow('the snapshot names no release');
    const bad = { ...fixture('v4.9'), rows: [{ symbol: 'x', macro: 'EXPORT_SYMBOL', namespace: '', file: '/etc/x.c', line: 1 }] };
    expect(() => addRelease(EMPTY_STORE, bad)).toThrow('row 1 (x): file: must be a relative source path (got "/etc/x.c")');
  });
});

describe('malformed store files', () => {
  const broken = (name: string, edit: (text: string) => string) => new Map([...files].map(([f, t]) => [f, f === name ? edit(t) : t]));
  const cases: [string, string, (text: string) => string, string][] = [
    [
      'an unknown release',
      'exports/mm.tsv',
      (t) => t.replace('\tv4.10\t\t', '\tv4.11\t\t'),
      'content/history/exports/mm.tsv:3: first: "v4.11" is not a release of releases.tsv',
    ],
    [
      'last before first',
      'exports/mm.tsv',
      (t) => t.replace('\tv4.9\tv4.9\t', '\tv4.10\tv4.9\t'),
      'content/history/exports/mm.tsv:2: last: v4.9 comes before first v4.10',
    ],
    [
      'a row in the wrong shard',
      'exports/mm.tsv',
      (t) => t.replace('mm/foo.c\n', 'lib/foo.c\n'),
      'content/history/exports/mm.tsv:2: file: lib/foo.c belongs in the shard lib, not mm',
    ],
    [
      'a missing column',
      'exports/lib.tsv',
      (t) => t.replace('EXPORT_SYMBOL_GPL\t', ''),
      'content/history/exports/lib.tsv:2: expected 6 tab-separated columns (symbol, macro, namespace, first, last, file), got 5',
    ],
    [
      'lines that do not line up',
      'lines/kernel.tsv',
      (t) => t.replace('gone_fn\t8', 'foo\t8'),
      'content/history/lines/kernel.tsv:3: symbol: "foo" does not match content/history/exports/kernel.tsv:3 ("gone_fn"; the two files must line up)',
    ],
    [
      'a line change outside the interval',
      'lines/drivers/bar.tsv',
      (t) => t.replace('bar_get\t25', 'bar_get\t25 26@v4.10'),
      'content/history/lines/drivers/bar.tsv:3: lines: 26@v4.10: releases must increase, each after v4.12',
    ],
    [
      'a bad line number',
      'lines/mm.tsv',
      (t) => t.replace('\t10', '\tten'),
      'content/history/lines/mm.tsv:2: lines: must start with the line number in v4.9 (got "ten")',
    ],
    [
      'releases out of order',
      'releases.tsv',
      (t) =>
        t
          .split('\n')
          .map((l, i, a) => (i === 1 ? a[2] : i === 2 ? a[1] : l))
          .join('\n'),
      'content/history/releases.tsv:3: release: v4.9 must come after v4.10 (oldest first, each release once)',
    ],
    [
      'a row count that disagrees',
      'releases.tsv',
      (t) => t.replace('\t5\tsource', '\t7\tsource'),
      'content/history/releases.tsv:2: rows: v4.9 has 7 rows here but the intervals hold 5',
    ],
    [
      'a bad date',
      'releases.tsv',
      (t) => t.replace('4.9\t\t', '4.9\t2016-12\t'),
      'content/history/releases.tsv:2: date: must be YYYY-MM-DD or empty (got "2016-12")',
    ],
  ];
  it.each(cases)('names file:line and field for %s', (_, name, edit, message) => {
    expect(() => parseStore(broken(name, edit), 'content/history/')).toThrow(message);
  });

  it('refuses a lines file without its exports file', () => {
    const orphan = new Map(files);
    orphan.delete('exports/kernel.tsv');
    expect(() => parseStore(orphan, 'content/history/')).toThrow(
      'content/history/lines/kernel.tsv:1: no exports/kernel.tsv to line up with',
    );
  });
});
