// Coverage: exported symbols with and without a record, per subsystem, export type and macro.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeCoverage, formatPercent } from '../../src/lib/coverage.ts';
import { loadDriftRecords } from '../../src/lib/drift/records.ts';
import { parseSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/drift');
const snapshot = parseSnapshot(fs.readFileSync(path.join(FIXTURE, 'content/snapshots/v6.19.tsv'), 'utf8'));
const coverage = computeCoverage(
  snapshot,
  loadDriftRecords(FIXTURE).records.map((r) => r.symbol),
);
const rows = (list: { key: string; total: number; documented: number }[]) => list.map((r) => [r.key, r.total, r.documented]);

describe('coverage of the fixture snapshot', () => {
  it('counts each exported symbol once, with or without a record', () => {
    expect([coverage.version, coverage.total, coverage.documented]).toEqual(['v6.19', 18, 10]);
    expect(coverage.recordsNotExported).toEqual(['gone_obsolete', 'gone_stable', 'later_gone', 'removed_gone']);
  });

  it('per path-derived subsystem, most exports first', () => {
    expect(rows(coverage.bySubsystem)).toEqual([
      ['drivers/gpu', 3, 0],
      ['arch/alpha', 2, 2],
      ['lib', 2, 2],
      ['mm', 2, 1],
      ['arch/parisc', 1, 0],
      ['arch/x86', 1, 1],
      ['drivers/bar', 1, 1],
      ['drivers/dma-buf', 1, 0],
      ['drivers/net', 1, 1],
      ['kernel', 1, 1],
      ['kernel/locking', 1, 0],
      ['net/9p', 1, 0],
      ['virt/kvm', 1, 1],
    ]);
  });

  it('per export type, in the order of the types, and per macro as written', () => {
    expect(rows(coverage.byType)).toEqual([
      ['EXPORT_SYMBOL', 9, 5],
      ['EXPORT_SYMBOL_GPL', 2, 1],
      ['EXPORT_SYMBOL_NS', 0, 0],
      ['EXPORT_SYMBOL_NS_GPL', 4, 2],
      ['EXPORT_SYMBOL_FOR_MODULES', 3, 2],
    ]);
    expect(rows(coverage.byMacro)).toEqual([
      ['EXPORT_SYMBOL', 8, 5],
      ['EXPORT_SYMBOL_NS_GPL', 3, 1],
      ['EXPORT_SYMBOL_FOR_MODULES', 2, 1],
      ['EXPORT_SYMBOL_GPL', 2, 1],
      ['EXPORT_SYMBOL_FOR_KVM', 1, 1],
      ['EXPORT_TRACEPOINT_SYMBOL', 1, 0],
      ['IWL_EXPORT_SYMBOL', 1, 1],
    ]);
  });

  it('formats shares without rounding something to nothing or to everything', () => {
    expect([
      formatPercent(9, 17),
      formatPercent(1, 49),
      formatPercent(11, 39007),
      formatPercent(0, 5),
      formatPercent(5, 5),
      formatPercent(39006, 39007),
      formatPercent(0, 0),
    ]).toEqual(['52.9%', '2.0%', '<0.1%', '0%', '100%', '99.9%', '—']);
  });
});
