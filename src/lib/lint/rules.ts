// Every named rule the validator can report, with what it checks. Messages carry the name in
// brackets; CONTRIBUTING.md's rule table is generated from this list (npm run docs).

import { ALLOWED_TIER_MOVES, EXPORT_TYPES, EXPORT_TYPE_INFO, THREAD_ROLES, TIERS, andList, orList } from '../vocabulary.ts';

const typesTaking = (what: 'namespace' | 'modules') => EXPORT_TYPES.filter((t) => EXPORT_TYPE_INFO[t].takesNamespace === what);

export interface RuleInfo {
  name: string;
  scope: 'file' | 'frontmatter' | 'body' | 'collection';
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  { name: 'record-size', scope: 'file', description: 'A record is at most 256 KiB.' },
  {
    name: 'record-entry',
    scope: 'file',
    description:
      'Every entry of content/exports is a regular, visible file; a symbolic link, directory, FIFO or hidden file is reported as a warning and not read.',
  },
  {
    name: 'record-unreadable',
    scope: 'file',
    description: 'The record can be checked at all (a safety net: anything the other rules do not foresee is reported naming the file).',
  },
  { name: 'encoding-utf8', scope: 'file', description: 'A record is UTF-8 text (a BOM and CRLF line endings are accepted).' },
  {
    name: 'file-name',
    scope: 'file',
    description: "The file is content/exports/<symbol>.mdx: a C identifier, exactly the record's symbol, with a lowercase .mdx extension.",
  },
  { name: 'frontmatter-missing', scope: 'file', description: 'A record starts with a --- line opening YAML frontmatter.' },
  { name: 'frontmatter-unclosed', scope: 'file', description: 'The frontmatter is closed by a second --- line.' },
  { name: 'frontmatter-mapping', scope: 'frontmatter', description: 'The frontmatter is a mapping of field: value lines.' },
  { name: 'yaml-syntax', scope: 'frontmatter', description: 'The frontmatter is valid YAML.' },
  { name: 'yaml-tab', scope: 'frontmatter', description: 'YAML indentation uses spaces, never tabs.' },
  { name: 'yaml-duplicate-key', scope: 'frontmatter', description: 'No field is given twice.' },
  {
    name: 'yaml-alias',
    scope: 'frontmatter',
    description:
      'No YAML anchors and aliases (&name, *name) of lists or mappings: each value is written out (aliases can expand a small file into billions of values).',
  },
  { name: 'yaml-size', scope: 'frontmatter', description: 'The frontmatter holds at most 5000 values, nested at most 16 levels deep.' },
  {
    name: 'required-field',
    scope: 'frontmatter',
    description: 'Every required field is present (symbol, summary, type, status, subsystem, date, threads).',
  },
  { name: 'unknown-field', scope: 'frontmatter', description: 'Only fields of the schema appear (typos are caught with a suggestion).' },
  { name: 'field-type', scope: 'frontmatter', description: 'Each field has the right kind of value (text, list, mapping).' },
  { name: 'field-value', scope: 'frontmatter', description: 'Text fields are not empty and within their length; lists are not empty.' },
  {
    name: 'control-character',
    scope: 'frontmatter',
    description:
      'No field or field name holds a control character (ESC, NUL, CR, DEL, C1, bidirectional overrides); only summary, reason, change and note may hold tabs and line breaks.',
  },
  {
    name: 'field-whitespace',
    scope: 'frontmatter',
    description: 'One-line fields (all but summary, reason, change and note) do not start or end with blank space.',
  },
  { name: 'type-enum', scope: 'frontmatter', description: `type is one of the export types (${EXPORT_TYPES.join(', ')}).` },
  { name: 'status-enum', scope: 'frontmatter', description: `status is one of the tiers ${TIERS.join(', ')}.` },
  {
    name: 'field-enum',
    scope: 'frontmatter',
    description: "Other fields with a fixed set of values (a mechanism's types) use one of them.",
  },
  { name: 'role-enum', scope: 'frontmatter', description: `A thread role is ${orList(THREAD_ROLES)}.` },
  { name: 'symbol-format', scope: 'frontmatter', description: 'symbol, replaced_by and related name C identifiers.' },
  {
    name: 'version-format',
    scope: 'frontmatter',
    description: 'since and history versions are kernel releases like v5.3, v6.1.158 or v6.13-rc1.',
  },
  { name: 'macro-format', scope: 'frontmatter', description: "A mechanism's macros are C macro names in capitals (EXPORT_SYMBOL_NS)." },
  { name: 'date-format', scope: 'frontmatter', description: 'Dates are written YYYY-MM-DD.' },
  { name: 'date-real', scope: 'frontmatter', description: 'Dates exist in the calendar.' },
  { name: 'date-future', scope: 'frontmatter', description: 'Dates are not in the future.' },
  {
    name: 'file-format',
    scope: 'frontmatter',
    description: 'file is a path inside the kernel tree, relative to its root (no leading /, no . or .. parts, no blank space).',
  },
  {
    name: 'thread-message-id',
    scope: 'frontmatter',
    description: 'Each thread is a well-formed Message-ID or a lore.kernel.org link holding one.',
  },
  {
    name: 'namespace-for-type',
    scope: 'frontmatter',
    description: `namespace is given exactly for ${andList([...typesTaking('namespace').map((t) => `${t} (the namespace)`), ...typesTaking('modules').map((t) => `${t} (the module list)`)])}.`,
  },
  { name: 'removed-is-unexported', scope: 'frontmatter', description: 'status removed goes with type unexported, and only with it.' },
  {
    name: 'reason-required',
    scope: 'frontmatter',
    description: 'obsolete and removed records say why in reason (and name replaced_by when there is a replacement).',
  },
  { name: 'history-order', scope: 'frontmatter', description: 'history is listed oldest first.' },
  {
    name: 'tier-move',
    scope: 'frontmatter',
    description: `Tier moves in history are the ones Documentation/ABI/README allows (${TIERS.map((t) => `${t} to ${orList(ALLOWED_TIER_MOVES[t])}`).join('; ')}), and the last one matches status.`,
  },
  {
    name: 'replaced-by-exists',
    scope: 'collection',
    description: 'replaced_by names another record or a symbol exported in a committed snapshot.',
  },
  { name: 'related-exists', scope: 'collection', description: 'related names other records or symbols exported in a committed snapshot.' },
  {
    name: 'sym-exists',
    scope: 'collection',
    description: '<Sym name="…"/> links to a page: a record, or a symbol exported in the latest snapshot.',
  },
  {
    name: 'type-matches-snapshot',
    scope: 'collection',
    description:
      "type is how the newest release held exports the symbol on the record's arches (every architecture when arches is left out); unexported only when it exports none there. The newest release is the latest committed snapshot, or the history store's newest release when that is newer.",
  },
  {
    name: 'since-matches-history',
    scope: 'collection',
    description:
      "since agrees with the history store on the record's arches: no release that since is built on (an earlier point release of its line, or an earlier mainline release) already exports the symbol, and the first release held from since on exports it. The oldest release held is a bound, not the first export (a since before it is never questioned), and a stable point release of an older line (a backport) never contradicts a later since.",
  },
  {
    name: 'history-type-matches-history',
    scope: 'collection',
    description:
      "A history entry's type agrees with the first release the history store holds from the entry's version on (unexported: no export there on the record's arches; otherwise an export of that type), unless a later entry covers that release (a stable backport is an entry with the stable release as its version).",
  },
  {
    name: 'since-from-history',
    scope: 'collection',
    description:
      'A warning, not an error: a record without since whose symbol the history store first shows in a release after the oldest one held gets the range the first export lies in (after the last release held without it, no later than the first with it).',
  },
  {
    name: 'duplicate-symbol',
    scope: 'collection',
    description: 'No symbol is recorded twice (also not in file names differing only in case).',
  },
  {
    name: 'name-collision',
    scope: 'collection',
    description:
      'Subsystem and namespace names that share a page (MM and mm, FIXTURE_NS and fixture_ns) are written one way: the spelling most records use (on a tie, lowercase subsystems and upper-case namespaces).',
  },
  { name: 'mdx-syntax', scope: 'body', description: 'The body is valid MDX syntax.' },
  { name: 'body-depth', scope: 'body', description: 'The body nests quotes, lists and elements at most 64 levels deep.' },
  { name: 'mdx-esm', scope: 'body', description: 'No import or export statements.' },
  {
    name: 'mdx-expression',
    scope: 'body',
    description: 'No JavaScript expressions {…}, spread attributes or expression attribute values.',
  },
  { name: 'mdx-forbidden-element', scope: 'body', description: 'No raw HTML elements such as <script>, <style> or <iframe>.' },
  { name: 'mdx-unknown-component', scope: 'body', description: 'Only the allowlisted components (Callout, Sym, Thread, Commit, Quote).' },
  { name: 'mdx-event-handler', scope: 'body', description: 'No event-handler attributes (onClick, onerror, …).' },
  {
    name: 'mdx-attribute',
    scope: 'body',
    description: 'Components get only their own attributes, with valid values, and the required ones.',
  },
  {
    name: 'mdx-unsafe-url',
    scope: 'body',
    description: 'Links use http:, https: or mailto: (never javascript:, data:, vbscript:, file:).',
  },
  { name: 'mdx-image', scope: 'body', description: 'No images (nothing is loaded from elsewhere when a reader opens a record).' },
  {
    name: 'process-language',
    scope: 'body',
    description:
      'The body and the frontmatter prose state facts and their sources, never how they were gathered ("our notes", "research notes", "rated partial", "rated verified", "confidence:"); what is not known is said plainly.',
  },
  { name: 'body-heading-level', scope: 'body', description: 'Body headings start at level 2; the page title is the symbol.' },
];

export const RULE_NAMES = new Set(RULES.map((r) => r.name));
