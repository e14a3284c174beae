// The sentences a symbol page states about its history, from a small store written here: the
// oldest release is a bound, not a birth; a change between two releases held is dated by both; a
// change between two point releases of one line is said to be inside that stable line; a gap and
// a re-export are both told. And the release pages' changes, from the same store.
import { describe, expect, it } from 'vitest';
import { addRelease } from '../../src/lib/history/add-release.ts';
import { historySteps, releaseChanges } from '../../src/lib/history/changes.ts';
import { lastExportedIn, timelineFacts } from '../../src/lib/history/facts.ts';
import { EMPTY_STORE } from '../../src/lib/history/model.ts';
import { indexHistory, newestExporting, symbolTimeline } from '../../src/lib/history/timeline.ts';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';

type Row = [symbol: string, macro: string, namespace: string, file: string, line: number];

function snapshot(version: string, rows: Row[]) {
  const [major, minor, sub = '0'] = version.slice(1).split('.');
  const text = [
    `# source: test | kernel version: ${major}.${minor}.${sub}`,
    'symbol\tmacro\tnamespace\tfile\tline',
    ...rows.map((r) => r.join('\t')),
  ].join('\n');
  return parseSnapshot(text);
}

const old_fn: Row = ['old_fn', 'EXPORT_SYMBOL', '', 'kernel/old.c', 10];
const late_fn: Row = ['late_fn', 'EXPORT_SYMBOL', '', 'mm/late.c', 5];
const gap_fn: Row = ['gap_fn', 'EXPORT_SYMBOL_GPL', '', 'lib/gap.c', 7];
const stable_fn = (macro: string, line: number): Row => ['stable_fn', macro, '', 'kernel/stable.c', line];
const ns_fn = (macro: string, ns: string): Row => ['ns_fn', macro, ns, 'drivers/dma-buf/ns.c', 3];
const kvm_fn = (macro: string, ns: string): Row => ['kvm_fn', macro, ns, 'arch/x86/kernel/kvm.c', 9];

// v5.4 → v5.10 → v6.1.20 → v6.1.158 → v6.19, oldest first.
const releases = [
  snapshot('v5.4', [old_fn, gap_fn, stable_fn('EXPORT_SYMBOL', 20), ns_fn('EXPORT_SYMBOL_GPL', ''), kvm_fn('EXPORT_SYMBOL_GPL', '')]),
  snapshot('v5.10', [old_fn, late_fn, stable_fn('EXPORT_SYMBOL', 21), ns_fn('EXPORT_SYMBOL_GPL', ''), kvm_fn('EXPORT_SYMBOL_GPL', '')]),
  snapshot('v6.1.20', [
    old_fn,
    late_fn,
    gap_fn,
    stable_fn('EXPORT_SYMBOL', 21),
    ns_fn('EXPORT_SYMBOL_NS_GPL', 'DMA_BUF'),
    kvm_fn('EXPORT_SYMBOL_GPL', ''),
  ]),
  snapshot('v6.1.158', [
    late_fn,
    gap_fn,
    stable_fn('EXPORT_SYMBOL_GPL', 25),
    ns_fn('EXPORT_SYMBOL_NS_GPL', 'DMA_BUF'),
    kvm_fn('EXPORT_SYMBOL_GPL', ''),
  ]),
  snapshot('v6.19', [
    late_fn,
    gap_fn,
    stable_fn('EXPORT_SYMBOL_GPL', 30),
    ns_fn('EXPORT_SYMBOL_NS_GPL', 'DMA_BUF'),
    kvm_fn('EXPORT_SYMBOL_FOR_KVM', 'module:kvm,kvm-amd,kvm-intel'),
  ]),
];
// Added newest first: the store is the same whatever the order.
const store = [...releases].reverse().reduce((s, snap) => addRelease(s, snap), EMPTY_STORE);
const index = indexHistory(store);
const facts = (symbol: string) => timelineFacts(symbolTimeline(index, symbol)!).map((f) => f.text);

