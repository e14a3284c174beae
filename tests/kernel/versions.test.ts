// Which release carries another's changes: what the validator's history rules rely on to tell a
// contradiction from a stable backport.
import { describe, expect, it } from 'vitest';
import { isBuiltOn } from '../../src/lib/kernel/versions.ts';

describe('isBuiltOn', () => {
  it.each([
    ['v5.12.9', 'v5.12', true], // a point release of the line
    ['v5.10.220', 'v5.10.89', true], // a later point release of the same line
    ['v5.10.89', 'v5.10.220', false],
    ['v5.12.9', 'v5.11', true], // a later line, on a mainline release
    ['v6.1.158', 'v5.0', true],
    ['v5.3', 'v5.3-rc1', true], // a release on its own candidates
    ['v5.4', 'v5.4-rc2', true],
    ['v5.4-rc2', 'v5.4', false],
    ['v5.9', 'v4.19.304', false], // a stable point release of an older line is a branch (backports)
    ['v5.9', 'v5.4.286', false],
    ['v5.0', 'v5.0', true],
    ['v4.19.304', 'v5.0', false], // never on a later line
    ['v6.19', 'v7.0', false],
  ])('%s is built on %s: %s', (release, earlier, expected) => {
    expect(isBuiltOn(release, earlier)).toBe(expected);
  });
});
