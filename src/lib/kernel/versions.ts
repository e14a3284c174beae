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
