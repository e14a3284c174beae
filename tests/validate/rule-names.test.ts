// Every problem carries the rule that produced it: the schemas' formats and fixed values have their
// rule declared (FIELD_RULES), every rule of the registry is produced by a corpus row, and no message
// is zod's own wording.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { RULES } from '../../src/lib/lint/rules.ts';
import { FIELD_RULES, mechanismSchema, recordSchema } from '../../src/lib/schema.ts';
import { ROWS } from './corpus-rows.ts';

type Def = {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  in?: z.core.$ZodType;
  out?: z.core.$ZodType;
  checks?: { _zod: { def: { format?: string } } }[];
};
const def = (s: z.core.$ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Field names whose schema (looking through wrappers) has a regex, or is an enum. */
function checkedFields(
  schema: z.core.$ZodType,
  field: string,
  out: { format: Set<string>; enum: Set<string> },
  seen = new Set<z.core.$ZodType>(),
): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  const d = def(schema);
  if (d.checks?.some((c) => c._zod.def.format === 'regex')) out.format.add(field);
  if (d.type === 'enum') out.enum.add(field);
  for (const [key, inner] of Object.entries(d.shape ?? {})) checkedFields(inner, key, out, seen);
  for (const inner of [d.element, d.innerType, d.in, d.out, ...(d.options ?? [])]) if (inner) checkedFields(inner, field, out, seen);
}

/** Rules a file's content cannot produce (a corpus row is file content), with the test that produces them. */
const ELSEWHERE: Record<string, string> = {
  'record-entry': 'tests/hostile/record-entries.test.ts (symbolic links, directories, FIFOs, hidden files)',
  'record-unreadable': 'none: the safety net for an exception inside parseRecordFile; no known input produces it',
};

describe('rule names', () => {
  it('every field with a format or fixed values has its rule declared next to the schema', () => {
    const found = { format: new Set<string>(), enum: new Set<string>() };
    for (const schema of [recordSchema, mechanismSchema]) checkedFields(schema as unknown as z.core.$ZodType, '', found);
    expect([...found.format].filter((f) => !(f in FIELD_RULES.format))).toEqual([]);
    expect([...found.enum].filter((f) => !(f in FIELD_RULES.enum))).toEqual([]);
    const registered = new Set(RULES.map((r) => r.name));
    for (const name of [...Object.values(FIELD_RULES.format), ...Object.values(FIELD_RULES.enum)]) expect(registered).toContain(name);
  });

  it('every rule of the registry is produced by at least one corpus row', () => {
    const produced = new Set(ROWS.flatMap((r) => r.expected.map((line) => /\[([a-z0-9-]+)\]$/.exec(line)?.[1])));
    for (const name of Object.keys(ELSEWHERE)) produced.add(name);
    expect(RULES.map((r) => r.name).filter((name) => !produced.has(name))).toEqual([]);
  });

  it('no corpus message is zod wording', () => {
    const zodWords = /Too (small|big)|Invalid (input|string|option)|expected (string|array|object|number)|Unrecognized key/;
    expect(ROWS.flatMap((r) => r.expected).filter((line) => zodWords.test(line))).toEqual([]);
  });
});
