// The bad-record corpus: one row per kind of bad record, with every line the validator prints for
// it. corpus.test.ts checks each through validate; tests/hostile/agree.test.ts checks that the build's
// record loader reaches the same verdicts.
import fs from 'node:fs';
import path from 'node:path';
import { fixture, REPO } from './helpers.ts';
import { EXPORT_TYPES, KERNEL_ARCHES } from '../../src/lib/vocabulary.ts';

export const E = 'content/exports';

/** A valid record, as the committed fixtures write one. */
export function validRecord(symbol: string, body = '## What was decided\n\nFixture body.\n'): string {
  return [
    '---',
    `symbol: ${symbol}`,
    'summary: A small record used as a validator test fixture.',
    'type: EXPORT_SYMBOL_GPL',
    'status: testing',
    'subsystem: mm',
    'date: 2024-01-15',
    'threads:',
    '  - 20240115120000.1234-1-fixture@example.org',
    '---',
    '',
    body,
  ].join('\n');
}

export const utf8 = (text: string) => Buffer.from(text, 'utf8');

export interface Row {
  kind: string;
  /** Committed fixtures from tests/fixtures/bad-records, copied into content/exports. */
  fixtures?: string[];
  /** Files generated at run time (binary, huge, or several records), relative to the repo root. */
  generate?: () => Record<string, string | Uint8Array>;
  /** Every line the validator prints for the whole repository; [] means accepted. */
  expected: string[];
}

/** tests/fixtures/history-store (five releases, one made-up symbol per case) as content/history/ files. */
export function historyStore(): Record<string, string> {
  const dir = path.join(REPO, 'tests/fixtures/history-store');
  const files: Record<string, string> = {};
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }))
    if (name.endsWith('.tsv')) files[`content/history/${name.split(path.sep).join('/')}`] = fs.readFileSync(path.join(dir, name), 'utf8');
  return files;
}

/** A valid record with the fields the history rules read: since, arches, type and tier, history entries. */
function historyRecord(
  symbol: string,
  fields: { since?: string; arches?: string; removed?: boolean; type?: string; history?: [string, string, string][] },
): Record<string, string> {
  let text = validRecord(symbol);
  if (fields.removed)
    text = text.replace('type: EXPORT_SYMBOL_GPL\nstatus: testing', 'type: unexported\nstatus: removed\nreason: Withdrawn.');
  if (fields.type) text = text.replace('type: EXPORT_SYMBOL_GPL', `type: ${fields.type}`);
  if (fields.arches) text = text.replace('subsystem: mm', `subsystem: mm\narches: [${fields.arches}]`);
  if (fields.since) text = text.replace('date: 2024-01-15', `since: ${fields.since}\ndate: 2024-01-15`);
  if (fields.history) {
    const entries = fields.history.map(
      ([version, type, date]) => `  - date: ${date}\n    version: ${version}\n    change: Fixture step.\n    type: ${type}`,
    );
    text = text.replace('\n---\n', `\nhistory:\n${entries.join('\n')}\n---\n`);
  }
  return { [`${E}/${symbol}.mdx`]: text };
}

