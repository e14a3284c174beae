// Rules that need every record at once: duplicates, file names and names that share a page, and
// references to other symbols.
import type { Parsed } from '../records/parse.ts';
import { C_IDENTIFIER, type MechanismData, type RecordData } from '../schema.ts';
import { MECHANISMS_DIR } from '../project.ts';
import type { Problem } from '../problems.ts';
import { Suggester } from '../suggest.ts';
import { sitePaths, slugify } from '../urls.ts';
import { EXPORT_TYPE_INFO, EXPORT_TYPES, type ExportType } from '../vocabulary.ts';

/**
 * `knownSymbols` are symbols that exist without a record (exported in a release held);
 * replaced_by and related may point at them as well as at records.
 */
export function checkCollection(
  records: readonly Parsed<RecordData>[],
  knownSymbols: ReadonlySet<string>,
  latestSymbols: ReadonlySet<string> = knownSymbols,
  mechanisms: readonly Parsed<MechanismData>[] = [],
): Problem[] {
  const problems: Problem[] = [];
  const bySymbol = new Map<string, Parsed<RecordData>>();
  const duplicates = new Set<Parsed<RecordData>>();
  // A file named for its symbol keeps it; a copy under another name is the one reported.
  const misnamed = (record: Parsed<RecordData>) => Number((namesIn(record).symbol ?? record.id) !== record.id);
  for (const record of [...records].sort((a, b) => misnamed(a) - misnamed(b))) {
    const symbol = namesIn(record).symbol ?? record.id;
    const first = bySymbol.get(symbol);
    if (first) {
      problems.push({
        file: record.file,
        ...record.locate(['symbol']),
        severity: 'error',
        rule: 'duplicate-symbol',
        message: `symbol ${symbol} is already recorded in ${first.file}`,
      });
      duplicates.add(record);
      continue;
    }
    bySymbol.set(symbol, record);
  }
  problems.push(...caseTwins(records.filter((r) => !duplicates.has(r))), ...sharedPages(records, mechanisms));

  const exists = (s: string) => bySymbol.has(s) || knownSymbols.has(s);
  // Built on the first unknown name only: a clean collection never pays for the index.
  let suggester: Suggester | undefined;
  const missing = (s: string) => {
    suggester ??= new Suggester([...bySymbol.keys(), ...knownSymbols]);
    const guess = suggester.closest(s);
    return `${s} has no record and is not exported in any release held${guess ? `; did you mean ${guess}?` : ''}`;
  };
  for (const record of records) {
    const { symbol, replacedBy, related } = namesIn(record);
    if (replacedBy && replacedBy !== symbol && !exists(replacedBy)) {
      problems.push({
        file: record.file,
        ...record.locate(['replaced_by']),
        severity: 'error',
        rule: 'replaced-by-exists',
        message: `replaced_by: ${missing(replacedBy)}`,
      });
    }
    related.forEach((s, i) => {
      if (s && !exists(s))
        problems.push({
          file: record.file,
          ...record.locate(['related', i]),
          severity: 'error',
          rule: 'related-exists',
          message: `related: ${missing(s)}`,
        });
    });
  }
  // A body link must land on a page: a record, or a symbol of the latest snapshot.
  for (const record of records) {
    for (const ref of record.symRefs ?? []) {
      if (!bySymbol.has(ref.name) && !latestSymbols.has(ref.name)) {
        problems.push({
          file: record.file,
          line: ref.line,
          column: ref.column,
          severity: 'error',
          rule: 'sym-exists',
          message: `<Sym name="${ref.name}"> has no page: it has no record and is not exported in the latest snapshot; write it as \`${ref.name}\``,
        });
      }
    }
  }
  return problems;
}

/**
 * File names that differ only in case collide on case-insensitive file systems (and their pages
 * would too). Every file of such a group is reported, each naming the others, so the one a pull
 * request adds carries the error whichever spelling came first.
 */
function caseTwins(records: readonly Parsed<RecordData>[]): Problem[] {
  const groups = new Map<string, Parsed<RecordData>[]>();
  for (const record of records) {
    const key = record.file.toLowerCase();
    const group = groups.get(key);
    if (group) group.push(record);
    else groups.set(key, [record]);
  }
  const problems: Problem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const record of group) {
      const others = group
        .filter((r) => r !== record)
        .map((r) => r.file)
        .sort();
      problems.push({
        file: record.file,
        ...record.locate(['symbol']),
        severity: 'error',
        rule: 'duplicate-symbol',
        message: `file name differs only in case from ${others.join(', ')}; they collide on case-insensitive file systems`,
      });
    }
  }
  return problems;
}

