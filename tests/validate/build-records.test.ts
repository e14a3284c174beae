// The build's record loading (src/lib/lint/build-records.ts): a rebuild parses only the files that
// changed, and what comes from the cache is what parsing the file gives.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRecordSet, type RecordSetOptions } from '../../src/lib/lint/build-records.ts';
import { knownSymbols } from '../../src/lib/lint/record-set.ts';
import { loadMechanisms } from '../../src/lib/records/load.ts';
import { RecordError } from '../../src/lib/problems.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { E, validRecord } from '../validate/corpus-rows.ts';
import { tempRepo } from '../validate/helpers.ts';

const options = (root: string, extra: Partial<RecordSetOptions> = {}): RecordSetOptions => ({
  root,
  base: '/',
  symbols: knownSymbols(root),
  mechanisms: loadMechanisms(root, sitePaths('/')),
  cacheFile: path.join(root, 'cache/records.v8'),
  codeKey: 'code-1',
  ...extra,
});

const linked = (symbol: string) => validRecord(symbol, `## What was decided\n\nSee <Sym name="snapshot_only" /> for ${symbol}.\n`);
const view = (set: Awaited<ReturnType<typeof loadRecordSet>>) => set.records.map((r) => ({ file: r.file, data: r.data, html: r.html }));

describe('loadRecordSet', () => {
  it('parses every file once, then only those that changed; cached records equal parsed ones', async () => {
    const root = tempRepo({ [`${E}/rec_a.mdx`]: linked('rec_a'), [`${E}/rec_b.mdx`]: linked('rec_b') });
    const first = await loadRecordSet(options(root));
    expect(first.parsed).toBe(3); // the fixture repository's valid_record too
    expect(first.records.map((r) => r.id)).toEqual(['rec_a', 'rec_b', 'valid_record']);
    expect(first.records[0]!.html).toContain('/symbols/snapshot_only/');

    const again = await loadRecordSet(options(root));
    expect(again.parsed).toBe(0);
    expect(view(again)).toEqual(view(first));

    fs.writeFileSync(path.join(root, E, 'rec_b.mdx'), linked('rec_b').replace('for rec_b.', 'for rec_b, edited.'));
    const edited = await loadRecordSet(options(root));
    expect(edited.parsed).toBe(1);
    expect(edited.records[1]!.html).toContain('for rec_b, edited.');
    expect(view(edited)).toEqual(view(await loadRecordSet(options(root, { cacheFile: undefined }))));

    fs.rmSync(path.join(root, E, 'rec_a.mdx'));
    expect((await loadRecordSet(options(root))).records.map((r) => r.id)).toEqual(['rec_b', 'valid_record']);
  });

  it('parses everything again when the code or the base path changed, or the cache is unreadable', async () => {
    const root = tempRepo({ [`${E}/rec_a.mdx`]: linked('rec_a') });
    await loadRecordSet(options(root));
    expect((await loadRecordSet(options(root, { codeKey: 'code-2' }))).parsed).toBe(2);
    const based = await loadRecordSet(options(root, { codeKey: 'code-2', base: '/sub/' }));
    expect(based.parsed).toBe(2);
    expect(based.records[0]!.html).toContain('/sub/symbols/snapshot_only/');
    fs.writeFileSync(path.join(root, 'cache/records.v8'), 'not a cache');
    expect((await loadRecordSet(options(root))).parsed).toBe(2);
  });

  it('refuses a set with an error and keeps no cache of it, so the next build reports it again', async () => {
    const root = tempRepo({ [`${E}/rec_a.mdx`]: validRecord('rec_a', 'See <Sym name="nowhere_at_all" />.\n') });
    await expect(loadRecordSet(options(root))).rejects.toThrow(RecordError);
    expect(fs.existsSync(path.join(root, 'cache/records.v8'))).toBe(false);
    await expect(loadRecordSet(options(root))).rejects.toThrow(/content\/exports\/rec_a\.mdx:\d+:\d+: error: .*\[sym-exists\]/);
  });
});

describe('the record cache', () => {
  it('writes only the changes after a small edit, and a new base after a large one', async () => {
    const files = Object.fromEntries(Array.from({ length: 70 }, (_, i) => [`${E}/rec_${i}.mdx`, linked(`rec_${i}`)]));
    const root = tempRepo(files);
    const cacheFile = path.join(root, 'cache/records.v8');
    await loadRecordSet(options(root));
    const base = fs.readFileSync(cacheFile);
    fs.writeFileSync(path.join(root, E, 'rec_3.mdx'), linked('rec_3').replace('for rec_3.', 'for rec_3, edited.'));
    fs.rmSync(path.join(root, E, 'rec_4.mdx'));
    const edited = await loadRecordSet(options(root));
    expect(edited.parsed).toBe(1);
    expect(fs.readFileSync(cacheFile).equals(base)).toBe(true);
    expect(fs.existsSync(`${cacheFile}.changes`)).toBe(true);
    // Read back: the base with the changes applied is what parsing every file gives.
    const cached = await loadRecordSet(options(root));
    expect(cached.parsed).toBe(0);
    expect(view(cached)).toEqual(view(await loadRecordSet(options(root, { cacheFile: undefined }))));
    expect(cached.records.map((r) => r.id)).not.toContain('rec_4');
    // Every record edited: a new base, and the changes file gone.
    for (let i = 0; i < 70; i++) if (i !== 4) fs.appendFileSync(path.join(root, E, `rec_${i}.mdx`), '\nMore.\n');
    expect((await loadRecordSet(options(root))).parsed).toBe(69);
    expect(fs.readFileSync(cacheFile).equals(base)).toBe(false);
    expect(fs.existsSync(`${cacheFile}.changes`)).toBe(false);
    expect((await loadRecordSet(options(root))).parsed).toBe(0);
  });
});
