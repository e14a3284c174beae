// npm run new: a new record from command-line flags (or answers at a terminal). The flags, their
// help and what is missing all come from the schema; the result is checked by the same parser as
// every record before it is written, so the scaffolder can never write a record the validator refuses.
import fs from 'node:fs';
import path from 'node:path';
import { recordSchema, C_IDENTIFIER } from './schema.ts';
import { describeKind, fieldDocs, type FieldDoc, type FieldKind } from './schema-walk.ts';
import { normalizeThreadRef } from './lore.ts';
import { todayIso } from './dates.ts';
import { parseRecordFile } from './records/parse.ts';
import { stringifyFrontmatter } from './records/yaml.ts';
import { compareProblems, formatProblem } from './problems.ts';
import { EXPORTS_DIR } from './project.ts';
import { sitePaths } from './urls.ts';

/** A command-line flag for one field of the schema. */
export interface ScaffoldFlag {
  /** As typed: --thread, --replaced-by. */
  flag: string;
  field: FieldDoc;
  /** List fields take the flag several times (or comma-separated answers at a prompt). */
  multiple: boolean;
  /** Also takes several values in one use, separated by commas (--arches x86,s390). */
  commaList?: boolean;
}

/**
 * Flags not named by dropping a list field's plural s (threads -> --thread): `arches` stays
 * --arches, and takes a comma-separated list as architecture names never contain a comma.
 */
const FLAG_OVERRIDES: Readonly<Record<string, { flag: string; commaList: boolean }>> = {
  arches: { flag: 'arches', commaList: true },
};

/** What the scaffolder fills in when a flag is not given. */
export const SCAFFOLD_DEFAULTS: Readonly<Record<string, () => string>> = {
  status: () => 'testing',
  date: () => todayIso(),
};

/** The body sections a good rationale has, with what each should say. CONTRIBUTING lists the same. */
export const RATIONALE_SECTIONS: readonly { heading: string; guidance: string }[] = [
  {
    heading: 'What was decided',
    guidance:
      'Which export macro (and namespace) the symbol got, for which users, in which release, and who decided. Link the message where it was decided, and give it role: decision in threads.',
  },
  {
    heading: 'Why',
    guidance:
      "Each side's argument as it was made on the list, in their own terms and fairly, and what settled it. Quote sparingly with the Quote component; link messages with Thread.",
  },
  {
    heading: 'What module authors should do',
    guidance:
      'What an out-of-tree or in-tree module should call, import (MODULE_IMPORT_NS) or stop using, and what to use instead on older and newer kernels.',
  },
  {
    heading: 'What happened next',
    guidance:
      'Later changes to the export: retyped, moved into a namespace, restricted, removed. Each one with its thread, release or commit; leave this out while nothing has happened.',
  },
];

const fields = () => fieldDocs(recordSchema);

/** Every field written as text, one of fixed values, or a list of those; the symbol is the positional argument. */
export function scaffoldFlags(): ScaffoldFlag[] {
  const writable = (kind: FieldDoc['value']): boolean =>
    kind.kind === 'text' || kind.kind === 'enum' || (kind.kind === 'either' && kind.options.some(writable));
  return fields()
    .filter((f) => f.name !== 'symbol')
    .flatMap((field) => {
      const multiple = field.value.kind === 'list';
      const item = field.value.kind === 'list' ? field.value.item : field.value;
      if (!writable(item)) return [];
      // threads -> --thread, users -> --user: a list's flag names one item.
      const override = FLAG_OVERRIDES[field.name];
      if (override) return [{ flag: override.flag, field, multiple, commaList: override.commaList }];
      const singular = multiple && field.name.endsWith('s') ? field.name.slice(0, -1) : field.name;
      return [{ flag: singular.replace(/_/g, '-'), field, multiple }];
    });
}

/** What one use of the flag takes: text, or one of fixed values. */
export function flagKind(flag: ScaffoldFlag): FieldKind {
  const item = flag.field.value.kind === 'list' ? flag.field.value.item : flag.field.value;
  return item.kind === 'either' ? (item.options.find((o) => o.kind === 'text' || o.kind === 'enum') ?? item) : item;
}

export function flagHelp(flag: ScaffoldFlag, width = 0): string {
  const dflt = SCAFFOLD_DEFAULTS[flag.field.name];
  const notes = [describeKind(flagKind(flag))];
  if (flag.multiple) notes.push(flag.commaList ? 'repeatable, or several separated by commas' : 'repeatable');
  if (flag.field.required && !dflt) notes.push('required');
  if (dflt) notes.push(`default ${flag.field.name === 'date' ? 'today' : dflt()}`);
  return `${`--${flag.flag}`.padEnd(width)}  ${flag.field.description} (${notes.join('; ')})`;
}

export type FlagValues = Record<string, string | string[] | undefined>;

