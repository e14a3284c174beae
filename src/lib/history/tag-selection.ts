// Which tags of a kernel repository `history scan` takes, and in which order. No Node imports.
//
// Kernel tags name releases: v6.19 (a mainline release), v6.1.158 (a stable point release), v6.19-rc3
// (a release candidate). Mainline releases are always taken; stable point releases with --stable;
// release candidates only with --rc (an -rc is a step towards a release, not one anybody ships, and
// every -rc would fill the timelines with weekly steps). Tags before v3.0 (v2.6.39, whose third number
// is the release, not a point release) and any other tag (v2.6.11-tree, next-20250101) are never taken.
import { compareReleases } from '../kernel/versions.ts';
import { releaseLine, type ReleaseEntry } from './model.ts';
import { isReleaseName } from './releases-file.ts';

export interface TagSelection {
  /** A glob over tag names (v6.*, v6.1.?) or an inclusive range of releases (v6.1..v6.19); default every tag. */
  tags?: string;
  stable?: boolean;
  rc?: boolean;
  /** A further test every selected tag must pass (`--new`: newer than what the store holds). */
  only?: (tag: string) => boolean;
}

export class TagSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TagSelectionError';
  }
}

const KERNEL_TAG = /^v(\d+)\.\d+(\.\d+)?(-rc\d+)?$/;

function globPattern(glob: string): RegExp {
  const body = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** What `--tags` selects, as a test on a release name; throws a TagSelectionError when it is malformed. */
export function tagFilter(spec: string | undefined): (tag: string) => boolean {
  if (spec === undefined) return () => true;
  if (spec.trim() === '') throw new TagSelectionError('--tags is empty: give a glob (v6.*) or a range (v6.1..v6.19)');
  const range = /^(.*)\.\.(.*)$/.exec(spec);
  if (range) {
    const [, from, to] = range as unknown as [string, string, string];
    for (const end of [from, to])
      if (!isReleaseName(end)) throw new TagSelectionError(`--tags ${spec}: "${end}" is not a release name such as v6.1 or v6.1.158`);
    if (compareReleases(from, to) > 0) throw new TagSelectionError(`--tags ${spec}: ${from} comes after ${to}`);
    return (tag) => compareReleases(from, tag) <= 0 && compareReleases(tag, to) <= 0;
  }
  if (!/^[\w.*?-]+$/.test(spec))
    throw new TagSelectionError(
      `--tags "${spec}": a glob may hold letters, digits, ".", "-", "_", "*" and "?" (or give a range v6.1..v6.19)`,
    );
  const pattern = globPattern(spec);
  return (tag) => pattern.test(tag);
}

/**
 * The release tags selected, in the order to scan them: version order (v6.1, v6.1.1, …, v6.1.158,
 * v6.2), which keeps each tree close to the one before it (a stable point release to the previous one,
 * a mainline release to the previous line's newest point), so an incremental scan redoes little.
 */
export function selectTags(tags: readonly string[], selection: TagSelection = {}): string[] {
  const wanted = tagFilter(selection.tags);
  return tags
    .filter((tag) => {
      const m = KERNEL_TAG.exec(tag);
      if (!m || Number(m[1]) < 3 || !isReleaseName(tag) || !wanted(tag) || selection.only?.(tag) === false) return false;
      if (m[3]) return selection.rc === true;
      return m[2] === undefined || selection.stable === true;
    })
    .sort(compareReleases);
}

/**
 * `--new`: the tags after the newest release held, and the point releases of a line held that come
 * after that line's newest release held (v6.1.159 when the store has v6.1.158 and v6.19). What the
 * weekly workflow asks for: the store's older gaps stay as they are.
 */
export function newerThanHeld(releases: readonly ReleaseEntry[]): (tag: string) => boolean {
  const newest = releases.at(-1)?.release;
  const newestOfLine = new Map<string, string>();
  for (const r of releases) newestOfLine.set(r.line, r.release);
  return (tag) => {
    if (newest === undefined || compareReleases(tag, newest) > 0) return true;
    const ofLine = newestOfLine.get(releaseLine(tag));
    return ofLine !== undefined && compareReleases(tag, ofLine) > 0;
  };
}
