// Every test writes its temp files under the run's own folder (tests/setup/temp-root.ts), the CLIs it
// spawns too, so one run leaves nothing in the system temp dir however it ends.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { removeStaleRuns, RUN_PREFIX } from './temp-root.ts';

const REPO = path.resolve(import.meta.dirname, '../..');

describe('temp files of a test run', () => {
  it('go to a folder of this run, in the workers and in the processes they spawn', () => {
    expect(path.basename(os.tmpdir())).toMatch(new RegExp(`^${RUN_PREFIX}\\d+-`));
    expect(fs.statSync(os.tmpdir()).isDirectory()).toBe(true);
    const child = execFileSync(path.join(REPO, 'node_modules/.bin/node'), ['-p', 'require("node:os").tmpdir()'], { encoding: 'utf8' });
    expect(child.trim()).toBe(os.tmpdir());
  });

  it("of a run killed before its teardown are removed at the next start, never a live run's", () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'stale-'));
    const gone = execFileSync(path.join(REPO, 'node_modules/.bin/node'), ['-p', 'process.pid'], { encoding: 'utf8' }).trim();
    for (const name of [`${RUN_PREFIX}${gone}-dead`, `${RUN_PREFIX}${process.ppid}-live`, 'unrelated'])
      fs.mkdirSync(path.join(base, name, 'left-behind'), { recursive: true });
    removeStaleRuns(base);
    expect(fs.readdirSync(base).sort()).toEqual([`${RUN_PREFIX}${process.ppid}-live`, 'unrelated']);
  });

  it('are made through os.tmpdir(), never a hard-coded /tmp path', () => {
    const files = (dir: string): string[] =>
      fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) return e.name === 'fixtures' ? [] : files(full);
        return e.name.endsWith('.ts') ? [full] : [];
      });
    const hardCoded = files(path.join(REPO, 'tests')).filter((f) => /['"`]\/tmp\//.test(fs.readFileSync(f, 'utf8')));
    expect(hardCoded.map((f) => path.relative(REPO, f))).toEqual([]);
  });
});
