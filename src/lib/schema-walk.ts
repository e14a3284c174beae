// Reads the one schema's own structure (field names, descriptions) for messages and docs,
// so no list of fields is ever written a second time.
import type { z } from 'zod';

type Schema = z.core.$ZodType;
type Def = { type: string; shape?: Record<string, Schema>; element?: Schema; innerType?: Schema; options?: Schema[]; in?: Schema; out?: Schema };

const def = (s: Schema) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The mapping schema reached by a path, looking through optional, pipe, array and union wrappers. */
function objectAt(schema: Schema, path: readonly PropertyKey[]): Record<string, Schema> | undefined {
  let current: Schema | undefined = schema;
  let i = 0;
  while (current) {
    const d = def(current);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') current = d.innerType;
    else if (d.type === 'pipe') current = def(d.in!).type === 'string' ? d.out : d.in;
    else if (d.type === 'union') current = d.options!.find((o) => objectAt(o, []) !== undefined);
    else if (d.type === 'array') {
      if (typeof path[i] === 'number') i++;
      current = d.element;
    } else if (d.type === 'object') {
      if (i >= path.length) return d.shape;
      current = d.shape![String(path[i++])];
    } else return undefined;
  }
  return undefined;
}

export function fieldNames(schema: Schema, path: readonly PropertyKey[] = []): string[] {
  return Object.keys(objectAt(schema, path) ?? {});
}

export function fieldDescription(schema: Schema, path: readonly PropertyKey[]): string | undefined {
  const parent = objectAt(schema, path.slice(0, -1));
  const field = parent?.[String(path[path.length - 1])];
  return field ? (field as unknown as { description?: string }).description : undefined;
}

export interface FieldDoc {
  name: string;
  required: boolean;
  description: string;
}

/** Top-level fields with whether they are required and their description (for CONTRIBUTING and the scaffolder). */
export function fieldDocs(schema: Schema): FieldDoc[] {
  const shape = objectAt(schema, []) ?? {};
  return Object.entries(shape).map(([name, field]) => ({
    name,
    required: def(field).type !== 'optional',
    description: (field as unknown as { description?: string }).description ?? '',
  }));
}
