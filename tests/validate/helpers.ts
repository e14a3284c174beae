// Temp repositories for validator tests: a copy of tests/fixtures/repo (one valid record and a tiny
// snapshot) plus the files under test, checked through the real code path and the real CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { runCli } from '../helpers/in-process.ts';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE = path.join(REPO, 'node_modules/.bin/node');
export const FIXTURES = path.join(REPO, 'tests/fixtures/bad-records');
export const BASE_REPO = path.join(REPO, 'tests/fixtures/repo');

/** The bytes of a committed fixture. */
export function fixture(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp directory, removed after the test file. */
export function tempDir(prefix = 'ked-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * A temp repository: the base fixture repo (unless `base: false`) plus `files`, keyed by path
 * relative to the repository root (e.g. content/exports/foo.mdx).
 */
export function tempRepo(files: Record<string, string | Uint8Array>, { base = true } = {}): string {
  const root = tempDir('ked-repo-');
  if (base) fs.cpSync(BASE_REPO, root, { recursive: true });
  fs.mkdirSync(path.join(root, 'content/exports'), { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a script under the project's own Node (never the system one). */
export function runScript(script: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = execFile(
      NODE,
      [path.join(REPO, script), ...args],
      { cwd: options.cwd ?? REPO, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    // Not a TTY: a pipe, closed at once unless input is given.
    child.stdin?.end(options.input ?? '');
  });
}

/**
 * runScript's result from the script's code run in this process (tests/helpers/in-process.ts): no Node
 * start. The real process of each CLI is checked in tests/hostile/cli-input.test.ts.
 */
export async function runScriptHere(
  script: string,
  args: readonly string[],
  options: { cwd?: string; input?: string } = {},
): Promise<RunResult> {
  const r = await runCli(path.basename(script), args, { cwd: options.cwd, stdin: options.input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The validator on `root`, run in this process. */
export const runValidator = (root: string, args: readonly string[] = []) => runScriptHere('scripts/validate.ts', ['--root', root, ...args]);

/** Output lines without the trailing empty one. */
export const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
