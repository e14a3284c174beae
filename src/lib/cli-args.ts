// The shared command-line front of every CLI in scripts/: node:util parseArgs with --help, one-line
// errors (never a stack trace) and the exit codes of ARCHITECTURE.md (0 ok, 1 problems found, 2 usage
// or input error). Inputs are read only when they are regular files (input-file.ts).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { printable } from './printable.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** The command's name as messages start with it: "validate", "check-module". */
  name: string;
  /** What --help prints (and a usage error after its message). */
  usage: string;
  options: O;
  allowPositionals?: boolean;
  /** When set, the number of positionals must be within [min, max]. */
  positionals?: { min?: number; max?: number };
}

/**
 * Stops the command: one line on stderr naming the command, exit 2 unless another code is given.
 * The message (it may quote paths and values from the user) is one line, every control character
 * escaped; `details` is the program's own text (a usage, lines already escaped), printed below it.
 */
export function fail(name: string, message: string, code = 2, details?: string): never {
  console.error(`${name}: ${printable(message)}${details ? `\n${details}` : ''}`);
  process.exit(code);
}

/**
 * Parses process.argv (or `args`). An unknown flag, a missing value or a wrong number of arguments
 * prints the problem and the usage and exits 2; --help (-h) prints the usage and exits 0.
 */
export function parseCli<O extends Options>(spec: CliSpec<O>, args: string[] = process.argv.slice(2)) {
  const options = { ...spec.options, help: { type: 'boolean', short: 'h' } } as O & { help: { type: 'boolean'; short: 'h' } };
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: spec.allowPositionals ?? false, strict: true });
  } catch (error) {
    // parseArgs' own messages say what is wrong and end with advice on `--`; keep the first sentence.
    const message = (error as Error).message.split('\n')[0]!.replace(/\. To specify a positional argument.*$/, '');
    fail(spec.name, message, 2, spec.usage);
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(spec.usage);
    process.exit(0);
  }
  const count = parsed.positionals.length;
  const { min = 0, max = Infinity } = spec.positionals ?? {};
  if (spec.positionals && (count < min || count > max)) {
    const wanted = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    fail(spec.name, `expected ${wanted} argument${wanted === '1' ? '' : 's'}, got ${count}`, 2, spec.usage);
  }
  return parsed;
}
