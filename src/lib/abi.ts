// The kernel's Documentation/ABI file format, for the records of one tier (/abi/<tier>.txt), and a
// parser of that format. As Documentation/ABI/README describes it, a file is a list of entries:
//
//   What:		<the interface>            (several What: lines may share one entry)
//   Date:		<when it was created>
//   KernelVersion:	<first release with it>
//   Contact:	<who to ask>
//   Description:
//   		<long description>
//   Users:		<who to notify when it changes>
//
// A tag starts its line; a value continues on the following lines indented with tabs; blank lines
// separate entries (and paragraphs inside a Description). Here What: is the exported symbol.
import type { RecordData } from './schema.ts';
import { EXPORT_TYPE_INFO } from './vocabulary.ts';
import { compareSymbols, effectiveNamespace } from './symbols.ts';

export const ABI_TAGS = ['What', 'Date', 'KernelVersion', 'Contact', 'Description', 'Users'] as const;
export type AbiTag = (typeof ABI_TAGS)[number];

/** One entry. Values are text without the indentation; multi-line values hold '\n'. */
export interface AbiEntry {
  what: string[];
  date?: string;
  kernelVersion?: string;
  contact?: string;
  description?: string;
  users?: string;
}

const FIELD: Record<Exclude<AbiTag, 'What'>, keyof Omit<AbiEntry, 'what'>> = {
  Date: 'date',
  KernelVersion: 'kernelVersion',
  Contact: 'contact',
  Description: 'description',
  Users: 'users',
};

const INDENT = '\t\t';

/** `Tag:` padded with tabs to the value column (16, with 8-column tabs), as the kernel's files are. */
function tagColumn(tag: AbiTag): string {
  const label = `${tag}:`;
  return label + '\t'.repeat(Math.max(1, Math.ceil((16 - label.length) / 8)));
}

function checkValue(tag: AbiTag, value: string): void {
  if (value !== value.trim() || /\n\s*\n\s*$|^\s*\n/.test(value)) throw new Error(`${tag}: value must not start or end with blank space`);
  if (/[^\S\n]+\n/.test(value)) throw new Error(`${tag}: lines must not end with blank space`);
  if (/\n[\t ]/.test(value) && tag !== 'Description') throw new Error(`${tag}: continuation lines must not be indented`);
}

function renderField(tag: AbiTag, value: string): string {
  checkValue(tag, value);
  const lines = value.split('\n');
  const rest = (from: string[]) => from.map((l) => (l === '' ? '' : INDENT + l));
  // The kernel's files start a Description on the line after its tag.
  if (tag === 'Description') return [`${tag}:`, ...rest(lines)].join('\n');
  return [tagColumn(tag) + lines[0], ...rest(lines.slice(1))].join('\n');
}

export function renderAbiEntry(entry: AbiEntry): string {
  if (entry.what.length === 0) throw new Error('an ABI entry needs at least one What:');
  const out = entry.what.map((w) => {
    if (w.includes('\n') || w !== w.trim() || w === '') throw new Error(`What: must be one non-empty line (got "${w}")`);
    return tagColumn('What') + w;
  });
  for (const tag of ABI_TAGS) {
    if (tag === 'What') continue;
    const value = entry[FIELD[tag]];
    if (value !== undefined) out.push(renderField(tag, value));
  }
  return out.join('\n') + '\n';
}

/** Entries separated by one blank line; an empty list is an empty file. */
export function renderAbi(entries: readonly AbiEntry[]): string {
  return entries.map(renderAbiEntry).join('\n');
}

export class AbiParseError extends Error {
  line: number;
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'AbiParseError';
    this.line = line;
  }
}

const TAG_LINE = /^([A-Za-z][A-Za-z ]*):(?:[\t ]+(.*))?$/;

