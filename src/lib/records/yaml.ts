// YAML for frontmatter: gray-matter hands the text to js-yaml with the core schema, so dates stay
// strings (the schema checks them) and duplicate keys are errors, not silent overwrites.
import matter from 'gray-matter';
import yaml from 'js-yaml';

export type YamlResult = { ok: true; data: unknown } | { ok: false; line: number; column: number; rule: string; message: string };

const engines = {
  yaml: {
    parse: (text: string) => yaml.load(text, { schema: yaml.CORE_SCHEMA, json: false }) as object,
    stringify: (data: object) => yaml.dump(data, { schema: yaml.CORE_SCHEMA, lineWidth: 100, quotingType: '"' }),
  },
};

/** Parses frontmatter text; `firstLine` is where it starts in the file, for error positions. */
export function parseFrontmatter(frontmatter: string, firstLine: number): YamlResult {
  const tab = /^( *)\t/m.exec(frontmatter);
  if (tab) {
    const line = firstLine + frontmatter.slice(0, tab.index).split('\n').length - 1;
    return { ok: false, line, column: tab[1]!.length + 1, rule: 'yaml-tab', message: 'tab character in indentation; YAML indents with spaces' };
  }
  try {
    // gray-matter splits and parses; the text handed to it is already the frontmatter alone.
    const data = matter(`---\n${frontmatter}\n---\n`, { engines }).data as unknown;
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return { ok: false, line: firstLine, column: 1, rule: 'frontmatter-mapping', message: 'frontmatter must be a mapping of field: value lines' };
    }
    return { ok: true, data };
  } catch (error) {
    const e = error as { mark?: { line: number; column: number }; reason?: string; message?: string };
    const reason = e.reason ?? e.message ?? String(error);
    const duplicate = /duplicated mapping key/.test(reason);
    return {
      ok: false,
      line: firstLine + (e.mark?.line ?? 0),
      column: (e.mark?.column ?? 0) + 1,
      rule: duplicate ? 'yaml-duplicate-key' : 'yaml-syntax',
      message: duplicate ? 'field is given twice; keep one' : `YAML syntax error: ${reason}`,
    };
  }
}

export function stringifyFrontmatter(data: object): string {
  return engines.yaml.stringify(data);
}
