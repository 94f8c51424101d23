// Keys and types: unknown keys (with "did you mean"), wrong TOML types, unknown enum values and
// missing required keys, checked against the declarative schema of the manifest's version.
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { Range } from '../../types';
import { closestName } from '../../didYouMean';
import { manifestV1Shape } from '../schemaV1';
import { appTriggerSettingShapes, manifestV2Shape, triggerShapeFor } from '../schemaV2';
import { expectedOf, type Shape } from '../schemaTypes';
import type { TomlNode, TomlTableNode } from '../tree';
import { firstLineOf } from '../parse';
import type { SpinManifestModel } from '../modelTypes';
import { PartCache, type Reporter, type RuleInput, type SpinTomlRule } from './ruleTypes';

export const CODE_UNKNOWN_KEY = 'spin-toml/unknown-key';
export const CODE_TYPE = 'spin-toml/type';
export const CODE_MISSING_KEY = 'spin-toml/missing-key';
export const CODE_INVALID_VALUE = 'spin-toml/invalid-value';

/** Data attached to an unknown-key diagnostic, for the "rename to" quick fix. */
export interface UnknownKeyData {
  readonly key: string;
  readonly suggestion?: string;
}

/**
 * Keys of a version 1 component that version 2 moved elsewhere: in a v2 component they are
 * unknown, and shown as deprecated with where they went.
 */
const V1_ONLY_COMPONENT_KEYS: Readonly<Record<string, string>> = {
  config: 'version 2 uses `variables`',
  trigger: 'version 2 declares triggers as `[[trigger.<type>]]` tables that name the component',
  id: 'version 2 takes the id from the table name, `[component.<id>]`',
};

/**
 * The unknown-key message: Spin's words for the key and the nearest allowed key. The full list of
 * allowed keys is in the hover of the key and in completion, not here (Problems cuts it off).
 */
export function unknownKeyMessage(key: string, suggestion: string | undefined, v1Note?: string): string {
  const hint = suggestion ? ` (did you mean \`${suggestion}\`?)` : '';
  return `unknown field \`${key}\`${v1Note ? ` (a version 1 key: ${v1Note})` : hint}`;
}

type Path = readonly (string | number)[];

/** Overrides look at most three keys deep; deeper paths are all this one (no copy per node). */
const OVERRIDE_DEPTH = 3;
const DEEP: Path = ['', '', '', ''];

function childPath(path: Path, key: string | number): Path {
  return path.length < OVERRIDE_DEPTH ? [...path, key] : DEEP;
}

/** Shapes that depend on where a table sits (trigger type, application trigger settings). */
export function v2ShapeOverride(path: Path): Shape | undefined {
  if (path.length !== 3) return undefined;
  const first = path[0];
  const second = path[1];
  const third = path[2];
  if (first === 'trigger' && typeof second === 'string' && typeof third === 'number') {
    return triggerShapeFor(second);
  }
  if (first === 'application' && second === 'trigger' && typeof third === 'string') {
    return appTriggerSettingShapes[third];
  }
  return undefined;
}

export const schemaRule: SpinTomlRule = {
  name: 'schema',
  check({ model, report }: RuleInput) {
    if (!model.root) return;
    const walker = new SchemaWalker(
      report,
      model.layout === 2 ? v2ShapeOverride : () => undefined,
      model.layout,
      model.layout === 2 ? model : undefined,
    );
    const firstLine = firstLineOf(model.parse.text);
    const documentStart: Range = {
      start: { line: 0, character: 0 },
      end: { line: 0, character: firstLine.length },
    };
    walker.check(model.root, model.layout === 2 ? manifestV2Shape : manifestV1Shape, [], documentStart);
  },
};

function typeWord(node: TomlNode): string {
  switch (node.kind) {
    case 'table':
      return 'table';
    case 'array':
      return 'sequence';
    case 'integer':
    case 'float':
      return `${node.kind} \`${node.raw}\``;
    case 'boolean':
      return `boolean \`${node.raw}\``;
    case 'string':
      return `string ${node.raw}`;
    default:
      return `datetime ${node.raw}`;
  }
}

function matches(node: TomlNode, shape: Shape): boolean {
  switch (shape.type) {
    case 'any':
      return true;
    case 'string':
    case 'integer':
    case 'boolean':
      return node.kind === shape.type;
    case 'array':
      return node.kind === 'array';
    case 'table':
    case 'map':
      return node.kind === 'table';
    case 'oneOf':
      return shape.options.some((o) => matches(node, o));
  }
}

type TableShape = Extract<Shape, { type: 'table' }>;
type FieldOf = TableShape['fields'][string];

/** A table shape's field names and required fields, worked out once per shape. */
const fieldLists = new WeakMap<TableShape, { known: string[]; required: [string, FieldOf][] }>();

