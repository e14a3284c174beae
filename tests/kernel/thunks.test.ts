// The x86 retpoline thunks as each era of arch/x86/lib/retpoline.S exports them: X-macros over
// <asm/GEN-for-each-reg.h> (5.8 on) and wrapper arguments that cpp macro-expands before pasting
// (GENERATE_THUNK(_ASM_AX) in 4.14.11 … 5.7). Each fixture copies the real file's export lines.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTree } from '../../src/lib/kernel/scan.ts';
import { REPO_ROOT } from '../../src/lib/project.ts';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/kernel');
const REGS_64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const REGS_32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'];

async function scan(tree: string) {
  const result = await scanTree(path.join(FIXTURES, tree));
  return { rows: result.rows.map((r) => `${r.line} ${r.symbol} ${r.macro} ${r.namespace}`.trim()), unresolved: result.unresolved };
}

/** One row per GEN(reg) call of the included header, at the line of the #include. */
function generated(line: number, prefix: string, macro: string): string[] {
  return [...REGS_64, ...REGS_32].map((reg) => `${line} ${prefix}${reg} ${macro}`).sort();
}

describe('retpoline thunks', () => {
  it('6.19: #define GEN(reg) __EXPORT_THUNK(… ## reg) + #include <asm/GEN-for-each-reg.h>, each GEN in force at its #include', async () => {
    const { rows, unresolved } = await scan('retpoline-6.19');
    const byLine = (line: number) => rows.filter((r) => r.startsWith(`${line} `)).sort();
    // `#define GEN(reg) THUNK reg` (line 20) exports nothing: no rows at its #include (line 21).
    expect(byLine(21)).toEqual([]);
    expect(byLine(27)).toEqual(generated(27, '__x86_indirect_thunk_', '__EXPORT_THUNK'));
    expect(byLine(36)).toEqual(generated(36, '__x86_indirect_call_thunk_', '__EXPORT_THUNK'));
    expect(rows).toContain('41 srso_alias_untrain_ret __EXPORT_THUNK');
    expect(rows).toHaveLength(49);
    expect(rows).toContain('27 __x86_indirect_thunk_rax __EXPORT_THUNK');
    expect(unresolved).toEqual([]);
  });

  it("5.10: GEN calling the file's own pasting wrappers EXPORT_THUNK and EXPORT_RETPOLINE after #undef GEN", async () => {
    const { rows, unresolved } = await scan('retpoline-5.10');
    expect(rows.filter((r) => r.startsWith('21 ')).sort()).toEqual(generated(21, '__x86_indirect_thunk_', 'EXPORT_THUNK'));
    expect(rows.filter((r) => r.startsWith('25 ')).sort()).toEqual(generated(25, '__x86_retpoline_', 'EXPORT_RETPOLINE'));
    expect(rows).toHaveLength(48);
    expect(unresolved).toEqual([]);
  });

  it('5.4: GENERATE_THUNK(_ASM_AX) expands _ASM_AX through asm/asm.h before EXPORT_THUNK pastes it', async () => {
    const { rows, unresolved } = await scan('retpoline-5.4');
    // Not __x86_indirect_thunk__ASM_AX: __ASM_REG(ax) is eax on 32-bit and rax on 64-bit (#ifndef __x86_64__
    // alternatives), and __ASM_FORM_RAW is the bare token in assembler (__ASSEMBLY__ is defined in .S files).
    expect(rows).toEqual([
      '24 __x86_indirect_thunk_eax EXPORT_THUNK',
      '24 __x86_indirect_thunk_rax EXPORT_THUNK',
      '25 __x86_indirect_thunk_ebx EXPORT_THUNK',
      '25 __x86_indirect_thunk_rbx EXPORT_THUNK',
      '26 __x86_indirect_thunk_ebp EXPORT_THUNK',
      '26 __x86_indirect_thunk_rbp EXPORT_THUNK',
      '28 __x86_indirect_thunk_r8 EXPORT_THUNK',
      '29 __x86_indirect_thunk_r15 EXPORT_THUNK',
    ]);
    expect(unresolved).toEqual([]);
  });
});

describe('s390 expolines', () => {
  it('6.19: expands .irp and .macro down to EXPORT_SYMBOL(\\name) in asm/nospec-insn.h, with CONFIG_EXPOLINE_EXTERN on', async () => {
    const { rows, unresolved } = await scan('expoline-6.19');
    // expoline.S:12 calls GEN_ALL_BR_THUNK_EXTERN: .irp r1,1…15 / GEN_BR_THUNK_EXTERN %r\r1 → __DECODE_R's
    // .ifc picks \expand \r1 → __THUNK_EPILOG_NAME __s390_indirect_jump_r<n> → EXPORT_SYMBOL(\name).
    expect(rows).toEqual(Array.from({ length: 15 }, (_, i) => `12 __s390_indirect_jump_r${i + 1} EXPORT_SYMBOL`).sort());
    // mcount.S's GEN_BR_THUNK is the empty macro in that configuration; the template line is no hole.
    expect(unresolved).toEqual([]);
  });
});
