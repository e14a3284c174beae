// The multi-threaded validator reports exactly what the sequential one does.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempRepo } from './helpers.ts';
import { validateRepository, validateRepositoryParallel } from '../../src/lib/lint/validate.ts';
import { parseInWorkers } from '../../src/lib/records/parse-pool.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { sitePaths } from '../../src/lib/urls.ts';

describe('validateRepositoryParallel', () => {
  it('matches the sequential check on a collection with every kind of problem', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const name of fs.readdirSync(FIXTURES)) files[`content/exports/${name}`] = fs.readFileSync(path.join(FIXTURES, name));
    const root = tempRepo(files);
    const sequential = validateRepository(root);
    expect(sequential.problems.length).toBeGreaterThan(40);
    expect(await validateRepositoryParallel(root, { threads: 2 })).toEqual(sequential);
    expect(await validateRepositoryParallel(root, { threads: 3, only: [path.join(root, 'content/exports/wrong_enum.mdx')] })).toEqual(
      validateRepository(root, { only: [path.join(root, 'content/exports/wrong_enum.mdx')] }),
    );
  });
});

describe('parseInWorkers', () => {
  it('returns, in order, what parseRecordFile returns, bodies and HTML included (the build uses it)', async () => {
    const dir = path.join(REPO_ROOT, 'content/exports');
    const files = fs
      .readdirSync(dir)
      .sort()
      .map((name) => path.join(dir, name));
    const jobs = files.map((file) => ({ file, rel: path.relative(REPO_ROOT, file) }));
    const sequential = jobs.map((job) => {
      const { locate: _locate, ...rest } = parseRecordFile(job.rel, fs.readFileSync(job.file), sitePaths('/sub/'));
      return rest;
    });
    expect(sequential.every((p) => p.html && p.body)).toBe(true);
    const parallel = await parseInWorkers(jobs, { base: '/sub/', keepBody: true, threads: 3 });
    expect(parallel.map(({ places: _places, ...rest }) => rest)).toEqual(sequential);
  });
});
