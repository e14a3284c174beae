// Issue 17, class 3: small inputs never cause unbounded work. "Did you mean" over every exported
// symbol, YAML aliases, deep bodies, the module checker's input and user regexes are each bounded,
// and each limit is reported as a normal error.
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { closest, Suggester } from '../../src/lib/suggest.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import {
  buildExportTable,
  checkModule,
  formatModuleCheckText,
  MODULE_INPUT_LIMITS,
  ModuleInputError,
  parseModuleInput,
} from '../../src/lib/check-module.ts';
import { E, validRecord } from '../validate/corpus-rows.ts';
import { REPO, runScriptHere, tempDir, tempRepo } from '../validate/helpers.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';
import fs from 'node:fs';
import path from 'node:path';

/** Kernel-like names, deterministic: prefixes, words and numbers joined by underscores. */
function kernelLikeSymbols(count: number): string[] {
  const parts = [
    'kmalloc',
    'dma',
    'buf',
    'fence',
    'drm',
    'gem',
    'pci',
    'dev',
    'get',
    'put',
    'alloc',
    'free',
    'page',
    'irq',
    'net',
    'skb',
    'usb',
    'hid',
    'acpi',
    'of',
    'clk',
    'reg',
    'map',
    'lock',
    'init',
    'exit',
    'read',
    'write',
    'vma',
    'node',
  ];
  let seed = 12345;
  // mulberry32: exact in 32-bit integer arithmetic.
  const next = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
  const out = new Set<string>();
  while (out.size < count) {
    const n = 2 + (next() % 4);
    const words = Array.from({ length: n }, () => parts[next() % parts.length]!);
    out.add(`${next() % 5 === 0 ? '__' : ''}${words.join('_')}${next() % 3 === 0 ? `_${next() % 100}` : ''}`);
  }
  return [...out];
}

const timed = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, performance.now() - started];
};

describe('did you mean, over every exported symbol', () => {
  const symbols = kernelLikeSymbols(39_000);

  it('1,000 unknown related names validate in seconds, and typos still get a suggestion', () => {
    const snapshot = `# synthetic | kernel version: 6.19.0\nsymbol\tmacro\tnamespace\tfile\tline\n${symbols.map((s, i) => `${s}\tEXPORT_SYMBOL\t\tmm/x.c\t${i + 1}`).join('\n')}\n`;
    const unknown = Array.from({ length: 1000 }, (_, i) => (i % 2 ? `${symbols[i * 7]!}x` : `zz_unknown_name_${i}`));
    const related = `related:\n${unknown.map((s) => `  - ${s}`).join('\n')}`;
    const root = tempRepo({
      'content/snapshots/v6.19.tsv': snapshot,
      [`${E}/many_related.mdx`]: validRecord('many_related').replace('date: 2024-01-15', `date: 2024-01-15\n${related}`),
    });
    const [result, ms] = timed(() => validateRepository(root));
    const related1 = result.problems.filter((p) => p.rule === 'related-exists' && p.file === `${E}/many_related.mdx`);
    expect(related1).toHaveLength(1000);
    expect(ms).toBeLessThan(15_000);
    // A name one letter off gets the symbol as its suggestion.
    expect(formatProblem(related1[1]!)).toContain(`did you mean ${symbols[7]}?`);
  });

  it("on the kernel's own symbols, the indexed Suggester answers as the plain scan does", () => {
    const v619 = loadSnapshots(REPO)
      .find((s) => s.version === 'v6.19')!
      .rows.map((r) => r.symbol);
    const suggester = new Suggester(v619);
    const words = v619
      // 40 names spread over the list (each plain scan reads all 40,000): a third each cut, extended, misspelt.
      .filter((_, i) => i % 997 === 0)
      .slice(0, 40)
      .map((s, i) => (i % 3 === 0 ? s.slice(1) : i % 3 === 1 ? `${s}_` : s.replace(/[aeiou]/, 'x')));
    for (const word of [...words, 'x', 'ab', 'kmallok', 'DMA_BUF_GET', '']) expect(suggester.closest(word), word).toBe(closest(word, v619));
  });

  it('a very long unknown name costs nothing and gets no suggestion', () => {
    const [guess, ms] = timed(() => new Suggester(symbols).closest('a'.repeat(100_000)));
    expect(guess).toBeUndefined();
    expect(ms).toBeLessThan(1000);
  });
});

describe('YAML', () => {
  it('an alias bomb is refused at once with a short line', () => {
    const levels = ['x0: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 12; i++)
      levels.push(
        `x${i}: &a${i} [${Array(9)
          .fill(i === 1 ? '*a' : `*a${i - 1}`)
          .join(',')}]`,
      );
    const text = validRecord('alias_bomb').replace('date: 2024-01-15', `date: 2024-01-15\n${levels.join('\n')}`);
    const [parsed, ms] = timed(() => parseRecordFile(`${E}/alias_bomb.mdx`, Buffer.from(text), sitePaths('/')));
    expect(ms).toBeLessThan(2000);
    expect(parsed.problems.map((p) => p.rule)).toEqual(['yaml-alias']);
    expect(parsed.problems.map(formatProblem).every((l) => l.length < 300)).toBe(true);
  });

  it('every message line is bounded, whatever the input', () => {
    const huge = 'x'.repeat(200_000);
    for (const frontmatter of [`status: ${huge}`, `${huge}: 1`, `subsystem: [${huge}`, `threads:\n  - ${huge}`]) {
      const text = validRecord('long_lines').replace('status: testing', frontmatter);
      const lines = parseRecordFile(`${E}/long_lines.mdx`, Buffer.from(text), sitePaths('/')).problems.map(formatProblem);
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line.length).toBeLessThan(1200);
    }
  });
});

