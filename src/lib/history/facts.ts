// A symbol's timeline in plain language. Only what the releases we hold show is said: the oldest
// release is a bound ("exported since v3.10.105 or earlier"), not a birth; a change seen between two
// releases we hold is dated by both ("between v4.19.304 and v5.0"), never guessed; a change between
// two point releases of one line is said to be inside that stable line. No Node imports.
import { describeModules, describeNamespace } from '../kernel/export-model.ts';
import { GENERIC_SCOPE, type ChangeKind, type ExportState, type SymbolTimeline, type TimelineChange } from './timeline.ts';

export interface TimelineFact {
  kind: 'since' | 'change' | 'until' | 'current';
  text: string;
}

function list(items: readonly string[], conjunction = 'and'): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

const releaseLine = (release: string) => /^v(\d+\.\d+)/.exec(release)?.[1] ?? '';

/** "between v6.1.20 and v6.1.158, inside the 6.1 stable line" or "between v4.19.304 and v5.0". */
function between(from: string, to: string): string {
  const line = releaseLine(from);
  return `between ${from} and ${to}${line === releaseLine(to) ? `, inside the ${line} stable line` : ''}`;
}

/** The export forms of a state in words: "EXPORT_SYMBOL_NS_GPL (namespace DMA_BUF)". */
export function formsText(state: ExportState): string {
  return list(
    state.forms.map((f) => {
      const [macro, namespace] = f.split('\t');
      return namespace ? `${macro} (${describeNamespace(namespace)})` : macro!;
    }),
  );
}

function scopesText(state: ExportState): string {
  const arches = state.scopes.filter((s) => s !== GENERIC_SCOPE);
  const generic = state.scopes.includes(GENERIC_SCOPE);
  if (generic && !arches.length) return 'generic code (every architecture)';
  if (!generic) return `architecture code for ${list(arches)} only`;
  return `generic code and architecture code for ${list(arches)}`;
}

/** One sentence for one kind of change between `c.from` and `c.to` (both export the symbol). */
function changeSentence(kind: ChangeKind, c: TimelineChange): string {
  const b = c.before!;
  const a = c.after!;
  const when = between(c.from, c.to);
  const was = `${formsText(b)} in ${c.from}, ${formsText(a)} in ${c.to}`;
  switch (kind) {
    case 'gpl-only':
      return `GPL-only from ${c.to} (the change is ${when}): ${was}.`;
    case 'lost-gpl':
      return `Usable by modules under any licence from ${c.to} (${when}): ${was}.`;
    case 'namespace-gained':
      return `In namespace ${list(a.namespaces)} from ${c.to} (${when}): modules must import it. ${was}.`;
    case 'namespace-lost':
      return `Out of namespace ${list(b.namespaces)} from ${c.to} (${when}): ${was}.`;
    case 'namespace-changed':
      return `Namespace ${list(b.namespaces)} became ${list(a.namespaces)} ${when}.`;
    case 'module-restricted':
      return `Restricted to ${describeModules(a.restricted.split(','))} from ${c.to} (${when}): ${was}.`;
    case 'restriction-lifted':
      return `No longer restricted to ${describeModules(b.restricted.split(','))} from ${c.to} (${when}): ${was}.`;
    case 'architecture':
      return `Exported by ${scopesText(a)} from ${c.to}; by ${scopesText(b)} in ${c.from} (${when}).`;
    case 'other':
      return `Export macro changed ${when}: ${was}.`;
    case 'added':
    case 'removed':
      return '';
  }
}

/** The facts of a timeline, oldest first. */
export function timelineFacts(t: SymbolTimeline): TimelineFact[] {
  const facts: TimelineFact[] = [];
  const releases = t.columns.map((c) => c.release);
  const firstPosition = t.exported.indexOf(true);
  const lastPosition = t.exported.lastIndexOf(true);
  if (firstPosition === 0) {
    facts.push({ kind: 'since', text: `Exported since ${releases[0]} or earlier: ${releases[0]} is the oldest release we hold.` });
  } else {
    const from = releases[firstPosition - 1]!;
    const to = releases[firstPosition]!;
    facts.push({ kind: 'since', text: `First exported ${between(from, to)}: not in ${from}, exported in ${to}.` });
  }
  for (const c of t.changes) {
    const to = releases.indexOf(c.to);
    if (c.kinds.includes('added')) {
      if (to !== firstPosition)
        facts.push({ kind: 'change', text: `Exported again ${between(c.from, c.to)}: not in ${c.from}, back in ${c.to}.` });
    } else if (c.kinds.includes('removed')) {
      if (to - 1 !== lastPosition)
        facts.push({ kind: 'change', text: `Not exported ${between(c.from, c.to)}: last seen in ${c.from}, missing from ${c.to}.` });
    } else {
      for (const kind of c.kinds) facts.push({ kind: 'change', text: changeSentence(kind, c) });
    }
  }
  if (lastPosition === releases.length - 1) {
    facts.push({ kind: 'current', text: `Exported in ${releases.at(-1)}, the newest release we hold.` });
  } else {
    facts.push({ kind: 'until', text: `Not exported since ${releases[lastPosition + 1]}: last seen in ${releases[lastPosition]}.` });
  }
  return facts;
}

/** The newest release exporting the symbol, when it is not the newest release held (else undefined). */
export function lastExportedIn(t: SymbolTimeline): string | undefined {
  const last = t.exported.lastIndexOf(true);
  return last === t.exported.length - 1 ? undefined : t.columns[last]!.release;
}
