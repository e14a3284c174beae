import { describe, expect, it } from 'vitest';
import { lexFile } from '../../src/lib/kernel/lex.ts';
import { resolveFile } from '../../src/lib/kernel/resolve.ts';
import { callText, tokenize } from '../../src/lib/kernel/tokens.ts';
import { discoverWrappers, generatorsFor, generatorsOf } from '../../src/lib/kernel/wrappers.ts';

/** Rows of one .c file on its own, as `line symbol macro namespace`. */
function rows(text: string, file = 'drivers/x/x.c'): string[] {
  const lex = lexFile(file, text);
  return resolveFile(lex, discoverWrappers([]), { makefileNamespace: () => undefined }).rows.map((r) =>
    `${r.line} ${r.symbol} ${r.macro} ${r.namespace}`.trim(),
  );
}

describe('lexFile', () => {
  it('counts lines across CRLF endings, continuations and multi-line comments', () => {
    const text = '/* one\r\n two */\r\nint a;\r\nEXPORT_SYMBOL(a);\r\n#define X \\\r\n  1\r\nEXPORT_SYMBOL_GPL(b);\r\n';
    expect(rows(text)).toEqual(['4 a EXPORT_SYMBOL', '7 b EXPORT_SYMBOL_GPL']);
  });

  it('ends an unterminated quote at the end of its line, as cpp does in assembler files', () => {
    expect(rows("\tmov r0, #'a  @ it's a char\nEXPORT_SYMBOL(after_quote)\n", 'arch/arm/lib/x.S')).toEqual(['2 after_quote EXPORT_SYMBOL']);
  });

  it('keeps escaped quotes inside strings and character literals', () => {
    expect(rows('char *s = "a \\" EXPORT_SYMBOL(no) \\\\"; char c = \'\\\'\';\nEXPORT_SYMBOL(yes);\n')).toEqual(['2 yes EXPORT_SYMBOL']);
  });

  it('skips the whole #if 0 block but keeps #elif and #else branches', () => {
    const text = [
      '#if 0',
      'EXPORT_SYMBOL(a);',
      '#elif defined(CONFIG_B)',
      'EXPORT_SYMBOL(b);',
      '#else',
      'EXPORT_SYMBOL(c);',
      '#endif',
      '',
    ].join('\n');
    const lex = lexFile('x.c', text);
    expect(lex.calls.map((c) => `${c.line} ${c.dead}`)).toEqual(['2 true', '4 false', '6 false']);
  });

  it('treats `#if (0)` with a comment as dead too', () => {
    expect(lexFile('x.c', '#if (0) /* disabled */\nEXPORT_SYMBOL(a);\n#endif\n').calls[0]!.dead).toBe(true);
  });

  it('does not take identifiers that merely contain a generator name for uses', () => {
    const lex = lexFile('x.c', 'ALIAS_MV(a)\nMY_ALIAS_MV(b)\nALIAS_MV_OTHER(c)\n', ['ALIAS_MV']);
    expect(lex.calls.map((c) => `${c.line} ${c.name}`)).toEqual(['1 ALIAS_MV']);
  });

  it('records #defines mentioning EXPORT with their body tokens and lines', () => {
    const lex = lexFile('x.h', 'int x;\n#define W(sym) \\\n\tEXPORT_SYMBOL_GPL(sym)\n#define OTHER 1\n');
    expect(
      lex.defines.map((d) => ({ name: d.name, params: d.params, line: d.line, body: d.body.map((t) => `${t.line}:${t.text}`) })),
    ).toEqual([{ name: 'W', params: ['sym'], line: 2, body: ['3:EXPORT_SYMBOL_GPL', '3:(', '3:sym', '3:)'] }]);
  });
});

describe('tokens', () => {
  it('reads pp-numbers, $ identifiers, strings and punctuators', () => {
    expect(tokenize('9p_fid_ref $$divI "a\\"b" ## ... #x').map((t) => `${t.kind}:${t.text}`)).toEqual([
      'number:9p_fid_ref',
      'ident:$$divI',
      'string:"a\\"b"',
      'punct:##',
      'punct:...',
      'punct:#',
      'ident:x',
    ]);
  });

  it('prints calls compactly', () => {
    expect(callText('EXPORT_SYMBOL_FOR_MODULES', [tokenize('sym'), tokenize('"kvm,"   __stringify( X )')])).toBe(
      'EXPORT_SYMBOL_FOR_MODULES(sym,"kvm," __stringify(X))',
    );
  });
});

