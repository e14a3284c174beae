// The word index's file names below /search-index/words/, shared by the build and the browser:
// w-<prefix> a word shard, d-<n> a chunk of documents, f-<field=value> a filter's records, p-<word>
// a common word's full postings.
import { shardFileName } from './shards.ts';
import type { WordIndex } from './word-index.ts';

export const wordShardFile = (prefix: string): string => `w-${shardFileName(prefix)}`;
export const docChunkFile = (chunk: number): string => `d-${chunk}`;
export const filterFile = (key: string): string => `f-${shardFileName(key)}`;
export const fullPostingsFile = (word: string): string => `p-${shardFileName(word)}`;

/** Filter field and value as the search page's selects name them (t=removed, u=mm). */
export const filterKey = (field: string, value: string): string => `${field}=${value}`;

/** Every file of a word index, with its JSON body. */
export function wordIndexFiles(index: WordIndex): { file: string; body: unknown }[] {
  return [
    ...[...index.shards].map(([prefix, body]) => ({ file: wordShardFile(prefix), body })),
    ...index.chunks.map((body, i) => ({ file: docChunkFile(i), body })),
    ...[...index.filters].map(([key, body]) => ({ file: filterFile(key), body })),
    ...[...index.full].map(([word, body]) => ({ file: fullPostingsFile(word), body })),
  ];
}
