// npm run history -- add <snapshot.tsv | Module.symvers | kernel-tree> [--release vX.Y] [--date YYYY-MM-DD] [--source S --commit SHA] [--store DIR]
// npm run history -- list [--store DIR]
// npm run history -- scan <kernel git repository> [--tags GLOB|A..B] [--stable] [--rc] [--new] [--source NAME] [--store DIR]
// The history store (content/history/, see its README.md): `add` adds or replaces one release and
// writes only the files that change (nothing when the input is malformed); `list` prints the releases;
// `scan` adds a git repository's release tags, scanning each next tag incrementally (progress on stderr)
// and writing the store after each release added.
// Exit codes: 0 done, 1 the store itself is malformed, 2 usage error or an unreadable or malformed input.
import path from 'node:path';
import { addRelease } from '../src/lib/history/add-release.ts';
import { HistoryInputError, readHistoryInput } from '../src/lib/history/input.ts';
import { HistoryError, type HistoryStore } from '../src/lib/history/model.ts';
import { scanRepository, type TagProgress } from '../src/lib/history/scan-repository.ts';
import { HISTORY_DIR } from '../src/lib/history/store-files.ts';
import { finishInterruptedWrite, readStore, storeSize, writeStore } from '../src/lib/history/store-io.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { fail as failCli, parseCli } from '../src/lib/cli-args.ts';

const USAGE = `usage: npm run history -- add <snapshot.tsv | Module.symvers | kernel-tree> [--release vX.Y] [--date YYYY-MM-DD]
                                   [--source github:owner/repo --commit SHA] [--store DIR]
       npm run history -- list [--store DIR]
       npm run history -- scan <kernel git repository> [--tags GLOB|A..B] [--stable] [--rc] [--new] [--source NAME] [--store DIR]

  add    adds one release to the history store, or replaces it wholesale if the store has it;
         --release names the release of a Module.symvers (required there, checked elsewhere);
         --date is its release date when known (a replaced release keeps its date without it);
         --source and --commit say where a kernel tree comes from, for the release's source line
         (as npm run scan takes them; default the tree's path, and the commit of its .git if any)
  list   prints the releases with their row counts, oldest first
  scan   adds the release tags of a kernel git repository (a blobless clone will do; no work tree is
         read): the first tag scanned in full, each next one only where its files changed. Tags already
         in the store at the same commit are skipped. The store is written after each release, so a
         run stopped midway keeps the releases it added (rerun with --new to go on).
         Mainline releases (v6.19) by default;
         --stable adds stable point releases (v6.1.158), --rc release candidates (v6.19-rc3);
         --tags narrows them to a glob (v6.*) or an inclusive range of releases (v6.1..v6.19);
         --new to the tags after the newest release held and, with --stable, the point releases
         after the newest held of a line the store has (what the weekly workflow runs);
         --source names the repository in each release's source line (default: github:owner/name
         of its origin remote)
  --store DIR   the store's folder (default ${HISTORY_DIR})`;

const fail: (message: string, code?: number) => never = (message, code = 2) => failCli('history', message, code);

const { values, positionals } = parseCli({
  name: 'history',
  usage: USAGE,
  allowPositionals: true,
  options: {
    release: { type: 'string' },
    date: { type: 'string' },
    store: { type: 'string' },
    tags: { type: 'string' },
    stable: { type: 'boolean' },
    rc: { type: 'boolean' },
    new: { type: 'boolean' },
    source: { type: 'string' },
    commit: { type: 'string' },
  },
});
const [command, ...rest] = positionals;
const storeDir = values.store ?? path.join(REPO_ROOT, HISTORY_DIR);
const display = values.store ?? HISTORY_DIR;