describe('long frontmatter lines are located in one pass', () => {
  const rec = (frontmatter: string) => `---\nsymbol: probe\n${frontmatter}\n---\n\n## What was decided\n\nBody.\n`;
  it.each([
    [
      'a 200,000-character continuation line before the problem',
      `summary: >\n  a${' '.repeat(200_000)}b\ntype: BAD\nstatus: testing\nsubsystem: mm\ndate: 2024-01-15\nthreads: [a@b.c]`,
      '5:7',
    ],
    ['an unclosed quote of 100,000 backslashes', `summary: "${'\\\\'.repeat(100_000)}`, '3:10'],
    ['a duplicated key padded with 100,000 spaces', `k${' '.repeat(100_000)}x: 1\nk${' '.repeat(100_000)}x: 2`, '4:1'],
    ['frontmatter nested 100,000 deep', `x: ${'['.repeat(100_000)}`, '2:1 yaml-size'],
  ])('%s', (_, frontmatter, place) => {
    const [parsed, ms] = timed(() => parseRecordFile(`${E}/probe.mdx`, Buffer.from(rec(frontmatter)), sitePaths('/')));
    expect(ms).toBeLessThan(2000);
    expect(parsed.problems.map((p) => (place.includes(' ') ? `${p.line}:${p.column} ${p.rule}` : `${p.line}:${p.column}`))).toContain(
      place,
    );
    for (const line of parsed.problems.map(formatProblem)) expect(line.length).toBeLessThan(1200);
  });
});

describe('deep bodies', () => {
  it.each([
    ['3,000 nested quotes', `${'> '.repeat(3000)}deep\n`],
    ['3,000 nested lists', `${'- '.repeat(3000)}x\n`],
    ['emphasis 20,000 deep', `${'*'.repeat(20_000)}x${'*'.repeat(20_000)}\n`],
  ])('%s: a body-depth error naming the file, never a stack overflow', (_, body) => {
    const parsed = parseRecordFile(`${E}/deep.mdx`, Buffer.from(validRecord('deep', `## What was decided\n\n${body}`)), sitePaths('/'));
    expect(parsed.file).toBe(`${E}/deep.mdx`);
    expect(parsed.problems.map((p) => p.rule)).toContain(
      parsed.problems.some((p) => p.rule === 'body-depth') ? 'body-depth' : 'mdx-syntax',
    );
    expect(parsed.html).toBeUndefined();
  });
});

describe('check-module input', () => {
  const shapes = [
    'a',
    'module ',
    'x: ',
    '"a" [',
    'Unknown symbol ',
    'uses GPL-only symbol ',
    ' uses symbol ',
    'module uses symbol (',
    '] undefined!',
    'U ',
    ' ',
  ];

  it.each(shapes)('a line of %j repeated to just under the limit parses in linear time', (unit) => {
    const line = unit.repeat(Math.floor((MODULE_INPUT_LIMITS.lineChars - 1) / unit.length));
    const [, ms] = timed(() => parseModuleInput(`${line}\nkmalloc\n`));
    expect(ms).toBeLessThan(1000);
  });

  it('a 150,000-character line is an input error (exit 2) in well under a second of work', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'long.txt');
    fs.writeFileSync(file, `${'a'.repeat(150_000)}\n`);
    const started = performance.now();
    const result = await runScriptHere('scripts/check-module.ts', [file]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`check-module: ${file}: line 1 is 150,000 characters long; the limit is 65,536`);
  });

  it('130,000 distinct symbols are an input error (exit 2), not a crash', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'many.txt');
    // Ten to a line: within the line limits, over the symbol limit.
    fs.writeFileSync(
      file,
      Array.from({ length: 13_000 }, (_, i) => Array.from({ length: 10 }, (_, j) => `sym_${i * 10 + j}`).join(' ')).join('\n'),
    );
    const result = await runScriptHere('scripts/check-module.ts', [file]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `check-module: ${file}: the input names more than 50,000 different symbols (line 5,001); a module links against a few hundred`,
    );
  });

  it('200,000 lines are refused at once (the page shows the message instead of hanging)', () => {
    const [error, ms] = timed(() => {
      try {
        parseModuleInput('kmalloc\n'.repeat(200_000));
      } catch (e) {
        return e;
      }
      return undefined;
    });
    expect(error).toBeInstanceOf(ModuleInputError);
    expect((error as Error).message).toBe(
      'the input has 200,000 lines; the limit is 100,000 (give nm -u output or the modpost lines, not a whole build)',
    );
    expect(ms).toBeLessThan(1000);
  });

  it('the text report of 50,000 symbols is formatted without spreading them into Math.max', () => {
    const input = parseModuleInput(Array.from({ length: 50_000 }, (_, i) => `sym_${i}`).join('\n'));
    const text = formatModuleCheckText(checkModule(input, buildExportTable({ version: 'v6.19', rows: [] }, [])));
    expect(text.startsWith('check-module: 50,000 symbols from a symbol list, against v6.19')).toBe(true);
  });
});

describe('npm run abi -- search with a hostile pattern', () => {
  it('(\\w+)+! runs in linear time (RE2), and a pattern RE2 cannot run is a clear exit 2', async () => {
    const symbol = 'a'.repeat(40);
    const root = tempRepo({ [`${E}/${symbol}.mdx`]: validRecord(symbol) });
    const started = performance.now();
    const result = await runScriptHere('scripts/abi.ts', ['search', '(\\w+)+!', '--root', root]);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    const refused = await runScriptHere('scripts/abi.ts', ['search', '(a)\\1', '--root', root]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^abi: cannot use \/\(a\)\\1\/: .*no backreferences/);
    expect((await runScriptHere('scripts/abi.ts', ['search', `^${symbol}$`, '--root', root])).code).toBe(0);
  });
});
