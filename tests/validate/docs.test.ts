// CONTRIBUTING.md's generated blocks are current, and the CI annotation step reads the validator's JSON.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, updateGenerated } from '../../src/lib/docs.ts';
import { RULES } from '../../src/lib/lint/rules.ts';
import { fieldDocs } from '../../src/lib/schema-walk.ts';
import { recordSchema } from '../../src/lib/schema.ts';
import { formatGithubAnnotation, parseProblemsJson, type Problem } from '../../src/lib/problems.ts';
import { REPO, fixture, lines, runScriptHere, runValidator, tempDir, tempRepo } from './helpers.ts';

const CONTRIBUTING = path.join(REPO, 'CONTRIBUTING.md');

describe('CONTRIBUTING.md', () => {
  const text = fs.readFileSync(CONTRIBUTING, 'utf8');

  it('is up to date with npm run docs', () => {
    expect(updateGenerated(text), 'run npm run docs').toBe(text);
  });

  it('has every generated block', () => {
    for (const name of Object.keys(GENERATED)) expect(text).toContain(`<!-- /generated:${name} -->`);
  });

  it('lists every field and every rule', () => {
    for (const f of fieldDocs(recordSchema)) expect(text).toContain(`| \`${f.name}\` |`);
    for (const r of RULES) expect(text).toContain(`| \`${r.name}\` |`);
  });

  it('docs --check fails on a stale copy and docs rewrites it', async () => {
    const root = tempDir();
    const stale = text.replace(/(<!-- generated:rules -->)[\s\S]*?(<!-- \/generated:rules -->)/, '$1\nold\n$2');
    fs.writeFileSync(path.join(root, 'CONTRIBUTING.md'), stale);
    const check = await runScriptHere('scripts/docs.ts', ['--root', root, '--check']);
    expect(check.code).toBe(1);
    expect(check.stderr.trim()).toBe('docs: CONTRIBUTING.md is out of date; run npm run docs');
    expect((await runScriptHere('scripts/docs.ts', ['--root', root])).code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8')).toBe(text);
  });

  it('refuses unknown and unclosed markers', () => {
    expect(() => updateGenerated('<!-- generated:nope --><!-- /generated:nope -->')).toThrow('unknown generated block "nope"');
    expect(() => updateGenerated('<!-- generated:rules -->\n')).toThrow('generated block not closed: rules');
  });
});

describe('GitHub annotations', () => {
  const problem: Problem = {
    file: 'content/exports/a,b.mdx',
    line: 3,
    column: 7,
    severity: 'error',
    rule: 'date-real',
    message: 'date is 100% wrong\nreally',
  };

  it('escape workflow-command syntax', () => {
    expect(formatGithubAnnotation(problem)).toBe(
      '::error file=content/exports/a%2Cb.mdx,line=3,col=7,title=[date-real]::date is 100%25 wrong%0Areally',
    );
  });

  it('scripts/annotate.ts turns validate --format json into annotations and fails on errors', async () => {
    const root = tempRepo({ 'content/exports/impossible_date.mdx': fixture('impossible_date.mdx') });
    const json = await runValidator(root, ['--format', 'json']);
    const file = path.join(root, 'problems.json');
    fs.writeFileSync(file, json.stdout);
    const result = await runScriptHere('scripts/annotate.ts', [file]);
    expect(result.code).toBe(1);
    expect(lines(result.stdout)).toEqual([
      '::error file=content/exports/impossible_date.mdx,line=7,col=7,title=[date-real]::date is not a real calendar date',
    ]);
    expect(result.stderr).toContain('content/exports/impossible_date.mdx:7:7: error: date is not a real calendar date [date-real]');
  });

  it('passes on a clean run and fails on an empty or broken file', async () => {
    const root = tempDir();
    const write = (name: string, content: string) => {
      fs.writeFileSync(path.join(root, name), content);
      return path.join(root, name);
    };
    expect(await runScriptHere('scripts/annotate.ts', [write('clean.json', '[]\n')])).toMatchObject({ code: 0, stdout: '' });
    expect((await runScriptHere('scripts/annotate.ts', [write('empty.json', '')])).code).toBe(2);
    expect((await runScriptHere('scripts/annotate.ts', [write('banner.json', '> kernel-export-decisions validate\n[]')])).code).toBe(2);
    expect(() => parseProblemsJson('[{"file": 1}]')).toThrow('expected the JSON array');
  });
});
