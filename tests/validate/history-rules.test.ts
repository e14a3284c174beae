// Records against the history store beyond the corpus rows: the store's newest release is the one a
// record's type is checked against when no committed snapshot is as new.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { tempRepo } from './helpers.ts';
import { E, historyStore, validRecord } from './corpus-rows.ts';

const removed = (symbol: string) =>
  validRecord(symbol).replace('type: EXPORT_SYMBOL_GPL\nstatus: testing', 'type: unexported\nstatus: removed\nreason: Withdrawn.');

describe('type-matches-snapshot with the history store', () => {
  it('checks type against the store newest release when it is newer than every committed snapshot', () => {
    const root = tempRepo({
      ...historyStore(),
      [`${E}/since_late.mdx`]: removed('since_late'),
      [`${E}/unexported_early.mdx`]: removed('unexported_early'),
    });
    // The store's newest release (v5.9.4) stands in for the committed snapshots.
    // (the base record links to a symbol of the removed snapshot, so it goes too).
    fs.rmSync(path.join(root, 'content/snapshots'), { recursive: true });
    fs.rmSync(path.join(root, E, 'valid_record.mdx'));
    expect(validateRepository(root).problems.map(formatProblem)).toEqual([
      `${E}/since_late.mdx:4:7: error: is unexported but v5.9.4 exports since_late: EXPORT_SYMBOL_GPL in mm/fixture.c; record the new decision (history entry and type) [type-matches-snapshot]`,
    ]);
  });

  it('keeps the committed snapshot when it is newer than the store', () => {
    const root = tempRepo({ ...historyStore(), [`${E}/since_late.mdx`]: removed('since_late') });
    // The fixture's v6.19 snapshot does not export since_late, so the removal stands.
    expect(validateRepository(root).problems.map(formatProblem)).toEqual([]);
  });
});
