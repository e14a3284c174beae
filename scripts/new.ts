// npm run new -- <symbol> [--type … --status … --thread … …]: writes content/exports/<symbol>.mdx.
// The flags come from the schema (see src/lib/scaffold.ts); at a terminal, missing values are asked for.
import { fail, parseCli } from '../src/lib/cli-args.ts';
import { checkDirectory, InputFileError } from '../src/lib/input-file.ts';
import readline from 'node:readline/promises';
import { flagHelp, flagKind, scaffold, scaffoldFlags, writeRecord, type Ask, type FlagValues } from '../src/lib/scaffold.ts';
import { describeKind } from '../src/lib/schema-walk.ts';
import { REPO_ROOT } from '../src/lib/project.ts';

const flags = scaffoldFlags();
const width = flags.reduce((w, f) => Math.max(w, f.flag.length + 2), 0);
const usage = () =>
  [
    'usage: npm run new -- <symbol> [flags]',
    '',
    ...flags.map((f) => `  ${flagHelp(f, width)}`),
    `  ${'--root DIR'.padEnd(width)}  Repository to write into (default: this one)`,
  ].join('\n');

const { values, positionals } = parseCli({
  name: 'new',
  usage: usage(),
  allowPositionals: true,
  options: {
    ...Object.fromEntries(flags.map((f) => [f.flag, { type: 'string' as const, multiple: f.multiple }])),
    root: { type: 'string', default: REPO_ROOT },
  },
});
const { root, help: _, ...flagValues } = values as typeof values & { root: string; help?: boolean };
if (positionals.length !== 1) fail('new', `give exactly one symbol name (got ${positionals.length})`, 2, `\n${usage()}`);
try {
  checkDirectory(root, 'a directory (the repository to write into)');
} catch (error) {
  if (error instanceof InputFileError) fail('new', error.message);
  throw error;
}

let rl: readline.Interface | undefined;
let ask: Ask | undefined;
if (process.stdin.isTTY) {
  rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  ask = (flag) => {
    const kind = flagKind(flag);
    const hint = flag.multiple ? '; several: separate with commas' : kind.kind === 'enum' ? `; ${describeKind(kind)}` : '';
    return rl!.question(`${flag.field.name} (${flag.field.description}${hint}): `);
  };
}

const result = await scaffold({ root, symbol: positionals[0]!, values: flagValues as FlagValues, ask });
rl?.close();
if (!result.ok) {
  // The first line says what is wrong; the rest are the flags' help or the validator's lines (escaped).
  const [first, ...rest] = result.message.split('\n');
  fail('new', first!, 1, rest.join('\n') || undefined);
}
try {
  writeRecord(root, result);
} catch (error) {
  fail('new', `could not write ${result.file}: ${(error as Error).message}`, 1);
}
console.log(`new: wrote ${result.file}\nReplace the guidance under each ## heading with the rationale, then run npm run validate.`);
