// Peak memory of a whole process tree (Astro's node and any process it spawns), sampled
// from /proc; GNU time only reports the largest single process.
import fs from 'node:fs';

function children(): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      let list = map.get(ppid);
      if (!list) map.set(ppid, (list = []));
      list.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return map;
}

function rssKiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

export function treeRssKiB(root: number): number {
  const tree = children();
  let total = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rssKiB(pid);
    stack.push(...(tree.get(pid) ?? []));
  }
  return total;
}

/** Samples the tree every `ms` until stopped; returns the peak in bytes. */
export function samplePeak(root: number, ms = 250): { stop: () => number } {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKiB(root));
  }, ms);
  return {
    stop: () => {
      clearInterval(timer);
      return peak * 1024;
    },
  };
}