export const ROWS: Row[] = [
  // --- the file itself ---
  {
    kind: 'empty file',
    fixtures: ['empty_file.mdx'],
    expected: [`${E}/empty_file.mdx:1:1: error: file is empty; a record starts with --- frontmatter [frontmatter-missing]`],
  },
  {
    kind: 'no frontmatter',
    fixtures: ['frontmatter_missing.mdx'],
    expected: [
      `${E}/frontmatter_missing.mdx:1:1: error: record must start with a --- line opening the YAML frontmatter [frontmatter-missing]`,
    ],
  },
  {
    kind: 'frontmatter not closed',
    fixtures: ['frontmatter_unclosed.mdx'],
    expected: [
      `${E}/frontmatter_unclosed.mdx:1:1: error: frontmatter is not closed: add a --- line after the last field [frontmatter-unclosed]`,
    ],
  },
  {
    kind: 'BOM (valid record) is accepted',
    generate: () => ({ [`${E}/bom_record.mdx`]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(validRecord('bom_record'))]) }),
    expected: [],
  },
  {
    kind: 'CRLF line endings (valid record) are accepted',
    generate: () => ({ [`${E}/crlf_record.mdx`]: validRecord('crlf_record').replace(/\n/g, '\r\n') }),
    expected: [],
  },
  {
    kind: 'BOM and CRLF together are accepted',
    generate: () => ({
      [`${E}/bom_crlf.mdx`]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(validRecord('bom_crlf').replace(/\n/g, '\r\n'))]),
    }),
    expected: [],
  },
  {
    kind: 'non-UTF-8 bytes',
    // Latin-1 é (0xE9) in the body, line 14 column 10.
    generate: () => ({
      [`${E}/non_utf8.mdx`]: Buffer.concat([
        utf8(validRecord('non_utf8', '## What was decided\n\nFixture b')),
        Buffer.from([0xe9]),
        utf8('dy.\n'),
      ]),
    }),
    expected: [`${E}/non_utf8.mdx:14:10: error: file is not valid UTF-8 (bad byte 0xe9) [encoding-utf8]`],
  },
  {
    kind: '5 MB body',
    generate: () => ({ [`${E}/huge_body.mdx`]: validRecord('huge_body', 'a'.repeat(5 * 1024 * 1024)) }),
    expected: [`${E}/huge_body.mdx:1:1: error: record is 5.0 MiB; the limit is 256 KiB (a rationale is prose, not a dump) [record-size]`],
  },
  // --- file names ---
  {
    kind: 'wrong file name',
    fixtures: ['wrong_file_name.mdx'],
    expected: [
      `${E}/wrong_file_name.mdx:2:9: error: file name must equal the symbol: rename to other_symbol.mdx (or fix symbol: wrong_file_name) [file-name]`,
    ],
  },
  {
    kind: 'file name with spaces',
    fixtures: ['file name spaces.mdx'],
    expected: [
      `${E}/file name spaces.mdx:2:9: error: file name "file name spaces.mdx" must be the symbol, a C identifier (no spaces or dashes) [file-name]`,
    ],
  },
  {
    kind: 'file name with uppercase not matching the symbol',
    fixtures: ['Uppercase_Name.mdx'],
    expected: [
      `${E}/Uppercase_Name.mdx:2:9: error: file name must equal the symbol: rename to uppercase_name.mdx (or fix symbol: Uppercase_Name) [file-name]`,
    ],
  },
  {
    kind: 'wrong extension',
    fixtures: ['wrong_extension.md'],
    expected: [`${E}/wrong_extension.md:2:9: error: record file must end in .mdx (got ".md") [file-name]`],
  },
  // --- YAML ---
  {
    kind: 'invalid YAML',
    fixtures: ['invalid_yaml.mdx'],
    expected: [
      `${E}/invalid_yaml.mdx:3:10: error: YAML syntax error: unexpected end of the stream within a double quoted scalar (the double quote opened here is never closed) [yaml-syntax]`,
    ],
  },
  {
    kind: 'tabs',
    fixtures: ['yaml_tabs.mdx'],
    expected: [`${E}/yaml_tabs.mdx:9:1: error: tab character in indentation; YAML indents with spaces [yaml-tab]`],
  },
  {
    kind: 'duplicate keys',
    fixtures: ['duplicate_keys.mdx'],
    expected: [`${E}/duplicate_keys.mdx:7:1: error: field "subsystem" is given twice; keep one [yaml-duplicate-key]`],
  },
  {
    kind: 'frontmatter is a list',
    fixtures: ['frontmatter_not_mapping.mdx'],
    expected: [`${E}/frontmatter_not_mapping.mdx:2:1: error: frontmatter must be a mapping of field: value lines [frontmatter-mapping]`],
  },
  // --- fields ---
  {
    kind: 'missing field',
    fixtures: ['missing_field.mdx'],
    expected: [`${E}/missing_field.mdx:1:1: error: subsystem is required (Kernel area, e.g. mm, x86/fpu, net) [required-field]`],
  },
  {
    kind: 'unknown field (typo)',
    fixtures: ['unknown_field.mdx'],
    expected: [
      `${E}/unknown_field.mdx:1:1: error: subsystem is required (Kernel area, e.g. mm, x86/fpu, net) [required-field]`,
      `${E}/unknown_field.mdx:6:1: error: unknown field "subsytem"; did you mean "subsystem"? [unknown-field]`,
    ],
  },
  {
    kind: 'wrong enum (type)',
    fixtures: ['wrong_enum.mdx'],
    expected: [
      `${E}/wrong_enum.mdx:4:7: error: type must be one of EXPORT_SYMBOL, EXPORT_SYMBOL_GPL, EXPORT_SYMBOL_NS, EXPORT_SYMBOL_NS_GPL, EXPORT_SYMBOL_FOR_MODULES, unexported (got "EXPORT_SYMBOL_GLP"); did you mean "EXPORT_SYMBOL_GPL"? [type-enum]`,
    ],
  },
  {
    kind: 'wrong enum (status)',
    fixtures: ['wrong_status.mdx'],
    expected: [
      `${E}/wrong_status.mdx:5:9: error: status must be one of testing, stable, obsolete, removed (got "stabel"); did you mean "stable"? [status-enum]`,
    ],
  },
  {
    kind: 'wrong enum (thread role)',
    fixtures: ['unknown_thread_role.mdx'],
    expected: [
      `${E}/unknown_thread_role.mdx:10:11: error: threads[0].role must be one of patch, decision, discussion (got "ack") [role-enum]`,
    ],
  },
  {
    kind: 'wrong type',
    fixtures: ['wrong_type.mdx'],
    expected: [`${E}/wrong_type.mdx:6:12: error: subsystem must be text (got a list) [field-type]`],
  },
  {
    kind: 'version written as a number',
    fixtures: ['bad_version.mdx'],
    expected: [
      `${E}/bad_version.mdx:7:8: error: since must be text (got number 6.1); write the release with its v, like v5.3 [field-type]`,
    ],
  },
  {
    kind: 'future date',
    fixtures: ['future_date.mdx'],
    expected: [`${E}/future_date.mdx:7:7: error: date is in the future [date-future]`],
  },
  {
    kind: 'impossible date',
    fixtures: ['impossible_date.mdx'],
    expected: [`${E}/impossible_date.mdx:7:7: error: date is not a real calendar date [date-real]`],
  },
  {
    kind: 'malformed Message-ID',
    fixtures: ['malformed_message_id.mdx'],
    expected: [
      `${E}/malformed_message_id.mdx:9:5: error: threads[0] is not a well-formed Message-ID (got "not a message id") [thread-message-id]`,
    ],
  },
  {
    kind: 'non-lore URL as thread',
    fixtures: ['non_lore_thread.mdx'],
    expected: [
      `${E}/non_lore_thread.mdx:9:5: error: threads[0] must be a lore.kernel.org link or a Message-ID (got host "lkml.org") [thread-message-id]`,
    ],
  },
  // --- cross-field rules ---
  {
    kind: 'namespace missing for an _NS type',
    fixtures: ['namespace_missing.mdx'],
    expected: [
      `${E}/namespace_missing.mdx:1:1: error: namespace is required for EXPORT_SYMBOL_NS_GPL (the symbol namespace) [namespace-for-type]`,
    ],
  },
  {
    kind: 'namespace on a plain type',
    fixtures: ['namespace_on_plain_type.mdx'],
    expected: [
      `${E}/namespace_on_plain_type.mdx:5:12: error: namespace is only for EXPORT_SYMBOL_NS, EXPORT_SYMBOL_NS_GPL and EXPORT_SYMBOL_FOR_MODULES (type is EXPORT_SYMBOL) [namespace-for-type]`,
    ],
  },
  {
    kind: 'obsolete without reason',
    fixtures: ['obsolete_without_reason.mdx'],
    expected: [
      `${E}/obsolete_without_reason.mdx:1:1: error: reason is required when status is obsolete: say why, and name a replacement in replaced_by when there is one [reason-required]`,
    ],
  },
  {
    kind: 'removed but still exported',
    fixtures: ['removed_not_unexported.mdx'],
    expected: [
      `${E}/removed_not_unexported.mdx:4:7: error: type must be "unexported" when status is removed (got "EXPORT_SYMBOL_GPL") [removed-is-unexported]`,
    ],
  },
  {
    kind: 'testing -> removed history move',
    fixtures: ['testing_to_removed.mdx'],
    expected: [
      `${E}/testing_to_removed.mdx:17:13: error: history[1].status moves from testing to removed; from testing a record may move only to stable or obsolete (Documentation/ABI/README) [tier-move]`,
    ],
  },
  {
    kind: 'history out of order',
    fixtures: ['history_out_of_order.mdx'],
    expected: [
      `${E}/history_out_of_order.mdx:14:11: error: history[1].date is earlier than the entry before it (2024-03-01); list history oldest first [history-order]`,
    ],
  },
  // --- several records ---
  {
    kind: 'symbol recorded twice',
    fixtures: ['duplicate_symbol.mdx'],
    expected: [
      `${E}/duplicate_symbol.mdx:2:9: error: file name must equal the symbol: rename to valid_record.mdx (or fix symbol: duplicate_symbol) [file-name]`,
      `${E}/duplicate_symbol.mdx:2:9: error: symbol valid_record is already recorded in ${E}/valid_record.mdx [duplicate-symbol]`,
    ],
  },
  {
    kind: 'file names differing only in case',
    generate: () => ({ [`${E}/Case_Twin.mdx`]: validRecord('Case_Twin'), [`${E}/case_twin.mdx`]: validRecord('case_twin') }),
    // Both files carry the error, each naming the other: whichever a pull request added is named.
    expected: [
      `${E}/Case_Twin.mdx:2:9: error: file name differs only in case from ${E}/case_twin.mdx; they collide on case-insensitive file systems [duplicate-symbol]`,
      `${E}/case_twin.mdx:2:9: error: file name differs only in case from ${E}/Case_Twin.mdx; they collide on case-insensitive file systems [duplicate-symbol]`,
    ],
  },
  {
    kind: 'dangling replaced_by',
    fixtures: ['dangling_replaced_by.mdx'],
    expected: [
      `${E}/dangling_replaced_by.mdx:9:14: error: replaced_by: snapshot_onyl has no record and is not exported in any release held; did you mean snapshot_only? [replaced-by-exists]`,
    ],
  },
  {
    kind: 'process language in the body and in frontmatter prose',
    fixtures: ['process_language.mdx'],
    expected: [
      `${E}/process_language.mdx:10:22: error: process language "rated verified": state the fact and its source, or say plainly what is not known (e.g. "the release that merged it is not established") [process-language]`,
      `${E}/process_language.mdx:15:50: error: process language "Our notes": state the fact and its source, or say plainly what is not known (e.g. "the release that merged it is not established") [process-language]`,
    ],
  },
  // --- records against the latest snapshot, per architecture (type-matches-snapshot) ---
  {
    kind: 'type differs from the latest snapshot',
    generate: () => ({ [`${E}/snapshot_only.mdx`]: validRecord('snapshot_only') }),
    expected: [
      `${E}/snapshot_only.mdx:4:7: error: is EXPORT_SYMBOL_GPL but v6.19 exports snapshot_only as EXPORT_SYMBOL in mm/fixture.c; update type (with a history entry), or set arches if the decision concerns other architectures [type-matches-snapshot]`,
    ],
  },
  {
    kind: 'unexported, but another architecture exports a function of that name',
    generate: () => ({
      [`${E}/__kernel_fpu_begin.mdx`]: validRecord('__kernel_fpu_begin').replace(
        'type: EXPORT_SYMBOL_GPL\nstatus: testing',
        'type: unexported\nstatus: removed\nreason: Withdrawn.',
      ),
      // The same decision scoped to x86 is accepted.
      'content/snapshots/v6.19.tsv':
        '# fixture | kernel version: 6.19.0\nsymbol\tmacro\tnamespace\tfile\tline\nsnapshot_only\tEXPORT_SYMBOL\t\tmm/fixture.c\t10\n__kernel_fpu_begin\tEXPORT_SYMBOL\t\tarch/s390/kernel/fpu.c\t12\n__kernel_fpu_end\tEXPORT_SYMBOL\t\tarch/s390/kernel/fpu.c\t13\n',
      [`${E}/__kernel_fpu_end.mdx`]: validRecord('__kernel_fpu_end')
        .replace('type: EXPORT_SYMBOL_GPL\nstatus: testing', 'type: unexported\nstatus: removed\nreason: Withdrawn.')
        .replace('subsystem: mm', 'subsystem: mm\narches: [x86]'),
    }),
    expected: [
      `${E}/__kernel_fpu_begin.mdx:4:7: error: is unexported but v6.19 exports __kernel_fpu_begin: EXPORT_SYMBOL in arch/s390/kernel/fpu.c; if the decision concerns other architectures, name them in arches (the export is in s390 code) [type-matches-snapshot]`,
    ],
  },
  {
    kind: 'arches scope the comparison: an x86 decision is not contradicted by s390',
    generate: () => ({
      'content/snapshots/v6.19.tsv':
        '# fixture | kernel version: 6.19.0\nsymbol\tmacro\tnamespace\tfile\tline\nsnapshot_only\tEXPORT_SYMBOL\t\tmm/fixture.c\t10\n__kernel_fpu_begin\tEXPORT_SYMBOL\t\tarch/s390/kernel/fpu.c\t12\nonly_s390\tEXPORT_SYMBOL_GPL\t\tarch/s390/kernel/x.c\t3\n',
      [`${E}/__kernel_fpu_begin.mdx`]: validRecord('__kernel_fpu_begin')
        .replace('type: EXPORT_SYMBOL_GPL\nstatus: testing', 'type: unexported\nstatus: removed\nreason: Withdrawn.')
        .replace('subsystem: mm', 'subsystem: mm\narches: [x86]'),
      [`${E}/only_s390.mdx`]: validRecord('only_s390').replace('subsystem: mm', 'subsystem: mm\narches: [x86]'),
    }),
    expected: [
      `${E}/only_s390.mdx:4:7: error: is EXPORT_SYMBOL_GPL but v6.19 exports only_s390 only in s390 code, not on x86; set arches to the architectures the decision concerns [type-matches-snapshot]`,
    ],
  },
  // --- records against the history store (since-matches-history, history-type-matches-history, since-from-history) ---
  {
    kind: 'since contradicted by the history store',
    generate: () => ({
      ...historyStore(),
      ...historyRecord('since_late', { since: 'v5.3' }),
      ...historyRecord('since_unexported', { since: 'v5.0' }),
      // x86_scoped's x86 export starts in v5.8.18, but s390 has its own since v4.19.304: arches is missing.
      ...historyRecord('x86_scoped', { since: 'v5.8' }),
    }),
    expected: [
      `${E}/since_late.mdx:7:8: error: says since v5.3, but v5.0, a release v5.3 is built on, already exports since_late as EXPORT_SYMBOL_GPL in mm/fixture.c (the first release held that exports it is v4.19.304); set since to the first release that exported it, or leave it out when that is not known (v4.19.304, the oldest release held, is a bound, not the first export) [since-matches-history]`,
      `${E}/since_unexported.mdx:7:8: error: says since v5.0, but v5.0 does not export since_unexported (the first release held that exports it is v5.4.286); correct since, or add the removal to history if the export was taken away again by v5.0 [since-matches-history]`,
      `${E}/x86_scoped.mdx:7:8: error: says since v5.8, but v5.0, a release v5.8 is built on, already exports x86_scoped as EXPORT_SYMBOL in arch/s390/kernel/fixture.c (the first release held that exports it is v4.19.304); set since to the first release that exported it, or leave it out when that is not known (v4.19.304, the oldest release held, is a bound, not the first export); if the decision concerns other architectures, name them in arches (that export is in s390 code) [since-matches-history]`,
    ],
  },
  {
    kind: 'since not contradicted: before the oldest release held, a stable backport, another architecture',
    generate: () => ({
      ...historyStore(),
      // The oldest release held is a bound, not a birth.
      ...historyRecord('since_old', { since: 'v2.6.32', type: 'EXPORT_SYMBOL' }),
      // v5.4.286 is a stable branch of v5.4: its backport is older by version, not part of v5.9's past.
      ...historyRecord('since_backport', { since: 'v5.9' }),
      // s390's own export of the name says nothing about x86.
      ...historyRecord('x86_scoped', { since: 'v5.8', arches: 'x86' }),
      // Never exported in a release held: the store is silent.
      ...historyRecord('never_held', { since: 'v5.3' }),
    }),
    expected: [],
  },
  {
    kind: 'history entry type contradicted by the history store',
    generate: () => ({
      ...historyStore(),
      ...historyRecord('retyped_gpl', { history: [['v5.8', 'EXPORT_SYMBOL_GPL', '2020-06-01']] }),
      ...historyRecord('unexported_early', { removed: true, history: [['v5.4', 'unexported', '2019-10-01']] }),
      // Unexported in v5.8, back as GPL by a backport to v5.8.14 (the __kernel_write pattern): accepted.
      ...historyRecord('history_backport', {
        history: [
          ['v5.8', 'unexported', '2020-07-10'],
          ['v5.8.14', 'EXPORT_SYMBOL_GPL', '2020-10-05'],
        ],
      }),
    }),
    expected: [
      `${E}/retyped_gpl.mdx:14:11: error: says EXPORT_SYMBOL_GPL from v5.8, but v5.8.18, the first release held from v5.8 on, exports retyped_gpl as EXPORT_SYMBOL in mm/fixture.c; correct the entry's type or version, or add the change v5.8.18 shows to history (a stable backport is an entry whose version is the 5.8 release that took it, no later than v5.8.18) [history-type-matches-history]`,
      `${E}/unexported_early.mdx:15:11: error: says unexported from v5.4, but v5.4.286, the first release held from v5.4 on, exports unexported_early as EXPORT_SYMBOL_GPL in mm/fixture.c; correct the entry's type or version, or add the change v5.4.286 shows to history (a stable backport is an entry whose version is the 5.4 release that took it, no later than v5.4.286) [history-type-matches-history]`,
    ],
  },
  {
    kind: 'since left out where the history store bounds it (a warning)',
    generate: () => ({
      ...historyStore(),
      ...historyRecord('no_since', {}),
      // Exported in the oldest release held: that is a bound, so no hint.
      ...historyRecord('since_late', {}),
    }),
    expected: [
      `${E}/no_since.mdx:2:9: warning: since is not given; the history store first shows the export in v5.4.286, not in v5.0, the release held before it: it was first exported after v5.0 and no later than v5.4.286; set since when the release that added the export is known [since-from-history]`,
    ],
  },
  {
    kind: 'a field given twice, the second time as a block list',
    generate: () => ({
      [`${E}/twice_list.mdx`]: validRecord('twice_list').replace('subsystem: mm', 'arches: [x86]\nsubsystem: mm\narches:\n  - x86'),
    }),
    expected: [`${E}/twice_list.mdx:8:1: error: field "arches" is given twice; keep one [yaml-duplicate-key]`],
  },
  {
    kind: 'dangling related',
    fixtures: ['dangling_related.mdx'],
    expected: [
      `${E}/dangling_related.mdx:10:5: error: related: no_such_symbol has no record and is not exported in any release held [related-exists]`,
    ],
  },
  // --- hostile MDX ---
  {
    kind: 'ESM import',
    fixtures: ['mdx_import.mdx'],
    expected: [`${E}/mdx_import.mdx:14:1: error: import/export statements are not allowed in a record body [mdx-esm]`],
  },
  {
    kind: 'ESM export',
    fixtures: ['mdx_export.mdx'],
    expected: [`${E}/mdx_export.mdx:14:1: error: import/export statements are not allowed in a record body [mdx-esm]`],
  },
  {
    kind: '{expression}',
    fixtures: ['mdx_expression.mdx'],
    expected: [
      `${E}/mdx_expression.mdx:14:15: error: JavaScript expression {fetch("https://evil.example/")} is not allowed; write \\{ and \\} for literal braces [mdx-expression]`,
    ],
  },
  {
    kind: '<script>',
    fixtures: ['mdx_script.mdx'],
    expected: [`${E}/mdx_script.mdx:14:1: error: <script> is not allowed in a record body [mdx-forbidden-element]`],
  },
  {
    kind: '<style>',
    fixtures: ['mdx_style.mdx'],
    expected: [`${E}/mdx_style.mdx:14:1: error: <style> is not allowed in a record body [mdx-forbidden-element]`],
  },
  {
    kind: '<style> with CSS braces (not even MDX)',
    fixtures: ['mdx_style_braces.mdx'],
    expected: [
      `${E}/mdx_style_braces.mdx:14:22: error: MDX syntax error: Could not parse expression with oxc: Expected \`,\` or \`)\` but found \`:\` (mdx-jsx:unexpected-character) [mdx-syntax]`,
    ],
  },
  {
    kind: '<iframe>',
    fixtures: ['mdx_iframe.mdx'],
    expected: [`${E}/mdx_iframe.mdx:14:1: error: <iframe> is not allowed in a record body [mdx-forbidden-element]`],
  },
  {
    kind: 'raw HTML element',
    fixtures: ['mdx_raw_html.mdx'],
    expected: [
      `${E}/mdx_raw_html.mdx:14:1: error: unknown component <div>; allowed: Callout, Sym, Thread, Commit, Quote [mdx-unknown-component]`,
    ],
  },
  {
    kind: 'onClick on a component',
    fixtures: ['mdx_onclick.mdx'],
    expected: [`${E}/mdx_onclick.mdx:14:1: error: event-handler attribute onClick on <Callout> is not allowed [mdx-event-handler]`],
  },
  {
    kind: 'onerror on an element',
    fixtures: ['mdx_onerror.mdx'],
    expected: [
      `${E}/mdx_onerror.mdx:14:1: error: <img> is not allowed in a record body [mdx-forbidden-element]`,
      `${E}/mdx_onerror.mdx:14:1: error: event-handler attribute onerror is not allowed [mdx-event-handler]`,
    ],
  },
  {
    kind: 'javascript: link',
    fixtures: ['mdx_javascript_link.mdx'],
    expected: [
      `${E}/mdx_javascript_link.mdx:14:5: error: link URL scheme "javascript:" is not allowed; use http:, https: or mailto: [mdx-unsafe-url]`,
    ],
  },
  {
    kind: 'javascript: link definition',
    fixtures: ['mdx_definition_javascript.mdx'],
    expected: [
      `${E}/mdx_definition_javascript.mdx:16:1: error: link URL scheme "javascript:" is not allowed; use http:, https: or mailto: [mdx-unsafe-url]`,
    ],
  },
  {
    kind: 'data: link',
    fixtures: ['mdx_data_link.mdx'],
    expected: [`${E}/mdx_data_link.mdx:14:5: error: link URL scheme "data:" is not allowed; use http:, https: or mailto: [mdx-unsafe-url]`],
  },
  {
    kind: 'javascript: as a Thread id',
    fixtures: ['mdx_thread_javascript.mdx'],
    expected: [
      `${E}/mdx_thread_javascript.mdx:14:1: error: attribute id="javascript:alert(1)" on <Thread> must be a Message-ID or lore.kernel.org link [mdx-attribute]`,
    ],
  },
  {
    kind: 'unknown component',
    fixtures: ['mdx_unknown_component.mdx'],
    expected: [
      `${E}/mdx_unknown_component.mdx:14:1: error: unknown component <Calout>; allowed: Callout, Sym, Thread, Commit, Quote; did you mean <Callout>? [mdx-unknown-component]`,
    ],
  },
  {
    kind: 'expression attribute value',
    fixtures: ['mdx_expression_attribute.mdx'],
    expected: [
      `${E}/mdx_expression_attribute.mdx:14:1: error: attribute name on <Sym> must be a quoted string, not an expression [mdx-expression]`,
    ],
  },
  {
    kind: 'spread attribute',
    fixtures: ['mdx_spread_attribute.mdx'],
    expected: [
      `${E}/mdx_spread_attribute.mdx:14:1: error: spread attribute {...props} on <Sym> is not allowed [mdx-expression]`,
      `${E}/mdx_spread_attribute.mdx:14:1: error: <Sym name="alloc_pages_vma"> has no page: it has no record and is not exported in the latest snapshot; write it as \`alloc_pages_vma\` [sym-exists]`,
    ],
  },
  {
    kind: 'image',
    fixtures: ['mdx_image.mdx'],
    expected: [`${E}/mdx_image.mdx:14:1: error: images are not allowed in a record body; link to the source instead [mdx-image]`],
  },
  {
    kind: 'level-1 heading',
    fixtures: ['mdx_h1.mdx'],
    expected: [`${E}/mdx_h1.mdx:14:1: error: the page title is the symbol; start body headings at ## (level 2) [body-heading-level]`],
  },
  {
    kind: 'MDX syntax error',
    fixtures: ['mdx_syntax_error.mdx'],
    expected: [
      `${E}/mdx_syntax_error.mdx:14:1: error: MDX syntax error: Expected a closing tag for \`<Callout>\` (4:1) before the end of \`paragraph\` (mdx-jsx:unexpected-character) [mdx-syntax]`,
    ],
  },
  // --- hostile input (issue 17) ---
  {
    kind: 'subsystem spelled differently from the page it shares (MM beside mm)',
    fixtures: ['subsystem_case_variant.mdx'],
    expected: [
      `${E}/subsystem_case_variant.mdx:6:12: error: subsystem "MM" would share the page /subsystems/mm/ with "mm" (used by ${E}/valid_record.mdx); write "mm" [name-collision]`,
    ],
  },
  {
    kind: 'namespace spelled differently from the page it shares (fixture beside FIXTURE)',
    fixtures: ['namespace_case_variant.mdx'],
    expected: [
      `${E}/namespace_case_variant.mdx:10:12: error: namespace "fixture" would share the page /namespaces/fixture/ with "FIXTURE" (used by ${E}/valid_record.mdx); write "FIXTURE" [name-collision]`,
    ],
  },
  {
    kind: 'terminal escape sequences in a field',
    fixtures: ['control_character.mdx'],
    expected: [
      `${E}/control_character.mdx:10:10: error: contact contains the control character \\x1b at character 12; write it on one line of plain text [control-character]`,
    ],
  },
  {
    kind: 'a newline in status (workflow-command injection)',
    fixtures: ['newline_in_status.mdx'],
    expected: [
      `${E}/newline_in_status.mdx:5:9: error: status contains the control character \\n at character 8; write it on one line of plain text [control-character]`,
      `${E}/newline_in_status.mdx:5:9: error: status must be one of testing, stable, obsolete, removed (got "testing\\n::error::forged") [status-enum]`,
    ],
  },
  {
    kind: 'contact and users with blank edges (crashed the /abi/ build)',
    fixtures: ['trailing_space_contact.mdx'],
    expected: [
      `${E}/trailing_space_contact.mdx:10:10: error: contact ends with blank space; remove it [field-whitespace]`,
      `${E}/trailing_space_contact.mdx:12:5: error: users[0] starts with blank space; remove it [field-whitespace]`,
    ],
  },
  {
    kind: 'YAML alias bomb',
    fixtures: ['yaml_alias_bomb.mdx'],
    expected: [
      `${E}/yaml_alias_bomb.mdx:11:9: error: YAML anchors and aliases (&name, *name) are not allowed in frontmatter: write each value out [yaml-alias]`,
    ],
  },
  {
    kind: 'frontmatter nested too deep',
    generate: () => ({
      [`${E}/yaml_deep.mdx`]: validRecord('yaml_deep').replace(
        'date: 2024-01-15',
        `date: 2024-01-15\nx: ${'['.repeat(40)}${']'.repeat(40)}`,
      ),
    }),
    expected: [`${E}/yaml_deep.mdx:2:1: error: frontmatter is nested more than 16 levels deep [yaml-size]`],
  },
  {
    kind: 'file outside the kernel tree',
    fixtures: ['file_outside_tree.mdx'],
    expected: [
      `${E}/file_outside_tree.mdx:10:7: error: file must be a path inside the kernel tree, relative to its root (like mm/slub.c: no leading /, no . or .. parts) (got "../../../etc/passwd") [file-format]`,
    ],
  },
  {
    kind: '3,000 nested quotes',
    generate: () => ({ [`${E}/deep_quotes.mdx`]: validRecord('deep_quotes', `## What was decided\n\n${'> '.repeat(3000)}deep\n`) }),
    expected: [
      `${E}/deep_quotes.mdx:14:129: error: the body nests quotes, lists or elements more than 64 levels deep; flatten it [body-depth]`,
    ],
  },
  {
    kind: 'an HTML comment (the hint does not suggest {/* */}, which is refused)',
    fixtures: ['mdx_comment.mdx'],
    expected: [
      `${E}/mdx_comment.mdx:14:5: error: MDX syntax error: Unexpected character \`!\` (U+0021) before name, expected a character that can start a name, such as a letter, \`$\`, or \`_\` (a record body has no comments: delete the text, or write \\< for a literal <) (mdx-jsx:unexpected-character) [mdx-syntax]`,
    ],
  },
  // --- every problem in one run ---
  {
    kind: 'many problems at once (cross-field and collection rules despite other errors)',
    fixtures: ['every_problem_at_once.mdx'],
    expected: [
      `${E}/every_problem_at_once.mdx:1:1: error: subsystem is required (Kernel area, e.g. mm, x86/fpu, net) [required-field]`,
      `${E}/every_problem_at_once.mdx:1:1: error: namespace is required for EXPORT_SYMBOL_NS_GPL (the symbol namespace) [namespace-for-type]`,
      `${E}/every_problem_at_once.mdx:1:1: error: reason is required when status is obsolete: say why, and name a replacement in replaced_by when there is one [reason-required]`,
      `${E}/every_problem_at_once.mdx:6:1: error: unknown field "subsytem"; did you mean "subsystem"? [unknown-field]`,
      `${E}/every_problem_at_once.mdx:9:5: error: threads[0] must be a lore.kernel.org link or a Message-ID (got host "example.com") [thread-message-id]`,
      `${E}/every_problem_at_once.mdx:11:5: error: related: no_such_symbol has no record and is not exported in any release held [related-exists]`,
      `${E}/every_problem_at_once.mdx:14:1: error: the page title is the symbol; start body headings at ## (level 2) [body-heading-level]`,
      `${E}/every_problem_at_once.mdx:16:5: error: link URL scheme "javascript:" is not allowed; use http:, https: or mailto: [mdx-unsafe-url]`,
      `${E}/every_problem_at_once.mdx:16:37: error: event-handler attribute onClick on <Sym> is not allowed [mdx-event-handler]`,
      `${E}/every_problem_at_once.mdx:16:37: error: <Sym name="x"> has no page: it has no record and is not exported in the latest snapshot; write it as \`x\` [sym-exists]`,
    ],
  },
  // --- each format and value rule on its own (rule-names.test.ts checks every rule has a row) ---
  {
    kind: 'field formats: symbol, version, date',
    generate: () => ({
      [`${E}/bad_formats.mdx`]: validRecord('bad_formats')
        .replace('date: 2024-01-15', 'date: 2024/01/15')
        .replace('subsystem: mm', 'subsystem: mm\nsince: 6.1-rc1x\nreplaced_by: not-a-symbol'),
    }),
    expected: [
      `${E}/bad_formats.mdx:7:8: error: since must be a kernel release like v5.3, v6.1.158 or v6.13-rc1 (got "6.1-rc1x") [version-format]`,
      `${E}/bad_formats.mdx:8:14: error: replaced_by must be a C identifier (letters, digits, underscore) (got "not-a-symbol") [symbol-format]`,
      `${E}/bad_formats.mdx:9:7: error: date must be a date written YYYY-MM-DD (got "2024/01/15") [date-format]`,
    ],
  },
  {
    kind: 'empty and too long text, an unknown architecture',
    generate: () => ({
      [`${E}/bad_values.mdx`]: validRecord('bad_values')
        .replace('summary: A small record used as a validator test fixture.', `summary: ${'x'.repeat(301)}`)
        .replace('subsystem: mm', 'subsystem: mm\ncontact: ""\narches: [x86, x86, vax]'),
    }),
    expected: [
      `${E}/bad_values.mdx:3:10: error: summary must be at most 300 characters [field-value]`,
      `${E}/bad_values.mdx:7:10: error: contact must not be empty [field-value]`,
      `${E}/bad_values.mdx:8:9: error: arches[2] must be one of ${KERNEL_ARCHES.join(', ')} (got "vax") [field-enum]`,
    ],
  },
  {
    kind: 'mechanism with a lowercase macro and an unknown type',
    generate: () => ({
      'content/mechanisms/bad-mechanism.mdx': [
        '---',
        'title: A mechanism used as a validator test fixture',
        'summary: A mechanism decision used as a validator test fixture.',
        'types:',
        '  - EXPORT_SYMBOL_NX',
        'macros:',
        '  - export_symbol_ns',
        'status: stable',
        'date: 2024-01-15',
        'threads:',
        '  - 20240115120000.1234-1-fixture@example.org',
        '---',
        '',
        'Fixture body.',
        '',
      ].join('\n'),
    }),
    expected: [
      `content/mechanisms/bad-mechanism.mdx:5:5: error: types[0] must be one of ${EXPORT_TYPES.join(', ')} (got "EXPORT_SYMBOL_NX"); did you mean "EXPORT_SYMBOL_NS"? [field-enum]`,
      `content/mechanisms/bad-mechanism.mdx:7:5: error: macros[0] must be a C macro name in capitals, like EXPORT_SYMBOL_NS (got "export_symbol_ns") [macro-format]`,
    ],
  },
];

export function filesOf(row: Row): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {};
  for (const name of row.fixtures ?? []) files[`${E}/${name}`] = fixture(name);
  return { ...files, ...row.generate?.() };
}