/** The frontmatter the flags describe, in schema order, with defaults and threads normalised to lore links. */
export function recordData(symbol: string, values: FlagValues): Record<string, unknown> {
  const data: Record<string, unknown> = { symbol };
  const byField = new Map(scaffoldFlags().map((f) => [f.field.name, f]));
  for (const field of fields()) {
    const flag = byField.get(field.name);
    if (!flag) continue;
    let value = values[flag.flag] ?? SCAFFOLD_DEFAULTS[field.name]?.();
    if (flag.commaList && value !== undefined) value = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(','));
    if (Array.isArray(value)) value = value.map((v) => v.trim()).filter((v) => v !== '');
    if (typeof value === 'string') value = value.trim();
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    if (field.name === 'threads' && Array.isArray(value)) {
      // A ref that does not normalise is kept as typed, for the parser to report where it is.
      value = value.map((ref) => {
        const result = normalizeThreadRef(ref);
        return result.ok ? result.url : ref;
      });
    }
    data[field.name] = flag.multiple && !Array.isArray(value) ? [value] : value;
  }
  return data;
}

/**
 * The flags whose values the schema still needs: required fields, and those another field makes
 * required (namespace for the _NS types, reason for obsolete). Read from the schema's own issues.
 */
export function missingFlags(data: Record<string, unknown>): ScaffoldFlag[] {
  const issues = recordSchema.safeParse(data).error?.issues ?? [];
  const missing = new Set(issues.map((i) => String(i.path[0] ?? '')).filter((field) => field !== '' && data[field] === undefined));
  return scaffoldFlags().filter((f) => missing.has(f.field.name));
}

export function recordPath(symbol: string): string {
  return `${EXPORTS_DIR}/${symbol}.mdx`;
}

export function renderRecord(data: Record<string, unknown>): string {
  const body = RATIONALE_SECTIONS.map((s) => `## ${s.heading}\n\n${s.guidance}\n`).join('\n');
  return `---\n${stringifyFrontmatter(data)}---\n\n${body}`;
}

export type ScaffoldResult = { ok: true; file: string; text: string } | { ok: false; message: string };

/** Asks for one flag's value at a terminal; an empty answer leaves it missing. */
export type Ask = (flag: ScaffoldFlag) => Promise<string>;

export interface ScaffoldOptions {
  root: string;
  symbol: string;
  values: FlagValues;
  /** Given when stdin is a terminal: missing values are asked for instead of refused. */
  ask?: Ask;
}

export async function scaffold({ root, symbol, values, ask }: ScaffoldOptions): Promise<ScaffoldResult> {
  if (!C_IDENTIFIER.test(symbol)) {
    return {
      ok: false,
      message: `"${symbol}" is not a valid symbol name: it must be a C identifier (letters, digits and underscores, not starting with a digit)`,
    };
  }
  const file = recordPath(symbol);
  const dir = path.join(root, EXPORTS_DIR);
  const existing = fs.existsSync(dir)
    ? fs.readdirSync(dir).find((name) => name.toLowerCase() === `${symbol}.mdx`.toLowerCase())
    : undefined;
  if (existing) {
    return { ok: false, message: `${EXPORTS_DIR}/${existing} already exists; edit it instead of creating it again` };
  }

  const answers: FlagValues = { ...values };
  let data = recordData(symbol, answers);
  let missing = missingFlags(data);
  // At a terminal, ask for what is missing; an answer (type, status) can make another field required.
  for (let round = 0; ask && missing.length && round < 3; round++) {
    let answered = false;
    for (const flag of missing) {
      const answer = (await ask(flag)).trim();
      if (!answer) continue;
      answers[flag.flag] = flag.multiple ? answer.split(',') : answer;
      answered = true;
    }
    if (!answered) break;
    data = recordData(symbol, answers);
    missing = missingFlags(data);
  }
  if (missing.length) {
    const width = Math.max(...missing.map((f) => f.flag.length + 2));
    const why = ask ? '' : ' (stdin is not a terminal, so they cannot be asked for: give them as flags)';
    return {
      ok: false,
      message: `missing ${missing.map((f) => `--${f.flag}`).join(', ')}${why}\n${missing.map((f) => `  ${flagHelp(f, width)}`).join('\n')}`,
    };
  }

  const text = renderRecord(data);
  const parsed = parseRecordFile(file, new TextEncoder().encode(text), sitePaths('/'));
  if (parsed.problems.length) {
    return {
      ok: false,
      message: `the record would not be valid, so it was not written:\n${[...parsed.problems].sort(compareProblems).map(formatProblem).join('\n')}`,
    };
  }
  return { ok: true, file, text };
}

/** Writes the scaffolded record; `wx` refuses to replace a file that appeared in the meantime. */
export function writeRecord(root: string, result: { file: string; text: string }): void {
  const target = path.join(root, result.file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, result.text, { flag: 'wx' });
}
