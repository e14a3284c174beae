// npm run bench:search: builds the site with one page per symbol of the real v6.19 export list
// (../shared/data/linux-exports.tsv) plus the repo's records, in a temp dir, then measures search
// in headless Chromium: precision@1 for exact symbols, recall@10 for prefixes, bytes per query,
// the share of the judged query set (tests/search/judged-queries.ts) met, word queries answered
// from the records' prose (the word index: bytes and requests on a cold cache, time on a warm one),
// and build time, memory, the word index's build time and file sizes. Prints figures; asserts nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseCli } from '../src/lib/cli-args.ts';
import { chromium } from 'playwright-core';
import { makeBuildDir, REPO_ROOT } from '../src/lib/project.ts';
import { formatSnapshot, parseSnapshot } from '../src/lib/kernel/snapshot.ts';
import { loadSnapshots } from '../src/lib/records/load.ts';
import { serveStatic } from '../src/lib/site/static-server.ts';
import { normalizeQuery, symbolKeys } from '../src/lib/search/keys.ts';
import { runJudged } from '../tests/search/judged-browser.ts';
import { describeSizes, wordIndexSizes } from '../src/lib/bench/word-index-sizes.ts';

const { values } = parseCli({
  name: 'bench:search',
  usage:
    'usage: npm run bench:search [-- --samples 1000] [--keep]\n  Search benchmark at kernel scale in headless Chromium (reads ../shared/data/linux-exports.tsv); prints figures.',
  options: { samples: { type: 'string', default: '1000' }, keep: { type: 'boolean', default: false } },
});
const tsv = path.resolve(REPO_ROOT, '../shared/data/linux-exports.tsv');
if (!fs.existsSync(tsv)) {
  console.error(`bench:search: ${tsv} not found (benchmarks read ../shared/data beside the repository)`);
  process.exit(2);
}
const tmp = makeBuildDir('bench-search-');
const content = path.join(tmp, 'content');
fs.mkdirSync(path.join(content, 'snapshots'), { recursive: true });
fs.cpSync(path.join(REPO_ROOT, 'content/exports'), path.join(content, 'exports'), { recursive: true });
fs.cpSync(path.join(REPO_ROOT, 'content/mechanisms'), path.join(content, 'mechanisms'), { recursive: true });
// The committed older snapshots too: records name symbols (replaced_by, related) that only those export.
for (const snapshot of loadSnapshots(REPO_ROOT)) {
  if (snapshot.version !== 'v6.19') fs.writeFileSync(path.join(content, 'snapshots', `${snapshot.version}.tsv`), formatSnapshot(snapshot));
}
fs.copyFileSync(tsv, path.join(content, 'snapshots/v6.19.tsv'));
const dist = path.join(tmp, 'dist');

