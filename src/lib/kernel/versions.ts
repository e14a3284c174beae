// Kernel release names: v6.19 (SUBLEVEL 0), v6.1.158, v6.13-rc1; ordered numerically.

export function releaseName(version: string, patchlevel?: string, sublevel?: string, extraversion = ''): string {
  const parts = patchlevel === undefined ? version.replace(/^v/, '').split('.') : [version, patchlevel, sublevel ?? '0'];
  const [major, minor = '0', sub = '0'] = parts;
  return `v${major}.${minor}${sub && sub !== '0' ? `.${sub}` : ''}${extraversion}`;
}

export function compareReleases(a: string, b: string): number {
  const key = (v: string) => {
    const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:-rc(\d+))?/.exec(v);
    if (!m) return [0, 0, 0, 0];
    // An -rc comes before its release: rank the release as rc 999.
    return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0), m[4] ? Number(m[4]) : 999];
  };
  const ka = key(a);
  const kb = key(b);
  for (let i = 0; i < 4; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
  return 0;
}

/**
 * Whether `release` is built on `earlier`, i.e. carries its changes (barring reverts): a later point
 * release of the same line (v5.10.220 on v5.10.89), or any release of a later line when `earlier` is a
 * mainline release or release candidate (v5.12.9 and v6.1.158 on v5.11). A stable point release is
 * not built on a point release of an older line: v5.4.286 is a branch of v5.4, so v5.7 does not
 * contain what v5.4.286 gained by a backport. A release is built on itself.
 */
export function isBuiltOn(release: string, earlier: string): boolean {
  const parse = (v: string) => /^v?(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
  const a = parse(release);
  const b = parse(earlier);
  if (!a || !b) return false;
  const line = (Number(a[1]) - Number(b[1])) * 1e6 + (Number(a[2]) - Number(b[2]));
  if (line === 0) return compareReleases(release, earlier) >= 0;
  return line > 0 && Number(b[3] ?? 0) === 0;
}
