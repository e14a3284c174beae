// No page shows the scanner's unresolved-macro notation (${…}): the listings and symbol pages are
// checked on the built fixture site (listings-build.test.ts); record prose is checked here, for every
// committed record and mechanism decision, frontmatter and body.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/lib/project.ts';

const files = ['content/exports', 'content/mechanisms'].flatMap((dir) =>
  fs
    .readdirSync(path.join(REPO_ROOT, dir))
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => path.join(dir, f)),
);

describe('record prose', () => {
  it('never quotes an unresolved macro placeholder', () => {
    expect(files.length).toBeGreaterThan(60);
    const hits = files.filter((f) => fs.readFileSync(path.join(REPO_ROOT, f), 'utf8').includes('${'));
    expect(hits).toEqual([]);
  });
});
