// Benchmark content: N decision records generated from a real export snapshot, with realistic
// frontmatter and bodies of a few paragraphs using the allowlisted components (MDX), or the same
// prose in plain Markdown for the reference row through Astro's own pipeline.
import fs from 'node:fs';
import path from 'node:path';
import type { ExportRow } from '../kernel/snapshot.ts';
import { exportKind, pathSubsystem } from '../kernel/export-model.ts';

const TIERS = ['stable', 'stable', 'stable', 'testing', 'obsolete'] as const;

function pick<T>(list: readonly T[], i: number): T {
  return list[i % list.length]!;
}

/** A decision date for record i, spread over 2012–2022; `later` days after it for a second step. */
function date(i: number, later = 0): string {
  const day = new Date(Date.UTC(2012, 0, 1) + ((i % 4000) + later) * 86_400_000);
  return day.toISOString().slice(0, 10);
}

const usableNamespace = (row: ExportRow) => Boolean(row.namespace) && !/[${|]/.test(row.namespace);
const representable = (row: ExportRow) => ['EXPORT_SYMBOL', 'EXPORT_SYMBOL_GPL'].includes(exportKind(row).type) || usableNamespace(row);

export interface GeneratedRecord {
  symbol: string;
  text: string;
}

/** One record per distinct C-identifier symbol of the rows, up to n. */
export function generateRecords(rows: readonly ExportRow[], n: number, format: 'mdx' | 'md'): GeneratedRecord[] {
  const seen = new Set<string>();
  const picked: ExportRow[] = [];
  for (const row of rows) {
    if (picked.length >= n) break;
    if (seen.has(row.symbol) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(row.symbol)) continue;
    // A record must carry its export's type (the type-matches-snapshot rule); one whose namespace or
    // module list the generator cannot write (`module:kvm,${KVM_SUB_MODULES}`) is left out.
    if (!representable(row)) continue;
    // Two records whose names differ only in case would collide on case-insensitive disks.
    if (seen.has(row.symbol.toLowerCase())) continue;
    seen.add(row.symbol);
    seen.add(row.symbol.toLowerCase());
    picked.push(row);
  }
  return picked.map((row, i) => {
    const type = exportKind(row).type;
    const status = pick(TIERS, i);
    const subsystem = pathSubsystem(row.file);
    const neighbour = picked[(i + 1) % picked.length]!.symbol;
    const ns = usableNamespace(row) ? `namespace: ${JSON.stringify(row.namespace.replace(/^module:/, ''))}\n` : '';
    const typeLine =
      ns || type === 'EXPORT_SYMBOL' || type === 'EXPORT_SYMBOL_GPL' ? type : /GPL/.test(row.macro) ? 'EXPORT_SYMBOL_GPL' : 'EXPORT_SYMBOL';
    const reason = status === 'obsolete' ? `reason: New users are refused; callers should move to ${neighbour}.\n` : '';
    const replacedBy = status === 'obsolete' ? `replaced_by: ${neighbour}\n` : '';
    // As rich as the real records (4.4 threads, 2.2 related, 2 history entries, 5.7 components, 3.5 KB on average).
    const thread = `${20120101 + i}.${i}-bench@example.invalid`;
    const review = `${20120101 + i}.${i}-review@example.invalid`;
    const commit = ((i * 2654435761) % 2 ** 32).toString(16).padStart(8, '0') + 'abcd';
    const related = [1, 2, 3].map((k) => picked[(i + k) % picked.length]!.symbol).filter((s) => s !== row.symbol);
    // A record may move from stable only to obsolete or removed (the tier-move rule): testing starts as testing.
    const first = status === 'testing' ? 'testing' : 'stable';
    const frontmatter = `---
symbol: ${row.symbol}
summary: ${row.symbol} is exported with ${row.macro} from ${row.file} for modular users of ${subsystem}.
type: ${typeLine}
${ns}status: ${status}
${reason}subsystem: ${subsystem}
file: ${row.file}
date: "${date(i)}"
threads:
  - id: ${thread}
    role: patch
    note: the patch that added the export, with the users it was for
  - id: ${review}
    role: discussion
    note: the maintainer's review asking why modules need it
  - id: ${i}-decision@example.invalid
    role: decision
    note: the maintainer applying the patch to the subsystem tree
  - ${i}-reply@example.invalid
  - ${i}-followup@example.invalid
${replacedBy}related:
${related.map((s) => `  - ${s}`).join('\n')}
history:
  - date: "${date(i)}"
    change: Patch posted to export it with ${row.macro} for modular users of ${subsystem}.
    type: ${typeLine}
    status: ${first}
    thread: ${thread}
  - date: "${date(i, 14)}"
    change: Applied to the ${subsystem} tree after review.
    type: ${typeLine}
    status: ${first}
${status === first ? '' : `  - date: "${date(i, 30)}"\n    change: Moved to ${status}.\n    status: ${status}\n`}---
`;
    const sym = (name: string) => (format === 'mdx' ? `<Sym name="${name}" />` : `[\`${name}\`](../${name}/)`);
    const threadLink = (id: string, text: string) =>
      format === 'mdx' ? `<Thread id="${id}">${text}</Thread>` : `[${text}](https://lore.kernel.org/r/${id})`;
    const commitLink = format === 'mdx' ? `<Commit id="${commit}" />` : `[${commit}](https://git.kernel.org/torvalds/c/${commit})`;
    const quote =
      format === 'mdx'
        ? `<Quote from="A. Maintainer" thread="${review}">Exporting this keeps drivers from open-coding the same walk.</Quote>`
        : `> Exporting this keeps drivers from open-coding the same walk. (A. Maintainer)`;
    const callout =
      format === 'mdx'
        ? `<Callout kind="note">\nModules that use \`${row.symbol}\` should follow ${subsystem} changes closely.\n</Callout>`
        : `> **Note**\n> Modules that use \`${row.symbol}\` should follow ${subsystem} changes closely.`;
    const body = `
## What was decided

The maintainers of ${subsystem} agreed to export \`${row.symbol}\` with \`${row.macro}\` so that modular
drivers can reach it without duplicating the logic. The discussion is in ${threadLink(thread, 'the original patch')}, and
the closest related exports are ${sym(related[0] ?? neighbour)} and ${sym(related[1] ?? neighbour)}. The export landed as ${commitLink}.

${quote}

## Why

Keeping the helper in one place avoids out-of-tree copies drifting from the in-kernel version. The
export type reflects how deeply the helper reaches into ${subsystem} internals, and the tier says how
settled the decision is. The review in ${threadLink(review, "the maintainer's reply")} asked which in-tree modules
would call it; the answer named the drivers that had been carrying private copies, and the export was
applied once the first of them was converted in the same series.

${callout}

## What module authors should do

- Use \`${row.symbol}\` rather than re-implementing it.
- Check the export type before relying on it from a module with a non-GPL licence.
- Watch the thread for changes to its semantics; a later series may move it into a namespace.

## History

The export was posted, reviewed and applied within a few weeks; later changes to the file did not touch
its signature. The records of the related exports say how they were decided. Distribution kernels carry
the export unchanged; a module built against one release links against the next as long as the export
type and namespace stay the same, which the release pages of this site show release by release. Where a
stable release changed the export, its page names the point release, so a packager can tell which of the
kernels they ship is affected before a build fails on a user's machine.
`;
    return { symbol: row.symbol, text: frontmatter + body };
  });
}

export function writeRecords(dir: string, records: readonly GeneratedRecord[], format: 'mdx' | 'md'): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const r of records) fs.writeFileSync(path.join(dir, `${r.symbol}.${format}`), r.text);
}
