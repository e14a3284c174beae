// The multi-threaded validator reports exactly what the sequential one does.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, tempRepo } from './helpers.ts';
import { validateRepository, validateRepositoryParallel } from '../../src/lib/lint/validate.ts';

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
