// The slice of mdast (as satteri produces it for MDX) that checking and rendering read.
import { mdxToMdast } from 'satteri';

export interface Point {
  line: number;
  column: number;
}
export interface MdAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  value?: string | null | { type: string; value: string };
}
export interface MdNode {
  type: string;
  position?: { start: Point; end: Point };
  children?: MdNode[];
  value?: string;
  name?: string | null;
  attributes?: MdAttribute[];
  url?: string;
  title?: string | null;
  depth?: number;
  ordered?: boolean;
  start?: number | null;
  checked?: boolean | null;
  lang?: string | null;
  align?: (string | null)[];
  identifier?: string;
  label?: string;
}

export type ParseResult = { ok: true; tree: MdNode } | { ok: false; line: number; column: number; message: string };

/** Parses MDX syntax without compiling it: the tree is data, nothing in it runs. */
export function parseBody(body: string): ParseResult {
  try {
    return { ok: true, tree: mdxToMdast(body, { features: { frontmatter: false, gfm: true } }) as unknown as MdNode };
  } catch (error) {
    // satteri's note on comments suggests {/* … */}, an expression a record may not hold.
    const text = (error instanceof Error ? error.message : String(error)).replace(
      /\(note: to create a comment in MDX, use `\{\/\* text \*\/\}`\)/,
      '(a record body has no comments: delete the text, or write \\< for a literal <)',
    );
    const m = /^(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(text);
    return m
      ? { ok: false, line: Number(m[1]), column: Number(m[2]), message: m[3]!.trim() }
      : { ok: false, line: 1, column: 1, message: text };
  }
}

export function attributeValue(attr: MdAttribute): string | undefined {
  return typeof attr.value === 'string' ? attr.value : attr.value == null ? '' : undefined;
}

/** Deeper nesting than this (quotes in lists in elements…) is refused before anything walks the tree recursively. */
export const MAX_BODY_DEPTH = 64;

/** The first node nested deeper than MAX_BODY_DEPTH, found without recursion; undefined when the tree is shallow. */
export function tooDeep(tree: MdNode): Point | undefined {
  const stack: { node: MdNode; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_BODY_DEPTH) return node.position?.start ?? { line: 1, column: 1 };
    for (const child of node.children ?? []) stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}
