// The bad-input corpus: one row per kind of bad record, each checked through the real code path
// (validateRepository on a temp repository) and through the CLI (text and --format json), with the
// exact compiler-style lines expected. Binary and huge inputs are generated here, never committed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { RULE_NAMES } from '../../src/lib/lint/rules.ts';
import { formatProblem, type Problem } from '../../src/lib/problems.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { FIXTURES, fixture, lines, runScript, runScriptHere, runValidator, tempRepo } from './helpers.ts';
import { E, filesOf, historyStore, ROWS, utf8, validRecord } from './corpus-rows.ts';

export { validRecord };

describe('bad-record corpus', () => {
  it('has at least 25 kinds, and every committed fixture is used by a row', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(25);
    const used = new Set(ROWS.flatMap((r) => r.fixtures ?? []));
    expect(fs.readdirSync(FIXTURES).filter((name) => !used.has(name))).toEqual([]);
  });

  it.each(ROWS)('$kind: validateRepository reports exactly the expected lines', (row) => {
    const files = filesOf(row);
    const root = tempRepo(files);
    const { problems, checkedFiles } = validateRepository(root);
    expect(problems.map(formatProblem)).toEqual(row.expected);
    // Never skips a file silently: the base record and every file of the row were read.
    expect(checkedFiles).toBe(1 + Object.keys(files).filter((f) => /^content\/(exports|mechanisms)\//.test(f)).length);
    for (const p of problems) expect(RULE_NAMES, `rule ${p.rule}`).toContain(p.rule);
  });
});

// The CLI prints what validateRepository returns (checked above for every row); it runs (in this
// process, tests/helpers/in-process.ts) on the rows whose bytes, exit code or output differ in kind:
// clean, warnings only, errors, encodings, a huge body, control characters, the history store, many
// problems. The process itself (a real Node start) is checked once below and in tests/hostile/.
const CLI_KINDS = [
  'empty file',
  'BOM and CRLF together are accepted',
  'non-UTF-8 bytes',
  '5 MB body',
  'wrong file name',
  'invalid YAML',
  'duplicate keys',
  'missing field',
  'since contradicted by the history store',
  'since left out where the history store bounds it (a warning)',
  'process language in the body and in frontmatter prose',
  'terminal escape sequences in a field',
  'a newline in status (workflow-command injection)',
  'file outside the kernel tree',
  'many problems at once (cross-field and collection rules despite other errors)',
  'mechanism with a lowercase macro and an unknown type',
];
const CLI_ROWS = ROWS.filter((r) => CLI_KINDS.includes(r.kind));

describe('bad-record corpus through the CLI', () => {
  it('runs the CLI on rows that exist, including clean, warning-only and error rows', () => {
    expect(CLI_ROWS.map((r) => r.kind).sort()).toEqual([...CLI_KINDS].sort());
    expect(CLI_ROWS).toHaveLength(CLI_KINDS.length);
    const outcomes = new Set(
      CLI_ROWS.map((r) => (r.expected.some((l) => l.includes(': error: ')) ? 'error' : r.expected.length ? 'warning' : 'clean')),
    );
    expect([...outcomes].sort()).toEqual(['clean', 'error', 'warning']);
  });

  it.for(CLI_ROWS)(
    '$kind: same lines, exit 1 on errors and 0 when clean or only warned, in text and --format json',
    async (row, { expect }) => {
      const root = tempRepo(filesOf(row));
      const text = await runValidator(root);
      const json = await runValidator(root, ['--format', 'json']);
      const code = row.expected.some((l) => l.includes(': error: ')) ? 1 : 0;
      expect(text.code, text.stderr).toBe(code);
      expect(lines(text.stdout)).toEqual(row.expected);
      expect(json.code, json.stderr).toBe(code);
      expect((JSON.parse(json.stdout) as Problem[]).map(formatProblem)).toEqual(row.expected);
    },
  );
});

describe('hostile bodies', () => {
  const hostile = ROWS.filter((r) => r.expected.length && r.expected.every((l) => /\[(mdx-[a-z-]+|body-heading-level)\]$/.test(l)));

  it.each(hostile)('$kind is never rendered to HTML', (row) => {
    for (const [rel, bytes] of Object.entries(filesOf(row))) {
      const parsed = parseRecordFile(rel, typeof bytes === 'string' ? utf8(bytes) : bytes, sitePaths('/'));
      expect(parsed.problems.length).toBeGreaterThan(0);
      expect(parsed.html).toBeUndefined();
    }
  });
});

describe('validator CLI', () => {
  it('exits 0 with no output on a clean repository, and prints [] in JSON (as a process)', async () => {
    const root = tempRepo({});
    const text = await runScript('scripts/validate.ts', ['--root', root]);
    expect(text).toMatchObject({ code: 0, stdout: '' });
    expect(text.stderr.trim()).toBe('1 files checked, no problems');
    const json = await runScript('scripts/validate.ts', ['--root', root, '--format', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('summarises errors on stderr', async () => {
    const root = tempRepo({ [`${E}/missing_field.mdx`]: fixture('missing_field.mdx'), [`${E}/mdx_script.mdx`]: fixture('mdx_script.mdx') });
    const text = await runValidator(root);
    expect(text.code).toBe(1);
    expect(text.stderr.trim()).toBe('2 errors in 2 of 3 files');
  });

  it('checks only the files named, but still against the whole collection', async () => {
    const root = tempRepo({
      [`${E}/duplicate_symbol.mdx`]: fixture('duplicate_symbol.mdx'),
      [`${E}/mdx_script.mdx`]: fixture('mdx_script.mdx'),
    });
    const only = await runValidator(root, [path.join(root, E, 'duplicate_symbol.mdx')]);
    expect(only.code).toBe(1);
    expect(lines(only.stdout)).toEqual([
      `${E}/duplicate_symbol.mdx:2:9: error: file name must equal the symbol: rename to valid_record.mdx (or fix symbol: duplicate_symbol) [file-name]`,
      `${E}/duplicate_symbol.mdx:2:9: error: symbol valid_record is already recorded in ${E}/valid_record.mdx [duplicate-symbol]`,
    ]);
    const clean = await runValidator(root, [path.join(root, E, 'valid_record.mdx')]);
    expect(clean).toMatchObject({ code: 0, stdout: '' });
  });

  it('accepts a relative --root', async () => {
    const root = tempRepo({ [`${E}/mdx_script.mdx`]: fixture('mdx_script.mdx') });
    const result = await runScriptHere(
      'scripts/validate.ts',
      ['--root', path.basename(root), path.join(path.basename(root), E, 'valid_record.mdx')],
      {
        cwd: path.dirname(root),
      },
    );
    expect(result).toMatchObject({ code: 0, stdout: '' });
  });

  it('exits 2, naming file and line, on a malformed history store', async () => {
    const store = historyStore();
    store['content/history/releases.tsv'] = store['content/history/releases.tsv']!.replace('v5.0\t5.0', 'v5.0\t5.1');
    const root = tempRepo(store);
    const result = await runValidator(root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('content/history/releases.tsv:3: line: must be 5.0 for v5.0 (got "5.1")');
  });

  it('exits 2 on usage errors', async () => {
    const root = tempRepo({});
    expect((await runValidator(root, ['--format', 'xml'])).code).toBe(2);
    expect((await runValidator(root, [path.join(root, 'nope.mdx')])).code).toBe(2);
  });
});
