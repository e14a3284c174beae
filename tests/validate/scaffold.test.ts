// npm run new: writes a record the validator accepts, and refuses everything else without writing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingFlags, recordData, scaffold, scaffoldFlags, type ScaffoldFlag } from '../../src/lib/scaffold.ts';
import { recordSchema } from '../../src/lib/schema.ts';
import { fieldDocs } from '../../src/lib/schema-walk.ts';
import { todayIso } from '../../src/lib/dates.ts';
import { lines, runScriptHere, runValidator, tempDir, tempRepo } from './helpers.ts';

const runNew = (args: readonly string[]) => runScriptHere('scripts/new.ts', args);
const COMPLETE = [
  '--type',
  'EXPORT_SYMBOL_NS_GPL',
  '--namespace',
  'CXL',
  '--subsystem',
  'cxl',
  '--summary',
  'Exported for the CXL core: a test record.',
];

describe('npm run new', () => {
  it('writes a record the validator accepts, with defaults and normalised threads', async () => {
    const root = tempDir();
    const result = await runNew([
      'cxl_fixture',
      '--root',
      root,
      ...COMPLETE,
      '--thread',
      '<a/b+c@example.org>',
      '--thread',
      'https://lore.kernel.org/linux-cxl/d@example.org/T/#u',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('wrote content/exports/cxl_fixture.mdx');

    const text = fs.readFileSync(path.join(root, 'content/exports/cxl_fixture.mdx'), 'utf8');
    expect(text.split('\n---\n')[0]).toBe(
      [
        '---',
        'symbol: cxl_fixture',
        "summary: 'Exported for the CXL core: a test record.'",
        'type: EXPORT_SYMBOL_NS_GPL',
        'namespace: CXL',
        'status: testing',
        'subsystem: cxl',
        `date: ${todayIso()}`,
        'threads:',
        "  - 'https://lore.kernel.org/r/a%2Fb%2Bc@example.org'",
        "  - 'https://lore.kernel.org/r/d@example.org'",
      ].join('\n'),
    );
    expect(text.match(/^## .*/gm)).toEqual(['## What was decided', '## Why', '## What module authors should do', '## What happened next']);

    const check = await runValidator(root);
    expect(check.stdout).toBe('');
    expect(check.code).toBe(0);
  });

  it('takes every optional flag the schema has', async () => {
    const root = tempRepo({});
    const result = await runNew([
      'all_flags',
      '--root',
      root,
      ...COMPLETE.slice(4),
      '--type',
      'EXPORT_SYMBOL_GPL',
      '--status',
      'obsolete',
      '--reason',
      'Superseded.',
      '--file',
      'drivers/cxl/core/x.c',
      '--since',
      'v6.1',
      '--date',
      '2023-01-02',
      '--thread',
      'a@example.org',
      '--contact',
      'linux-cxl@vger.kernel.org',
      '--user',
      'Jane Doe <jane@example.org>',
      '--user',
      'cxl-cli',
      '--replaced-by',
      'valid_record',
      '--related',
      'snapshot_only',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(await runValidator(root)).toMatchObject({ code: 0, stdout: '' });
  });

  it('takes --arches as a comma-separated list, repeatable, and writes it as a YAML list', async () => {
    const root = tempRepo({});
    const result = await runNew([
      'arch_fixture',
      '--root',
      root,
      ...COMPLETE,
      '--thread',
      'a@example.org',
      '--arches',
      'x86,s390',
      '--arches',
      'arm64',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const text = fs.readFileSync(path.join(root, 'content/exports/arch_fixture.mdx'), 'utf8');
    expect(text).toContain(['arches:', '  - x86', '  - s390', '  - arm64'].join('\n'));
    expect(await runValidator(root)).toMatchObject({ code: 0, stdout: '' });

    const bad = await runNew(['arch_bad', '--root', root, ...COMPLETE, '--thread', 'a@example.org', '--arches', 'x86,amd64']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('arches[1]');
    expect(fs.existsSync(path.join(root, 'content/exports/arch_bad.mdx'))).toBe(false);
  });

  it('refuses to overwrite an existing record', async () => {
    const root = tempDir();
    const args = ['dup_fixture', '--root', root, ...COMPLETE, '--thread', 'a@example.org'];
    expect((await runNew(args)).code).toBe(0);
    const file = path.join(root, 'content/exports/dup_fixture.mdx');
    const before = fs.readFileSync(file, 'utf8');
    const again = await runNew([...args.slice(0, 3), '--summary', 'Something else.', ...COMPLETE.slice(0, 6), '--thread', 'b@example.org']);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toBe('new: content/exports/dup_fixture.mdx already exists; edit it instead of creating it again');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses a name that differs from an existing record only in case', async () => {
    const root = tempRepo({});
    const result = await runNew(['Valid_Record', '--root', root, ...COMPLETE, '--thread', 'a@example.org']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('new: content/exports/valid_record.mdx already exists; edit it instead of creating it again');
  });

  it.each([['foo-bar'], ['1st_symbol'], ['has space'], ['../escape']])('rejects the invalid symbol name %j', async (name) => {
    const root = tempDir();
    const result = await runNew([name, '--root', root, ...COMPLETE, '--thread', 'a@example.org']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      `new: "${name}" is not a valid symbol name: it must be a C identifier (letters, digits and underscores, not starting with a digit)`,
    );
    expect(fs.existsSync(path.join(root, 'content'))).toBe(false);
  });

  it('lists the missing flags when stdin is not a terminal, and writes nothing', async () => {
    const root = tempDir();
    const result = await runNew(['missing_fixture', '--root', root, '--type', 'EXPORT_SYMBOL_NS', '--status', 'obsolete']);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'new: missing --summary, --namespace, --reason, --subsystem, --thread (stdin is not a terminal, so they cannot be asked for: give them as flags)',
      '  --summary    One sentence: what was decided (text; required)',
      '  --namespace  Symbol namespace for the _NS types; the comma-separated module list for EXPORT_SYMBOL_FOR_MODULES (text)',
      '  --reason     Why the record has its tier; required for obsolete and removed (text)',
      '  --subsystem  Kernel area, e.g. mm, x86/fpu, net (text; required)',
      '  --thread     Rationale threads on lore.kernel.org (text; repeatable; required)',
    ]);
    expect(fs.existsSync(path.join(root, 'content'))).toBe(false);
  });

  it('refuses to write a record the parser rejects, with the parser’s own lines', async () => {
    const root = tempDir();
    const result = await runNew([
      'bad_fixture',
      '--root',
      root,
      '--type',
      'EXPORT_SYMBOL',
      '--namespace',
      'CXL',
      '--subsystem',
      'mm',
      '--summary',
      's',
      '--date',
      '2023-02-30',
      '--thread',
      'https://lkml.org/x@y',
    ]);
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      'new: the record would not be valid, so it was not written:',
      'content/exports/bad_fixture.mdx:5:12: error: namespace is only for EXPORT_SYMBOL_NS, EXPORT_SYMBOL_NS_GPL and EXPORT_SYMBOL_FOR_MODULES (type is EXPORT_SYMBOL) [namespace-for-type]',
      'content/exports/bad_fixture.mdx:8:7: error: date is not a real calendar date [date-real]',
      'content/exports/bad_fixture.mdx:10:5: error: threads[0] must be a lore.kernel.org link or a Message-ID (got host "lkml.org") [thread-message-id]',
    ]);
    expect(fs.existsSync(path.join(root, 'content'))).toBe(false);
  });

  it('exits 2 on an unknown flag or no symbol', async () => {
    expect((await runNew(['x', '--bogus', 'y'])).code).toBe(2);
    expect((await runNew([])).code).toBe(2);
  });
});

describe('scaffold (lib)', () => {
  it('derives its flags from the schema: every field written as text or a fixed value, except the symbol', () => {
    const flags = scaffoldFlags();
    const docs = fieldDocs(recordSchema);
    expect(flags.map((f) => f.field.name)).toEqual(docs.filter((d) => d.name !== 'symbol' && d.name !== 'history').map((d) => d.name));
    expect(flags.find((f) => f.field.name === 'threads')).toMatchObject({ flag: 'thread', multiple: true });
    expect(flags.find((f) => f.field.name === 'replaced_by')).toMatchObject({ flag: 'replaced-by', multiple: false });
    expect(flags.find((f) => f.field.name === 'arches')).toMatchObject({ flag: 'arches', multiple: true, commaList: true });
    expect(recordData('x', { arches: ['x86, s390', 'arm64'] })['arches']).toEqual(['x86', 's390', 'arm64']);
  });

  it('finds fields that another field makes required', () => {
    const names = (flags: ScaffoldFlag[]) => flags.map((f) => f.flag);
    expect(names(missingFlags(recordData('x', {})))).toEqual(['summary', 'type', 'subsystem', 'thread']);
    expect(names(missingFlags(recordData('x', { type: 'EXPORT_SYMBOL_FOR_MODULES', status: 'removed' })))).toContain('namespace');
    expect(names(missingFlags(recordData('x', { type: 'EXPORT_SYMBOL', status: 'obsolete' })))).toContain('reason');
  });

  it('asks at a terminal for what is missing, including what an answer makes required', async () => {
    const answers: Record<string, string> = {
      summary: 'Asked for.',
      type: 'EXPORT_SYMBOL_NS',
      subsystem: 'mm',
      thread: 'a@example.org, <b@example.org>',
      namespace: 'FOO',
    };
    const asked: string[] = [];
    const result = await scaffold({
      root: tempDir(),
      symbol: 'asked_fixture',
      values: {},
      ask: async (flag) => {
        asked.push(flag.flag);
        return answers[flag.flag] ?? '';
      },
    });
    expect(asked).toEqual(['summary', 'type', 'subsystem', 'thread', 'namespace']);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.text).toContain(
        "threads:\n  - 'https://lore.kernel.org/r/a@example.org'\n  - 'https://lore.kernel.org/r/b@example.org'\n",
      );
  });

  it('gives up when the answers stay empty', async () => {
    const result = await scaffold({ root: tempDir(), symbol: 'x', values: {}, ask: async () => '' });
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/^missing --summary, --type, --subsystem, --thread\n/);
  });
});
