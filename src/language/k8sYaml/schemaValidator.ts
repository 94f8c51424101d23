// A generic validator of YAML trees against an OpenAPI v3 structural schema, the way the Kubernetes
// API server checks a custom resource: types, required fields, enums, formats, patterns, sizes, and
// unknown fields (which the server prunes). Used with the bundled description and with the CRD read
// from a cluster. Never throws on a malformed schema: what it does not understand, it accepts.
import { isScalar, keyName, yaml11Boolean, type YMap, type YNode, type YScalar } from './yaml/ast';
import { closestName } from '../didYouMean';
import { isSchemaObject, typeLabel, type OpenApiSchema } from './openApi';

export type SchemaIssueKind =
  | 'unknown-field'
  | 'invalid-type'
  | 'missing-required'
  | 'invalid-enum'
  | 'invalid-quantity'
  | 'invalid-pattern'
  | 'out-of-range'
  | 'invalid-length';

export interface SchemaIssue {
  readonly kind: SchemaIssueKind;
  /** Field path in Kubernetes notation, e.g. `spec.volumes[0].name`. */
  readonly path: string;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  /** For unknown fields: the likely intended field name. */
  readonly suggestion?: string;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const INT32 = { min: -2147483648, max: 2147483647 };
const MAX_DEPTH = 64;
const patternCache = new Map<string, RegExp | null>();

function compiledPattern(pattern: string): RegExp | null {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re;
}

function describeValue(node: YNode): string {
  if (node.kind === 'map') return 'an object';
  if (node.kind === 'seq') return 'a list';
  const v = node.value;
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `the number ${String(v)}`;
  return `the boolean ${String(v)}`;
}

function isQuantity(schema: OpenApiSchema): boolean {
  return (
    schema['x-spinkube-quantity'] === true ||
    (schema['x-kubernetes-int-or-string'] === true && !!schema.pattern)
  );
}

/** Validates `node` against `schema`; `path` names the node (e.g. `spec`), `anchor` is where missing fields are reported. */
export function validateAgainstSchema(
  node: YNode,
  schema: unknown,
  path: string,
  anchor: Span = node,
): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (isSchemaObject(schema)) new Walker(issues).check(node, schema, [path], anchor, 0);
  return issues;
}

class Walker {
  constructor(private readonly issues: SchemaIssue[]) {}

  private pathOf(segments: readonly string[]): string {
    let out = '';
    for (const s of segments) {
      if (s.startsWith('[')) out += s;
      else out += out ? `.${s}` : s;
    }
    return out;
  }

  private add(
    kind: SchemaIssueKind,
    segments: readonly string[],
    span: Span,
    message: string,
    suggestion?: string,
  ): void {
    this.issues.push({
      kind,
      path: this.pathOf(segments),
      message,
      start: span.start,
      end: Math.max(span.end, span.start),
      ...(suggestion ? { suggestion } : {}),
    });
  }

  check(node: YNode, schema: OpenApiSchema, path: string[], anchor: Span, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (isScalar(node) && node.value === null) return; // nulls are pruned by the API server
    if (!this.checkType(node, schema, path)) return;
    if (Array.isArray(schema.enum) && isScalar(node) && !schema.enum.some((v) => v === node.value)) {
      const allowed = schema.enum.map((v) => JSON.stringify(v)).join(', ');
      this.add(
        'invalid-enum',
        path,
        node,
        `${this.pathOf(path)}: ${describeValue(node)} is not allowed; use one of ${allowed}`,
      );
    }
    if (node.kind === 'scalar') this.checkScalar(node, schema, path);
    else if (node.kind === 'seq') this.checkSeq(node.items, node, schema, path, depth);
    else this.checkMap(node, schema, path, anchor, depth);
  }

