// Issue 17, class 6: every CLI ends with one clear line and the right exit code. Only regular files
// are read (a FIFO would hang), a directory where a file is expected, an unknown flag or a bad --out
// is exit 2 with one line naming the path, and --help works everywhere (exit 0). --help runs each CLI
// as a real process (the process-level contract); the rest run the CLI's code in this process
// (tests/helpers/in-process.ts: an uncaught error, which would print a stack trace, fails the test).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO, runScript, tempDir, tempRepo } from '../validate/helpers.ts';
import { runCli } from '../helpers/in-process.ts';

/** Every command-line tool of scripts/ (each parses its arguments with the one helper in cli-args.ts). */
const CLIS = fs
  .readdirSync(path.join(REPO, 'scripts'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.replace(/\.ts$/, ''));

/** One line on stderr, no stack trace, nothing on stdout. */
function expectOneLine(result: { status: number | null; stdout: string; stderr: string }, code = 2) {
  expect(result.status, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('--help and unknown flags', () => {
  it.each(CLIS)('%s --help exits 0 with a usage text', async (cli) => {
    const result = await runScript(`scripts/${cli}.ts`, ['--help']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^usage: /);
  });

  it.each(CLIS)('%s --no-such-flag exits 2 with the problem and the usage, no stack trace', async (cli) => {
    const result = await runCli(`${cli}.ts`, ['--no-such-flag']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^${cli.replace(/^bench-/, 'bench:')}: Unknown option '--no-such-flag'\\nusage: `));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('paths that are not regular files', () => {
  const dir = tempDir();
  const fifo = path.join(dir, 'pipe.tsv');
  execFileSync('mkfifo', [fifo]);
  const symvers = path.join(dir, 'Module.symvers');
  fs.writeFileSync(symvers, '0x12345678\tfoo\tvmlinux\tEXPORT_SYMBOL\t\n');
  const list = path.join(dir, 'list.txt');
  fs.writeFileSync(list, 'kmalloc\n');
  const dirTsv = path.join(dir, 'dir.tsv');
  fs.mkdirSync(dirTsv);

  it.each([
    ['validate', [fifo], `validate: ${fifo}: is a FIFO (named pipe), not a record file (name .mdx files, or nothing to check them all)`],
    ['validate', [dir], `validate: ${dir}: is a directory, not a record file (name .mdx files, or nothing to check them all)`],
    ['validate', ['--root', '/nonexistent'], 'validate: /nonexistent: no such directory'],
    ['validate', ['--root', dir], `validate: ${dir}/content/exports: no such directory`],
    ['drift', [fifo], `drift: ${fifo}: is a FIFO (named pipe), not a kernel tree (a directory) or a snapshot (a .tsv file)`],
    ['import-symvers', [fifo], `import-symvers: ${fifo}: is a FIFO (named pipe), not a Module.symvers file`],
    ['import-symvers', [dir], `import-symvers: ${dir}: is a directory, not a Module.symvers file`],
    [
      'import-symvers',
      [symvers, '--out', path.join(dir, 'no/such/dir/out.tsv')],
      `import-symvers: --out ${path.join(dir, 'no/such/dir/out.tsv')}: cannot write: its directory does not exist`,
    ],
    ['import-symvers', [symvers, '--out', dir], `import-symvers: --out ${dir}: cannot write: is a directory`],
    ['check-module', [fifo], `check-module: ${fifo}: is a FIFO (named pipe), not a file (the .ko, or nm -u output)`],
    ['check-module', [dir], `check-module: ${dir}: is a directory, not a file (the .ko, or nm -u output)`],
    ['annotate', [fifo], `annotate: ${fifo}: is a FIFO (named pipe), not a file`],
    ['check-module', ['/dev/null'], 'check-module: /dev/null: is a character device, not a file (the .ko, or nm -u output)'],
    ['check-module', [list, '--snapshot', fifo], `check-module: ${fifo}: is a FIFO (named pipe), not a snapshot file`],
    ['check-module', [list, '--snapshot', dirTsv], `check-module: ${dirTsv}: is a directory, not a snapshot file`],
    ['abi', ['search', 'x', '--root', '/nonexistent'], 'abi: /nonexistent/content/exports: no such directory'],
    ['check-links', [symvers], `check-links: ${symvers}: is a file, not a directory (run npm run build first)`],
  ])('%s %j', async (cli, args, message) => {
    const started = performance.now();
    const result = await runCli(`${cli}.ts`, args);
    expect(performance.now() - started).toBeLessThan(20_000);
    expectOneLine(result);
    expect(result.stderr.trimEnd()).toBe(message);
  });

  it('import-symvers of an empty file is an input error, not "0 exports"', async () => {
    const empty = path.join(dir, 'empty.symvers');
    fs.writeFileSync(empty, '\n');
    const result = await runCli('import-symvers.ts', [empty]);
    expectOneLine(result);
    expect(result.stderr.trimEnd()).toBe(`import-symvers: ${empty}: is empty; a kernel build's Module.symvers lists every export`);
  });

  it('drift --root that is not a repository is an input error', async () => {
    const root = tempRepo({});
    const result = await runCli('drift.ts', [path.join(root, 'content/snapshots/v6.19.tsv'), '--root', dir]);
    expectOneLine(result);
    expect(result.stderr.trimEnd()).toBe(`drift: ${dir}/content/exports: no such directory`);
  });
});
