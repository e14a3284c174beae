// The timelines issue 13 names, derived from the committed history store as the symbol pages show
// them. Expectations are computed from the store's own releases (symbolHistory replays each release's
// rows) wherever they can be, and the sentences a reader sees are asserted word for word.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lastExportedIn, timelineFacts } from '../../src/lib/history/facts.ts';
import { symbolHistory } from '../../src/lib/history/reconstruct.ts';
import { HISTORY_DIR } from '../../src/lib/history/store-files.ts';
import { readStore } from '../../src/lib/history/store-io.ts';
import { indexHistory, symbolTimeline } from '../../src/lib/history/timeline.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { historyTimelineSection } from '../../src/lib/render/history-timeline.ts';
import { BUDGETS, gzipSize } from '../../src/lib/site/weight.ts';
import { sitePaths } from '../../src/lib/urls.ts';

const store = readStore(path.join(REPO_ROOT, HISTORY_DIR), HISTORY_DIR);
const index = indexHistory(store);
const oldest = store.releases[0]!.release;
const newest = store.releases.at(-1)!.release;

/** The releases exporting the symbol, by replaying the store release by release. */
function exportedIn(symbol: string): string[] {
  return symbolHistory(store, symbol)
    .filter((r) => r.rows.length > 0)
    .map((r) => r.release.release);
}
const after = (release: string) => store.releases[store.releases.findIndex((r) => r.release === release) + 1]!.release;
const before = (release: string) => store.releases[store.releases.findIndex((r) => r.release === release) - 1]!.release;
const facts = (symbol: string) => timelineFacts(symbolTimeline(index, symbol)!).map((f) => f.text);

describe('timelines of the committed store', () => {
  it('every release a timeline marks exported is one whose rows export the symbol', () => {
    for (const symbol of [
      'kallsyms_lookup_name',
      'find_module',
      '__kernel_fpu_begin',
      'cr4_update_irqsoff',
      'dma_buf_get',
      'sched_setscheduler',
    ]) {
      const t = symbolTimeline(index, symbol)!;
      expect(
        t.columns.filter((_, i) => t.exported[i]).map((c) => c.release),
        symbol,
      ).toEqual(exportedIn(symbol));
    }
  });

  it('kallsyms_lookup_name: exported since the oldest release (a bound), last seen in v5.4.286, not in v5.7.14', () => {
    const seen = exportedIn('kallsyms_lookup_name');
    expect(seen[0]).toBe(oldest);
    expect(seen.at(-1)).toBe('v5.4.286');
    expect(after('v5.4.286')).toBe('v5.7.14');
    expect(facts('kallsyms_lookup_name')).toEqual([
      `Exported since ${oldest} or earlier: ${oldest} is the oldest release we hold.`,
      'Not exported since v5.7.14: last seen in v5.4.286.',
    ]);
  });

  it('find_module: GPL-only until its last release, gone from the next one', () => {
    const last = exportedIn('find_module').at(-1)!;
    expect(lastExportedIn(symbolTimeline(index, 'find_module')!)).toBe(last);
    expect(symbolTimeline(index, 'find_module')!.rows.map((r) => r.macro)).toEqual(['EXPORT_SYMBOL_GPL']);
    expect(facts('find_module').at(-1)).toBe(`Not exported since ${after(last)}: last seen in ${last}.`);
    expect(last).toBe('v5.10.89');
  });

  it('sched_setscheduler: not exported since the release after its last one', () => {
    const last = exportedIn('sched_setscheduler').at(-1)!;
    expect(facts('sched_setscheduler').at(-1)).toBe(`Not exported since ${after(last)}: last seen in ${last}.`);
  });

  it('__kernel_fpu_begin: x86 until one release, s390 from another; still exported (on s390) in the newest', () => {
    const t = symbolTimeline(index, '__kernel_fpu_begin')!;
    const x86 = t.rows.find((r) => r.scope === 'x86')!;
    const s390 = t.rows.find((r) => r.scope === 's390')!;
    const lastX86 = t.columns[x86.present.lastIndexOf(true)]!.release;
    const firstS390 = t.columns[s390.present.indexOf(true)]!.release;
    expect(t.exported.at(-1)).toBe(true);
    const text = facts('__kernel_fpu_begin');
    expect(text).toContain(
      `Exported by architecture code for s390 only from ${after(lastX86)}; by architecture code for s390 and x86 only in ${lastX86} (between ${lastX86} and ${after(lastX86)}).`,
    );
    expect(text).toContain(
      `Exported by architecture code for s390 and x86 only from ${firstS390}; by architecture code for x86 only in ${before(firstS390)} (between ${before(firstS390)} and ${firstS390}).`,
    );
    expect(text.at(-1)).toBe(`Exported in ${newest}, the newest release we hold.`);
  });

  it('cr4_update_irqsoff: first exported between two releases, restricted to KVM in v6.19', () => {
    const first = exportedIn('cr4_update_irqsoff')[0]!;
    const text = facts('cr4_update_irqsoff');
    expect(text[0]).toBe(`First exported between ${before(first)} and ${first}: not in ${before(first)}, exported in ${first}.`);
    expect(text.find((f) => f.startsWith('Restricted to'))).toMatch(
      /^Restricted to KVM and its vendor modules .* from v6\.19 \(between v6\.18\.2 and v6\.19\): EXPORT_SYMBOL in v6\.18\.2, /,
    );
    expect(text.some((f) => f.startsWith('GPL-only'))).toBe(false);
  });

  it('dma_buf_get: in the DMA_BUF namespace from the first release whose rows put it there', () => {
    const history = symbolHistory(store, 'dma_buf_get');
    const firstNs = history.find((r) => r.rows.some((row) => row.namespace === 'DMA_BUF'))!.release.release;
    expect(facts('dma_buf_get')).toContain(
      `In namespace DMA_BUF from ${firstNs} (between ${before(firstNs)} and ${firstNs}): modules must import it. EXPORT_SYMBOL_GPL in ${before(firstNs)}, EXPORT_SYMBOL_NS_GPL (DMA_BUF) in ${firstNs}.`,
    );
  });

  it('kmalloc_trace (exported in v6.1.158, gone by v6.19) has a timeline ending before the newest release', () => {
    const t = symbolTimeline(index, 'kmalloc_trace')!;
    expect(exportedIn('kmalloc_trace')).toContain('v6.1.158');
    expect(lastExportedIn(t)).toBe(exportedIn('kmalloc_trace').at(-1));
  });
});

describe('history sections of the committed store', () => {
  it('leave every symbol page within the HTML budget: the longest history takes at most half of it, gzipped', () => {
    const paths = sitePaths('/');
    // The histories with the most runs and line moves make the longest sections; rendering and
    // gzipping all 54,000 takes a minute on a busy machine.
    const weight = (symbol: string) => index.bySymbol.get(symbol)!.reduce((n, p) => n + 1 + p.interval.lines.length, 0);
    const heaviest = [...index.bySymbol.keys()].sort((a, b) => weight(b) - weight(a)).slice(0, 200);
    const largest = heaviest
      .map((symbol) => {
        const t = symbolTimeline(index, symbol)!;
        return { symbol, bytes: gzipSize(historyTimelineSection(paths, t, timelineFacts(t)).value) };
      })
      .sort((a, b) => b.bytes - a.bytes)[0]!;
    // The rest of a symbol page (chrome, facts, a record's body) is measured by the site's budget test.
    expect(largest.bytes, `${largest.symbol}: ${largest.bytes} bytes gzipped`).toBeLessThanOrEqual(BUDGETS.html / 2);
  });
});
