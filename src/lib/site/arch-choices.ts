// The architectures the module checker offers: those whose code exports something in the release,
// each with the machine names users know it by (uname -m), plus "every architecture".
import { rowArch } from '../kernel/export-model.ts';
import type { ExportRow } from '../kernel/snapshot.ts';
import { ARCH_ALIASES } from '../vocabulary.ts';

export interface ArchChoice {
  value: string;
  label: string;
}

export function archChoices(rows: readonly Pick<ExportRow, 'file'>[]): ArchChoice[] {
  const arches = new Set<string>(['x86']);
  for (const row of rows) {
    const arch = rowArch(row.file);
    if (arch) arches.add(arch);
  }
  const aliases = (arch: string) =>
    Object.entries(ARCH_ALIASES)
      .filter(([, a]) => a === arch)
      .map(([name]) => name);
  const choices = [...arches].sort().map((arch) => {
    const names = aliases(arch).slice(0, 3);
    return { value: arch, label: names.length ? `${arch} (${names.join(', ')})` : arch };
  });
  return [...choices, { value: 'any', label: 'every architecture' }];
}
