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
    const text = error instanceof Error ? error.message : String(error);
    const m = /^(\d+):(\d+)(?:-\d+:\d+)?:\s*([\s\S]*)$/.exec(text);
    return m
      ? { ok: false, line: Number(m[1]), column: Number(m[2]), message: m[3]!.trim() }
      : { ok: false, line: 1, column: 1, message: text };
  }
}

export function attributeValue(attr: MdAttribute): string | undefined {
  return typeof attr.value === 'string' ? attr.value : attr.value == null ? '' : undefined;
}
