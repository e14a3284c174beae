// The previous build's output is moved out of outDir at build start (page-cache.ts
// trashPreviousOutput), so Astro's synchronous emptying of outDir has nothing left to delete.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trashPreviousOutput } from '../../src/lib/site/page-cache.ts';

describe('trashPreviousOutput', () => {
  it('empties outDir but for .git, and deletes what it moved', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-stale-'));
    const outDir = path.join(root, 'dist');
    const stateDir = path.join(root, 'cache/ked-pages');
    for (const file of ['index.html', 'search-index/words/a.json', 'releases/v6.19/index.html', '.git/HEAD']) {
      fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
      fs.writeFileSync(path.join(outDir, file), 'x');
    }
    expect(trashPreviousOutput(stateDir, outDir)).toBe(3);
    expect(fs.readdirSync(outDir)).toEqual(['.git']);
    // The trash is deleted in the background.
    for (let i = 0; i < 250 && fs.readdirSync(path.join(stateDir, 'trash')).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fs.readdirSync(path.join(stateDir, 'trash'))).toEqual([]);
  });

  it('does nothing when there is no previous output', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-stale-'));
    expect(trashPreviousOutput(path.join(root, 'state'), path.join(root, 'dist'))).toBe(0);
  });
});
