// The page cache (issue 6): a rebuild keeps the symbol pages whose key is unchanged and renders
// the rest, and the site it leaves is the one a cold build would write.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPageReuse, restoreReusedOutputs, stashPreviousOutputs, type PageReuse } from '../../src/lib/site/page-cache.ts';
import { pageCacheKey } from '../../src/lib/site/page-keys.ts';
import { writeChangedFiles, writeFilesAhead } from '../../src/lib/site/changed-files.ts';
import { makeBuildDir } from '../../src/lib/project.ts';
import { buildInto, builtFiles as tree, FIXTURE_SITE } from '../helpers/site.ts';

describe('page cache state', () => {
  let tmp: string;
  beforeAll(() => {
    tmp = makeBuildDir('page-cache-');
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  };

  it('reuses an output only when its key, the code digest and the outDir match the previous build', () => {
    const state = path.join(tmp, 'state');
    const out = path.join(tmp, 'dist');
    // As the routes key a page: the build's code digest, the shared data and the page's props.
    const key = (reuse: PageReuse, props: unknown) => pageCacheKey(reuse.codeDigest, 'shared', props);
    // Build 1: nothing to reuse.
    expect(stashPreviousOutputs(state, out, ['symbols'], 'code-1').stashed).toBe(0);
    let reuse = openPageReuse(state);
    expect(reuse.reusable('symbols/a', key(reuse, 'a'))).toBe(false);
    expect(reuse.reusable('symbols/b', key(reuse, 'b'))).toBe(false);
    expect(reuse.reusable('symbols/c', key(reuse, 'c'))).toBe(false);
    reuse.save();
    for (const s of ['a', 'b', 'c']) write(path.join(out, 'symbols', s, 'index.html'), `page ${s} v1`);
    expect(restoreReusedOutputs(state, out)).toEqual([]);

    // Build 2: a unchanged, b changed, c gone.
    expect(stashPreviousOutputs(state, out, ['symbols'], 'code-1').stashed).toBe(3);
    expect(fs.existsSync(path.join(out, 'symbols'))).toBe(false);
    reuse = openPageReuse(state);
    expect(reuse.reusable('symbols/a', key(reuse, 'a'))).toBe(true);
    expect(reuse.reusable('symbols/b', key(reuse, 'b, edited'))).toBe(false);
    reuse.save();
    write(path.join(out, 'symbols', 'b', 'index.html'), 'page b v2');
    expect(restoreReusedOutputs(state, out)).toEqual(['symbols/a']);
    expect(fs.readFileSync(path.join(out, 'symbols/a/index.html'), 'utf8')).toBe('page a v1');
    expect(fs.readFileSync(path.join(out, 'symbols/b/index.html'), 'utf8')).toBe('page b v2');
    expect(fs.existsSync(path.join(out, 'symbols/c'))).toBe(false);

    // Build 3: other code, so nothing is reused even with equal props.
    stashPreviousOutputs(state, out, ['symbols'], 'code-2');
    reuse = openPageReuse(state);
    expect(reuse.reusable('symbols/a', key(reuse, 'a'))).toBe(false);
    reuse.save();
    expect(restoreReusedOutputs(state, out)).toEqual([]);

    // Build 4 into another outDir: the previous outputs are not there, so nothing is stashed.
    expect(stashPreviousOutputs(state, path.join(tmp, 'elsewhere'), ['symbols'], 'code-2').stashed).toBe(0);
  });

  it('rewrites only the generated files whose content changed, and deletes those no longer generated', () => {
    const folder = path.join(tmp, 'api');
    const first = writeChangedFiles(
      folder,
      [
        { name: 'a.json', text: 'A' },
        { name: 'b.json', text: 'B' },
        { name: 'c.json', text: 'C' },
      ],
      undefined,
    );
    expect(first.written).toBe(3);
    // A file the previous build wrote and this one would write the same is left as it is on disk.
    fs.writeFileSync(path.join(folder, 'a.json'), 'left alone');
    const second = writeChangedFiles(
      folder,
      [
        { name: 'a.json', text: 'A' },
        { name: 'b.json', text: 'B2' },
      ],
      first.hashes,
    );
    expect(second.written).toBe(1);
    expect(fs.readdirSync(folder).sort()).toEqual(['a.json', 'b.json']);
    expect(fs.readFileSync(path.join(folder, 'a.json'), 'utf8')).toBe('left alone');
    expect(fs.readFileSync(path.join(folder, 'b.json'), 'utf8')).toBe('B2');
  });

  it('writes files ahead, deleting nothing, so that the build end writes only what still differs', () => {
    const folder = path.join(tmp, 'api-ahead');
    const previous = writeChangedFiles(
      folder,
      [
        { name: 'a.json', text: 'A' },
        { name: 'b.json', text: 'B' },
        { name: 'gone.json', text: 'G' },
      ],
      undefined,
    ).hashes;
    // Ahead: a unchanged, b changed, c new; the record file r is left for the end.
    const ahead = writeFilesAhead(
      folder,
      [
        { name: 'a.json', text: 'A' },
        { name: 'b.json', text: 'B2' },
        { name: 'c.json', text: 'C' },
      ],
      previous,
    );
    expect(ahead.written).toBe(2);
    expect(fs.readdirSync(folder).sort()).toEqual(['a.json', 'b.json', 'c.json', 'gone.json']);
    const end = writeChangedFiles(
      folder,
      [
        { name: 'a.json', text: 'A' },
        { name: 'b.json', text: 'B2' },
        { name: 'c.json', text: 'C' },
        { name: 'r.json', text: 'R' },
      ],
      ahead.hashes,
    );
    expect(end.written).toBe(1);
    expect(fs.readdirSync(folder).sort()).toEqual(['a.json', 'b.json', 'c.json', 'r.json']);
    expect(fs.readFileSync(path.join(folder, 'b.json'), 'utf8')).toBe('B2');
  });

  it('reuses nothing without a state directory (the dev server)', () => {
    const reuse = openPageReuse(undefined);
    expect(reuse.reusable('symbols/a', 'ka')).toBe(false);
  });
});

describe('a rebuild after editing one record', () => {
  let tmp: string;
  let content: string;
  let rebuiltLog = '';
  let rebuilt: Map<string, string>;
  let cold: Map<string, string>;
  const edited = 'beta_ns';
  beforeAll(() => {
    tmp = makeBuildDir('rebuild-');
    content = path.join(tmp, 'src');
    fs.cpSync(path.join(FIXTURE_SITE, 'content'), path.join(content, 'content'), { recursive: true });
    buildInto(path.join(tmp, 'site'), content);
    const record = path.join(content, 'content/exports', `${edited}.mdx`);
    fs.appendFileSync(record, '\nA sentence added by the rebuild test.\n');
    const dir = buildInto(path.join(tmp, 'site'), content, { log: (text) => (rebuiltLog = text) });
    rebuilt = tree(dir);
    cold = tree(buildInto(path.join(tmp, 'cold'), content));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps the other symbol pages and renders the edited one', () => {
    const pages = [...cold.keys()].filter((f) => /^symbols\/[^/]+\/index\.html$/.test(f)).length;
    const reused = Number(/(\d+) unchanged symbol pages reused/.exec(rebuiltLog)?.[1]);
    expect(pages).toBeGreaterThan(10);
    expect(reused).toBe(pages - 1);
    expect(rebuilt.get(`symbols/${edited}/index.html`)).toContain('A sentence added by the rebuild test.');
  });

  it('leaves exactly the site a cold build writes', () => {
    // The word index included: the edited record's new sentence is found as a cold build finds it.
    expect([...rebuilt.keys()].sort()).toEqual([...cold.keys()].sort());
    for (const [file, text] of cold) expect(rebuilt.get(file), file).toBe(text);
  });
});

describe("a rebuild after one symbol's history changes", () => {
  let tmp: string;
  let rebuiltLog = '';
  let rebuilt: Map<string, string>;
  let cold: Map<string, string>;
  beforeAll(() => {
    tmp = makeBuildDir('history-rebuild-');
    const content = path.join(tmp, 'src');
    fs.cpSync(path.join(FIXTURE_SITE, 'content'), path.join(content, 'content'), { recursive: true });
    buildInto(path.join(tmp, 'site'), content);
    // alpha_stable's line in v5.15, a release no snapshot page shows: only its own page reads it.
    const lines = path.join(content, 'content/history/lines/mm.tsv');
    const before = fs.readFileSync(lines, 'utf8');
    fs.writeFileSync(lines, before.replace('alpha_stable\t5\n', 'alpha_stable\t6\n'));
    expect(fs.readFileSync(lines, 'utf8')).not.toBe(before);
    rebuilt = tree(buildInto(path.join(tmp, 'site'), content, { log: (text) => (rebuiltLog = text) }));
    cold = tree(buildInto(path.join(tmp, 'cold'), content));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('keeps the other symbol pages and renders that symbol page again', () => {
    const pages = [...cold.keys()].filter((f) => /^symbols\/[^/]+\/index\.html$/.test(f)).length;
    expect(Number(/(\d+) unchanged symbol pages reused/.exec(rebuiltLog)?.[1])).toBe(pages - 1);
    expect(rebuilt.get('symbols/alpha_stable/index.html')).toContain(':6 in v5.15');
  });

  it('leaves exactly the site a cold build writes', () => {
    expect([...rebuilt.keys()].sort()).toEqual([...cold.keys()].sort());
    for (const [file, text] of cold) expect(rebuilt.get(file), file).toBe(text);
  });
});
