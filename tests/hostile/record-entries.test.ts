// Issue 17, class 7: nothing in content/exports is skipped silently. Symbolic links, directories,
// FIFOs and hidden files are not read as records, and each is a warning naming the entry, from
// `npm run validate` and from the build's loader alike.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { validRecord, E } from '../validate/corpus-rows.ts';
import { runValidator, tempRepo } from '../validate/helpers.ts';
import { runLoader } from './loader.ts';

function repoWithOddEntries(): string {
  const root = tempRepo({ [`${E}/.hidden_record.mdx`]: validRecord('hidden_record'), 'elsewhere/linked.mdx': validRecord('linked') });
  const dir = path.join(root, E);
  fs.symlinkSync(path.join(root, 'elsewhere/linked.mdx'), path.join(dir, 'linked.mdx'));
  fs.mkdirSync(path.join(dir, 'subdir.mdx'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.mdx')]);
  // Snapshots are read only when they are regular files too (a FIFO would block every command).
  execFileSync('mkfifo', [path.join(root, 'content/snapshots/v9.9.tsv')]);
  fs.symlinkSync('/dev/zero', path.join(root, 'content/snapshots/v9.8.tsv'));
  return root;
}

const EXPECTED = [
  `${E}/.hidden_record.mdx:1:1: warning: .hidden_record.mdx is a hidden file; records are never hidden (rename it, or move it out of the directory): not read [record-entry]`,
  `${E}/linked.mdx:1:1: warning: linked.mdx is a symbolic link; only regular files are read as records: not read [record-entry]`,
  `${E}/pipe.mdx:1:1: warning: pipe.mdx is a FIFO (named pipe); only regular files are read as records: not read [record-entry]`,
  `${E}/subdir.mdx:1:1: warning: subdir.mdx is a directory; only regular files are read as records: not read [record-entry]`,
];

describe('record-entry', () => {
  it('validate warns about each entry it does not read, and does not hang on the FIFO', async () => {
    const root = repoWithOddEntries();
    expect(validateRepository(root).problems.map(formatProblem)).toEqual(EXPECTED);
    const cli = await runValidator(root);
    expect(cli.code).toBe(0);
    expect(cli.stdout.trimEnd().split('\n')).toEqual(EXPECTED);
    expect(cli.stderr.trim()).toBe('1 files checked, no errors (and 4 warnings)');
  });

  it('the build logs the same warnings and builds the readable records', async () => {
    const root = repoWithOddEntries();
    const built = await runLoader(root);
    expect(built.errors).toEqual([]);
    expect(built.warnings).toEqual(EXPECTED);
    expect(built.ids).toEqual(['valid_record']);
  });
});
