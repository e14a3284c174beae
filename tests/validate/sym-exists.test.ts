// <Sym> links must land on a page: a record or a symbol of the latest snapshot.
import { describe, expect, it } from 'vitest';
import { tempRepo } from './helpers.ts';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { formatProblem } from '../../src/lib/problems.ts';

const record = (body: string) => `---
symbol: linker
summary: Links to other symbols.
type: EXPORT_SYMBOL
status: stable
subsystem: mm
date: 2020-01-01
threads: [linker@example.invalid]
---

${body}
`;

describe('sym-exists', () => {
  it('accepts a record and a latest-snapshot symbol, refuses anything else', () => {
    const root = tempRepo({
      'content/exports/linker.mdx': record('See <Sym name="valid_record" />, <Sym name="snapshot_only" /> and <Sym name="only_in_old" />.'),
      'content/snapshots/v6.1.tsv':
        '# old | kernel version: 6.1.0\nsymbol\tmacro\tnamespace\tfile\tline\nonly_in_old\tEXPORT_SYMBOL\t\tmm/old.c\t1\n',
    });
    const lines = validateRepository(root).problems.map(formatProblem);
    expect(lines).toEqual([
      'content/exports/linker.mdx:11:67: error: <Sym name="only_in_old"> has no page: it has no record and is not exported in the latest snapshot; write it as `only_in_old` [sym-exists]',
    ]);
  });
});
