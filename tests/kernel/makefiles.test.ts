import { describe, expect, it } from 'vitest';
import {
  kernelRelease,
  kernelVersionDescription,
  parseMakefileVersion,
  snapshotKernelVersion,
} from '../../src/lib/kernel/makefile-version.ts';
import { namespaceText, parseMakefileNamespaces } from '../../src/lib/kernel/namespaces.ts';
import { tokenize } from '../../src/lib/kernel/tokens.ts';

describe('parseMakefileVersion', () => {
  it('reads VERSION, PATCHLEVEL, SUBLEVEL and EXTRAVERSION', () => {
    const v = parseMakefileVersion('# SPDX\nVERSION = 6\nPATCHLEVEL = 13\nSUBLEVEL = 0\nEXTRAVERSION = -rc1\nNAME = Baby Opossum Posse\n')!;
    expect(v).toEqual({ version: '6', patchlevel: '13', sublevel: '0', extraversion: '-rc1' });
    expect(kernelRelease(v)).toBe('v6.13-rc1');
    expect(kernelVersionDescription(v)).toBe('6.13.0-rc1 (VERSION=6 PATCHLEVEL=13 SUBLEVEL=0 EXTRAVERSION=-rc1)');
  });

  it('names stable releases with their sublevel and rejects Makefiles without VERSION', () => {
    expect(kernelRelease(parseMakefileVersion('VERSION = 6\nPATCHLEVEL = 1\nSUBLEVEL = 158\nEXTRAVERSION =\n')!)).toBe('v6.1.158');
    expect(parseMakefileVersion('KERNELVERSION = 6\n')).toBeNull();
  });

  it('reads the version a snapshot records in its first line', () => {
    expect(
      snapshotKernelVersion('source: x | kernel version: 6.13.0-rc1 (VERSION=6 PATCHLEVEL=13 SUBLEVEL=0 EXTRAVERSION=-rc1) | extracted'),
    ).toEqual({
      version: '6',
      patchlevel: '13',
      sublevel: '0',
      extraversion: '-rc1',
    });
    expect(snapshotKernelVersion('source: Module.symvers')).toBeNull();
  });
});

describe('namespaces', () => {
  it.each([
    ['"USB_STORAGE"', 'USB_STORAGE'],
    ['USB_STORAGE', 'USB_STORAGE'],
    // An unexpanded macro reads as its name, as cpp stringifies an undefined one: never a ${…} placeholder.
    ['"kvm," __stringify(KVM_SUB_MODULES)', 'kvm,KVM_SUB_MODULES'],
    ['"a" "b"', 'ab'],
    ['""', ''],
  ])('reads %s as %s', (source, value) => {
    expect(namespaceText(tokenize(source))).toBe(value);
  });

  it('reads DEFAULT_SYMBOL_NAMESPACE from ccflags, subdir-ccflags and per-object CFLAGS', () => {
    const found = parseMakefileNamespaces(
      [
        'ccflags-y += -I$(src) -DDEFAULT_SYMBOL_NAMESPACE=\'"CRYPTO_QAT"\'',
        'subdir-ccflags-$(CONFIG_X) := -DDEFAULT_SYMBOL_NAMESPACE=\\"CDX_BUS\\"',
        'CFLAGS_special.o += \\',
        '\t-DDEFAULT_SYMBOL_NAMESPACE=SPECIAL',
      ].join('\n'),
    );
    expect(found).toEqual({ directory: 'CRYPTO_QAT', subdirs: 'CDX_BUS', objects: new Map([['special', 'SPECIAL']]) });
  });
});
