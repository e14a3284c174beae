// A parsed record as plain data, so worker threads can parse records and hand them back
// (functions do not cross threads: the places collection rules ask for are located up front).
import type { Parsed } from './parse.ts';

type Path = (string | number)[];
export type PortableParsed<T> = Omit<Parsed<T>, 'locate'> & { places: Record<string, { line: number; column: number }> };

const key = (p: Path) => JSON.stringify(p);

/** The frontmatter paths the set's rules point at (collection, snapshot and history rules). */
function collectionPaths(parsed: Parsed<unknown>): Path[] {
  // `raw` is kept only for records that failed the schema; valid ones have `data`.
  const source = (parsed.data ?? parsed.raw) as Record<string, unknown> | undefined;
  const list = (field: string) => (Array.isArray(source?.[field]) ? (source![field] as unknown[]) : []);
  return [
    ['symbol'],
    ['type'],
    ['since'],
    ['replaced_by'],
    ['subsystem'],
    ['namespace'],
    ...list('related').map((_, i): Path => ['related', i]),
    ...list('history').map((_, i): Path => ['history', i, 'type']),
  ];
}

/** Validation needs neither the body text nor its HTML, so by default they are left out to keep the copy cheap. */
export function toPortable<T>(parsed: Parsed<T>, options: { keepBody?: boolean } = {}): PortableParsed<T> {
  const { locate, body, html, ...rest } = parsed;
  const places: PortableParsed<T>['places'] = {};
  for (const p of collectionPaths(parsed as Parsed<unknown>)) places[key(p)] = locate(p);
  return options.keepBody ? { ...rest, body, html, places } : { ...rest, places };
}

export function fromPortable<T>(portable: PortableParsed<T>): Parsed<T> {
  const { places, ...rest } = portable;
  return { ...rest, locate: (p: Path) => places[key(p)] ?? { line: 1, column: 1 } };
}