describe('timeline facts', () => {
  it('holds the oldest release as a bound, not a birth, and dates the end by the first release without it', () => {
    expect(facts('old_fn')).toEqual([
      'Exported since v5.4 or earlier: v5.4 is the oldest release we hold.',
      'Not exported since v6.1.158: last seen in v6.1.20.',
    ]);
    expect(lastExportedIn(symbolTimeline(index, 'old_fn')!)).toBe('v6.1.20');
    expect(newestExporting(index, 'old_fn')).toBe('v6.1.20');
  });

  it('dates a first export between the two releases that show it, and says when it is still exported', () => {
    expect(facts('late_fn')).toEqual([
      'First exported between v5.4 and v5.10: not in v5.4, exported in v5.10.',
      'Exported in v6.19, the newest release we hold.',
    ]);
    expect(lastExportedIn(symbolTimeline(index, 'late_fn')!)).toBeUndefined();
    expect(newestExporting(index, 'late_fn')).toBe('v6.19');
    expect(newestExporting(index, 'never_exported')).toBeUndefined();
  });

  it('tells a gap and the re-export after it', () => {
    expect(facts('gap_fn')).toEqual([
      'Exported since v5.4 or earlier: v5.4 is the oldest release we hold.',
      'Not exported between v5.4 and v5.10: last seen in v5.4, missing from v5.10.',
      'Exported again between v5.10 and v6.1.20: not in v5.10, back in v6.1.20.',
      'Exported in v6.19, the newest release we hold.',
    ]);
  });

  it('shows a change between two point releases of one line as inside that stable line', () => {
    expect(facts('stable_fn')[1]).toBe(
      'GPL-only from v6.1.158 (the change is between v6.1.20 and v6.1.158, inside the 6.1 stable line): EXPORT_SYMBOL in v6.1.20, EXPORT_SYMBOL_GPL in v6.1.158.',
    );
    const t = symbolTimeline(index, 'stable_fn')!;
    expect(t.columns.map((c) => [c.line, c.point])).toEqual([
      ['5.4', ''],
      ['5.10', ''],
      ['6.1', '.20'],
      ['6.1', '.158'],
      ['6.19', ''],
    ]);
    // One row a form; the line it sat at in each run of releases.
    expect(t.rows.map((r) => [r.macro, r.present])).toEqual([
      ['EXPORT_SYMBOL', [true, true, true, false, false]],
      ['EXPORT_SYMBOL_GPL', [false, false, false, true, true]],
    ]);
    expect(t.places.map((p) => `${p.first}–${p.last} ${p.places.map((x) => `${x.file}:${x.line}`).join(' ')}`)).toEqual([
      'v5.4–v5.4 kernel/stable.c:20',
      'v5.10–v6.1.20 kernel/stable.c:21',
      'v6.1.158–v6.1.158 kernel/stable.c:25',
      'v6.19–v6.19 kernel/stable.c:30',
    ]);
  });

  it('names a namespace gained and a module restriction (said once, not also as GPL-only)', () => {
    expect(facts('ns_fn')[1]).toBe(
      'In namespace DMA_BUF from v6.1.20 (between v5.10 and v6.1.20): modules must import it. EXPORT_SYMBOL_GPL in v5.10, EXPORT_SYMBOL_NS_GPL (DMA_BUF) in v6.1.20.',
    );
    const kvm = facts('kvm_fn');
    expect(kvm).toHaveLength(3);
    expect(kvm[1]).toMatch(
      /^Restricted to KVM and its vendor modules \(kvm-amd, kvm-intel\) from v6\.19 \(between v6\.1\.158 and v6\.19\): /,
    );
  });
});

describe('release changes from the store', () => {
  it('counts each symbol once per release with the kinds of its change', () => {
    const at = (release: string) => releaseChanges(index, index.positions.get(release)!);
    const v61158 = at('v6.1.158');
    expect(v61158.removed.map((c) => c.symbol)).toEqual(['old_fn']);
    expect(v61158.added).toEqual([]);
    expect(v61158.retyped.map((c) => [c.symbol, c.kinds])).toEqual([['stable_fn', ['gpl-only']]]);
    const v619 = at('v6.19');
    expect(v619.retyped.map((c) => [c.symbol, c.kinds])).toEqual([['kvm_fn', ['module-restricted']]]);
    // A moved line is no change.
    expect(at('v5.10').retyped).toEqual([]);
    const steps = historySteps(index);
    expect(steps.map((s) => [s.release, s.snapshot.symbols, s.diff?.from])).toEqual([
      ['v5.4', 5, undefined],
      ['v5.10', 5, 'v5.4'],
      ['v6.1.20', 6, 'v5.10'],
      ['v6.1.158', 5, 'v6.1.20'],
      ['v6.19', 5, 'v6.1.158'],
    ]);
  });
});
