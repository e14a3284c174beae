// npm run history -- add <snapshot.tsv | Module.symvers | kernel-tree> [--release vX.Y] [--date YYYY-MM-DD] [--store DIR]
// npm run history -- list [--store DIR]
// The history store (content/history/, see its README.md): `add` adds or replaces one release and
// writes only the files that change (nothing when the input is malformed); `list` prints the releases.
// Exit codes: 0 done, 1 the store itself is malformed, 2 usage error or an unreadable or malformed input.
import path from 'node:path';
import { addRelease } from '../src/lib/history/add-release.ts';
import { HistoryInputError, readHistoryInput } from '../src/lib/history/input.ts';
import { HistoryError, type HistoryStore } from '../src/lib/history/model.ts';
import { HISTORY_DIR } from '../src/lib/history/store-files.ts';
import { readStore, storeSize, writeStore } from '../src/lib/history/store-io.ts';
import { REPO_ROOT } from '../src/lib/project.ts';
import { fail as failCli, parseCli } from '../src/lib/cli-args.ts';

const USAGE = `usage: npm run history -- add <snapshot.tsv | Module.symvers | kernel-tree> [--release vX.Y] [--date YYYY-MM-DD] [--store DIR]
       npm run history -- list [--store DIR]

  add    adds one release to the history store, or replaces it wholesale if the store has it;
         --release names the release of a Module.symvers (required there, checked elsewhere);
         --date is its release date when known (a replaced release keeps its date without it)
  list   prints the releases with their row counts, oldest first
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
  try {
    return readStore(storeDir, display);
  } catch (error) {
    if (error instanceof HistoryError) fail(error.message, 1);
    throw error;
  }
}

if (command === 'list') {
  if (rest.length || values.release || values.date) fail(USAGE);
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
    input = await readHistoryInput(rest[0]!, { release: values.release, onScan: (tree) => console.error(`history: scanning ${tree}…`) });
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
} else {
  fail(command ? `unknown command "${command}"\n${USAGE}` : USAGE);
}
