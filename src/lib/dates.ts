// Calendar checks for YYYY-MM-DD strings (UTC; no time zones in records).

export function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  if (!y || !m || !d) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function isFutureDate(iso: string, now: Date = new Date()): boolean {
  return iso > todayIso(now);
}
