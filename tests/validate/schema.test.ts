// The schema and parser on the founding record, and the rule list against what is emitted.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordSchema } from '../../src/lib/schema.ts';
import { parseRecordFile } from '../../src/lib/records/parse.ts';
import { parseFrontmatter } from '../../src/lib/records/yaml.ts';
import { splitRecord } from '../../src/lib/records/split.ts';
import { RULES, RULE_NAMES } from '../../src/lib/lint/rules.ts';
import { fieldDocs } from '../../src/lib/schema-walk.ts';
import { sitePaths } from '../../src/lib/urls.ts';
import { REPO } from './helpers.ts';

const FOUNDING = 'content/exports/alloc_pages_vma.mdx';

describe('the founding record', () => {
  const bytes = fs.readFileSync(path.join(REPO, FOUNDING));

  it('passes the schema', () => {
    const split = splitRecord(bytes);
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    const yaml = parseFrontmatter(split.value.frontmatter, split.value.frontmatterLine);
    expect(yaml.ok).toBe(true);
    if (!yaml.ok) return;
    const parsed = recordSchema.safeParse(yaml.data);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data).toMatchObject({ symbol: 'alloc_pages_vma', type: 'unexported', status: 'removed', replaced_by: 'vma_alloc_folio' });
    // Threads are stored normalised.
    expect(parsed.data?.threads[0]).toEqual({
      messageId: '20190613094326.24093-6-hch@lst.de',
      url: 'https://lore.kernel.org/r/20190613094326.24093-6-hch@lst.de',
      role: 'patch',
      note: '[PATCH 05/22] mm: export alloc_pages_vma, proposing EXPORT_SYMBOL_GPL',
    });
    expect(parsed.data?.history?.[0]?.thread).toMatchObject({ messageId: '20190613094326.24093-6-hch@lst.de', role: undefined });
  });

  it('parses with no problems and renders its body', () => {
    const parsed = parseRecordFile(FOUNDING, bytes, sitePaths('/'));
    expect(parsed.problems).toEqual([]);
    expect(parsed.data?.symbol).toBe('alloc_pages_vma');
    expect(parsed.html).toContain('<a class="sym" href="/symbols/vma_alloc_folio_noprof/"><code>vma_alloc_folio_noprof</code></a>');
  });
});

describe('cross-field rules run even when other fields fail', () => {
  const base = {
    symbol: 'x',
    summary: 's',
    subsystem: 'mm',
    date: '2024-01-15',
    threads: ['a@example.org'],
  };
  const rulesOf = (data: object) =>
    (recordSchema.safeParse(data).error?.issues ?? []).map((i) => (i as { params?: { rule?: string } }).params?.rule ?? i.code);

  it('reports a missing namespace next to an unknown field', () => {
    expect(rulesOf({ ...base, type: 'EXPORT_SYMBOL_NS', status: 'testing', bogus: 1 })).toEqual([
      'unrecognized_keys',
      'namespace-for-type',
    ]);
  });

  it('reports a missing reason next to a bad date', () => {
    expect(rulesOf({ ...base, type: 'EXPORT_SYMBOL', status: 'obsolete', date: '2024-02-30' })).toEqual(['date-real', 'reason-required']);
  });

  it('does not guess when a field it reads is itself wrong', () => {
    // type is not an export type: whether it takes a namespace is unknowable, so only the enum is reported.
    expect(rulesOf({ ...base, type: 'EXPORT_SYMBOL_NSS', status: 'testing', namespace: 'CXL' })).toEqual(['invalid_value']);
    expect(rulesOf({ ...base, type: 'unexported', status: 'remvoed' })).toEqual(['invalid_value']);
  });

  it('does not run on a frontmatter that is not a mapping', () => {
    expect(rulesOf(['a', 'b'] as unknown as object)).toEqual(['invalid_type']);
  });
});

describe('rules', () => {
  it('have unique names', () => {
    expect(RULE_NAMES.size).toBe(RULES.length);
  });

  it('name the required fields the schema requires', () => {
    const required = fieldDocs(recordSchema)
      .filter((f) => f.required)
      .map((f) => f.name);
    const described = RULES.find((r) => r.name === 'required-field')!.description;
    expect(described).toContain(`(${required.join(', ')})`);
  });

  it('every rule named in src/lib is listed in rules.ts', () => {
    const named = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (file.endsWith('.ts') && !file.endsWith('rules.ts')) {
          const text = fs.readFileSync(file, 'utf8');
          for (const m of text.matchAll(/\brule(?:\(|: )'([a-z0-9-]+)'/g)) named.add(m[1]!);
          for (const m of text.matchAll(/(?:at|report)\([^)]*?'([a-z0-9]+(?:-[a-z0-9]+)+)'/g)) named.add(m[1]!);
        }
      }
    };
    walk(path.join(REPO, 'src/lib'));
    expect(named.size).toBeGreaterThan(15);
    expect([...named].filter((n) => !RULE_NAMES.has(n))).toEqual([]);
  });
});
