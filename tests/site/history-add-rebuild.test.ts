// Adding a release to the history store and rebuilding (issue 13): the store comes back byte for
// byte, every page the release concerns is rewritten (the rebuild equals a cold build), and no other
// page changes. The fixture store holds v5.15, v6.1, v6.1.20 and v6.19; v6.1.20 is left out and added back.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRelease } from '../../src/lib/history/add-release.ts';
import { EMPTY_STORE } from '../../src/lib/history/model.ts';
import { snapshotOf } from '../../src/lib/history/reconstruct.ts';
import { listStoreFiles, readStore, writeStore } from '../../src/lib/history/store-io.ts';
import { formatSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { makeBuildDir, REPO_ROOT } from '../../src/lib/project.ts';
import { buildInto, builtFiles as tree, FIXTURE_SITE } from '../helpers/site.ts';

const ADDED = 'v6.1.20';
/** Pages and files that show the releases of the history, or a symbol's life across them. */
const CONCERNED = [
  /^symbols\//,
  /^api\/v1\/symbols\//,
  /^api\/v1\/releases\.json$/,
  /^releases\//,
  // The checker's history ranges; the latest release's ranges stay as they were (cut at its own names).
  /^check-module\/(history\/|index\.html$)/,
  /^search-index\//,
  /^feeds\//,
  /^sitemap[\w-]*\.xml$/,
  /^index\.html$/,
  /^data\/index\.html$/,
];

const storeFiles = (dir: string) => new Map(listStoreFiles(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));

describe('history add of a release, then a rebuild', () => {
  let tmp: string;
  let historyDir: string;
  let before: Map<string, string>;
  let after: Map<string, string>;
  let cold: Map<string, string>;
  const fixtureStore = path.join(FIXTURE_SITE, 'content/history');

  beforeAll(() => {
    tmp = makeBuildDir('history-add-');
    const content = path.join(tmp, 'src');
    fs.cpSync(path.join(FIXTURE_SITE, 'content'), path.join(content, 'content'), { recursive: true });
    historyDir = path.join(content, 'content/history');
    const full = readStore(fixtureStore);
    const without = full.releases
      .filter((r) => r.release !== ADDED)
      .reduce((store, r) => addRelease(store, snapshotOf(full, r.release)!, { date: r.date }), EMPTY_STORE);
    writeStore(historyDir, without);
    before = tree(buildInto(path.join(tmp, 'site'), content));
    const tsv = path.join(tmp, `${ADDED}.tsv`);
    fs.writeFileSync(tsv, formatSnapshot(snapshotOf(full, ADDED)!));
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/history.ts'), 'add', tsv, '--store', historyDir], { stdio: 'pipe' });
    after = tree(buildInto(path.join(tmp, 'site'), content));
    cold = tree(buildInto(path.join(tmp, 'cold'), content));
  });
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('gives back the store with the release, byte for byte', () => {
    expect(storeFiles(historyDir)).toEqual(storeFiles(fixtureStore));
  });

  it('rebuilds exactly the site a cold build writes', () => {
    expect([...after.keys()].sort()).toEqual([...cold.keys()].sort());
    for (const [file, text] of cold) expect(after.get(file), file).toBe(text);
  });

  it('adds the release page and compares the next release with it', () => {
    expect(before.has(`releases/${ADDED}/index.html`)).toBe(false);
    expect(after.get(`releases/${ADDED}/index.html`)).toContain('compared with v6.1:');
    expect(before.get('releases/v6.19/index.html')).toContain('compared with v6.1:');
    expect(after.get('releases/v6.19/index.html')).toContain(`compared with ${ADDED}:`);
  });

  it('shows the release on every symbol page with a timeline', () => {
    const timelines = [...after].filter(([f, html]) => /^symbols\/[^/]+\/index\.html$/.test(f) && html.includes('class="timeline-grid"'));
    expect(timelines.length).toBeGreaterThan(20);
    for (const [file, html] of timelines) {
      expect(html, file).toContain(ADDED);
      expect(before.get(file), file).not.toContain(ADDED);
    }
  });

  it('changes no page the release does not concern', () => {
    const changed = [...after.keys()].filter((f) => before.get(f) !== after.get(f));
    expect(changed.filter((f) => !CONCERNED.some((re) => re.test(f)))).toEqual([]);
    const untouched = [...after.keys()].filter((f) => !CONCERNED.some((re) => re.test(f)));
    // The A–Z, type, namespace, subsystem and tier pages, the ABI text and the whole snapshots are among them.
    for (const prefix of [
      'check-module/latest/',
      'a-z/',
      'types/',
      'namespaces/',
      'subsystems/',
      'status/',
      'abi/',
      'api/v1/snapshots/',
      'api/v1/exports.json',
    ]) {
      expect(
        untouched.some((f) => f.startsWith(prefix)),
        prefix,
      ).toBe(true);
    }
  });
});
