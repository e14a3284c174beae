// The build's cache of parsed records (lint/build-records.ts): one base file holding every record,
// and a small file of what changed since, so a rebuild after editing a few records writes a few
// kilobytes instead of the whole cache (300 MB at 40,000 generated records). Both are v8-serialized;
// a file that is absent, unreadable or written for another key is ignored (every file is parsed).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import type { PortableParsed } from './portable.ts';
import type { RecordData } from '../schema.ts';

export interface CachedRecord {
  /** The digest of the file's bytes the record was parsed from. */
  digest: string;
  record: PortableParsed<RecordData>;
}

/** Relative file name → its cached record. */
export type CachedRecords = Map<string, CachedRecord>;

export interface RecordCache {
  entries: CachedRecords;
  /** The base file this came from: its id and the digests it holds, to write only the changes next time. */
  base?: { id: string; digests: Map<string, string> };
}

interface BaseFile {
  key: string;
  id: string;
  entries: CachedRecords;
}

interface ChangesFile {
  key: string;
  /** The id of the base file these changes apply to. */
  base: string;
  changed: CachedRecords;
  removed: string[];
}

const changesFile = (file: string) => `${file}.changes`;

/** The records cached under `key` (the code and base path they were rendered with); empty when none are. */
export function readRecordCache(file: string, key: string): RecordCache {
  const base = readV8<BaseFile>(file);
  if (base?.key !== key || !(base.entries instanceof Map)) return { entries: new Map() };
  const digests = new Map([...base.entries].map(([rel, e]) => [rel, e.digest]));
  const changes = readV8<ChangesFile>(changesFile(file));
  if (changes?.key === key && changes.base === base.id && changes.changed instanceof Map) {
    for (const [rel, entry] of changes.changed) base.entries.set(rel, entry);
    for (const rel of changes.removed) base.entries.delete(rel);
  }
  return { entries: base.entries, base: { id: base.id, digests } };
}

/**
 * Writes `entries` as the cache for `key`: only the changes against the base read before when they
 * are few (at most a twentieth of the records, or 64), else a new base.
 */
export function writeRecordCache(file: string, key: string, entries: CachedRecords, previous: RecordCache): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const base = previous.base;
  if (base) {
    const changed: CachedRecords = new Map();
    for (const [rel, entry] of entries) if (base.digests.get(rel) !== entry.digest) changed.set(rel, entry);
    const removed = [...base.digests.keys()].filter((rel) => !entries.has(rel));
    if (changed.size + removed.length <= Math.max(64, entries.size / 20)) {
      writeV8(changesFile(file), { key, base: base.id, changed, removed } satisfies ChangesFile);
      return;
    }
  }
  // A new base makes any changes file stale (it names the old base's id); it is removed after.
  writeV8(file, { key, id: randomUUID(), entries } satisfies BaseFile);
  fs.rmSync(changesFile(file), { force: true });
}

function readV8<T>(file: string): T | undefined {
  try {
    return v8.deserialize(fs.readFileSync(file)) as T;
  } catch {
    return undefined;
  }
}

/** Written aside and renamed, so a build cut off mid-write leaves the previous file or none. */
function writeV8(file: string, value: unknown): void {
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, v8.serialize(value));
  fs.renameSync(partial, file);
}
