import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatScanTsv } from '../../src/lib/kernel/scan-output.ts';
import { capWorkers, scanTree, ScanError, type ScanResult } from '../../src/lib/kernel/scan.ts';
import { availableParallelism } from 'node:os';
import { REPO_ROOT } from '../../src/lib/project.ts';

const FIXTURES = path.join(REPO_ROOT, 'tests/fixtures/kernel');

/** The TSV body (header line and rows) without the first-line comment, which names the absolute path. */
function rowsTsv(result: ScanResult): string {
  return formatScanTsv(result).split('\n').slice(1).join('\n');
}

function tsv(lines: string[]): string {
  return ['symbol\tmacro\tnamespace\tfile\tline', ...lines.map((l) => l.split(' | ').join('\t'))].join('\n') + '\n';
}

describe('scanTree on a 6.19-style fixture tree', async () => {
  const result = await scanTree(path.join(FIXTURES, 'modern'));

  it('names the tree and the version from the top Makefile in the first line', () => {
    expect(formatScanTsv(result).split('\n')[0]).toBe(
      `# source: kernel tree ${path.join(FIXTURES, 'modern')} | kernel version: 6.19.0 (VERSION=6 PATCHLEVEL=19 SUBLEVEL=0 EXTRAVERSION=) | extracted by npm run scan`,
    );
  });

  it('finds every export, with wrappers, generators, aliases and effective namespaces', () => {
    expect(rowsTsv(result)).toBe(
      tsv([
        // Header generators without EXPORT in their name, used in files that never mention EXPORT.
        'alpha_mv | EXPORT_SYMBOL |  | arch/alpha/kernel/sys_fixture.c | 7',
        'vm_get_page_prot | EXPORT_SYMBOL |  | arch/arc/mm/mmap.c | 6',
        // An object-like alias #defined in both branches of an #ifdef/#else: one row per alternative.
        'clear_page | EXPORT_SYMBOL |  | arch/mips/mm/page-funcs.S | 12',
        'clear_page_cpu | EXPORT_SYMBOL |  | arch/mips/mm/page-funcs.S | 12',
        'memcpy | EXPORT_SYMBOL |  | arch/powerpc/lib/memcpy_64.S | 7',
        // A wrapper that pastes the symbol together.
        '__memcpy | EXPORT_SYMBOL_KASAN |  | arch/powerpc/lib/memcpy_64.S | 8',
        // #ifndef FUNC_NAME / #define FUNC_NAME memcpy: the default.
        'memcpy | EXPORT_SYMBOL |  | arch/sparc/lib/U1memcpy.S | 9',
        // KVM_SUB_MODULES from arch/x86/include/asm/kvm_types.h: the union of its #if alternatives.
        'kvm_x86_helper | EXPORT_SYMBOL_FOR_KVM | module:kvm,kvm-amd,kvm-intel|module:kvm | arch/x86/kvm/fixture.c | 5',
        'kvm_x86_internal | EXPORT_SYMBOL_FOR_KVM_INTERNAL | module:kvm-amd,kvm-intel | arch/x86/kvm/fixture.c | 6',
        '__memcpy | EXPORT_SYMBOL |  | arch/x86/lib/memcpy_64.S | 8',
        // subdir-ccflags-y reaches subdirectories.
        'cdx_controller_fn | EXPORT_SYMBOL_GPL | CDX_BUS | drivers/cdx/controller/cdx_controller.c | 2',
        // A wrapper chain defined in a .c file, outer before inner.
        'outer_fn | MISC_EXPORT_OUTER | MISC | drivers/misc/local-wrappers.c | 8',
        'inner_fn | MISC_EXPORT_INNER | MISC | drivers/misc/local-wrappers.c | 9',
        'local_fn | EXPORT_SYMBOL_MISC_LOCAL |  | drivers/misc/local-wrappers.c | 10',
        'plain | EXPORT_SYMBOL |  | drivers/misc/traps.c | 15',
        'split_over_lines | EXPORT_SYMBOL_GPL |  | drivers/misc/traps.c | 16',
        'spaced_out | EXPORT_SYMBOL |  | drivers/misc/traps.c | 19',
        'commented_gap | EXPORT_SYMBOL_GPL |  | drivers/misc/traps.c | 20',
        'ns_string | EXPORT_SYMBOL_NS_GPL | TRAPS | drivers/misc/traps.c | 21',
        'ns_split | EXPORT_SYMBOL_NS | TRAPS_SPLIT | drivers/misc/traps.c | 22',
        'for_modules | EXPORT_SYMBOL_FOR_MODULES | module:kvm,kvm-intel | drivers/misc/traps.c | 24',
        'for_modules_old | EXPORT_SYMBOL_GPL_FOR_MODULES | module:vfio | drivers/misc/traps.c | 25',
        'traps_event | EXPORT_TRACEPOINT_SYMBOL_GPL |  | drivers/misc/traps.c | 26',
        '9p_fid_ref | EXPORT_TRACEPOINT_SYMBOL |  | drivers/misc/traps.c | 27',
        'traps_pcpu | EXPORT_PER_CPU_SYMBOL |  | drivers/misc/traps.c | 28',
        'traps_pcpu_gpl | EXPORT_PER_CPU_SYMBOL_GPL |  | drivers/misc/traps.c | 29',
        'traps_call | EXPORT_STATIC_CALL_TRAMP_GPL |  | drivers/misc/traps.c | 30',
        '$$divI | EXPORT_SYMBOL |  | drivers/misc/traps.c | 31',
        'if0_else_branch | EXPORT_SYMBOL |  | drivers/misc/traps.c | 39',
        'if1_branch | EXPORT_SYMBOL |  | drivers/misc/traps.c | 43',
        // A pasting generator #defined in the file: its uses are rows.
        'traps_one | EXPORT_SYMBOL |  | drivers/misc/traps.c | 49',
        'traps_area_dbf | EXPORT_SYMBOL |  | drivers/misc/traps.c | 53',
        // #define under an #ifdef without #else: the macro's value or the name itself.
        'native_traps_slowpath | EXPORT_SYMBOL |  | drivers/misc/traps.c | 58',
        'traps_slowpath | EXPORT_SYMBOL |  | drivers/misc/traps.c | 58',
        // Conditional definitions that disagree, in definition order; generic code sees every arch's
        // KVM_SUB_MODULES (powerpc's, then x86's).
        'kvm_helper | EXPORT_SYMBOL_FOR_KVM | module:kvm,kvm-pr,kvm-hv,kvm-amd,kvm-intel|module:kvm | drivers/misc/traps.c | 60',
        'kvm_internal_helper | EXPORT_SYMBOL_FOR_KVM_INTERNAL | module:kvm-pr,kvm-hv,kvm-amd,kvm-intel | drivers/misc/traps.c | 61',
        'kunit_helper | EXPORT_SYMBOL_IF_KUNIT | EXPORTED_FOR_KUNIT_TESTING | drivers/misc/traps.c | 62',
        'ipv6_helper | EXPORT_IPV6_MOD |  | drivers/misc/traps.c | 63',
        'acpi_helper | ACPI_EXPORT_SYMBOL |  | drivers/misc/traps.c | 64',
        // A bare-token namespace stringified by the wrapper.
        'traps_pm_ops | EXPORT_NS_GPL_DEV_PM_OPS | TRAPS_PM | drivers/misc/traps.c | 65',
        'traps_plain_pm_ops | EXPORT_DEV_PM_OPS |  | drivers/misc/traps.c | 66',
        'iwl_util_fn | IWL_EXPORT_SYMBOL | IWLWIFI | drivers/net/wireless/intel/iwlwifi/iwl-utils.c | 4',
        // A header wrapper of a wrapper defined in another header.
        'iwl_kunit_fn | EXPORT_SYMBOL_IF_IWLWIFI_KUNIT | EXPORTED_FOR_KUNIT_TESTING | drivers/net/wireless/intel/iwlwifi/iwl-utils.c | 5',
        // DEFAULT_SYMBOL_NAMESPACE #defined in the file: only after the #define, only for macros reaching
        // EXPORT_SYMBOL(_GPL), never over an explicit or wrapper namespace, and gone after #undef.
        'before_default | EXPORT_SYMBOL_GPL |  | drivers/pwm/core.c | 4',
        'pwm_gpl | EXPORT_SYMBOL_GPL | PWM | drivers/pwm/core.c | 8',
        'pwm_plain | EXPORT_SYMBOL | PWM | drivers/pwm/core.c | 9',
        'pwm_explicit | EXPORT_SYMBOL_NS_GPL | PWM_OTHER | drivers/pwm/core.c | 10',
        'pwm_for_modules | EXPORT_SYMBOL_FOR_MODULES | module:pwm-foo | drivers/pwm/core.c | 11',
        'pwm_via_wrapper | IWL_EXPORT_SYMBOL | IWLWIFI | drivers/pwm/core.c | 12',
        'pwm_via_ipv6_wrapper | EXPORT_IPV6_MOD_GPL | PWM | drivers/pwm/core.c | 13',
        'pwm_event | EXPORT_TRACEPOINT_SYMBOL_GPL |  | drivers/pwm/core.c | 14',
        'after_undef | EXPORT_SYMBOL_GPL |  | drivers/pwm/core.c | 16',
        // Only the top-level tools/ is excluded.
        'nested_tools_fn | EXPORT_SYMBOL |  | drivers/tools/not-top-level.c | 2',
        // DEFAULT_SYMBOL_NAMESPACE from the Makefile: CFLAGS_<object>.o, then ccflags-y (this directory only).
        'usb_special_fn | EXPORT_SYMBOL_GPL | USB_SPECIAL | drivers/usb/storage/special.c | 2',
        'usb_sub_fn | EXPORT_SYMBOL_GPL |  | drivers/usb/storage/sub/helper.c | 3',
        'usb_stor_fn | EXPORT_SYMBOL_GPL | USB_STORAGE | drivers/usb/storage/usb.c | 4',
        'usb_stor_ns | EXPORT_SYMBOL_NS | OTHER | drivers/usb/storage/usb.c | 5',
        // An include guard does not make an alias conditional.
        'real_aliased_name | EXPORT_SYMBOL_GPL |  | include/linux/aliased.h | 7',
        // A wrapper #defined in kernel/cgroup/cgroup.c, used in headers it includes after the #define.
        'cgroup_get | CGROUP_REF_EXPORT |  | include/linux/cgroup_refcnt.h | 8',
        'cgroup_internal_fn | CGROUP_REF_EXPORT |  | kernel/cgroup/cgroup-internal.h | 3',
        'param_get_byte | EXPORT_SYMBOL |  | kernel/params.c | 13',
        'param_set_byte | EXPORT_SYMBOL |  | kernel/params.c | 13',
        'param_get_short | EXPORT_SYMBOL |  | kernel/params.c | 14',
        'param_set_short | EXPORT_SYMBOL |  | kernel/params.c | 14',
        'param_ops_bool | EXPORT_SYMBOL |  | kernel/params.c | 17',
        'kstrtoull | EXPORT_SYMBOL |  | lib/kstrtox.c | 12',
        // A generator #defined in the same .c file: reported under the export macro it uses.
        'kstrtoull_from_user | EXPORT_SYMBOL |  | lib/kstrtox.c | 24',
        'kstrtoll_from_user | EXPORT_SYMBOL |  | lib/kstrtox.c | 25',
        // A macro call as the symbol, expanded from the file's own #define as cpp does.
        'lzo1x_1_compress | EXPORT_SYMBOL_GPL |  | lib/lzo/lzo1x_compress.c | 10',
        'sample_fn | EXPORT_SYMBOL_GPL |  | samples/kobject/kobject-example.c | 2',
      ]),
    );
  });

  it('lists what it cannot resolve instead of dropping it', () => {
    // Not kasan.h's EXPORT_SYMBOL_KASAN(fn) `EXPORT_SYMBOL(__##fn)`: memcpy_64.S's use of it is a row.
    expect(result.unresolved.map((u) => `${u.file}:${u.line} ${u.reason} ${u.raw}`)).toEqual([
      'arch/sparc/lib/U1memcpy.S:9 symbol-is-overridable-macro EXPORT_SYMBOL(FUNC_NAME)',
      'arch/x86/lib/memcpy_64.S:14 non-identifier-argument EXPORT_SYMBOL(\\name)',
      'drivers/misc/other.c:5 unknown-macro EXPORT_SYMBOL_MISC_LOCAL(elsewhere_fn)',
      'drivers/misc/traps.c:34 if0-dead EXPORT_SYMBOL(dead_code)',
      'drivers/misc/traps.c:36 if0-dead EXPORT_SYMBOL(dead_nested)',
      'drivers/misc/traps.c:45 if0-dead EXPORT_SYMBOL(if1_else_dead)',
      'drivers/misc/traps.c:50 non-identifier-argument EXPORT_SYMBOL_GPL(LZO_SAFE(traps_safe))',
      'drivers/misc/traps.c:67 unknown-macro EXPORT_SYMBOL_UNHEARD_OF(mystery)',
      'kernel/cgroup/cgroup-internal.h:2 token-paste-in-define CGROUP_REF_EXPORT(cgroup_##x)',
    ]);
    expect(result.unresolved.find((u) => u.file === 'kernel/cgroup/cgroup-internal.h')).toEqual({
      file: 'kernel/cgroup/cgroup-internal.h',
      line: 2,
      macro: 'CGROUP_REF_EXPORT',
      reason: 'token-paste-in-define',
      raw: 'CGROUP_REF_EXPORT(cgroup_##x)',
      context: '#define CGROUP_REF_PASTE(x)',
    });
  });

  it('reads only .c, .h and .S files outside tools/, Documentation/ and scripts/', () => {
    expect(result.stats.files).toBe(39);
    expect(result.rows.some((r) => /^(tools|Documentation|scripts)\//.test(r.file) || r.file.endsWith('.txt'))).toBe(false);
  });

  it('gives the same rows for a relative path', async () => {
    const relative = await scanTree(path.relative(process.cwd(), path.join(FIXTURES, 'modern')));
    expect(relative.rows).toEqual(result.rows);
  });
});

describe('scanTree on a 6.1-style fixture tree', () => {
  it('reads bare-token namespaces and bare DEFAULT_SYMBOL_NAMESPACE values', async () => {
    const result = await scanTree(path.join(FIXTURES, 'v6.1'));
    expect(result.kernelVersion).toEqual({ version: '6', patchlevel: '1', sublevel: '158', extraversion: '' });
    expect(rowsTsv(result)).toBe(
      tsv([
        'accel_pm_ops | EXPORT_NS_GPL_DEV_PM_OPS | IIO_ACCEL | drivers/iio/accel.c | 4',
        'bare_gpl | EXPORT_SYMBOL_NS_GPL | MY_NS | drivers/misc/ns.c | 4',
        'bare_plain | EXPORT_SYMBOL_NS | OTHER_NS | drivers/misc/ns.c | 5',
        'pwmchip_add | EXPORT_SYMBOL_GPL | PWM | drivers/pwm/core.c | 5',
        'usb_stor_suspend | EXPORT_SYMBOL_GPL | USB_STORAGE | drivers/usb/storage/usb.c | 8',
      ]),
    );
    expect(result.unresolved).toEqual([]);
  });
});

describe('scanTree on a git checkout', () => {
  it('names the commit in the first line', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'ked-scan-git-'));
    try {
      mkdirSync(path.join(root, '.git'));
      writeFileSync(path.join(root, '.git/HEAD'), '094d869456d2bb93023e0ef9bf84a0758cbe8085\n');
      writeFileSync(path.join(root, 'Makefile'), 'VERSION = 6\nPATCHLEVEL = 13\nSUBLEVEL = 0\nEXTRAVERSION = -rc1\n');
      writeFileSync(path.join(root, 'init.c'), 'EXPORT_SYMBOL(init_fn);\n');
      const result = await scanTree(root);
      expect(formatScanTsv(result)).toBe(
        `# source: kernel tree ${root} | commit: 094d869456d2bb93023e0ef9bf84a0758cbe8085 | kernel version: 6.13.0-rc1 (VERSION=6 PATCHLEVEL=13 SUBLEVEL=0 EXTRAVERSION=-rc1) | extracted by npm run scan\n` +
          'symbol\tmacro\tnamespace\tfile\tline\ninit_fn\tEXPORT_SYMBOL\t\tinit.c\t1\n',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('worker threads', () => {
  it('are capped at the cores (--workers 1000 starts no thousand threads)', () => {
    expect(capWorkers(1000)).toBe(availableParallelism());
    expect(capWorkers(0)).toBe(0);
  });
});

describe('scanTree errors', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'ked-scan-errors-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it.each([
    ['a missing path', () => path.join(tmp, 'missing'), 'no such file or directory'],
    ['a file', () => (writeFileSync(path.join(tmp, 'file.c'), ''), path.join(tmp, 'file.c')), 'not a directory'],
    ['a directory without a top Makefile', () => tmp, 'no top-level Makefile, so not a kernel tree'],
  ])('rejects %s', async (_what, target, message) => {
    const root = target();
    await expect(scanTree(root)).rejects.toThrow(new ScanError(`${root}: ${message}`));
  });

  it('rejects a top Makefile without VERSION', async () => {
    const root = mkdtempSync(path.join(tmp, 'tree-'));
    writeFileSync(path.join(root, 'Makefile'), 'all:\n\techo hi\n');
    await expect(scanTree(root)).rejects.toThrow(`${path.join(root, 'Makefile')}: no VERSION = <number> line, so not a kernel tree`);
  });
});
