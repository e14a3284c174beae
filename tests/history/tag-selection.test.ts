// Which kernel tags `history scan` takes, on tag names as torvalds/linux and the stable repository have them.
import { describe, expect, it } from 'vitest';
import { newerThanHeld, selectTags, TagSelectionError } from '../../src/lib/history/tag-selection.ts';
import type { ReleaseEntry } from '../../src/lib/history/model.ts';

const TAGS = [
  'v2.6.39',
  'v2.6.11-tree',
  'v3.0',
  'v6.1',
  'v6.1.1',
  'v6.1.158',
  'v6.2-rc1',
  'v6.2',
  'v6.19',
  'v6.19.2',
  'next-20250101',
  'v6.10',
  'v6.9',
];

describe('selectTags', () => {
  it.each([
    [{}, ['v3.0', 'v6.1', 'v6.2', 'v6.9', 'v6.10', 'v6.19']],
    [{ stable: true }, ['v3.0', 'v6.1', 'v6.1.1', 'v6.1.158', 'v6.2', 'v6.9', 'v6.10', 'v6.19', 'v6.19.2']],
    [{ rc: true, tags: 'v6.2*' }, ['v6.2-rc1', 'v6.2']],
    [{ tags: 'v6.1*', stable: true }, ['v6.1', 'v6.1.1', 'v6.1.158', 'v6.10', 'v6.19', 'v6.19.2']],
    [{ tags: 'v6.?' }, ['v6.1', 'v6.2', 'v6.9']],
    [{ tags: 'v6.2..v6.10' }, ['v6.2', 'v6.9', 'v6.10']],
    [{ tags: 'v6.1..v6.2', stable: true }, ['v6.1', 'v6.1.1', 'v6.1.158', 'v6.2']],
  ])('%j', (selection, expected) => {
    expect(selectTags(TAGS, selection)).toEqual(expected);
  });

  it.each([
    ['', /--tags is empty/],
    ['v6.2..v6.1', /v6\.2 comes after v6\.1/],
    ['v6.1..latest', /"latest" is not a release name/],
    ['v6.1.0..v6.2', /"v6\.1\.0" is not a release name/],
    ['v6.[12]', /a glob may hold/],
  ])('refuses --tags %j', (tags, message) => {
    expect(() => selectTags(TAGS, { tags })).toThrow(TagSelectionError);
    expect(() => selectTags(TAGS, { tags })).toThrow(message);
  });

  it('--new: after the newest release held, or after the newest held of a line held', () => {
    const held = ['v6.1.1', 'v6.9'].map(
      (release) => ({ release, line: release.slice(1).split('.').slice(0, 2).join('.') }) as ReleaseEntry,
    );
    expect(selectTags(TAGS, { stable: true, only: newerThanHeld(held) })).toEqual(['v6.1.158', 'v6.10', 'v6.19', 'v6.19.2']);
    expect(selectTags(TAGS, { only: newerThanHeld([]) })).toEqual(selectTags(TAGS));
  });
});