/** The value of a field: its first line, then the continuation lines less their common indent. */
function fieldValue(first: string, continuation: string[]): string {
  while (continuation.length && continuation.at(-1)!.trim() === '') continuation.pop();
  const indents = continuation.filter((l) => l.trim() !== '').map((l) => /^[\t ]*/.exec(l)![0]);
  let common = indents[0] ?? '';
  for (const i of indents) while (!i.startsWith(common)) common = common.slice(0, -1);
  const rest = continuation.map((l) => (l.trim() === '' ? '' : l.slice(common.length).trimEnd()));
  const lines = first === '' ? rest : [first, ...rest];
  while (lines.length && lines[0] === '') lines.shift();
  return lines.join('\n');
}

/** Parses a Documentation/ABI file; throws AbiParseError naming the line of anything else. */
export function parseAbi(text: string, file = 'ABI'): AbiEntry[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines.at(-1) === '') lines.pop();
  const entries: AbiEntry[] = [];
  let entry: AbiEntry | undefined;
  let field: { tag: AbiTag; line: number; first: string; continuation: string[] } | undefined;
  let lastTag: AbiTag | undefined;
  const close = () => {
    if (!field || !entry) return;
    if (field.tag !== 'What') {
      const value = fieldValue(field.first, field.continuation);
      if (value === '') throw new AbiParseError(file, field.line, `${field.tag}: has no value`);
      entry[FIELD[field.tag]] = value;
    } else if (field.continuation.some((l) => l.trim() !== '')) {
      throw new AbiParseError(file, field.line + 1, 'What: takes one line; continuation lines are not allowed');
    }
    field = undefined;
  };
  lines.forEach((raw, i) => {
    const n = i + 1;
    const line = raw.trimEnd();
    if (line === '' || /^[\t ]/.test(raw)) {
      if (!field) {
        if (line === '') return;
        throw new AbiParseError(file, n, 'indented text outside an entry');
      }
      field.continuation.push(raw);
      return;
    }
    const m = TAG_LINE.exec(line);
    const tag = m?.[1] as AbiTag | undefined;
    if (!m || !tag || !(ABI_TAGS as readonly string[]).includes(tag)) {
      throw new AbiParseError(
        file,
        n,
        `expected one of ${ABI_TAGS.map((t) => `${t}:`).join(', ')} at the start of the line (got "${line.slice(0, 40)}")`,
      );
    }
    const value = (m[2] ?? '').trim();
    // Consecutive What: lines belong to one entry; a What: after a blank line or another field starts a new one.
    const sameEntry = lastTag === 'What' && field?.continuation.length === 0;
    close();
    if (tag === 'What') {
      if (!entry || !sameEntry) entries.push((entry = { what: [] }));
      if (value === '') throw new AbiParseError(file, n, 'What: has no value');
      entry.what.push(value);
    } else {
      if (!entry) throw new AbiParseError(file, n, `${tag}: before the first What:`);
      if (entry[FIELD[tag]] !== undefined) throw new AbiParseError(file, n, `${tag}: given twice in one entry`);
    }
    field = { tag, line: n, first: value, continuation: [] };
    lastTag = tag;
  });
  close();
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Records as ABI entries

/** Greedy word wrap; words longer than the width (URLs) stay whole. */
export function wrap(text: string, width = 64): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** `since` as the kernel's files write KernelVersion: 5.3, not v5.3. */
export function abiKernelVersion(since: string | undefined): string | undefined {
  return since?.replace(/^v/, '');
}

