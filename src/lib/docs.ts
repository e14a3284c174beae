// The generated parts of CONTRIBUTING.md: fields from the schema, rules from the rule list, tiers,
// export types, body sections and components from their own definitions. `npm run docs` rewrites
// what sits between each pair of markers; a test fails when the file is out of date.
import { recordSchema } from './schema.ts';
import { describeKind, fieldDocs, type FieldDoc } from './schema-walk.ts';
import { RULES } from './lint/rules.ts';
import { ALLOWED_TIER_MOVES, EXPORT_TYPES, EXPORT_TYPE_INFO, TIERS, TIER_PROMISES } from './vocabulary.ts';
import { COMPONENTS, SAFE_URL_SCHEMES } from './body/components.ts';
import { RATIONALE_SECTIONS, SCAFFOLD_DEFAULTS } from './scaffold.ts';

/** Text for a table cell: pipes escaped, tags and braces shown as code rather than read as HTML. */
export function cell(text: string): string {
  return text.replace(/<([A-Z]\w*)[^>]*?(?:\/>|>[^<]*<\/\1>)|<\/?[a-z][^>]*>|\{[^}]*\}/g, (m) => '`' + m + '`').replace(/\|/g, '\\|');
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

/** `topLevel`: the record's own fields, where `npm run new` fills in defaults. */
function fieldTable(docs: readonly FieldDoc[], topLevel = false): string {
  return table(
    ['Field', 'Required', 'Value', 'What it holds'],
    docs.map((f) => {
      const dflt = topLevel ? SCAFFOLD_DEFAULTS[f.name] : undefined;
      const required = f.required ? (dflt ? `yes (\`npm run new\` fills in ${f.name === 'date' ? 'today' : dflt()})` : 'yes') : '';
      return [`\`${f.name}\``, required, describeKind(f.value, (v) => `\`${v}\``), cell(f.description)];
    }),
  );
}

const SCOPES = { file: 'The file', frontmatter: 'The frontmatter', body: 'The body', collection: 'All records together' } as const;

export const GENERATED: Readonly<Record<string, () => string>> = {
  fields: () =>
    [
      fieldTable(fieldDocs(recordSchema), true),
      '',
      'A thread written as a mapping instead of a link:',
      '',
      fieldTable(fieldDocs(recordSchema, ['threads', 0])),
      '',
      'Each `history` entry:',
      '',
      fieldTable(fieldDocs(recordSchema, ['history', 0])),
    ].join('\n'),
  types: () =>
    table(
      ['`type`', 'GPL only', 'Takes `namespace`', 'Meaning'],
      EXPORT_TYPES.map((t) => {
        const info = EXPORT_TYPE_INFO[t];
        return [
          `\`${t}\``,
          info.gplOnly ? 'yes' : '',
          info.takesNamespace === 'modules' ? 'the module list' : info.takesNamespace ? 'the namespace' : '',
          cell(info.summary),
        ];
      }),
    ),
  tiers: () =>
    table(
      ['`status`', 'What it promises', 'May move to'],
      TIERS.map((t) => [
        `\`${t}\` (${TIER_PROMISES[t].title})`,
        cell(TIER_PROMISES[t].promise),
        ALLOWED_TIER_MOVES[t].map((m) => `\`${m}\``).join(', '),
      ]),
    ),
  sections: () => RATIONALE_SECTIONS.map((s) => `- **${s.heading}.** ${s.guidance}`).join('\n'),
  components: () =>
    table(
      ['Component', 'Attributes', 'Content', 'What it is'],
      Object.entries(COMPONENTS).map(([name, spec]) => [
        `\`<${name}>\``,
        Object.entries(spec.attributes)
          .map(([attr, a]) => `\`${attr}\`${a.required ? ' (required)' : ''}: ${cell(a.help)}`)
          .join('<br>') || 'none',
        spec.children ? 'Markdown' : `none: \`<${name} … />\``,
        cell(spec.description),
      ]),
    ),
  'url-schemes': () => SAFE_URL_SCHEMES.map((s) => `\`${s}\``).join(', '),
  rules: () =>
    (Object.keys(SCOPES) as (keyof typeof SCOPES)[])
      .map(
        (scope) =>
          `**${SCOPES[scope]}**\n\n` +
          table(
            ['Rule', 'Checks that'],
            RULES.filter((r) => r.scope === scope).map((r) => [`\`${r.name}\``, cell(r.description)]),
          ),
      )
      .join('\n\n'),
};

const MARKER = /(<!-- generated:([a-z-]+) -->)[\s\S]*?(<!-- \/generated:\2 -->)/g;

/** The document with every generated block rewritten; throws on an unknown or unclosed marker. */
export function updateGenerated(text: string): string {
  const seen = new Set<string>();
  const out = text.replace(MARKER, (_, open: string, name: string, close: string) => {
    const make = GENERATED[name];
    if (!make) throw new Error(`unknown generated block "${name}"; known: ${Object.keys(GENERATED).join(', ')}`);
    seen.add(name);
    const inline = name === 'url-schemes';
    return inline ? `${open}${make()}${close}` : `${open}\n${make()}\n${close}`;
  });
  const opened = [...text.matchAll(/<!-- generated:([a-z-]+) -->/g)].map((m) => m[1]!);
  const unclosed = opened.filter((name) => !seen.has(name));
  if (unclosed.length) throw new Error(`generated block${unclosed.length > 1 ? 's' : ''} not closed: ${unclosed.join(', ')}`);
  return out;
}