describe('generators', () => {
  const defines = [
    lexFile('include/linux/pgtable.h', '#define DECLARE_VM_GET_PAGE_PROT \\\nEXPORT_SYMBOL(vm_get_page_prot);\n'),
    lexFile('arch/alpha/kernel/machvec_impl.h', '#define ALIAS_MV(system) EXPORT_SYMBOL(alpha_mv);\n'),
    lexFile('arch/x86/include/asm/thunk.h', '#define DECLARE_THUNK(x) EXPORT_SYMBOL(x)\n'),
    lexFile('include/linux/iwl.h', '#define IWL_EXPORT_SYMBOL(sym) EXPORT_SYMBOL_NS_GPL(sym, "IWLWIFI")\n'),
  ].flatMap((l) => l.defines);
  const generators = generatorsOf(discoverWrappers(defines));

  it('are the header wrappers without EXPORT in their name, private headers reaching only their subtree', () => {
    expect(generators).toEqual([
      { name: 'DECLARE_VM_GET_PAGE_PROT', scope: '' },
      { name: 'ALIAS_MV', scope: 'arch/alpha/' },
      { name: 'DECLARE_THUNK', scope: '' },
    ]);
    expect(generatorsFor('arch/alpha/kernel/sys_dp264.c', generators)).toEqual(['DECLARE_VM_GET_PAGE_PROT', 'ALIAS_MV', 'DECLARE_THUNK']);
    expect(generatorsFor('mm/mmap.c', generators)).toEqual(['DECLARE_VM_GET_PAGE_PROT', 'DECLARE_THUNK']);
  });
});

describe("a file's own generators", () => {
  it('paste the symbol of each use, with the definition in force at the use (lib/atomic64.c)', () => {
    const text = [
      '#define ATOMIC64_OP(op, c_op) s64 generic_atomic64_##op(s64 a) { } EXPORT_SYMBOL(generic_atomic64_##op);',
      '#define ATOMIC64_OP_RETURN(op, c_op) s64 r; EXPORT_SYMBOL(generic_atomic64_##op##_return);',
      '#define ATOMIC64_OPS(op, c_op) ATOMIC64_OP(op, c_op) ATOMIC64_OP_RETURN(op, c_op)',
      'ATOMIC64_OPS(add, +=)',
      '#undef ATOMIC64_OPS',
      '#define ATOMIC64_OPS(op, c_op) ATOMIC64_OP(op, c_op)',
      'ATOMIC64_OPS(and, &=)',
    ].join('\n');
    // No generic_atomic64_and_return: the second ATOMIC64_OPS replaced the first.
    expect(rows(text, 'lib/atomic64.c')).toEqual([
      '4 generic_atomic64_add EXPORT_SYMBOL',
      '4 generic_atomic64_add_return EXPORT_SYMBOL',
      '7 generic_atomic64_and EXPORT_SYMBOL',
    ]);
  });

  it('keep #ifdef / #else definitions as alternatives', () => {
    const text = [
      '#ifdef CONFIG_X',
      '#define GEN(n) EXPORT_SYMBOL(x_##n)',
      '#else',
      '#define GEN(n) EXPORT_SYMBOL(y_##n)',
      '#endif',
      'GEN(one);',
    ].join('\n');
    expect(rows(text)).toEqual(['6 x_one EXPORT_SYMBOL', '6 y_one EXPORT_SYMBOL']);
  });
});

describe('variadic forwarding', () => {
  it('splits a forwarded __VA_ARGS__ into arguments again, as cpp rescans (arm64 atomic_ll_sc.h ATOMIC_OPS)', () => {
    const text = [
      '#define ATOMIC_OP(op, asm_op) EXPORT_SYMBOL(atomic_##op);',
      '#define ATOMIC_OPS(...) ATOMIC_OP(__VA_ARGS__)',
      'ATOMIC_OPS(add, add)',
    ].join('\n');
    expect(rows(text)).toEqual(['3 atomic_add EXPORT_SYMBOL']);
  });
});