function fieldsOf(shape: TableShape): { known: string[]; required: [string, FieldOf][] } {
  let lists = fieldLists.get(shape);
  if (!lists) {
    const entries = Object.entries(shape.fields);
    lists = { known: entries.map(([k]) => k), required: entries.filter(([, f]) => f.required) };
    fieldLists.set(shape, lists);
  }
  return lists;
}

/** Diagnostics of each unchanged component and trigger table, between versions of a document. */
const PARTS = new PartCache<TomlTableNode>();

class SchemaWalker {
  constructor(
    private report: Reporter,
    private readonly override: (path: Path) => Shape | undefined,
    private readonly layout: 1 | 2,
    /** A v2 model: its components' and triggers' diagnostics are reused while they are unchanged. */
    private readonly parts?: SpinManifestModel,
  ) {}

  /** The model's table for the component or trigger at `path`, which keys the cache of its diagnostics. */
  private partAt(path: Path): TomlTableNode | undefined {
    const parts = this.parts;
    if (!parts) return undefined;
    const [first, second, third] = path;
    if (path.length === 2 && first === 'component' && typeof second === 'string') {
      const component = parts.componentsById.get(second);
      return component && !component.inline ? component.node : undefined;
    }
    if (path.length === 3 && first === 'trigger' && typeof second === 'string' && typeof third === 'number') {
      return parts.triggersByType.get(second)?.[third]?.node;
    }
    return undefined;
  }

  private isV2Component(path: Path): boolean {
    return this.layout === 2 && path.length === 2 && path[0] === 'component';
  }

  check(node: TomlNode, declared: Shape, path: Path, ownerRange: Range): void {
    const part = path.length === 2 || path.length === 3 ? this.partAt(path) : undefined;
    if (part) {
      const outer = this.report;
      PARTS.run(outer, part, (report) => {
        this.report = report;
        try {
          this.checkNode(node, declared, path, ownerRange);
        } finally {
          this.report = outer;
        }
      });
      return;
    }
    this.checkNode(node, declared, path, ownerRange);
  }

  private checkNode(node: TomlNode, declared: Shape, path: Path, ownerRange: Range): void {
    const shape = this.override(path) ?? declared;
    if (shape.type === 'oneOf') {
      let option: Shape | undefined;
      for (const o of shape.options) if (!option && matches(node, o)) option = o;
      if (option) this.check(node, option, path, ownerRange);
      else this.typeError(node, shape);
      return;
    }
    if (!matches(node, shape)) {
      this.typeError(node, shape);
      return;
    }
    switch (shape.type) {
      case 'string':
        if (shape.values && node.kind === 'string' && !shape.values.includes(node.value as string)) {
          const list = shape.values.map((v) => `\`${v}\``).join(', ');
          this.report.error(
            node.range,
            CODE_INVALID_VALUE,
            `unknown variant ${node.raw}, expected one of ${list}`,
          );
        }
        return;
      case 'array':
        if (node.kind === 'array') {
          for (let i = 0; i < node.items.length; i++) {
            const item = node.items[i] as TomlNode;
            this.check(item, shape.items, childPath(path, i), item.range);
          }
        }
        return;
      case 'map':
        if (node.kind === 'table') {
          node.entries.forEach((value, key) =>
            this.check(value, shape.values, childPath(path, key), value.range),
          );
        }
        return;
      case 'table':
        if (node.kind === 'table') this.checkTable(node, shape, path, ownerRange);
        return;
      default:
        return;
    }
  }

  private checkTable(
    node: TomlTableNode,
    shape: Extract<Shape, { type: 'table' }>,
    path: Path,
    ownerRange: Range,
  ) {
    const { known, required } = fieldsOf(shape);
    node.entries.forEach((value, key) => {
      const field = shape.fields[key];
      if (field) {
        this.check(value, field.shape, childPath(path, key), value.range);
      } else if (!shape.open) {
        const suggestion = closestName(key, known, Math.max(1, Math.min(3, Math.floor(key.length / 3))));
        const data: UnknownKeyData = suggestion ? { key, suggestion } : { key };
        const v1Note = this.isV2Component(path) ? V1_ONLY_COMPONENT_KEYS[key] : undefined;
        this.report.error(
          value.keyRange ?? value.range,
          CODE_UNKNOWN_KEY,
          unknownKeyMessage(key, suggestion, v1Note),
          data,
          v1Note ? [DiagnosticTag.Deprecated] : undefined,
        );
      }
    });
    for (const [key, field] of required) {
      if (!node.entries.has(key)) {
        const where = path.length === 0 ? ownerRange : (node.keyRange ?? node.range);
        this.report.error(where, CODE_MISSING_KEY, field.missingMessage ?? `missing field \`${key}\``, {
          key,
        });
      }
    }
  }

  private typeError(node: TomlNode, shape: Shape): void {
    this.report.error(
      node.range,
      CODE_TYPE,
      `invalid type: ${typeWord(node)}, expected ${expectedOf(shape)}`,
    );
  }
}
