// The #if/#ifdef nesting of a file: which code is dead (`#if 0`) and which #defines are conditional.

export interface ConditionalFrame {
  /** `#if 0` and `#if 1` are decidable; anything else depends on the configuration. */
  kind: 'if0' | 'if1' | 'config';
  /** The current branch can never be compiled. */
  dead: boolean;
  /** 0 for the #if branch, then one more for each #elif/#else. */
  branch: number;
  hasElse: boolean;
  /** `#ifndef NAME`: an include guard or an overridable default when NAME is #defined next. */
  ifndef?: string;
  /** An include guard: it does not make what it encloses conditional. */
  guard: boolean;
}

function literalCondition(condition: string): 'if0' | 'if1' | 'config' {
  const c = condition.replace(/[()\s]/g, '');
  return c === '0' ? 'if0' : c === '1' ? 'if1' : 'config';
}

export class ConditionalStack {
  readonly frames: ConditionalFrame[] = [];
  private deadDepth = 0;

  get dead(): boolean {
    return this.deadDepth > 0;
  }

  get top(): ConditionalFrame | undefined {
    return this.frames[this.frames.length - 1];
  }

  /** The innermost frame that makes code conditional, or null when only include guards enclose it. */
  innermostCondition(): ConditionalFrame | null {
    for (let i = this.frames.length - 1; i >= 0; i--) if (!this.frames[i]!.guard) return this.frames[i]!;
    return null;
  }

  /** Handles one directive keyword; returns false when it is not a conditional. */
  apply(keyword: string, argument: string): boolean {
    switch (keyword) {
      case 'if':
      case 'ifdef':
      case 'ifndef': {
        const kind = keyword === 'if' ? literalCondition(argument) : 'config';
        const frame: ConditionalFrame = { kind, dead: kind === 'if0', branch: 0, hasElse: false, guard: false };
        if (keyword === 'ifndef') frame.ifndef = argument.trim();
        this.push(frame);
        return true;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef':
      case 'else': {
        const frame = this.top;
        if (!frame) return true; // unbalanced: a `# else` comment in an assembler file, say
        // After `#if 1` every other branch is dead; after `#if 0` the next one is live.
        this.setDead(frame, frame.kind === 'if1');
        if (frame.kind === 'if0' && keyword !== 'else') frame.kind = 'config';
        frame.branch++;
        if (keyword === 'else') frame.hasElse = true;
        return true;
      }
      case 'endif': {
        const frame = this.frames.pop();
        if (frame?.dead) this.deadDepth--;
        return true;
      }
      default:
        return false;
    }
  }

  private push(frame: ConditionalFrame): void {
    this.frames.push(frame);
    if (frame.dead) this.deadDepth++;
  }

  private setDead(frame: ConditionalFrame, dead: boolean): void {
    if (frame.dead !== dead) this.deadDepth += dead ? 1 : -1;
    frame.dead = dead;
  }
}
