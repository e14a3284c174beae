// Where an #include lands in a kernel tree, searched the way kbuild's include flags order it:
// arch/<arch>/include, include, arch/<arch>/include/uapi, include/uapi, and include/asm-generic for an
// <asm/…> header an architecture takes from the generic set. The arch is the including file's
// (arch/x86/lib/retpoline.S → x86); for generic code every architecture's header is a candidate.
import path from 'node:path';

/** `x86` for `arch/x86/…`, undefined for generic code. */
export function archOf(file: string): string | undefined {
  const m = /^arch\/([^/]+)\//.exec(file);
  return m ? m[1] : undefined;
}

/**
 * The tree paths an #include may mean, in search order. `arches` stands in for the including file's
 * arch when it has none of its own (generic code): each arch's header is then a candidate.
 */
export function includeCandidates(includer: string, target: string, quoted: boolean, arches: readonly string[]): string[] {
  const candidates: string[] = [];
  if (quoted) candidates.push(path.posix.normalize(path.posix.join(path.posix.dirname(includer), target)));
  const own = archOf(includer);
  const archDirs = own ? [own] : arches;
  for (const arch of archDirs) candidates.push(`arch/${arch}/include/${target}`);
  candidates.push(`include/${target}`);
  for (const arch of archDirs) candidates.push(`arch/${arch}/include/uapi/${target}`);
  candidates.push(`include/uapi/${target}`);
  if (target.startsWith('asm/')) candidates.push(`include/asm-generic/${target.slice(4)}`);
  return candidates.filter((c) => !c.startsWith('../'));
}
