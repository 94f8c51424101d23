// The subset of OpenAPI v3 that Kubernetes structural schemas (CRD openAPIV3Schema) use. Both the
// bundled SpinApp/SpinAppExecutor description and a CRD read from a cluster have this shape.

export type OpenApiType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

export interface OpenApiSchema {
  readonly type?: OpenApiType;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, OpenApiSchema>>;
  readonly additionalProperties?: OpenApiSchema | boolean;
  readonly items?: OpenApiSchema;
  readonly required?: readonly string[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly pattern?: string;
  readonly default?: unknown;
  readonly nullable?: boolean;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean;
  readonly exclusiveMaximum?: boolean;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minProperties?: number;
  readonly maxProperties?: number;
  readonly anyOf?: readonly OpenApiSchema[];
  readonly allOf?: readonly OpenApiSchema[];
  readonly oneOf?: readonly OpenApiSchema[];
  readonly 'x-kubernetes-int-or-string'?: boolean;
  readonly 'x-kubernetes-preserve-unknown-fields'?: boolean;
  readonly 'x-kubernetes-embedded-resource'?: boolean;
  /** Our own marker (not from Kubernetes): the value is a resource quantity such as `500m` or `1Gi`. */
  readonly 'x-spinkube-quantity'?: boolean;
}

/** A path inside an object: keys, with `[]` for "an item of this list". */
export type SchemaPath = readonly string[];

export function isSchemaObject(value: unknown): value is OpenApiSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schema of a map key: a named property, else additionalProperties. */
function propertySchema(schema: OpenApiSchema | undefined, key: string): OpenApiSchema | undefined {
  if (!schema) return undefined;
  const named = schema.properties?.[key];
  if (isSchemaObject(named)) return named;
  const extra = schema.additionalProperties;
  if (isSchemaObject(extra)) return extra;
  for (const part of schema.allOf ?? []) {
    const found = propertySchema(part, key);
    if (found) return found;
  }
  return undefined;
}

/** The schema at a path (`[]` steps into list items), or undefined. */
export function schemaAt(root: OpenApiSchema | undefined, path: SchemaPath): OpenApiSchema | undefined {
  let current = root;
  for (const step of path) {
    if (!current) return undefined;
    if (step === '[]') current = isSchemaObject(current.items) ? current.items : undefined;
    else current = propertySchema(current, step);
  }
  return current;
}

/** A short human name of the value type a schema wants. */
export function typeLabel(schema: OpenApiSchema): string {
  if (schema['x-spinkube-quantity'] || (schema['x-kubernetes-int-or-string'] && schema.pattern)) {
    return 'quantity';
  }
  if (schema['x-kubernetes-int-or-string']) return 'integer or string';
  switch (schema.type) {
    case 'object':
      return isSchemaObject(schema.additionalProperties) && !schema.properties
        ? `map of ${typeLabel(schema.additionalProperties)}`
        : 'object';
    case 'array':
      return schema.items ? `list of ${typeLabel(schema.items)}` : 'list';
    case 'integer':
      return schema.format ? `integer (${schema.format})` : 'integer';
    case undefined:
      return 'any';
    default:
      return schema.type;
  }
}