console.log('building the site (one page per exported symbol)…');
const started = performance.now();
const build = spawnSync(
  '/usr/bin/time',
  ['-f', '%M', process.execPath, path.join(REPO_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'],
  {
    cwd: REPO_ROOT,
    env: { ...process.env, KED_CONTENT_ROOT: tmp, KED_OUT_DIR: dist, KED_CACHE_DIR: path.join(tmp, 'cache') },
    encoding: 'utf8',
  },
);
const buildSeconds = (performance.now() - started) / 1000;
if (build.status !== 0) {
  console.error(build.stdout, build.stderr);
  process.exit(1);
}
const peakKiB = Number(build.stderr.trim().split('\n').at(-1));
const wordIndexMs = Number(/\[word-index\] \d+ documents, \d+ shards in (\d+) ms/.exec(build.stdout)?.[1]);
const wordSizes = wordIndexSizes(dist);
const du = (p: string) => Number(execFileSync('du', ['-sk', p], { encoding: 'utf8' }).split('\t')[0]) * 1024;
const files = (p: string) => Number(execFileSync('sh', ['-c', `find '${p}' -type f | wc -l`], { encoding: 'utf8' }).trim());

const snapshot = parseSnapshot(fs.readFileSync(tsv, 'utf8'));
const symbols = [...new Set(snapshot.rows.map((r) => r.symbol))].filter((s) => /^[A-Za-z0-9_$]+$/.test(s));
// A deterministic sample spread over the whole list.
const n = Math.min(Number(values.samples), symbols.length);
const sample = Array.from({ length: n }, (_, i) => symbols[Math.floor((i * symbols.length) / n)]!);

const server = await serveStatic(dist);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
const page = await browser.newPage();

async function query(q: string): Promise<{ symbols: string[]; ms: number }> {
  const t0 = performance.now();
  await page.fill('#search-input', q);
  await page.waitForFunction((text) => document.querySelector('#search-status')?.textContent?.includes(`“${text}”`), q.trim());
  const found = await page.$$eval('#search-results .result-link code', (els) => els.slice(0, 10).map((e) => e.textContent ?? ''));
  return { symbols: found, ms: performance.now() - t0 };
}

const sum = (m: Map<string, number>, test: (p: string) => boolean) => [...m].filter(([p]) => test(p)).reduce((a, [, b]) => a + b, 0);

// First query: a fresh page; count what the search page's own script and the query fetch.
await page.goto(`${server.url}search/`);
await page.waitForSelector('[data-search][data-ready="true"]');
const pageScript = sum(server.sent, (p) => p.startsWith('/_astro/') && p.endsWith('.js'));
server.resetCounts();
const first = await query('pci_msi');
const firstBytes = sum(server.sent, () => true) + pageScript;
const laterBytes: number[] = [];
const laterMs: number[] = [];
let hits = 0;
const misses: string[] = [];
for (const symbol of sample) {
  server.resetCounts();
  const r = await query(symbol);
  laterBytes.push(sum(server.sent, () => true));
  laterMs.push(r.ms);
  if (r.symbols[0] === symbol || (normalizeQuery(r.symbols[0] ?? '') === normalizeQuery(symbol) && r.symbols[0] !== undefined)) hits++;
  else if (misses.length < 10) misses.push(`${symbol} -> ${r.symbols[0] ?? '(none)'}`);
}
// Prefix recall@10: for sampled prefixes, are the 10 shortest symbols of the family in the top 10?
const prefixes = [
  ...new Set(
    sample
      .slice(0, 200)
      .map((s) => symbolKeys(s)[0]!.split('_')[0]!)
      .filter((p) => p.length >= 4),
  ),
].slice(0, 100);
let recallSum = 0;
for (const prefix of prefixes) {
  const family = symbols
    .filter((s) => symbolKeys(s)[0]!.startsWith(prefix))
    .sort((a, b) => a.replace(/^_+/, '').length - b.replace(/^_+/, '').length || (a < b ? -1 : 1));
  const expected = family.slice(0, 10);
  const got = new Set((await query(prefix)).symbols);
  recallSum += expected.filter((s) => got.has(s)).length / expected.length;
}
// Word queries, answered from the records' prose (no symbol matches them): each on a fresh browser
// context (a cold cache: the query fetches the symbol manifest and shards, then the word shard and
// the document chunks of the first results), then the others on that page, where the manifest is
// loaded (a warm cache): time from the keystroke to the first record results shown.
const WORD_QUERIES = ['zfs', 'nvidia', 'proprietary', 'taint'];
async function wordQuery(p: typeof page, q: string): Promise<{ ms: number; records: number }> {
  const t0 = performance.now();
  await p.fill('#search-input', q);
  await p.waitForFunction((text) => document.querySelector<HTMLElement>('[data-search]')?.dataset['settled'] === text, q);
  const ms = performance.now() - t0;
  return { ms, records: await p.$$eval('#prose-results li', (els) => els.length) };
}
const coldWords: { q: string; bytes: number; requests: number; ms: number; records: number }[] = [];
const warmWordMs: number[] = [];
for (const q of WORD_QUERIES) {
  const context = await browser.newContext();
  const fresh = await context.newPage();
  await fresh.goto(`${server.url}search/`);
  await fresh.waitForSelector('[data-search][data-ready="true"]');
  server.resetCounts();
  const cold = await wordQuery(fresh, q);
  coldWords.push({ q, ...cold, bytes: sum(server.sent, () => true), requests: sum(server.requests, () => true) });
  for (const other of WORD_QUERIES.filter((w) => w !== q)) {
    await fresh.fill('#search-input', '');
    await fresh.waitForFunction(() => document.querySelector<HTMLElement>('[data-search]')?.dataset['settled'] === '-');
    const warm = await wordQuery(fresh, other);
    if (warm.records) warmWordMs.push(warm.ms);
  }
  await context.close();
}
// The judged query set: every judged page among the first five results.
const judged = await runJudged(page, `${server.url}search/`, 'v619');
const judgedMisses = judged.outcomes.filter((o) => !o.met).map((o) => `${o.q} -> ${o.top.slice(0, 3).join(' ') || '(none)'}`);
await browser.close();
await server.close();

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const max = (xs: number[]) => Math.max(...xs);
const p1 = hits / sample.length;
console.log(`
pages built                ${files(path.join(dist, 'symbols'))} symbol pages (${symbols.length} distinct symbols in v6.19)
build wall                 ${buildSeconds.toFixed(1)} s, peak RSS ${(peakKiB / 1024 / 1024).toFixed(2)} GB
symbol index               ${kb(du(path.join(dist, 'search-index')))} on disk, ${files(path.join(dist, 'search-index'))} files
word index                 ${kb(wordSizes.bytes)} in ${wordSizes.files} files: ${describeSizes(wordSizes)}
precision@1 (exact)        ${(p1 * 100).toFixed(2)}% over ${sample.length} symbols (target >= 99.5%)${misses.length ? `\n  misses: ${misses.join('; ')}` : ''}
recall@10 (prefix)         ${((recallSum / prefixes.length) * 100).toFixed(1)}% over ${prefixes.length} prefixes
first query                ${kb(firstBytes)} incl. the search script, ${first.ms.toFixed(0)} ms (target <= 250 KB)
later queries              median ${kb(median(laterBytes))}, max ${kb(max(laterBytes))}, median ${median(laterMs).toFixed(0)} ms (target <= 40 KB)
word query, cold cache      ${coldWords.map((w) => `${w.q} ${kb(w.bytes)} / ${w.requests} req / ${w.ms.toFixed(0)} ms (${w.records} records)`).join('; ')} (target <= 60 KB, <= 10 requests)
word query, warm cache      first records shown median ${median(warmWordMs).toFixed(0)} ms, max ${max(warmWordMs).toFixed(0)} ms over ${warmWordMs.length} queries (target <= 300 ms)
word index build step      ${wordIndexMs} ms (target <= 3 s)
judged queries (top 5)     ${(judged.share * 100).toFixed(1)}% of ${judged.outcomes.length} met (target >= 95%)${judgedMisses.length ? `\n  misses: ${judgedMisses.join('; ')}` : ''}
`);
if (!values.keep) fs.rmSync(tmp, { recursive: true, force: true });
else console.log(`kept ${tmp}`);
