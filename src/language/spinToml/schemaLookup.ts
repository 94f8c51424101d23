// Finding the schema of the table or key at a path (`['component', 'cart', 'build']`), for
// completion and hover. Array items are addressed by number.
import { v2ShapeOverride } from './rules/schemaRule';
import { manifestV1Shape } from './schemaV1';
import { manifestV2Shape } from './schemaV2';
import type { Field, Shape, TableShape } from './schemaTypes';

export type SchemaPath = readonly (string | number)[];

function pick(shape: Shape, segment: string | number): Shape {
  if (shape.type !== 'oneOf') return shape;
  const wanted = typeof segment === 'number' ? ['array'] : ['table', 'map'];
  return shape.options.find((o) => wanted.includes(o.type)) ?? shape;
}

function step(shape: Shape, segment: string | number): { shape?: Shape; field?: Field } {
  const s = pick(shape, segment);
  if (s.type === 'array') {
    return typeof segment === 'number' ? { shape: s.items } : step(s.items, segment);
  }
  if (typeof segment === 'number') return {};
  if (s.type === 'map') return { shape: s.values };
  if (s.type === 'table') {
    const field = s.fields[segment];
    return field ? { shape: field.shape, field } : s.open ? { shape: { type: 'any' } } : {};
  }
  return {};
}

function walk(path: SchemaPath, layout: 1 | 2): { shape?: Shape; field?: Field } {
  let shape: Shape | undefined = layout === 2 ? manifestV2Shape : manifestV1Shape;
  let field: Field | undefined;
  const done: (string | number)[] = [];
  for (const segment of path) {
    if (!shape) return {};
    const next: { shape?: Shape; field?: Field } = step(shape, segment);
    done.push(segment);
    field = next.field;
    shape = (layout === 2 ? v2ShapeOverride(done) : undefined) ?? next.shape;
  }
  return { ...(shape ? { shape } : {}), ...(field ? { field } : {}) };
}

/** The table shape at a path (the table a cursor is in), if it is a table. */
export function tableShapeAt(path: SchemaPath, layout: 1 | 2): TableShape | undefined {
  const { shape } = walk(path, layout);
  if (!shape) return undefined;
  const s = pick(shape, 'key');
  if (s.type === 'table') return s;
  if (s.type === 'array') {
    const item = pick(s.items, 'key');
    return item.type === 'table' ? item : undefined;
  }
  return undefined;
}

/** The field (doc, type) a key path names. */
export function fieldAt(path: SchemaPath, layout: 1 | 2): Field | undefined {
  return walk(path, layout).field;
}
