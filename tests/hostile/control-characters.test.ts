// Issue 17, class 4: control characters never pass through. Every frontmatter field refuses them
// (control-character), every printed line escapes them (validate, annotate's stdout and stderr,
// abi search), and a record cannot start a GitHub workflow command of its own.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { formatGithubAnnotation, formatProblem, type Problem } from '../../src/lib/problems.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { E, validRecord } from '../validate/corpus-rows.ts';
import { fixture } from '../validate/helpers.ts';
import { runScriptHere, runValidator, tempDir, tempRepo } from '../validate/helpers.ts';

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** YAML double-quoted escapes for the characters a hostile record would use. */
const ESCAPES = {
  ESC: '\\e[2J',
  NUL: '\\0',
  OSC: '\\e]0;owned\\a',
  CR: 'a\\rb',
  BEL: '\\a',
  DEL: '\\x7f',
  C1: '\\x9b',
  RLO: '\\u202e',
  LS: '\\u2028',
};

/** A field of the record set to a double-quoted YAML value (replacing it when the record has it). */
function recordWith(field: string, value: string): string {
  const quoted = `"x${value}"`;
  const base = validRecord('ctl_probe').replace(
    'date: 2024-01-15',
    'date: 2024-01-15\nreason: Because.\nhistory:\n  - date: 2024-01-15\n    change: Proposed.',
  );
  switch (field) {
    case 'users[0]':
      return base.replace('date: 2024-01-15\n', `date: 2024-01-15\nusers:\n  - ${quoted}\n`);
    case 'threads[0].note':
      return base.replace(
        '  - 20240115120000.1234-1-fixture@example.org',
        `  - id: 20240115120000.1234-1-fixture@example.org\n    note: ${quoted}`,
      );
    case 'history[0].change':
      return base.replace('change: Proposed.', `change: ${quoted}`);
    case 'related[0]':
      return base.replace('date: 2024-01-15\n', `date: 2024-01-15\nrelated:\n  - ${quoted}\n`);
    default:
      return new RegExp(`^${field}: `, 'm').test(base)
        ? base.replace(new RegExp(`^${field}: .*$`, 'm'), `${field}: ${quoted}`)
        : base.replace('date: 2024-01-15\n', `date: 2024-01-15\n${field}: ${quoted}\n`);
  }
}

const FIELDS = [
  'summary',
  'type',
  'status',
  'reason',
  'subsystem',
  'namespace',
  'file',
  'since',
  'contact',
  'replaced_by',
  'users[0]',
  'related[0]',
  'threads[0].note',
  'history[0].change',
];

describe('control-character: every field refuses them', () => {
  const cases = FIELDS.flatMap((field) => Object.entries(ESCAPES).map(([name, value]) => ({ field, name, value })));
  it.each(cases)('$field with $name', ({ field, value }) => {
    const parsed = parseRecordFile(`${E}/ctl_probe.mdx`, Buffer.from(recordWith(field, value)), sitePaths('/'));
    const rules = parsed.problems.map((p) => p.rule);
    expect(rules).toContain('control-character');
    const line = parsed.problems.find((p) => p.rule === 'control-character')!;
    expect(line.message.startsWith(`${field} contains the control character \\`)).toBe(true);
    for (const p of parsed.problems) expect(formatProblem(p)).not.toMatch(RAW_CONTROL);
  });

  it('a field name with a control character is refused too', () => {
    const parsed = parseRecordFile(
      `${E}/ctl_probe.mdx`,
      Buffer.from(validRecord('ctl_probe').replace('date: 2024-01-15', 'date: 2024-01-15\n"bad\\ekey": 1')),
      sitePaths('/'),
    );
    expect(parsed.problems.map((p) => p.rule)).toEqual(expect.arrayContaining(['control-character', 'unknown-field']));
    for (const p of parsed.problems) expect(formatProblem(p)).not.toMatch(RAW_CONTROL);
  });

  it('prose fields keep their tabs and line breaks', () => {
    const text = validRecord('prose_ok').replace(
      'summary: A small record used as a validator test fixture.',
      'summary: "One\\tsentence,\\nwrapped."',
    );
    expect(parseRecordFile(`${E}/prose_ok.mdx`, Buffer.from(text), sitePaths('/')).problems).toEqual([]);
  });
});

