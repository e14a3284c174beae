// Uses the scanner cannot turn into rows are reported with file, line and reason, never dropped
// (issue 17: wrapper chains deeper than 16 and an unclosed EXPORT_SYMBOL( gave neither).
import { describe, expect, it } from 'vitest';
import { lexFile } from '../../src/lib/kernel/lex.ts';
import { createExpander, ExpansionLimit } from '../../src/lib/kernel/preexpand.ts';
import { resolveFile } from '../../src/lib/kernel/resolve.ts';
import { tokenize } from '../../src/lib/kernel/tokens.ts';
import { discoverWrappers } from '../../src/lib/kernel/wrappers.ts';
import type { MacroDefinition } from '../../src/lib/kernel/lex.ts';

function resolve(text: string, file = 'drivers/x/x.c') {
  const lex = lexFile(file, text);
  const found = resolveFile(lex, discoverWrappers([]), { makefileNamespace: () => undefined });
  return {
    rows: found.rows.map((r) => `${r.line} ${r.symbol} ${r.macro}`),
    unresolved: found.unresolved.map((u) => `${u.line} ${u.reason} ${u.raw}`),
  };
}

describe('unresolved uses', () => {
  it('reports an EXPORT_SYMBOL( that never closes', () => {
    expect(resolve('int a;\nEXPORT_SYMBOL(a);\nEXPORT_SYMBOL(cut_off\n')).toEqual({
      rows: ['2 a EXPORT_SYMBOL'],
      unresolved: ['3 unclosed-call EXPORT_SYMBOL'],
    });
  });

  it('reports a wrapper chain deeper than 16 and keeps the rows of a chain of 16', () => {
    const chain = (n: number) =>
      Array.from({ length: n }, (_, i) => `#define EXPORT_W${i + 1}(s) ${i ? `EXPORT_W${i}` : 'EXPORT_SYMBOL'}(s)`).join('\n');
    expect(resolve(`${chain(16)}\nEXPORT_W16(ok);\n`)).toEqual({ rows: ['17 ok EXPORT_W16'], unresolved: [] });
    const deep = resolve(`${chain(20)}\nEXPORT_W20(too_deep);\n`);
    expect(deep.rows).toEqual([]);
    expect(deep.unresolved).toEqual(['21 wrapper-chain-too-deep EXPORT_W20(too_deep)']);
  });
});

describe('the argument pre-expander', () => {
  const def = (text: string, line = 1): MacroDefinition => {
    const m = /^(\w+)(?:\(([^)]*)\))?\s*(.*)$/.exec(text)!;
    return {
      name: m[1]!,
      params: m[2] === undefined ? null : m[2].split(',').map((p) => p.trim()),
      body: tokenize(m[3]!),
      file: 'x.h',
      line,
    };
  };
  const table = (...defs: MacroDefinition[]) => {
    const map = new Map<string, MacroDefinition[]>();
    for (const d of defs) map.set(d.name, [...(map.get(d.name) ?? []), d]);
    return map;
  };
  const texts = (alternatives: ReturnType<ReturnType<typeof createExpander>['expand']>) =>
    alternatives.map((a) => a.map((t) => t.text).join(' '));

  it('gives one result per #if alternative, pastes before expanding and stringifies', () => {
    const t = table(
      def('__ASM_FORM_RAW(x) x'),
      def('__ASM_SEL_RAW(a,b) __ASM_FORM_RAW(a)'),
      def('__ASM_SEL_RAW(a,b) __ASM_FORM_RAW(b)'),
      def('__ASM_REG(reg) __ASM_SEL_RAW(e##reg, r##reg)'),
      def('_ASM_AX __ASM_REG(ax)'),
    );
    expect(texts(createExpander(t).expand(tokenize('_ASM_AX')))).toEqual(['eax', 'rax']);
    expect(texts(createExpander(table(def('MODS kvm-amd,kvm-intel'))).expand(tokenize('"kvm," __stringify(MODS)')))).toEqual([
      '"kvm," "kvm-amd,kvm-intel"',
    ]);
  });

  it('stops a self-referencing macro as cpp does, and bounds the alternatives', () => {
    expect(texts(createExpander(table(def('loop loop + 1'))).expand(tokenize('loop')))).toEqual(['loop + 1']);
    const many = table(...Array.from({ length: 20 }, (_, i) => def(`X v${i}`)));
    expect(() => createExpander(many).expand(tokenize('X'))).toThrow(ExpansionLimit);
  });
});
