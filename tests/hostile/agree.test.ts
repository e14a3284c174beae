// Issue 17, class 2: the validator and the build agree. One function (checkRecordSet) decides, and
// both `npm run validate` and the build's record loader call it: the whole bad-record corpus
// (tests/fixtures/bad-records and the generated rows) gets the same error lines from both paths.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { renderAbi, tierAbi } from '../../src/lib/abi.ts';
import { loadRecords } from '../../src/lib/records/load.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { TIERS } from '../../src/lib/vocabulary.ts';
import { E, filesOf, ROWS, validRecord } from '../validate/corpus-rows.ts';
import { tempRepo } from '../validate/helpers.ts';
import { cacheFileIn, runLoader } from './loader.ts';

const validateErrors = (root: string) =>
  validateRepository(root)
    .problems.filter((p) => p.severity === 'error')
    .map(formatProblem);

describe('validate and the build reach the same verdict', () => {
  // runLoader loads the records as the build does; a row about a mechanism file is not its business. Snapshots and
  // the history store are what records are checked against, so rows with them are.
  const recordRows = ROWS.filter((row) => Object.keys(filesOf(row)).every((f) => /^content\/(exports|snapshots|history)\//.test(f)));
  it.each(recordRows)('$kind', async (row) => {
    const root = tempRepo(filesOf(row));
    const validated = validateErrors(root);
    const built = await runLoader(root);
    expect(built.errors).toEqual(validated);
    // A row the validator refuses stops the build; a clean row builds.
    expect(built.errors.length > 0).toBe(row.expected.some((l) => l.includes(': error: ')));
  });

  it('a record whose related, replaced_by or <Sym> has no page is refused by the build too', async () => {
    const body = '## What was decided\n\nSee <Sym name="nowhere_at_all" />.\n';
    const record = validRecord('dangling_all', body).replace(
      'date: 2024-01-15',
      'date: 2024-01-15\nreplaced_by: gone_symbol\nrelated:\n  - also_gone',
    );
    const root = tempRepo({ [`${E}/dangling_all.mdx`]: record });
    const built = await runLoader(root);
    expect(built.errors.map((l) => /\[([a-z-]+)\]$/.exec(l)![1])).toEqual(['replaced-by-exists', 'related-exists', 'sym-exists']);
    expect(built.errors).toEqual(validateErrors(root));
  });
});

describe("records kept from the build's cache are still checked as a set", () => {
  it('a case twin added beside a cached record stops the next build, naming the added file', async () => {
    const root = tempRepo({ [`${E}/twin_sym.mdx`]: validRecord('twin_sym') });
    const cache = cacheFileIn(root);
    expect((await runLoader(root, cache)).errors).toEqual([]);
    fs.writeFileSync(path.join(root, E, 'Twin_sym.mdx'), validRecord('Twin_sym'));
    const built = await runLoader(root, cache);
    expect(built.errors).toEqual(validateErrors(root));
    expect(built.errors).toContain(
      `${E}/Twin_sym.mdx:2:9: error: file name differs only in case from ${E}/twin_sym.mdx; they collide on case-insensitive file systems [duplicate-symbol]`,
    );
    expect(built.errors.some((l) => l.startsWith(`${E}/twin_sym.mdx:`) && l.includes(`${E}/Twin_sym.mdx`))).toBe(true);
  });

  it("an unchanged record's <Sym> is checked again when the snapshot loses the symbol", async () => {
    const root = tempRepo({});
    const cache = cacheFileIn(root);
    expect((await runLoader(root, cache)).errors).toEqual([]);
    const snapshot = path.join(root, 'content/snapshots/v6.19.tsv');
    fs.writeFileSync(snapshot, fs.readFileSync(snapshot, 'utf8').replace(/^snapshot_only\t.*\n/m, ''));
    const built = await runLoader(root, cache);
    expect(built.errors).toEqual(validateErrors(root));
    expect(built.errors.map((l) => /\[([a-z-]+)\]$/.exec(l)![1]).sort()).toEqual(['related-exists', 'replaced-by-exists', 'sym-exists']);
  });
});

describe('what validates renders: /abi/<tier>.txt never throws for an accepted record', () => {
  const single = ['contact', 'subsystem', 'namespace'];
  const values = ['x ', ' x', 'a\n b', 'a\tb', '  ', 'a\n\nb', 'ok'];
  const cases = [...single, 'users', 'summary', 'reason'].flatMap((field) => values.map((value) => ({ field, value })));

  it.each(cases)('$field: $value', ({ field, value }) => {
    const line = field === 'users' ? `users:\n  - ${JSON.stringify(value)}` : `${field}: ${JSON.stringify(value)}`;
    let text = validRecord('abi_probe').replace('date: 2024-01-15', `date: 2024-01-15\n${line}`);
    if (field === 'namespace') text = text.replace('type: EXPORT_SYMBOL_GPL', 'type: EXPORT_SYMBOL_NS_GPL');
    if (field === 'subsystem') text = text.replace('subsystem: mm\n', '');
    if (field === 'summary') text = text.replace('summary: A small record used as a validator test fixture.\n', '');
    const root = tempRepo({ [`${E}/abi_probe.mdx`]: text });
    const errors = validateErrors(root);
    if (errors.length) return; // refused: never reaches the build
    const records = loadRecords(root, sitePaths('/')).map((p) => p.data!);
    for (const tier of TIERS) expect(() => renderAbi(tierAbi(records, tier, (s) => `https://example.org/symbols/${s}/`))).not.toThrow();
  });

  it('leading and trailing spaces in contact and users are refused, not built into a crash', () => {
    const text = validRecord('spaced').replace(
      'date: 2024-01-15',
      'date: 2024-01-15\ncontact: "linux-mm@kvack.org "\nusers:\n  - " nouveau"',
    );
    expect(validateErrors(tempRepo({ [`${E}/spaced.mdx`]: text })).map((l) => /\[([a-z-]+)\]$/.exec(l)![1])).toEqual([
      'field-whitespace',
      'field-whitespace',
    ]);
  });
});