function sizeText(): string {
  const { bytes, files } = storeSize(storeDir);
  return `${bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} KB` : `${(bytes / 1e6).toFixed(1)} MB`} in ${files} files`;
}

function loadStore(): HistoryStore {
  if (finishInterruptedWrite(storeDir)) console.error(`history: finished the interrupted write of ${display}`);
  try {
    return readStore(storeDir, display);
  } catch (error) {
    if (error instanceof HistoryError) fail(error.message, 1);
    throw error;
  }
}

if (command === 'list') {
  if (rest.length || values.release || values.date || values.source || values.commit) fail(USAGE);
  const store = loadStore();
  if (!store.releases.length) console.error(`history: no releases in ${display}`);
  for (const r of store.releases)
    console.log(
      `${r.release}\t${r.rows} rows\t${r.date || 'date unknown'}\t${r.repository}${r.commit ? ` @ ${r.commit.slice(0, 12)}` : ''}`,
    );
  if (store.releases.length)
    console.error(`history: ${store.releases.length} releases, ${store.intervals.length} intervals, ${sizeText()}`);
} else if (command === 'add') {
  if (rest.length !== 1) fail(USAGE);
  if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) fail(`--date must be YYYY-MM-DD (got "${values.date}")`);
  const started = performance.now();
  const store = loadStore();
  let input;
  try {
    input = await readHistoryInput(rest[0]!, {
      release: values.release,
      source: values.source,
      commit: values.commit,
      onScan: (tree) => console.error(`history: scanning ${tree}…`),
    });
  } catch (error) {
    if (error instanceof HistoryInputError) fail(error.message);
    throw error;
  }
  const { snapshot } = input;
  const replacing = store.releases.some((r) => r.release === snapshot.version);
  const next = addRelease(store, snapshot, { date: values.date });
  const { written, removed } = writeStore(storeDir, next);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const change = written.length || removed.length ? `wrote ${written.length} files, removed ${removed.length}` : 'no file changed';
  console.error(
    `history: ${replacing ? 'replaced' : 'added'} ${snapshot.version} (${snapshot.rows.length} rows, from a ${input.kind}): ${change}; ${next.releases.length} releases, ${next.intervals.length} intervals, ${sizeText()}; ${seconds} s`,
  );
} else if (command === 'scan') {
  if (rest.length !== 1 || values.release || values.date || values.commit) fail(USAGE);
  const store = loadStore();
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const started = performance.now();
  const progress = ({ tag, index, count, stats, rows }: TagProgress) => {
    if (!stats) {
      if (index === 1) console.error(`history: [1/${count}] ${tag}: scanning in full (the tags after it only where they changed)…`);
      return;
    }
    console.error(
      `history: [${index}/${count}] ${tag}: ${rows} rows; read ${stats.readFiles} of ${stats.files} files, resolved ${stats.resolvedFiles} of ${stats.lexedFiles} with exports, ${seconds(stats.milliseconds)} (${seconds(performance.now() - started)} so far)`,
    );
  };
  // The store is written after each release added (only the files that changed), so a run stopped
  // late keeps what it scanned and `--new` resumes after it.
  const written = new Set<string>();
  const removed = new Set<string>();
  const save = (next: HistoryStore) => {
    const change = writeStore(storeDir, next);
    for (const file of change.written) written.add(file);
    for (const file of change.removed) removed.add(file);
  };
  let result;
  try {
    result = await scanRepository(rest[0]!, store, {
      tags: values.tags,
      stable: values.stable,
      rc: values.rc,
      onlyNew: values.new,
      source: values.source,
      onTag: progress,
      save,
    });
  } catch (error) {
    if (error instanceof HistoryInputError) fail(`${error.message}${written.size ? ' (the releases before it are in the store)' : ''}`);
    throw error;
  }
  save(result.store);
  const change = written.size || removed.size ? `wrote ${written.size} files, removed ${removed.size}` : 'no file changed';
  console.error(
    `history: scanned ${result.added.length} tag${result.added.length === 1 ? '' : 's'}${result.skipped.length ? `, skipped ${result.skipped.length} already in the store` : ''}: ${change}; ${result.store.releases.length} releases, ${result.store.intervals.length} intervals, ${sizeText()}; ${seconds(result.milliseconds)}`,
  );
} else {
  fail(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
}
