// Every table CONTRIBUTING.md shows is the table the validator enforces: each row of the tiers and
// export-types tables is walked through parseRecordFile, and each documented refusal produces its error.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { tierMoveMessage } from '../../src/lib/schema.ts';
import { EXPORT_TYPES, TIERS, type ExportType, type Tier } from '../../src/lib/vocabulary.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { REPO } from './helpers.ts';

const text = fs.readFileSync(path.join(REPO, 'CONTRIBUTING.md'), 'utf8');

/** The rows of a generated table: first cell's `code` word, and the cells after it. */
function generatedTable(name: string): Map<string, string[]> {
  const block = text.split(`<!-- generated:${name} -->`)[1]!.split(`<!-- /generated:${name} -->`)[0]!;
  const rows = block.trim().split('\n').slice(2);
  return new Map(
    rows.map((row) => {
      const cells = row
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return [/`([^`]+)`/.exec(cells[0]!)![1]!, cells.slice(1)];
    }),
  );
}

function record(fields: string[]): string {
  return [
    '---',
    'symbol: foo',
    'summary: A record for the documented-rules test.',
    'subsystem: mm',
    'date: 2024-01-15',
    'threads:',
    '  - 20240115120000.1234-1-fixture@example.org',
    ...fields,
    '---',
    '',
    '## What was decided',
    '',
    'Body.',
    '',
  ].join('\n');
}

const problemsOf = (fields: string[]) =>
  parseRecordFile('content/exports/foo.mdx', Buffer.from(record(fields)), sitePaths('/')).problems.map(
    (p) => `${p.line}: ${p.message} [${p.rule}]`,
  );

describe('the tiers table', () => {
  const table = generatedTable('tiers');
  const moves = new Map([...table].map(([tier, cells]) => [tier, [...cells.at(-1)!.matchAll(/`([a-z]+)`/g)].map((m) => m[1]!)]));

  it('documents every tier', () => {
    expect([...moves.keys()]).toEqual([...TIERS]);
  });

  const pairs = TIERS.flatMap((from) => TIERS.filter((to) => to !== from).map((to) => ({ from, to })));
  it.each(pairs)('history moving $from -> $to is accepted exactly when the table lists it', ({ from, to }) => {
    const end = (tier: Tier) =>
      tier === 'removed'
        ? ['type: unexported', 'reason: Gone.']
        : [`type: EXPORT_SYMBOL_GPL`, ...(tier === 'obsolete' ? ['reason: Going.'] : [])];
    const problems = problemsOf([
      `status: ${to}`,
      ...end(to),
      'history:',
      '  - date: 2024-01-01',
      '    change: first',
      `    status: ${from}`,
      '  - date: 2024-01-02',
      '    change: then',
      `    status: ${to}`,
    ]);
    const allowed = moves.get(from)!.includes(to);
    expect(problems).toEqual(allowed ? [] : [`${15 + end(to).length}: history[1].status ${tierMoveMessage(from, to)} [tier-move]`]);
  });

  it('the last move matches status', () => {
    expect(
      problemsOf([
        'status: testing',
        'type: EXPORT_SYMBOL_GPL',
        'history:',
        '  - date: 2024-01-01',
        '    change: first',
        '    status: stable',
      ]),
    ).toEqual(['8: status is "testing" but the last history entry with a status says "stable" [tier-move]']);
  });
});

describe('the export types table', () => {
  const table = generatedTable('types');

  it('documents every export type', () => {
    expect([...table.keys()]).toEqual([...EXPORT_TYPES]);
  });

  const rows = [...table]
    .filter(([type]) => type !== 'unexported')
    .map(([type, cells]) => ({ type: type as ExportType, takes: cells[1]! }));
  it.each(rows)('$type: namespace is required exactly when the table says it takes one', ({ type, takes }) => {
    const without = problemsOf(['status: testing', `type: ${type}`]);
    const withNs = problemsOf(['status: testing', `type: ${type}`, 'namespace: FOO']);
    if (takes) {
      expect(without).toHaveLength(1);
      // The table says "the namespace" or "the module list"; the message names the same thing.
      expect(without[0]).toMatch(
        new RegExp(`^1: namespace is required for ${type} \\(the (symbol )?${takes.replace(/^the /, '')}\\) \\[namespace-for-type\\]$`),
      );
      expect(withNs).toEqual([]);
    } else {
      expect(without).toEqual([]);
      expect(withNs).toHaveLength(1);
      expect(withNs[0]).toMatch(/^\d+: namespace is only for .* \(type is .*\) \[namespace-for-type\]$/);
      for (const other of rows.filter((r) => r.takes)) expect(withNs[0]).toContain(other.type);
    }
  });
});
