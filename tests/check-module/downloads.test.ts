// What the /check-module/ page downloads: the export tables cut into name ranges, a check fetching
// only the ranges of its symbols. Measured on the committed real data (content/snapshots' latest
// release and the content/history store) with a 75-symbol driver's nm -u output.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkModule, decodeExportTable, encodeExportTable, parseModuleInput } from '../../src/lib/check-module.ts';
import { loadExportTable, loadHistoryTable } from '../../src/lib/check-module-data.ts';
import { checkAcrossReleases, decodeHistoryTable, encodeHistoryTable, historyHasPage } from '../../src/lib/check-module-history.ts';
import {
  downloadBounds,
  mergeEncoded,
  shardBounds,
  shardOf,
  shardsFor,
  splitEncoded,
  SHARD_COUNT,
} from '../../src/lib/check-module-shards.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

describe('name ranges', () => {
  const bounds = shardBounds(['kfree', 'alpha', 'kmalloc', 'beta', 'zeta', 'mutex_lock', 'alpha'], 3);

  it('start at "" and cut the sorted names evenly, each name in exactly one range', () => {
    expect(bounds).toEqual(['', 'kfree', 'mutex_lock']);
    expect(['__fentry__', 'alpha', 'beta', 'kmalloc', 'mutex_lock', 'zz'].map((n) => shardOf(bounds, n))).toEqual([0, 0, 0, 1, 2, 2]);
    expect(shardBounds(['a', 'b'], 128)).toEqual(['', 'a', 'b']);
  });

  it("look up a linker symbol's export names too (a tracepoint's name for __tracepoint_X)", () => {
    expect(shardsFor(bounds, ['__tracepoint_zeta'])).toEqual([0, 2]);
    expect(shardsFor(bounds, ['alpha', 'aardvark'])).toEqual([0]);
  });
});

const TEXT = fs.readFileSync(path.join(REPO_ROOT, 'tests/fixtures/check-module/pci-driver.nm'), 'utf8');
const gz = (value: unknown) => zlib.gzipSync(JSON.stringify(value)).length;

describe('the downloads at kernel scale (committed data)', () => {
  const { table, hasPage } = loadExportTable(REPO_ROOT);
  const latest = encodeExportTable(table);
  const { history } = loadHistoryTable(REPO_ROOT);
  const encodedHistory = encodeHistoryTable(history);
  const bounds = downloadBounds(latest);
  const latestParts = splitEncoded(latest, bounds);
  const historyParts = splitEncoded(encodedHistory, bounds);
  const input = parseModuleInput(TEXT);
  const wanted = shardsFor(
    bounds,
    input.symbols.map((s) => s.symbol),
  );

  it('answers a check from its ranges exactly as from the whole table', () => {
    expect(bounds).toHaveLength(SHARD_COUNT);
    const partial = decodeExportTable(mergeEncoded(wanted.map((k) => latestParts[k]!))!);
    const whole = checkModule(input, table, { hasPage, arch: 'x86' });
    const fromParts = checkModule(input, partial, { hasPage, arch: 'x86' });
    expect(fromParts).toEqual(whole);
    expect(whole.symbols).toHaveLength(75);
    const historyFromParts = decodeHistoryTable(mergeEncoded(wanted.map((k) => historyParts[k]!))!);
    const options = { hasPage: historyHasPage(history), arch: 'x86' };
    expect(checkAcrossReleases(input, historyFromParts, options)).toEqual(checkAcrossReleases(input, history, options));
  });

  it('keeps the first check of a 75-symbol module well under 150 KB gzipped, for the latest release or all of them', () => {
    const first = wanted.reduce((n, k) => n + gz(latestParts[k]), 0);
    const all = wanted.reduce((n, k) => n + gz(historyParts[k]), 0);
    console.log(
      `check-module downloads for ${input.symbols.length} symbols: ${wanted.length} of ${bounds.length} ranges; latest ${(first / 1024).toFixed(1)} KB gzipped (whole table ${(gz(latest) / 1024).toFixed(1)} KB), all ${history.releases.length} releases ${(all / 1024).toFixed(1)} KB instead (whole history ${(gz(encodedHistory) / 1024).toFixed(1)} KB)`,
    );
    // The page's HTML, script and CSS add under 20 KB (README figures).
    expect(first).toBeLessThan(130 * 1024);
    // "Releases: all" fetches the history's ranges instead.
    expect(all).toBeLessThan(130 * 1024);
    expect(all).toBeLessThan(gz(encodedHistory) / 2);
  });
});
