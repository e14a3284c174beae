// YAML for frontmatter: gray-matter hands the text to js-yaml with the core schema, so dates stay
// strings (the schema checks them) and duplicate keys are errors, not silent overwrites.
import matter from 'gray-matter';
import yaml from 'js-yaml';
import { printable, truncateText } from '../printable.ts';

export type YamlResult = { ok: true; data: unknown } | { ok: false; line: number; column: number; rule: string; message: string };

const engines = {
  yaml: {
    parse: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false }) as object,
    // One line per scalar (no folding), so every field reads and diffs as the line it is on.
    stringify: (data: object) => yaml.dump(data, { schema: yaml.CORE_SCHEMA, lineWidth: -1 }),
  },
};

/** Parses frontmatter text; `firstLine` is where it starts in the file, for error positions. */
export function parseFrontmatter(frontmatter: string, firstLine: number): YamlResult {
  const tab = /^( *)\t/m.exec(frontmatter);
  if (tab) {
    const line = firstLine + frontmatter.slice(0, tab.index).split('\n').length - 1;
    return {
      ok: false,
      line,
      column: tab[1]!.length + 1,
      rule: 'yaml-tab',
      message: 'tab character in indentation; YAML indents with spaces',
    };
  }
  try {
    // gray-matter splits and parses; the text handed to it is already the frontmatter alone.
    const data = matter(`---\n${frontmatter}\n---\n`, { engines }).data as unknown;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return {
        ok: false,
        line: firstLine,
        column: 1,
        rule: 'frontmatter-mapping',
        message: 'frontmatter must be a mapping of field: value lines',
      };
    }
    const shape = checkShape(data);
    if (shape) {
      const at = shape.rule === 'yaml-alias' ? firstAlias(frontmatter) : undefined;
      return { ok: false, line: firstLine + (at?.index ?? 0), column: (at?.column ?? 0) + 1, rule: shape.rule, message: shape.message };
    }
    return { ok: true, data };
  } catch (error) {
    // The YAML reader recurses per level: nesting deep enough to exhaust the stack is the depth limit's case.
    if (error instanceof RangeError)
      return {
        ok: false,
        line: firstLine,
        column: 1,
        rule: 'yaml-size',
        message: `frontmatter is nested more than ${MAX_YAML_DEPTH} levels deep`,
      };
    const e = error as { mark?: { line: number; column: number }; reason?: string; message?: string };
    // A message quotes the input at most briefly (a hostile file must not make a huge error line).
    const reason = truncateText(printable(e.reason ?? e.message ?? String(error)), 200);
    // gray-matter hands js-yaml the text after the opening ---, which starts with its newline.
    let index = Math.max(0, (e.mark?.line ?? 1) - 1);
    let column = (e.mark?.column ?? 0) + 1;
    const lines = frontmatter.split('\n');
    if (/duplicated mapping key/.test(reason)) {
      const line = lines[index] ?? '';
      const start = /^\s*(?:-\s+)?/.exec(line)![0].length;
      const colon = line.indexOf(':', start);
      const key = colon > start ? truncateText(printable(line.slice(start, colon).trimEnd()), 60) : undefined;
      // js-yaml's mark can fall before the line (a key whose value is a block list): point at the key then.
      return {
        ok: false,
        line: firstLine + index,
        column: column > 0 ? column : start + 1,
        rule: 'yaml-duplicate-key',
        message: `field ${key ? `"${key}" ` : ''}is given twice; keep one`,
      };
    }
    let message = `YAML syntax error: ${reason}`;
    const quote = /end of the stream within a (double|single) quoted scalar/.exec(reason);
    const opened = quote ? unclosedQuote(lines, quote[1] === 'double' ? '"' : "'") : undefined;
    if (opened) {
      // The end of the stream is not where the mistake is: point at the quote that never closes.
      [index, column] = [opened.index, opened.column];
      message += ` (the ${quote![1]} quote opened here is never closed)`;
    }
    return { ok: false, line: firstLine + Math.min(index, lines.length - 1), column, rule: 'yaml-syntax', message };
  }
}

/** Frontmatter is a few dozen values: these bounds are far above any record and far below harm. */
export const MAX_YAML_VALUES = 5000;
export const MAX_YAML_DEPTH = 16;

/**
 * An alias (*name) of a list or mapping makes one value appear in several places: a few hundred
 * bytes of nested aliases expand to billions of values for anything that walks the data (schema,
 * messages, JSON). Records have no use for them, so a value reached twice is refused, and the size
 * and depth of the rest are bounded. The walk is iterative and stops at the first problem.
 */
function checkShape(data: object): { rule: string; message: string } | undefined {
  const seen = new Set<object>();
  const stack: { value: unknown; depth: number }[] = [{ value: data, depth: 1 }];
  let values = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (++values > MAX_YAML_VALUES)
      return { rule: 'yaml-size', message: `frontmatter holds more than ${MAX_YAML_VALUES} values; a record needs a few dozen` };
    if (value === null || typeof value !== 'object') continue;
    if (seen.has(value))
      return {
        rule: 'yaml-alias',
        message: 'YAML anchors and aliases (&name, *name) are not allowed in frontmatter: write each value out',
      };
    seen.add(value);
    if (depth > MAX_YAML_DEPTH) return { rule: 'yaml-size', message: `frontmatter is nested more than ${MAX_YAML_DEPTH} levels deep` };
    for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
  }
  return undefined;
}

/** Where the first alias is written (a best guess for the message's position). */
function firstAlias(frontmatter: string): { index: number; column: number } | undefined {
  const lines = frontmatter.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /(^|[\s[{,:-])\*[^\s,[\]{}]+/.exec(lines[i]!);
    if (m) return { index: i, column: m.index + m[1]!.length };
  }
  return undefined;
}

/** Whether a quoted scalar's rest of line holds its closing quote (one pass: "" escapes with \\, '' doubles). */
function closesQuote(rest: string, quote: '"' | "'"): boolean {
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i]!;
    if (quote === '"' && c === '\\') i++;
    else if (c === quote) {
      if (quote === "'" && rest[i + 1] === "'") i++;
      else return true;
    }
  }
  return false;
}

/** The first line whose value opens a quoted scalar that the line does not close. */
function unclosedQuote(lines: readonly string[], quote: '"' | "'"): { index: number; column: number } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*(?:-\s+)?(?:[^\s:#"'][^:]*:\s+)?)(["'])(.*)$/.exec(lines[i]!);
    if (m && m[2] === quote && !closesQuote(m[3]!, quote)) return { index: i, column: m[1]!.length + 1 };
  }
  return undefined;
}

export function stringifyFrontmatter(data: object): string {
  return engines.yaml.stringify(data);
}
