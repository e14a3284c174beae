// npm run new -- <symbol> [--type … --status … --thread … …]: writes content/exports/<symbol>.mdx.
// The flags come from the schema (see src/lib/scaffold.ts); at a terminal, missing values are asked for.
import { parseArgs } from 'node:util';
import readline from 'node:readline/promises';
import { flagHelp, flagKind, scaffold, scaffoldFlags, writeRecord, type Ask, type FlagValues } from '../src/lib/scaffold.ts';
import { describeKind } from '../src/lib/schema-walk.ts';
import { REPO_ROOT } from '../src/lib/project.ts';

const flags = scaffoldFlags();
const width = Math.max(...flags.map((f) => f.flag.length + 2));
const usage = () =>
  [
    'usage: npm run new -- <symbol> [flags]',
    '',
    ...flags.map((f) => `  ${flagHelp(f, width)}`),
    `  ${'--root DIR'.padEnd(width)}  Repository to write into (default: this one)`,
  ].join('\n');

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      ...Object.fromEntries(flags.map((f) => [f.flag, { type: 'string' as const, multiple: f.multiple }])),
      root: { type: 'string', default: REPO_ROOT },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  console.error(`new: ${(error as Error).message}\n\n${usage()}`);
  process.exit(2);
}
const { values, positionals } = parsed;
const { root, help, ...flagValues } = values;
if (help) {
  console.log(usage());
  process.exit(0);
}
if (positionals.length !== 1) {
  console.error(`new: give exactly one symbol name (got ${positionals.length})\n\n${usage()}`);
  process.exit(2);
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
  console.error(`new: ${result.message}`);
  process.exit(1);
}
try {
  writeRecord(root, result);
} catch (error) {
  console.error(`new: could not write ${result.file}: ${(error as Error).message}`);
  process.exit(1);
}
console.log(`new: wrote ${result.file}\nReplace the guidance under each ## heading with the rationale, then run npm run validate.`);
