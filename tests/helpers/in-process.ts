// Runs a CLI of scripts/ inside the test worker: the script's own code from argument parsing to exit
// code, without a Node start (the CLIs are CPU-bound to start: type stripping and module loading). The
// process is the boundary stubbed: process.argv is set, console and process.stdout/stderr are captured,
// process.exit ends the run, and standard input (read as fs.readFileSync(0)) is the text given. What
// only a real process shows (the exit code Node reports, no stack trace on stderr, real stdin) stays
// with real spawns: every CLI's --help (tests/hostile/cli-input.test.ts) and a few per CLI test file.
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../src/lib/project.ts';

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

class Exit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`process.exit(${code})`);
    this.code = code;
  }
}

let runs = 0;
let running = false;

/**
 * `node scripts/<script> ...args`, in this process, with `stdin` piped in (nothing by default, as a
 * spawn without input); runs one at a time (the console is shared).
 */
export async function runCli(
  script: string,
  args: readonly string[],
  { cwd, stdin = '' }: { cwd?: string; stdin?: string } = {},
): Promise<CliResult> {
  if (running) throw new Error('runCli: one run at a time (await the previous one)');
  running = true;
  const file = path.join(REPO_ROOT, 'scripts', script);
  let stdout = '';
  let stderr = '';
  const saved = {
    argv: process.argv,
    exit: process.exit,
    exitCode: process.exitCode,
    cwd: process.cwd(),
    log: console.log,
    info: console.info,
    error: console.error,
    warn: console.warn,
    out: process.stdout.write,
    err: process.stderr.write,
    readFileSync: fs.readFileSync,
    isTTY: Object.getOwnPropertyDescriptor(process.stdin, 'isTTY'),
  };
  const toOut = (...a: unknown[]) => void (stdout += `${format(...a)}\n`);
  const toErr = (...a: unknown[]) => void (stderr += `${format(...a)}\n`);
  const writer = (append: (s: string) => void) =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  let status: number;
  try {
    process.argv = [process.execPath, file, ...args];
    process.exitCode = undefined;
    process.exit = ((code?: number | string | null) => {
      throw new Exit(Number(code ?? process.exitCode ?? 0));
    }) as typeof process.exit;
    if (cwd) process.chdir(cwd);
    console.log = console.info = toOut;
    console.error = console.warn = toErr;
    process.stdout.write = writer((s) => (stdout += s));
    process.stderr.write = writer((s) => (stderr += s));
    // Piped, as in a spawn: never a terminal to prompt on (scripts/new.ts asks only on a TTY).
    Object.defineProperty(process.stdin, 'isTTY', { value: false, configurable: true });
    fs.readFileSync = ((file: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) =>
      file === 0 ? Buffer.from(stdin) : (saved.readFileSync as (...a: unknown[]) => unknown)(file, ...rest)) as typeof fs.readFileSync;
    // A fresh instance of the script each run (its src/lib modules are shared, as they are loaded once).
    await import(`${pathToFileURL(file).href}?run=${++runs}`);
    status = Number(process.exitCode ?? 0);
  } catch (error) {
    if (!(error instanceof Exit)) throw error;
    status = error.code;
  } finally {
    process.argv = saved.argv;
    process.exit = saved.exit;
    process.exitCode = saved.exitCode;
    process.chdir(saved.cwd);
    console.log = saved.log;
    console.info = saved.info;
    console.error = saved.error;
    console.warn = saved.warn;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
    fs.readFileSync = saved.readFileSync;
    if (saved.isTTY) Object.defineProperty(process.stdin, 'isTTY', saved.isTTY);
    else delete (process.stdin as { isTTY?: boolean }).isTTY;
    running = false;
  }
  return { status, stdout, stderr };
}
