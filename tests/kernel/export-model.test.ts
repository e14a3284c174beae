// The export model: what each macro family exports to the linker, per release; GPL-ness through
// wrappers; namespaces and module lists in words; the scope of a row.
import { describe, expect, it } from 'vitest';
import {
  describeModules,
  describeNamespace,
  exportEntity,
  exportKind,
  linkerSymbols,
  pathSubsystem,
  rowArch,
  rowsArches,
} from '../../src/lib/kernel/export-model.ts';
import { kernelArch } from '../../src/lib/vocabulary.ts';

const names = (symbol: string, macro: string, release = '') => linkerSymbols({ symbol, macro }, release).map((l) => l.name);

describe('linker symbols per macro family', () => {
  it('plain, GPL, namespaced, module-restricted, per-CPU and wrapper exports export the name itself', () => {
    for (const macro of [
      'EXPORT_SYMBOL',
      'EXPORT_SYMBOL_GPL',
      'EXPORT_SYMBOL_NS_GPL',
      'EXPORT_SYMBOL_FOR_MODULES',
      'EXPORT_PER_CPU_SYMBOL',
      'IWL_EXPORT_SYMBOL',
      '__EXPORT_THUNK',
    ]) {
      expect(names('x', macro)).toEqual(['x']);
    }
  });

  it('a tracepoint exports __tracepoint_X before v5.10, and also __traceiter_X and its tp_func_ static call since', () => {
    // include/linux/tracepoint.h of v5.9.4: EXPORT_SYMBOL_GPL(__tracepoint_##name) only.
    expect(names('kmalloc', 'EXPORT_TRACEPOINT_SYMBOL_GPL', 'v5.9.4')).toEqual(['__tracepoint_kmalloc']);
    expect(names('kmalloc', 'EXPORT_TRACEPOINT_SYMBOL', 'v3.10.105')).toEqual(['__tracepoint_kmalloc']);
    // v5.10.89 to v6.19: plus __traceiter_##name and EXPORT_STATIC_CALL(tp_func_##name).
    for (const release of ['v5.10.89', 'v6.1.158', 'v6.19', '']) {
      expect(names('kmalloc', 'EXPORT_TRACEPOINT_SYMBOL', release)).toEqual([
        '__tracepoint_kmalloc',
        '__traceiter_kmalloc',
        '__SCK__tp_func_kmalloc',
        '__SCT__tp_func_kmalloc',
      ]);
    }
    expect(linkerSymbols({ symbol: 'kmalloc', macro: 'EXPORT_TRACEPOINT_SYMBOL' }, 'v6.19')[3]!.condition).toMatch(
      /CONFIG_HAVE_STATIC_CALL/,
    );
  });

  it('a static call exports its key and trampoline; a trampoline-only export leaves the key unexported', () => {
    expect(names('pv_sched_clock', 'EXPORT_STATIC_CALL_GPL')).toEqual(['__SCK__pv_sched_clock', '__SCT__pv_sched_clock']);
    expect(names('might_resched', 'EXPORT_STATIC_CALL_TRAMP')).toEqual(['__SCT__might_resched']);
    expect(names('cond_resched', 'EXPORT_STATIC_CALL_TRAMP_GPL')).toEqual(['__SCT__cond_resched']);
    expect(['EXPORT_TRACEPOINT_SYMBOL_GPL', 'EXPORT_STATIC_CALL', 'EXPORT_STATIC_CALL_TRAMP', 'EXPORT_SYMBOL'].map(exportEntity)).toEqual([
      'tracepoint',
      'static-call',
      'static-call-trampoline',
      'symbol',
    ]);
  });
});

describe('type, GPL-ness and namespace of a row', () => {
  it('reads GPL wrappers whose name does not say GPL (iwlwifi, ACPI, cgroup) and module restrictions', () => {
    expect(exportKind({ macro: 'IWL_EXPORT_SYMBOL', namespace: 'IWLWIFI' })).toEqual({
      type: 'EXPORT_SYMBOL_NS_GPL',
      gplOnly: true,
      namespace: 'IWLWIFI',
      alternatives: ['IWLWIFI'],
    });
    expect(exportKind({ macro: 'CGROUP_REF_EXPORT', namespace: '' }).type).toBe('EXPORT_SYMBOL_GPL');
    expect(exportKind({ macro: 'EXPORT_SYMBOL_FWTBL_LIB', namespace: 'ACPI|CXL' })).toMatchObject({
      type: 'EXPORT_SYMBOL_NS_GPL',
      namespace: 'ACPI',
      alternatives: ['ACPI', 'CXL'],
    });
    expect(exportKind({ macro: 'EXPORT_SYMBOL_FOR_KVM', namespace: 'module:kvm,kvm-amd,kvm-intel|module:kvm' })).toMatchObject({
      type: 'EXPORT_SYMBOL_FOR_MODULES',
      gplOnly: true,
      namespace: 'kvm,kvm-amd,kvm-intel',
      modules: ['kvm', 'kvm-amd', 'kvm-intel'],
    });
  });

  it('puts namespaces and module lists in words, never ${…} or a|b', () => {
    expect(describeNamespace('')).toBe('');
    expect(describeNamespace('DMA_BUF')).toBe('DMA_BUF');
    expect(describeNamespace('ACPI|CXL')).toBe('ACPI or CXL (depends on configuration)');
    expect(describeNamespace('module:kvm,kvm-amd,kvm-intel|module:kvm')).toBe('only KVM and its vendor modules (kvm-amd, kvm-intel)');
    expect(describeNamespace('module:kvm,${KVM_SUB_MODULES}|module:kvm')).toBe(
      "only KVM and its vendor modules (the modules that KVM_SUB_MODULES lists in the build's configuration)",
    );
    expect(describeNamespace('module:i915')).toBe('only the module i915');
    expect(describeModules(['snd-hda-codec', 'snd-hda-intel', 'snd-sof'])).toBe('the modules snd-hda-codec, snd-hda-intel and snd-sof');
  });
});

describe('scope', () => {
  it('gives the architecture of arch/ code and none (every architecture) elsewhere', () => {
    expect(['arch/x86/lib/retpoline.S', 'arch/s390/kernel/fpu.c', 'mm/slub.c', 'arch/Kconfig'].map(rowArch)).toEqual([
      'x86',
      's390',
      undefined,
      undefined,
    ]);
    expect(rowsArches([{ file: 'arch/riscv/kernel/kernel_mode_fpu.c' }, { file: 'arch/loongarch/kernel/kfpu.c' }])).toEqual([
      'loongarch',
      'riscv',
    ]);
    expect(rowsArches([{ file: 'arch/riscv/x.c' }, { file: 'kernel/x.c' }])).toBeUndefined();
    expect(['x86_64', 'i386', 'aarch64', 'ppc64le', 's390x', 'arm64', 'vax'].map(kernelArch)).toEqual([
      'x86',
      'x86',
      'arm64',
      'powerpc',
      's390',
      'arm64',
      undefined,
    ]);
    expect(['mm/slub.c', 'drivers/gpu/drm/drm_a.c', 'Makefile.c'].map(pathSubsystem)).toEqual(['mm', 'drivers/gpu', '(top level)']);
  });
});
