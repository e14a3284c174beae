// The kernel version a tree declares in its top Makefile (VERSION, PATCHLEVEL, SUBLEVEL, EXTRAVERSION).
import { releaseName } from './versions.ts';

export interface KernelVersion {
  version: string;
  patchlevel: string;
  sublevel: string;
  extraversion: string;
}

export function parseMakefileVersion(text: string): KernelVersion | null {
  const value = (name: string) => new RegExp(`^${name}[ \\t]*=[ \\t]*(.*?)[ \\t]*$`, 'm').exec(text)?.[1];
  const version = value('VERSION');
  if (!version || !/^\d+$/.test(version)) return null;
  return { version, patchlevel: value('PATCHLEVEL') || '0', sublevel: value('SUBLEVEL') || '0', extraversion: value('EXTRAVERSION') ?? '' };
}

/**
 * Whether the fields make a kernel version: numbers, and an EXTRAVERSION of a dash and letters, digits,
 * dots, `_`, `+` or `~` (-rc1, -arch1, -1-default) without `..`. A `/` would make the release name a path.
 */
export function isKernelVersion(v: KernelVersion): boolean {
  return (
    [v.version, v.patchlevel, v.sublevel].every((n) => /^\d{1,6}$/.test(n)) &&
    /^(-[0-9A-Za-z][0-9A-Za-z._+~-]*)?$/.test(v.extraversion) &&
    !v.extraversion.includes('..')
  );
}

/** 6.19.0, 6.13.0-rc1 */
export function kernelVersionText(v: KernelVersion): string {
  return `${v.version}.${v.patchlevel}.${v.sublevel}${v.extraversion}`;
}

/** The snapshot header's description: `6.19.0 (VERSION=6 PATCHLEVEL=19 SUBLEVEL=0 EXTRAVERSION=)`. */
export function kernelVersionDescription(v: KernelVersion): string {
  return `${kernelVersionText(v)} (VERSION=${v.version} PATCHLEVEL=${v.patchlevel} SUBLEVEL=${v.sublevel} EXTRAVERSION=${v.extraversion})`;
}

/** v6.19, v6.1.158, v6.13-rc1 */
export function kernelRelease(v: KernelVersion): string {
  return releaseName(v.version, v.patchlevel, v.sublevel, v.extraversion);
}

/** The version a snapshot's first line records as `(VERSION=6 PATCHLEVEL=19 SUBLEVEL=0 EXTRAVERSION=)`. */
export function snapshotKernelVersion(source: string): KernelVersion | null {
  const fields = /\((VERSION=[^)]*)\)/.exec(source)?.[1];
  return fields ? parseMakefileVersion(fields.replace(/ (?=[A-Z]+=)/g, '\n')) : null;
}
