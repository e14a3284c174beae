// A record's body renders to the same HTML as before, in src/lib and on its built page (issue 6):
// the seed records and the fixture records, which together use every allowlisted component.
// The expected HTML lives in tests/fixtures/rendered/{seed,fixture}/<symbol>.html; `npx vitest -u`
// rewrites it after an intended change, for a reviewer to read in the diff.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { listRecordFiles, loadRecords } from '../../src/lib/records/load.ts';
import { COMPONENTS } from '../../src/lib/body/components.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { makeBuildDir, REPO_ROOT } from '../../src/lib/project.ts';
import { buildSite, FIXTURE_SITE, type BuiltSite } from '../helpers/site.ts';

const RENDERED = path.join(REPO_ROOT, 'tests/fixtures/rendered');
const SETS = { seed: REPO_ROOT, fixture: FIXTURE_SITE } as const;
type SetName = keyof typeof SETS;
const filesOf = (set: SetName) => listRecordFiles(path.join(SETS[set], 'content/exports'));
const sources = (Object.keys(SETS) as SetName[]).flatMap((set) => filesOf(set).map((file) => ({ set, file })));
const symbolOf = (file: string) => path.basename(file, path.extname(file));
const expected = (set: SetName, file: string) => path.join(RENDERED, set, `${symbolOf(file)}.html`);

describe('record bodies render as before', () => {
  it('covers the seed records and every allowlisted component', () => {
    expect(filesOf('seed').length).toBeGreaterThanOrEqual(30);
    const bodies = sources.map(({ file }) => fs.readFileSync(file, 'utf8')).join('\n');
    for (const name of Object.keys(COMPONENTS)) expect(bodies, name).toContain(`<${name}`);
  });

  for (const { set, file } of sources) {
    it(`src/lib renders ${path.relative(REPO_ROOT, file)}`, async () => {
      const parsed = parseRecordFile(path.relative(REPO_ROOT, file), fs.readFileSync(file), sitePaths('/'));
      expect(parsed.problems).toEqual([]);
      await expect(parsed.html).toMatchFileSnapshot(expected(set, file));
    });
  }
});

describe('record pages carry that HTML', () => {
  const sites: Partial<Record<SetName, BuiltSite>> = {};
  let seedContent: string;
  beforeAll(() => {
    // The seed records with the fixture snapshots (small and fast to build), and the fixture site.
    seedContent = makeBuildDir('rendered-');
    fs.cpSync(path.join(REPO_ROOT, 'content/exports'), path.join(seedContent, 'content/exports'), { recursive: true });
    fs.cpSync(path.join(FIXTURE_SITE, 'content/snapshots'), path.join(seedContent, 'content/snapshots'), { recursive: true });
    // The build checks the record set as validate does: every symbol the seed records name (related,
    // replaced_by, <Sym>) is added to the small latest snapshot, so they have pages.
    // Records have pages of their own and are checked against the snapshot (type-matches-snapshot), so
    // only names that are not records are added.
    const named = new Set<string>();
    const seedRecords = loadRecords(seedContent, sitePaths('/'));
    const recorded = new Set(seedRecords.map((r) => r.data?.symbol));
    for (const record of seedRecords) {
      for (const name of [...(record.data?.related ?? []), record.data?.replaced_by, ...(record.symRefs ?? []).map((r) => r.name)])
        if (name && !recorded.has(name)) named.add(name);
    }
    const latest = path.join(seedContent, 'content/snapshots/v6.19.tsv');
    const listed = new Set(
      fs
        .readFileSync(latest, 'utf8')
        .split('\n')
        .map((line) => line.split('\t')[0]),
    );
    fs.appendFileSync(
      latest,
      [...named]
        .filter((n) => !listed.has(n))
        .map((n) => `${n}\tEXPORT_SYMBOL\t\tmm/seed.c\t1\n`)
        .join(''),
    );
    sites.seed = buildSite(seedContent);
    sites.fixture = buildSite(FIXTURE_SITE);
  });
  afterAll(() => {
    for (const site of Object.values(sites)) site?.cleanup();
    fs.rmSync(seedContent, { recursive: true, force: true });
  });

  it('puts each record body, unchanged, in the rationale section of its page', () => {
    for (const { set, file } of sources) {
      const page = sites[set]!.read(`symbols/${symbolOf(file)}/index.html`);
      const prose = /<section class="prose" aria-label="Rationale">([\s\S]*?)<\/section>\s*<div>/.exec(page)?.[1];
      expect(prose, `${set}: ${symbolOf(file)}`).toBe(fs.readFileSync(expected(set, file), 'utf8'));
    }
  });
});
