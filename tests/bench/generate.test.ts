// The benchmark's generated records: as rich as the real ones (threads, related, history, body
// components) and valid, or `npm run bench` measures something the site never builds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRecords, writeRecords } from '../../src/lib/bench/generate.ts';
import { formatSnapshot } from '../../src/lib/kernel/snapshot.ts';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';
import { loadSnapshots } from '../../src/lib/records/load.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { sitePaths } from '../../src/lib/urls.ts';

const latest = loadSnapshots(REPO_ROOT).at(-1)!;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ked-bench-generate-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('generateRecords', () => {
  const records = generateRecords(latest.rows, 200, 'mdx');

  it('writes records the validator accepts', () => {
    writeRecords(path.join(tmp, 'content/exports'), records, 'mdx');
    fs.mkdirSync(path.join(tmp, 'content/snapshots'));
    fs.writeFileSync(path.join(tmp, 'content/snapshots', `${latest.version}.tsv`), formatSnapshot(latest));
    const { problems } = validateRepository(tmp);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('gives each record threads, related symbols, history and body components like the real ones', () => {
    for (const r of records) {
      const parsed = parseRecordFile(`content/exports/${r.symbol}.mdx`, Buffer.from(r.text), sitePaths('/'));
      expect(parsed.problems).toEqual([]);
      const data = parsed.data!;
      expect(data.threads.length).toBeGreaterThanOrEqual(4);
      expect(data.related?.length).toBeGreaterThanOrEqual(2);
      expect(data.history?.length).toBeGreaterThanOrEqual(2);
      expect(r.text.match(/<(Sym|Thread|Commit|Quote|Callout)\b/g)?.length).toBeGreaterThanOrEqual(6);
    }
    const mean = records.reduce((n, r) => n + r.text.length, 0) / records.length;
    expect(mean).toBeGreaterThan(3000);
  });
});
