// Compact builders for the bundled, hand-written description of the SpinKube resources: each call
// yields a plain OpenAPI structural schema, so the same validator reads the bundled description and
// a CRD read from a cluster.
import type { OpenApiSchema } from './openApi';

/** Kubernetes resource quantity syntax (the apimachinery grammar). */
const QUANTITY_PATTERN =
  '^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$';

type Fields = Readonly<Record<string, OpenApiSchema>>;

interface ObjectOptions {
  readonly required?: readonly string[];
}

export function str(description: string, extra: Partial<OpenApiSchema> = {}): OpenApiSchema {
  return { type: 'string', description, ...extra };
}

export function oneOfStrings(description: string, values: readonly string[]): OpenApiSchema {
  return { type: 'string', description, enum: values };
}

export function int32(description: string, extra: Partial<OpenApiSchema> = {}): OpenApiSchema {
  return { type: 'integer', format: 'int32', description, ...extra };
}

export function int64(description: string, extra: Partial<OpenApiSchema> = {}): OpenApiSchema {
  return { type: 'integer', format: 'int64', description, ...extra };
}

export function bool(description: string, extra: Partial<OpenApiSchema> = {}): OpenApiSchema {
  return { type: 'boolean', description, ...extra };
}

export function obj(description: string, properties: Fields, options: ObjectOptions = {}): OpenApiSchema {
  return {
    type: 'object',
    description,
    properties,
    ...(options.required ? { required: options.required } : {}),
  };
}

export function list(
  description: string,
  items: OpenApiSchema,
  extra: Partial<OpenApiSchema> = {},
): OpenApiSchema {
  return { type: 'array', description, items, ...extra };
}

/** A map with free keys and values of one type (labels, annotations, limits). */
function mapOf(description: string, values: OpenApiSchema): OpenApiSchema {
  return { type: 'object', description, additionalProperties: values };
}

export function stringMap(description: string): OpenApiSchema {
  return mapOf(description, { type: 'string' });
}

export function quantity(description: string): OpenApiSchema {
  return {
    description,
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    pattern: QUANTITY_PATTERN,
    'x-kubernetes-int-or-string': true,
    'x-spinkube-quantity': true,
  };
}

/** A subtree this description does not spell out: any content is accepted without warnings. */
export function open(description: string): OpenApiSchema {
  return { type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true };
}

/** A list of objects whose content is not spelled out. */
export function openList(description: string): OpenApiSchema {
  return list(description, open(description));
}