/** Names that get one page (and one feed) on the site: its subsystem and namespace pages slugify them. */
const PAGE_NAMES = [
  {
    field: 'subsystem',
    what: 'subsystem',
    page: (name: string) => sitePaths('/').subsystem(name),
    of: (r: Parsed<RecordData>) => text(fieldOf(r, 'subsystem')),
  },
  {
    field: 'namespace',
    what: 'namespace',
    page: (name: string) => sitePaths('/').namespace(name),
    of: (r: Parsed<RecordData>) => namespaceOf(r),
  },
] as const;

/** The kernel's own spelling: subsystems are paths (lowercase), namespaces are upper case, module lists lower case. */
function conventional(field: string, name: string): string {
  return field === 'namespace' && !name.startsWith('module:') ? name.toUpperCase() : name.toLowerCase();
}

/**
 * Two spellings with one page (MM and mm, FIXTURE_NS and fixture_ns) would show only one spelling's
 * records there. The spelling most records use is kept (on a tie, the kernel's convention, then the
 * one in the first file by name); every other is refused with that spelling as the hint.
 */
function sharedPages(records: readonly Parsed<RecordData>[], mechanisms: readonly Parsed<MechanismData>[]): Problem[] {
  const problems: Problem[] = [];
  for (const { field, what, page, of } of PAGE_NAMES) {
    const bySlug = new Map<string, Map<string, Parsed<RecordData>[]>>();
    // Mechanism decisions appear on the namespace page they name (as the site lists them).
    const named =
      field === 'namespace'
        ? [
            ...records,
            ...(mechanisms.filter((m) =>
              MECHANISM_NAMESPACE.test(text(fieldOf(m as unknown as Parsed<RecordData>, 'namespace')) ?? ''),
            ) as unknown as Parsed<RecordData>[]),
          ]
        : records;
    for (const record of named) {
      const name = record.file.startsWith(MECHANISMS_DIR) ? text(fieldOf(record, 'namespace')) : of(record);
      if (name === undefined) continue;
      const slug = slugify(name);
      const spellings = bySlug.get(slug) ?? new Map<string, Parsed<RecordData>[]>();
      bySlug.set(slug, spellings);
      spellings.set(name, [...(spellings.get(name) ?? []), record]);
    }
    for (const spellings of bySlug.values()) {
      if (spellings.size < 2) continue;
      const firstFile = (list: Parsed<RecordData>[]) => list.map((r) => r.file).sort()[0]!;
      const usual = (name: string) => Number(name === conventional(field, name));
      const [kept, keptRecords] = [...spellings].sort(
        ([x, a], [y, b]) => b.length - a.length || usual(y) - usual(x) || (firstFile(a) < firstFile(b) ? -1 : 1),
      )[0]!;
      for (const [name, list] of spellings) {
        if (name === kept) continue;
        for (const record of list) {
          problems.push({
            file: record.file,
            ...record.locate([field]),
            severity: 'error',
            rule: 'name-collision',
            message: `${what} "${written(name)}" would share the page ${page(kept)} with "${written(kept)}" (${keptRecords.length === 1 ? `used by ${firstFile(keptRecords)}` : `used by ${keptRecords.length} records, e.g. ${firstFile(keptRecords)}`}); write "${written(kept)}"`,
          });
        }
      }
    }
  }
  return problems;
}

/** The namespaces mechanism decisions are listed under (src/lib/site/model.ts lists them the same way). */
const MECHANISM_NAMESPACE = /^[A-Z][A-Z0-9_]*$/;

/** A name as the record writes it (a module list without the module: its page adds). */
const written = (name: string) => name.replace(/^module:/, '');

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

function fieldOf(record: Parsed<RecordData>, field: string): unknown {
  return record.data ? (record.data as unknown as Record<string, unknown>)[field] : record.raw?.[field];
}

/** The namespace's page name: module-restricted exports are listed as module:<list>. */
function namespaceOf(record: Parsed<RecordData>): string | undefined {
  const namespace = text(fieldOf(record, 'namespace'));
  const type = fieldOf(record, 'type');
  if (!namespace || !(EXPORT_TYPES as readonly unknown[]).includes(type)) return undefined;
  return EXPORT_TYPE_INFO[type as ExportType].takesNamespace === 'modules' ? `module:${namespace}` : namespace;
}

/**
 * The symbols a record names. A record with other problems has no checked data, but its references
 * are still checked (every problem in one run): names written as C identifiers are read as they are.
 */
function namesIn(record: Parsed<RecordData>): { symbol?: string; replacedBy?: string; related: (string | undefined)[] } {
  if (record.data) return { symbol: record.data.symbol, replacedBy: record.data.replaced_by, related: record.data.related ?? [] };
  const raw = record.raw ?? {};
  const name = (value: unknown) => (typeof value === 'string' && C_IDENTIFIER.test(value) ? value : undefined);
  return {
    symbol: name(raw['symbol']),
    replacedBy: name(raw['replaced_by']),
    related: Array.isArray(raw['related']) ? raw['related'].map(name) : [],
  };
}