describe('workflow annotations cannot be forged', () => {
  const hostile: Problem = {
    file: 'content/exports/x.mdx\n::add-mask::secret',
    line: 3,
    column: 1,
    severity: 'error',
    rule: 'status-enum',
    message: 'status must be one of testing (got "testing\n::error file=README.md::forged\r\n::add-mask::x\u001b[2J")',
  };

  it('formatGithubAnnotation writes one line with every control character encoded', () => {
    const line = formatGithubAnnotation(hostile);
    expect(line.split('\n')).toHaveLength(1);
    expect(line).not.toMatch(RAW_CONTROL);
    expect(line.startsWith('::error file=content/exports/x.mdx%0A%3A%3Aadd-mask%3A%3Asecret,line=3,col=1,title=[status-enum]::')).toBe(
      true,
    );
  });

  it('scripts/annotate.ts: every stdout line is one of its annotations, no stderr line starts a command', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'problems.json');
    fs.writeFileSync(file, JSON.stringify([hostile]));
    const result = await runScriptHere('scripts/annotate.ts', [file]);
    expect(result.code).toBe(1);
    for (const line of result.stdout.trimEnd().split('\n')) expect(line).toMatch(/^::error file=[^\n]*$/);
    for (const line of result.stderr.trimEnd().split('\n')) expect(line.startsWith('::')).toBe(false);
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
  });

  it('end to end: a newline inside status, through validate --format json and annotate', async () => {
    const root = tempRepo({ [`${E}/newline_in_status.mdx`]: fixture('newline_in_status.mdx') });
    const json = await runValidator(root, ['--format', 'json']);
    const file = path.join(tempDir(), 'problems.json');
    fs.writeFileSync(file, json.stdout);
    const result = await runScriptHere('scripts/annotate.ts', [file]);
    expect(result.code).toBe(1);
    const lines = [...result.stdout.trimEnd().split('\n'), ...result.stderr.trimEnd().split('\n')];
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(2); // its two annotations, nothing forged
    expect(lines.filter((l) => l.includes('::error::forged') && l.startsWith('::error::'))).toEqual([]);
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
  });
});

describe('terminal output', () => {
  it('validate prints escapes, never the characters', async () => {
    const root = tempRepo({ [`${E}/control_character.mdx`]: fixture('control_character.mdx') });
    const result = await runValidator(root);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
  });

  it("check-module shows a pasted log's control characters escaped", async () => {
    const log = 'ERROR: modpost: module foo uses symbol snapshot_only from namespace DMA\u001b]0;owned\u0007BUF, but does not import it.\n';
    const result = await runScriptHere('scripts/check-module.ts', ['-', '--root', path.resolve('tests/fixtures/repo')], { input: log });
    expect(result.stdout).toContain('DMA\\x1b]0;owned\\x07BUF');
    expect(result.stdout + result.stderr).not.toMatch(RAW_CONTROL);
  });

  it('abi search skips records with control characters and prints none', async () => {
    const root = tempRepo({ [`${E}/control_character.mdx`]: fixture('control_character.mdx') });
    const all = await runScriptHere('scripts/abi.ts', ['search', '.', '--root', root]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain('valid_record');
    expect(all.stdout).not.toContain('control_character');
    expect(all.stderr).toContain('1 record with problems skipped');
    expect(all.stdout + all.stderr).not.toMatch(RAW_CONTROL);
    const pattern = await runScriptHere('scripts/abi.ts', ['search', 'zz\u001b]0;x\u0007zz', '--root', root]);
    expect(pattern.code).toBe(1);
    expect(pattern.stderr).toContain("abi: no record's symbol matches /zz\\x1b]0;x\\x07zz/\n");
    const refused = await runScriptHere('scripts/abi.ts', ['search', 'zz\u001b[2J', '--root', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).not.toMatch(RAW_CONTROL);
  });
});
