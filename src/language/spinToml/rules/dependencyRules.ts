// Component dependencies (SPEC §1a.8): dependency names (kebab-case or `ns:pkg[/iface][@ver]`),
// value forms, `{ component = … }` naming an existing component without resources of its own,
// conflicting package keys, and the two exclusive inheritance styles.
import { idProblem } from '../identifiers';
import type { ComponentModel, DependencyModel } from '../modelTypes';
import type { Reporter, RuleInput, SpinTomlRule } from './ruleTypes';
import type { MissingComponentData } from './triggerRules';

export const CODE_DEPENDENCY_NAME = 'spin-toml/dependency-name';
export const CODE_DEPENDENCY = 'spin-toml/dependency';
export const CODE_DEPENDENCY_COMPONENT = 'spin-toml/dependency-component';
export const CODE_DEPENDENCY_RESOURCES = 'spin-toml/dependency-resources';
export const CODE_DEPENDENCY_CONFLICT = 'spin-toml/dependency-conflict';
export const CODE_INHERIT_EXCLUSIVE = 'spin-toml/dependency-inherit';

const EXACT_SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

export interface PackageName {
  readonly namespace: string;
  readonly name: string;
  readonly iface?: string;
  readonly version?: string;
}

/** Parses a package-form dependency key, or returns why it is invalid. */
export function parsePackageName(key: string): PackageName | string {
  const match = /^([^:/@]*):([^:/@]*)(?:\/([^@]*))?(?:@(.*))?$/.exec(key);
  if (!match) return 'expected `namespace:package`, optionally followed by `/interface` and `@version`';
  const [, namespace = '', name = '', iface, version] = match;
  for (const [part, what] of [
    [namespace, 'namespace'],
    [name, 'package name'],
  ] as const) {
    const problem = idProblem(part, 'kebab');
    if (problem) return `invalid ${what} "${part}": ${problem}`;
  }
  if (iface !== undefined) {
    const problem = idProblem(iface, 'kebab');
    if (problem) return `invalid interface "${iface}": ${problem}`;
  }
  if (version !== undefined && !EXACT_SEMVER.test(version)) {
    return `invalid version "${version}": expected a full semantic version`;
  }
  return {
    namespace,
    name,
    ...(iface !== undefined ? { iface } : {}),
    ...(version !== undefined ? { version } : {}),
  };
}

const RESOURCE_KEYS = [
  'ai_models',
  'allowed_http_hosts',
  'allowed_outbound_hosts',
  'dependencies',
  'environment',
  'files',
  'key_value_stores',
  'sqlite_databases',
  'variables',
] as const;

function checkDependency(
  dep: DependencyModel,
  user: ComponentModel,
  input: RuleInput,
  report: Reporter,
): PackageName | undefined {
  let pkg: PackageName | undefined;
  if (dep.name.includes(':') || dep.name.includes('/')) {
    const parsed = parsePackageName(dep.name);
    if (typeof parsed === 'string') {
      report.error(dep.nameRange, CODE_DEPENDENCY_NAME, `Invalid dependency name "${dep.name}": ${parsed}`);
      return undefined;
    }
    pkg = parsed;
    if (!pkg.iface && dep.export) {
      report.error(
        dep.export.keyRange ?? dep.export.range,
        CODE_DEPENDENCY,
        `using an export to satisfy the package dependency "${dep.name}" is not currently permitted`,
      );
    }
  } else {
    const problem = idProblem(dep.name, 'kebab');
    if (problem) {
      report.error(dep.nameRange, CODE_DEPENDENCY_NAME, `Invalid dependency name "${dep.name}": ${problem}`);
      return undefined;
    }
    if (dep.spec.kind === 'package' && !dep.spec.package) {
      report.error(dep.nameRange, CODE_DEPENDENCY, `dependency "${dep.name}" must specify a package name`);
    }
  }
  switch (dep.spec.kind) {
    case 'invalid':
      if (input.model.root && dep.range) {
        report.error(
          dep.range,
          CODE_DEPENDENCY,
          `dependency "${dep.name}" must be a version requirement, or a table with \`version\`, \`path\`, \`url\` or \`component\``,
        );
      }
      break;
    case 'url':
      if (!dep.spec.digest) {
        report.error(
          dep.spec.url.range,
          CODE_DEPENDENCY,
          `dependency "${dep.name}" has a \`url\` but no \`digest\``,
        );
      } else if (!dep.spec.digest.value.startsWith('sha256:')) {
        report.error(
          dep.spec.digest.range,
          CODE_DEPENDENCY,
          `invalid \`digest\` "${dep.spec.digest.value}"; must start with 'sha256:'`,
        );
      }
      break;
    case 'component': {
      const target = dep.spec.component;
      const problem = idProblem(target.value, 'kebab');
      const used = input.model.componentsById.get(target.value);
      if (problem) {
        report.error(
          target.range,
          CODE_DEPENDENCY_COMPONENT,
          `Invalid component id "${target.value}": ${problem}`,
        );
      } else if (!used) {
        const data: MissingComponentData = { id: target.value };
        report.error(
          target.range,
          CODE_DEPENDENCY_COMPONENT,
          `dependency ID ${target.value} does not exist`,
          data,
        );
      } else {
        const own = RESOURCE_KEYS.filter((k) => used.node.entries.has(k));
        if (own.length > 0) {
          report.error(
            target.range,
            CODE_DEPENDENCY_RESOURCES,
            `Dependencies may not have their own resources or permissions. Component ${used.id} cannot be used as a dependency of ${user.id} because it specifies: ${own.join(', ')}`,
          );
        }
      }
      break;
    }
    default:
      break;
  }
  return pkg;
}

function major(version: string | undefined): string | undefined {
  return version?.split('.')[0];
}

export const dependencyRule: SpinTomlRule = {
  name: 'dependencies',
  check(input: RuleInput) {
    const { model, report } = input;
    for (const component of model.components) {
      const packages: { dep: DependencyModel; pkg: PackageName }[] = [];
      for (const dep of component.dependencies) {
        const pkg = checkDependency(dep, component, input, report);
        if (!pkg) continue;
        const clash = packages.find(
          (p) =>
            p.pkg.namespace === pkg.namespace &&
            p.pkg.name === pkg.name &&
            (p.pkg.iface === undefined || pkg.iface === undefined || p.pkg.iface === pkg.iface) &&
            (p.pkg.version === undefined ||
              pkg.version === undefined ||
              major(p.pkg.version) === major(pkg.version)),
        );
        if (clash) {
          report.error(
            dep.nameRange,
            CODE_DEPENDENCY_CONFLICT,
            `${dep.name} dependency conflicts with ${clash.dep.name}`,
          );
        }
        packages.push({ dep, pkg });
      }
      const inherit = component.dependenciesInheritConfiguration;
      if (inherit && component.dependencies.some((d) => d.inheritConfiguration !== undefined)) {
        report.error(
          inherit.keyRange ?? inherit.range,
          CODE_INHERIT_EXCLUSIVE,
          `Component \`${component.id}\` specifies both \`dependencies_inherit_configuration\` and per-dependency \`inherit_configuration\`. These are mutually exclusive; use one or the other.`,
        );
      }
    }
  },
};
