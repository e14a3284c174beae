// The incremental scan of a repository's tags against scanTree on a checkout of each tag, on the
// fixture repository of git-fixture.ts.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitRepository, type TreeListing } from '../../src/lib/kernel/git-tree.ts';
import { IncrementalScanner } from '../../src/lib/kernel/incremental-scan.ts';
import { scanTree } from '../../src/lib/kernel/scan.ts';
import { buildFixtureRepo, FIXTURE_TAGS } from './git-fixture.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-git-scan-'));
const repo = path.join(tmp, 'linux');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
beforeAll(() => buildFixtureRepo(repo), 60_000);

/** scanTree on a fresh checkout of `tag`. */
async function fullScan(tag: string) {
  const dir = path.join(tmp, `checkout-${tag}`);
  fs.mkdirSync(dir);
  execFileSync('git', ['-C', repo, `--work-tree=${dir}`, 'checkout', '-q', tag, '--', '.']);
  const result = await scanTree(dir);
  fs.rmSync(dir, { recursive: true });
  return { rows: result.rows, unresolved: result.unresolved };
}

describe('incremental scan of tags', () => {
  it('gives every tag the rows and unresolved uses of a full scan of its checkout', async () => {
    const git = new GitRepository(repo);
    const blobs = git.openBlobs();
    const scanner = new IncrementalScanner(blobs);
    // Another that asks git grep which files can mention a name whenever it has many to search.
    const grepBlobs = git.openBlobs();
    const grepping = new IncrementalScanner(grepBlobs, { grepAtLeast: 1 });
    const resolvedPerTag: number[] = [];
    const readPerTag: Array<[number, number]> = [];
    try {
      let previous: { commit: string; listing: TreeListing } | undefined;
      // As history scan asks: every commit, and what changed from each tag to the next, in one call each.
      const commits = git.commitsOf(FIXTURE_TAGS);
      expect(commits).toEqual(FIXTURE_TAGS.map((tag) => git.commitOf(tag)));
      const changes = git.diffTrees(commits.slice(1).map((commit, i) => [commits[i]!, commit] as const));
      for (const [i, tag] of FIXTURE_TAGS.entries()) {
        const commit = commits[i]!;
        const listing = git.listTreeFrom(previous, commit, changes[i - 1]);
        // Each listing built from the one before is the commit's own.
        expect(listing).toEqual(git.listTree(commit));
        previous = { commit, listing };
        const scan = scanner.scan(listing, tag);
        resolvedPerTag.push(scan.stats.resolvedFiles);
        const grepScan = grepping.scan(listing, tag, (names, pathspecs) => git.filesMentioning(commit, names, pathspecs));
        readPerTag.push([scan.stats.readFiles, grepScan.stats.readFiles]);
        const full = await fullScan(tag);
        expect(full.rows.length, tag).toBeGreaterThan(0);
        expect({ tag, rows: scan.rows, unresolved: scan.unresolved }).toEqual({ tag, ...full });
        expect({ tag, rows: grepScan.rows, unresolved: grepScan.unresolved }).toEqual({ tag, ...full });
      }
    } finally {
      blobs.close();
      grepBlobs.close();
    }
    // git grep spared reading files that mention no export macro (v6.2 adds some).
    const total = (k: 0 | 1) => readPerTag.reduce((n, counts) => n + counts[k], 0);
    expect(total(1)).toBeLessThan(total(0));
    // The changes were seen where they matter (each of these differs from the tag before).
    const rowsOf = async (tag: string) => (await fullScan(tag)).rows;
    const v62 = await rowsOf('v6.2');
    const v63 = await rowsOf('v6.3');
    expect(v63.find((r) => r.file === 'drivers/usb/storage/usb.c' && r.symbol === 'usb_stor_fn')?.namespace).toBe('USB_STORAGE_NEW');
    expect(v63.find((r) => r.symbol === 'traps_plain_pm_ops')?.namespace).toBe('PM_PLAIN');
    expect(v62.find((r) => r.symbol === 'traps_plain_pm_ops')?.namespace).toBe('');
    const v65 = await rowsOf('v6.5');
    expect(v65.find((r) => r.symbol === 'misc_fixture_fn')).toMatchObject({ macro: 'EXPORT_SYMBOL_FIXTURE', namespace: 'MISC' });
    expect((await rowsOf('v6.4')).find((r) => r.symbol === 'misc_fixture_fn')).toBeUndefined();
    // The first tag resolved everything; a stable point release that changed one header resolved few.
    expect(resolvedPerTag[4]).toBeLessThan(resolvedPerTag[1]! / 2);
  }, 120_000);
});
