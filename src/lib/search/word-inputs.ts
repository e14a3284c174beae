// What the word index reads of each document: a record by its search entry (symbol, tier, type,
// subsystem, namespace, summary) and its rendered rationale; a mechanism decision by its title,
// summary and body, found on its export type's page. The record page's facts, threads and export
// history are not prose and are left out, as they were from the full-text index before.
import { htmlText } from './words.ts';
import { mechanismUrl } from './concepts.ts';
import type { SearchEntry } from './shards.ts';
import type { WordInput } from './word-index.ts';
import type { SitePaths } from '../urls.ts';

export function recordWordInput(entry: SearchEntry, html: string): WordInput {
  return { doc: entry, title: entry.s, summary: entry.d ?? '', body: htmlText(html) };
}

export function mechanismWordInput(
  paths: SitePaths,
  m: { id: string; title: string; summary: string; types: readonly string[] },
  html: string,
): WordInput | undefined {
  const h = mechanismUrl(paths, m);
  if (!h) return undefined;
  return { doc: { s: m.title, t: '', x: m.types[0]!, u: '', d: m.summary, h }, title: m.title, summary: m.summary, body: htmlText(html) };
}
