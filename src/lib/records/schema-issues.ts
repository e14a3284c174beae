// Turns zod issues into compiler-style problems: a rule name, the field path as written in YAML,
// what was expected, what was found, and a suggestion when one is obvious.
import type { z } from 'zod';
import { closest } from '../suggest.ts';
import { printable, truncateText } from '../printable.ts';
import { FIELD_RULES } from '../schema.ts';

export interface FieldProblem {
  path: (string | number)[];
  rule: string;
  message: string;
  /** Point at the key rather than its value (unknown or missing fields). */
  atKey?: boolean;
}

type Issue = z.core.$ZodIssue;

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, p) => (typeof p === 'number' ? `${out}[${p}]` : out ? `${out}.${String(p)}` : String(p)), '');
}

/** A value quoted in a message: control characters escaped, at most 60 characters (never a whole alias-expanded tree). */
const shown = (value: unknown) => {
  if (typeof value === 'string') return `"${truncateText(printable(value), 60)}"`;
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return truncateText(printable(String(value)), 60);
};

export function problemsFromIssues(
  issues: readonly Issue[],
  knownKeys: (path: PropertyKey[]) => string[],
  descriptionOf: (path: PropertyKey[]) => string | undefined,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) collect(issue, [], out, knownKeys, descriptionOf);
  return out;
}

function collect(
  issue: Issue,
  prefix: PropertyKey[],
  out: FieldProblem[],
  knownKeys: (path: PropertyKey[]) => string[],
  descriptionOf: (path: PropertyKey[]) => string | undefined,
) {
  const path = [...prefix, ...issue.path];
  const name = fieldPath(path) || 'frontmatter';
  const last = [...path].reverse().find((p): p is string => typeof p === 'string') ?? '';
  const input = (issue as { input?: unknown }).input;
  const typed = path.filter((p): p is string | number => typeof p !== 'symbol');
  const custom = (issue as { params?: { rule?: string } }).params?.rule;
  switch (issue.code) {
    case 'invalid_union': {
      // Report the branch that matches the kind of value written (string form vs mapping form).
      const branches = issue.errors;
      const best = branches.find((errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0)) ?? branches[0] ?? [];
      for (const inner of best) collect(inner, path, out, knownKeys, descriptionOf);
      return;
    }
    case 'unrecognized_keys':
      for (const key of issue.keys) {
        const guess = closest(key, knownKeys(path));
        out.push({
          path: [...typed, key],
          rule: 'unknown-field',
          atKey: true,
          message: `unknown field "${key}"${guess ? `; did you mean "${guess}"?` : ''}`,
        });
      }
      return;
    case 'invalid_value': {
      if (input === undefined) {
        out.push(required(path, typed, name, descriptionOf));
        return;
      }
      const values = issue.values.map(String);
      const guess = typeof input === 'string' ? closest(input, values) : undefined;
      out.push({
        path: typed,
        rule: ruleOf('enum', last),
        message: `${name} must be one of ${values.join(', ')} (got ${shown(input)})${guess ? `; did you mean "${guess}"?` : ''}`,
      });
      return;
    }
    case 'invalid_type':
      if (input === undefined) {
        out.push(required(path, typed, name, descriptionOf));
      } else {
        const got =
          input === null
            ? 'nothing'
            : Array.isArray(input)
              ? 'a list'
              : typeof input === 'object'
                ? 'a mapping'
                : `${typeof input} ${shown(input)}`;
        // YAML reads an unquoted 6.1 as a number; the fix is the release's own spelling.
        const hint =
          typeof input === 'number' && ruleOf('format', last) === 'version-format' ? '; write the release with its v, like v5.3' : '';
        out.push({ path: typed, rule: 'field-type', message: `${name} must be ${article(issue.expected)} (got ${got})${hint}` });
      }
      return;
    case 'invalid_format':
      out.push({ path: typed, rule: custom ?? ruleOf('format', last), message: `${name} ${issue.message} (got ${shown(input)})` });
      return;
    case 'too_small':
    case 'too_big':
      out.push({
        path: typed,
        rule: custom ?? 'field-value',
        message: `${name} ${issue.code === 'too_small' && issue.origin === 'string' ? 'must not be empty' : issue.message}`,
      });
      return;
    default:
      out.push({ path: typed, rule: custom ?? 'field-value', message: `${name} ${issue.message}` });
  }
}

/** A missing field (zod reports it as a wrong type, or for an enum as a wrong value). */
function required(
  path: PropertyKey[],
  typed: (string | number)[],
  name: string,
  descriptionOf: (path: PropertyKey[]) => string | undefined,
): FieldProblem {
  const about = descriptionOf(path);
  return { path: typed, rule: 'required-field', atKey: true, message: `${name} is required${about ? ` (${about})` : ''}` };
}

/** The rule declared next to the schema for a field's format or fixed values; a field missing there is a bug, reported as such. */
function ruleOf(check: keyof typeof FIELD_RULES, field: string): string {
  const rules: Readonly<Record<string, string>> = FIELD_RULES[check];
  const name = rules[field];
  if (!name) throw new Error(`no ${check} rule declared for field "${field}" (FIELD_RULES in src/lib/schema.ts)`);
  return name;
}

/**
 * The wording of every zod issue whose schema gives no message of its own, passed to `safeParse` as its
 * error map, so no message of zod's reaches a user.
 */
export function issueMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${count(Number(issue.minimum), 'entry', 'entries')}`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${count(Number(issue.maximum), 'character', 'characters')}`;
      if (issue.origin === 'array') return `must list at most ${count(Number(issue.maximum), 'entry', 'entries')}`;
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_format':
      return 'is not written in the expected format';
    case 'invalid_type':
      return `must be ${article(issue.expected)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown fields ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'is not written in any of the accepted forms';
    default:
      return 'is not valid';
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    array: 'a list',
    object: 'a mapping',
    number: 'a number',
    boolean: 'true or false',
  };
  return words[expected] ?? expected;
}