/** A record as one ABI entry; `pageUrl` is the absolute URL of its page. */
export function recordAbiEntry(d: RecordData, pageUrl: string): AbiEntry {
  const ns = effectiveNamespace(d);
  const paragraphs: string[][] = [wrap(d.summary)];
  const facts = [
    `Export: ${d.type}${ns ? ` (namespace ${ns})` : ''}. ${d.type === 'unexported' ? 'Not available to modules.' : EXPORT_TYPE_INFO[d.type].gplOnly ? 'GPL-only.' : 'Any licence.'}`,
    `Tier: ${d.status}.${d.reason ? ` ${d.reason}` : ''}`,
    d.replaced_by ? `Use instead: ${d.replaced_by}.` : '',
    `Subsystem: ${d.subsystem}.${d.file ? ` Defined in ${d.file}.` : ''}`,
  ].filter(Boolean);
  paragraphs.push(facts.flatMap((f) => wrap(f)));
  if (d.history?.length) {
    paragraphs.push([
      'History:',
      ...d.history.flatMap((h) => {
        const state = [h.type, h.status].filter(Boolean).join(', ');
        return wrap(`- ${h.date}${h.version ? ` (${h.version})` : ''}: ${h.change}${state ? ` [${state}]` : ''}`).map((l, i) =>
          i === 0 ? l : `  ${l}`,
        );
      }),
    ]);
  }
  paragraphs.push(['Threads:', ...d.threads.map((t) => `- ${t.url}${t.role ? ` (${t.role})` : ''}`)]);
  paragraphs.push([`Record: ${pageUrl}`]);
  return {
    what: [d.symbol],
    date: d.date,
    kernelVersion: abiKernelVersion(d.since),
    contact: d.contact,
    // A paragraph of blank prose has no lines: left out, so the value never starts with a blank line.
    description: paragraphs
      .filter((p) => p.length)
      .map((p) => p.join('\n'))
      .join('\n\n'),
    users: d.users?.join('\n'),
  };
}

/** The entries of one tier's file, in A–Z order. */
export function tierAbi(records: readonly RecordData[], tier: string, pageUrl: (symbol: string) => string): AbiEntry[] {
  return records
    .filter((r) => r.status === tier)
    .sort((a, b) => compareSymbols(a.symbol, b.symbol))
    .map((r) => recordAbiEntry(r, pageUrl(r.symbol)));
}

// ---------------------------------------------------------------------------------------------
// `npm run abi -- search <regex>`, printed like the kernel's scripts/get_abi.py search

/** `pattern`: a RegExp, or a user's pattern on the linear-time engine (src/lib/user-regex.ts). */
export function searchRecords<T extends { data: RecordData }>(records: readonly T[], pattern: { test(text: string): boolean }): T[] {
  return records.filter((r) => pattern.test(r.data.symbol)).sort((a, b) => compareSymbols(a.data.symbol, b.data.symbol));
}

function labelled(label: string, value: string): string {
  const pad = (s: string) => s + '\t'.repeat(Math.max(1, 3 - Math.floor(s.length / 8)));
  return value
    .split('\n')
    .map((l, i) => (i === 0 ? pad(`${label}:`) : '\t\t\t') + l)
    .join('\n');
}

export function formatSearchResult(d: RecordData, sourcePath: string): string {
  const ns = effectiveNamespace(d);
  const lines = [
    d.symbol,
    '-'.repeat(d.symbol.length),
    '',
    labelled('Tier', d.status),
    labelled('Type', d.type + (ns ? ` (namespace ${ns})` : '')),
    labelled('Kernel version', d.since ?? 'not established'),
    labelled('Date', d.date),
  ];
  if (d.contact) lines.push(labelled('Contact', d.contact));
  if (d.users?.length) lines.push(labelled('Users', d.users.join('\n')));
  lines.push(labelled('Subsystem', d.subsystem));
  if (d.replaced_by) lines.push(labelled('Replaced by', d.replaced_by));
  lines.push(labelled('Defined on file(s)', sourcePath));
  lines.push(labelled('Threads', d.threads.map((t) => `${t.url}${t.role ? ` (${t.role})` : ''}`).join('\n')));
  lines.push('', 'Description:', '', ...wrap(d.summary, 78));
  if (d.reason) lines.push('', ...wrap(d.reason, 78));
  if (d.history?.length) {
    lines.push('', 'History:');
    for (const h of d.history)
      lines.push(
        ...wrap(
          `${h.date}${h.version ? ` ${h.version}` : ''}${h.type ? ` ${h.type}` : ''}${h.status ? ` ${h.status}` : ''}: ${h.change}`,
          76,
        ).map((l, i) => (i === 0 ? `  ${l}` : `    ${l}`)),
      );
  }
  return lines.join('\n') + '\n';
}