  /** Reports a type mismatch; returns whether the node's shape fits (so deeper checks make sense). */
  private checkType(node: YNode, schema: OpenApiSchema, path: string[]): boolean {
    const where = this.pathOf(path);
    if (schema['x-kubernetes-int-or-string']) {
      if (
        isScalar(node) &&
        (typeof node.value === 'string' || (typeof node.value === 'number' && Number.isInteger(node.value)))
      ) {
        return true;
      }
      const hint =
        isScalar(node) && typeof node.value === 'number'
          ? ` (write it as a string: "${String(node.value)}")`
          : '';
      this.add(
        'invalid-type',
        path,
        node,
        `${where} must be an integer or a string, not ${describeValue(node)}${hint}`,
      );
      return false;
    }
    const type = schema.type;
    if (!type) return true;
    const legacyBoolean = yaml11Boolean(node);
    if (legacyBoolean !== undefined && type === 'boolean') return true; // kubectl sends a boolean
    if (legacyBoolean !== undefined && type === 'string' && isScalar(node)) {
      const quoted = JSON.stringify(String(node.value));
      const message = `${where}: kubectl reads the unquoted ${String(node.value)} as the boolean ${String(legacyBoolean)}, which is not a string (quote it: ${quoted})`;
      this.add('invalid-type', path, node, message, quoted);
      return false;
    }
    let ok: boolean;
    switch (type) {
      case 'object':
        ok = node.kind === 'map';
        break;
      case 'array':
        ok = node.kind === 'seq';
        break;
      case 'string':
        ok = isScalar(node) && typeof node.value === 'string';
        break;
      case 'integer':
        ok = isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value);
        break;
      case 'number':
        ok = isScalar(node) && typeof node.value === 'number';
        break;
      case 'boolean':
        ok = isScalar(node) && typeof node.value === 'boolean';
        break;
      default:
        ok = true;
    }
    if (ok) return true;
    let hint = '';
    let suggestion: string | undefined;
    if (type === 'string' && isScalar(node)) {
      suggestion = JSON.stringify(String(node.value));
      hint = ` (quote it: ${suggestion})`;
    } else if (type === 'integer' && isScalar(node) && node.quoted && /^-?[0-9]+$/.test(String(node.value))) {
      suggestion = String(node.value);
      hint = ' (remove the quotes)';
    } else if (
      type === 'boolean' &&
      isScalar(node) &&
      node.quoted &&
      /^(true|false)$/.test(String(node.value))
    ) {
      suggestion = String(node.value);
      hint = ' (remove the quotes)';
    }
    const article = /^[aeiou]/.test(typeLabel(schema)) ? 'an' : 'a';
    const message = `${where} must be ${article} ${typeLabel(schema)}, not ${describeValue(node)}${hint}`;
    this.add('invalid-type', path, node, message, suggestion);
    return false;
  }

  private checkScalar(node: YScalar, schema: OpenApiSchema, path: string[]): void {
    const where = this.pathOf(path);
    const value = node.value;
    if (typeof value === 'string') {
      if (schema.pattern) {
        const re = compiledPattern(schema.pattern);
        if (re && !re.test(value)) {
          if (isQuantity(schema)) {
            this.add(
              'invalid-quantity',
              path,
              node,
              `${where}: ${JSON.stringify(value)} is not a valid quantity (use a number with an optional suffix, e.g. 500m, 128Mi, 1Gi)`,
            );
          } else {
            this.add(
              'invalid-pattern',
              path,
              node,
              `${where}: ${JSON.stringify(value)} does not match the pattern ${schema.pattern}`,
            );
          }
        }
      }
      if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
        this.add('invalid-length', path, node, `${where} may have at most ${schema.maxLength} characters`);
      }
      if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
        this.add('invalid-length', path, node, `${where} must have at least ${schema.minLength} characters`);
      }
    } else if (typeof value === 'number' && (schema.type === 'integer' || schema.type === 'number')) {
      let min = schema.minimum;
      let max = schema.maximum;
      if (schema.format === 'int32') {
        min = Math.max(min ?? INT32.min, INT32.min);
        max = Math.min(max ?? INT32.max, INT32.max);
      }
      const belowMin = min !== undefined && (schema.exclusiveMinimum ? value <= min : value < min);
      const aboveMax = max !== undefined && (schema.exclusiveMaximum ? value >= max : value > max);
      if (belowMin) {
        this.add(
          'out-of-range',
          path,
          node,
          `${where} must be ${schema.exclusiveMinimum ? 'greater than' : 'at least'} ${String(min)}`,
        );
      } else if (aboveMax) {
        this.add(
          'out-of-range',
          path,
          node,
          `${where} must be ${schema.exclusiveMaximum ? 'less than' : 'at most'} ${String(max)}`,
        );
      }
    }
  }

  private checkSeq(
    items: readonly YNode[],
    node: YNode,
    schema: OpenApiSchema,
    path: string[],
    depth: number,
  ): void {
    const where = this.pathOf(path);
    if (typeof schema.minItems === 'number' && items.length < schema.minItems) {
      this.add(
        'invalid-length',
        path,
        node,
        `${where} must have at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}`,
      );
    }
    if (typeof schema.maxItems === 'number' && items.length > schema.maxItems) {
      this.add('invalid-length', path, node, `${where} may have at most ${schema.maxItems} items`);
    }
    const itemSchema = schema.items;
    if (!isSchemaObject(itemSchema)) return;
    items.forEach((item, index) => {
      path.push(`[${index}]`);
      this.check(
        item,
        itemSchema,
        path,
        item.kind === 'map' && item.pairs[0] ? item.pairs[0].key : item,
        depth + 1,
      );
      path.pop();
    });
  }

  private checkMap(node: YMap, schema: OpenApiSchema, path: string[], anchor: Span, depth: number): void {
    const properties = isSchemaObject(schema.properties) ? schema.properties : undefined;
    const extra = schema.additionalProperties;
    const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true || extra === true;
    for (const pair of node.pairs) {
      const name = keyName(pair);
      const named = properties?.[name];
      const fieldSchema = isSchemaObject(named) ? named : isSchemaObject(extra) ? extra : undefined;
      if (!fieldSchema) {
        if (!preserve && (properties || extra === false)) {
          const suggestion = closestName(name, Object.keys(properties ?? {}));
          const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
          path.push(name);
          this.add(
            'unknown-field',
            path,
            pair.key,
            `unknown field "${this.pathOf(path)}": the API server prunes unknown fields${hint}`,
            suggestion,
          );
          path.pop();
        }
        continue;
      }
      path.push(name);
      this.check(pair.value, fieldSchema, path, pair.key, depth + 1);
      path.pop();
    }
    for (const name of schema.required ?? []) {
      const pair = node.pairs.find((p) => keyName(p) === name);
      if (pair && !(isScalar(pair.value) && pair.value.value === null)) continue;
      path.push(name);
      this.add('missing-required', path, pair ? pair.key : anchor, `${this.pathOf(path)} is required`);
      path.pop();
    }
  }
}
