// Issue 17, class 1: names that map to one page are one name. A subsystem or namespace spelled
// differently from the spelling the page already has (MM beside mm, fixture_ns beside FIXTURE_NS,
// x86-fpu beside x86/fpu) is refused by the validator and the build, with the existing spelling as
// the hint, so a page never drops a record.
import { describe, expect, it } from 'vitest';
import { validateRepository } from '../../src/lib/lint/validate.ts';
import { formatProblem } from '../../src/lib/problems.ts';
import { validRecord, E } from '../validate/corpus-rows.ts';
import { REPO, tempRepo } from '../validate/helpers.ts';
import fs from 'node:fs';
import path from 'node:path';
import { runLoader } from './loader.ts';

const withField = (symbol: string, fields: Record<string, string>) => {
  let text = validRecord(symbol);
  for (const [field, value] of Object.entries(fields)) {
    text = new RegExp(`^${field}: `, 'm').test(text)
      ? text.replace(new RegExp(`^${field}: .*$`, 'm'), `${field}: ${value}`)
      : text.replace('date: 2024-01-15', `date: 2024-01-15\n${field}: ${value}`);
  }
  return text;
};
const lines = (root: string) => validateRepository(root).problems.map(formatProblem);

describe('name-collision', () => {
  it('refuses MM beside mm, naming the spelling the page has', async () => {
    const root = tempRepo({
      [`${E}/aa_first.mdx`]: withField('aa_first', { subsystem: 'mm' }),
      [`${E}/ab_second.mdx`]: withField('ab_second', { subsystem: 'mm' }),
      [`${E}/a_upper.mdx`]: withField('a_upper', { subsystem: 'MM' }),
    });
    const expected = [
      `${E}/a_upper.mdx:6:12: error: subsystem "MM" would share the page /subsystems/mm/ with "mm" (used by 3 records, e.g. ${E}/aa_first.mdx); write "mm" [name-collision]`,
    ];
    expect(lines(root)).toEqual(expected);
    expect((await runLoader(root)).errors).toEqual(expected);
  });

  it('the majority wins even when it is not the kernel convention; the hint names it', () => {
    const root = tempRepo({
      [`${E}/ns_one.mdx`]: withField('ns_one', { type: 'EXPORT_SYMBOL_NS', namespace: 'fixture' }),
      [`${E}/ns_two.mdx`]: withField('ns_two', { type: 'EXPORT_SYMBOL_NS', namespace: 'fixture' }),
    });
    // valid_record (the base fixture) says FIXTURE: one record against two.
    expect(lines(root)).toEqual([
      `${E}/valid_record.mdx:5:12: error: namespace "FIXTURE" would share the page /namespaces/fixture/ with "fixture" (used by 2 records, e.g. ${E}/ns_one.mdx); write "fixture" [name-collision]`,
    ]);
  });

  it('FIXTURE_NS beside fixture_ns, and paths that slug alike (x86/fpu, x86-fpu)', () => {
    const root = tempRepo({
      [`${E}/ns_upper.mdx`]: withField('ns_upper', { type: 'EXPORT_SYMBOL_NS_GPL', namespace: 'FIXTURE_NS' }),
      [`${E}/ns_lower.mdx`]: withField('ns_lower', { type: 'EXPORT_SYMBOL_NS_GPL', namespace: 'fixture_ns' }),
      [`${E}/fpu_slash.mdx`]: withField('fpu_slash', { subsystem: 'x86/fpu' }),
      [`${E}/fpu_dash.mdx`]: withField('fpu_dash', { subsystem: 'x86-fpu' }),
    });
    expect(lines(root)).toEqual([
      `${E}/fpu_slash.mdx:6:12: error: subsystem "x86/fpu" would share the page /subsystems/x86-fpu/ with "x86-fpu" (used by ${E}/fpu_dash.mdx); write "x86-fpu" [name-collision]`,
      `${E}/ns_lower.mdx:8:12: error: namespace "fixture_ns" would share the page /namespaces/fixture_ns/ with "FIXTURE_NS" (used by ${E}/ns_upper.mdx); write "FIXTURE_NS" [name-collision]`,
    ]);
  });

  it('module lists of EXPORT_SYMBOL_FOR_MODULES share the module: page', () => {
    const root = tempRepo({
      [`${E}/for_kvm.mdx`]: withField('for_kvm', { type: 'EXPORT_SYMBOL_FOR_MODULES', namespace: 'kvm' }),
      [`${E}/for_kvm_upper.mdx`]: withField('for_kvm_upper', { type: 'EXPORT_SYMBOL_FOR_MODULES', namespace: 'KVM' }),
    });
    expect(lines(root)).toEqual([
      `${E}/for_kvm_upper.mdx:8:12: error: namespace "KVM" would share the page /namespaces/module-kvm/ with "kvm" (used by ${E}/for_kvm.mdx); write "kvm" [name-collision]`,
    ]);
  });

  it("a mechanism decision's namespace shares the page too", async () => {
    const mechanism = fs.readFileSync(path.join(REPO, 'content/mechanisms/dma-buf-namespace-2021.mdx'));
    const root = tempRepo({
      'content/mechanisms/dma-buf-namespace-2021.mdx': mechanism,
      [`${E}/lower_dma.mdx`]: withField('lower_dma', { type: 'EXPORT_SYMBOL_NS_GPL', namespace: 'dma_buf' }),
    });
    const expected = [
      `${E}/lower_dma.mdx:8:12: error: namespace "dma_buf" would share the page /namespaces/dma_buf/ with "DMA_BUF" (used by content/mechanisms/dma-buf-namespace-2021.mdx); write "DMA_BUF" [name-collision]`,
    ];
    expect(lines(root)).toEqual(expected);
    expect((await runLoader(root)).errors).toEqual(expected);
  });

  it('one spelling per page passes', () => {
    const root = tempRepo({ [`${E}/plain_mm.mdx`]: withField('plain_mm', { subsystem: 'mm' }) });
    expect(lines(root)).toEqual([]);
  });
});
