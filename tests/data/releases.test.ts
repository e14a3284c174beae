// Snapshot diffs, symbol timelines and release pages' data, on small snapshots and on the real ones.
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import {
  buildReleases,
  changesByArea,
  describeReleaseEvent,
  diffSnapshots,
  indexSnapshots,
  snapshotSteps,
  sourceText,
  retypeKinds,
  symbolTimeline,
  topRetypeKinds,
} from '../../src/lib/releases.ts';
import { pathSubsystem } from '../../src/lib/kernel/export-model.ts';
import type { RecordData } from '../../src/lib/schema.ts';

const tsv = (version: string, rows: string[]) =>
  parseSnapshot(
    `# test | kernel version: ${version}\nsymbol\tmacro\tnamespace\tfile\tline\n${rows
      .map((r) =>
        r
          .split(' ')
          .map((c) => (c === '-' ? '' : c))
          .join('\t'),
      )
      .join('\n')}\n`,
  );

const older = tsv('6.1.0', [
  'kept EXPORT_SYMBOL - mm/a.c 1',
  'gpl_now EXPORT_SYMBOL - mm/a.c 2',
  'into_ns EXPORT_SYMBOL_GPL - drivers/net/x/y.c 3',
  'gone EXPORT_SYMBOL - lib/g.c 4',
  'per_arch EXPORT_SYMBOL - arch/arm64/lib/p.c 5',
  'per_arch EXPORT_SYMBOL - arch/x86/lib/p.c 6',
]);
const newer = tsv('6.19.0', [
  'kept EXPORT_SYMBOL - mm/a.c 10',
  'gpl_now EXPORT_SYMBOL_GPL - mm/a.c 20',
  'into_ns EXPORT_SYMBOL_GPL NETDEV drivers/net/x/y.c 30',
  'fresh EXPORT_SYMBOL_GPL - drivers/net/z.c 40',
  'top EXPORT_SYMBOL - init.c 1',
  'per_arch EXPORT_SYMBOL - arch/arm64/lib/p.c 5',
  'per_arch EXPORT_SYMBOL_GPL - arch/x86/lib/p.c 6',
]);

describe('diffing two snapshots', () => {
  const [a, b] = indexSnapshots([newer, older]);

  it('orders snapshots oldest first and finds added, removed and changed symbols', () => {
    expect([a!.release, b!.release]).toEqual(['v6.1', 'v6.19']);
    const diff = diffSnapshots(a!, b!);
    expect(diff.from).toBe('v6.1');
    expect(diff.to).toBe('v6.19');
    expect(diff.added.map((c) => c.symbol)).toEqual(['fresh', 'top']);
    expect(diff.removed.map((c) => [c.symbol, c.area, c.before])).toEqual([['gone', 'lib', [{ macro: 'EXPORT_SYMBOL', namespace: '' }]]]);
    expect(diff.retyped.map((c) => c.symbol)).toEqual(['gpl_now', 'into_ns', 'per_arch']);
    const perArch = diff.retyped.find((c) => c.symbol === 'per_arch')!;
    expect(perArch.before).toEqual([{ macro: 'EXPORT_SYMBOL', namespace: '' }]);
    expect(perArch.after).toEqual([
      { macro: 'EXPORT_SYMBOL', namespace: '' },
      { macro: 'EXPORT_SYMBOL_GPL', namespace: '' },
    ]);
  });

  it('groups changes by source area and by kind of change', () => {
    const diff = diffSnapshots(a!, b!);
    expect(pathSubsystem('drivers/net/x/y.c')).toBe('drivers/net');
    expect(pathSubsystem('mm/slub.c')).toBe('mm');
    expect(pathSubsystem('init.c')).toBe('(top level)');
    expect(changesByArea(diff).map((x) => [x.area, x.slug, x.added.length, x.removed.length, x.retyped.length])).toEqual([
      ['(top level)', 'top-level', 1, 0, 0],
      ['arch/arm64', 'arch-arm64', 0, 0, 1],
      ['drivers/net', 'drivers-net', 1, 0, 1],
      ['lib', 'lib', 0, 1, 0],
      ['mm', 'mm', 0, 0, 1],
    ]);
    expect(retypeKinds(diff.retyped)).toEqual([
      { from: 'EXPORT_SYMBOL', to: 'EXPORT_SYMBOL + EXPORT_SYMBOL_GPL', count: 1 },
      { from: 'EXPORT_SYMBOL', to: 'EXPORT_SYMBOL_GPL', count: 1 },
      { from: 'EXPORT_SYMBOL_GPL', to: 'EXPORT_SYMBOL_GPL (NETDEV)', count: 1 },
    ]);
    expect(topRetypeKinds(diff.retyped, 1)).toEqual({
      kinds: [{ from: 'EXPORT_SYMBOL', to: 'EXPORT_SYMBOL + EXPORT_SYMBOL_GPL', count: 1 }],
      otherKinds: 2,
      otherSymbols: 2,
    });
  });

  it('gives each symbol its export in every snapshot', () => {
    const indexes = [a!, b!];
    expect(symbolTimeline(indexes, 'gpl_now')).toEqual([
      { release: 'v6.1', forms: [{ macro: 'EXPORT_SYMBOL', namespace: '' }], change: 'first' },
      { release: 'v6.19', forms: [{ macro: 'EXPORT_SYMBOL_GPL', namespace: '' }], change: 'retyped' },
    ]);
    expect(symbolTimeline(indexes, 'kept').map((s) => s.change)).toEqual(['first', 'unchanged']);
    expect(symbolTimeline(indexes, 'fresh').map((s) => s.change)).toEqual(['absent', 'added']);
    expect(symbolTimeline(indexes, 'gone').map((s) => s.change)).toEqual(['first', 'removed']);
    expect(symbolTimeline(indexes, 'never').map((s) => s.change)).toEqual(['absent', 'absent']);
  });
});

describe('releases', () => {
  const record = (symbol: string, extra: Partial<RecordData>): RecordData =>
    ({
      symbol,
      summary: 's',
      type: 'EXPORT_SYMBOL',
      status: 'stable',
      subsystem: 'mm',
      date: '2020-01-01',
      threads: [{ messageId: 'a@b', url: 'https://lore.kernel.org/r/a@b' }],
      ...extra,
    }) as RecordData;

  it('lists snapshot releases and the releases records name, newest first, with each record event', () => {
    const records = [
      record('gpl_now', {
        since: 'v5.3',
        history: [{ date: '2020-01-01', version: 'v6.19', change: 'Made GPL-only.', type: 'EXPORT_SYMBOL_GPL' }],
      }),
      record('gone', { history: [{ date: '2019-01-01', version: 'v5.3', change: 'Exported.', status: 'stable' }] }),
    ];
    const list = buildReleases(records, snapshotSteps(indexSnapshots([older, newer])));
    expect(list.map((r) => [r.release, !!r.snapshot, !!r.diff])).toEqual([
      ['v6.19', true, true],
      ['v6.1', true, false],
      ['v5.3', false, false],
    ]);
    const v619 = list[0]!;
    expect(v619.snapshot).toEqual({ source: 'test | kernel version: 6.19.0', rows: 7, symbols: 6 });
    expect(v619.records.map((e) => [e.symbol, e.kind, describeReleaseEvent(e, 'v6.19')])).toEqual([
      ['gone', 'snapshot', 'No longer exported in v6.19 (was EXPORT_SYMBOL).'],
      ['gpl_now', 'history', '2020-01-01: Made GPL-only. (EXPORT_SYMBOL_GPL)'],
      ['gpl_now', 'snapshot', 'Its export changes in v6.19: EXPORT_SYMBOL → EXPORT_SYMBOL_GPL.'],
    ]);
    expect(list[2]!.records.map((e) => [e.symbol, describeReleaseEvent(e, 'v5.3')])).toEqual([
      ['gone', '2019-01-01: Exported. (tier stable)'],
      ['gpl_now', 'First exported in v5.3, as the record states.'],
    ]);
  });

  it('accounts for every symbol of the real snapshots in one diff', () => {
    const indexes = indexSnapshots(loadSnapshots(REPO_ROOT));
    expect(indexes.length).toBeGreaterThanOrEqual(2);
    const [a, b] = indexes.slice(-2) as [(typeof indexes)[0], (typeof indexes)[0]];
    const diff = diffSnapshots(a, b);
    const kept = [...b.bySymbol.keys()].filter((s) => a.bySymbol.has(s)).length;
    expect(diff.added.length + kept).toBe(b.bySymbol.size);
    expect(diff.removed.length + kept).toBe(a.bySymbol.size);
    expect(diff.added.length).toBeGreaterThan(1000);
    const areas = changesByArea(diff);
    expect(new Set(areas.map((x) => x.slug)).size).toBe(areas.length);
    expect(areas.reduce((n, x) => n + x.added.length + x.removed.length + x.retyped.length, 0)).toBe(
      diff.added.length + diff.removed.length + diff.retyped.length,
    );
  });
});

describe('sourceText', () => {
  it('shows a scan\'s source line after "Source:" without repeating the word', () => {
    expect(sourceText('source: github:perishh/linux-6.14 | commit: 16b95dc | kernel version: 6.14.0')).toBe(
      'github:perishh/linux-6.14 | commit: 16b95dc | kernel version: 6.14.0',
    );
    expect(sourceText('fixture snapshot (made-up rows) | kernel version: 6.1.0')).toBe(
      'fixture snapshot (made-up rows) | kernel version: 6.1.0',
    );
  });
});
