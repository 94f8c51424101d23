// `allowed_outbound_hosts` entries (grammar, `insecure:allow-all`, templated entries checked with
// the variables' defaults) and the deprecated `allowed_http_hosts`.
import { DiagnosticTag } from 'vscode-languageserver-types';
import type { Range } from '../../types';
import { httpHostProblem, INSECURE_ALLOW_ALL, outboundHostProblem } from '../outboundHosts';
import { hasTemplate, parseTemplate, renderTemplate } from '../templates';
import type { ComponentModel, SpinManifestModel } from '../modelTypes';
import { PartCache, type Reporter, type RuleInput, type SpinTomlRule } from './ruleTypes';

export const CODE_OUTBOUND_HOST = 'spin-toml/outbound-host';
export const CODE_INSECURE_ALLOW_ALL = 'spin-toml/insecure-allow-all';
export const CODE_DEPRECATED_HTTP_HOSTS = 'spin-toml/deprecated-allowed-http-hosts';
export const CODE_INVALID_HTTP_HOST = 'spin-toml/invalid-allowed-http-host';

/** Attached to an invalid literal entry: its text, for the corrections offered as quick fixes. */
export interface OutboundHostData {
  readonly entry: string;
}

/** Attached to the deprecation warning: where the key is, for the conversion quick fix. */
export interface DeprecatedHttpHostsData {
  readonly componentId: string;
}

/** Diagnostics of each unchanged component without templates (those depend on the variables). */
const PARTS = new PartCache<ComponentModel>();

export const outboundHostRule: SpinTomlRule = {
  name: 'outbound-hosts',
  check({ model, report }: RuleInput) {
    for (const component of model.components) {
      if (component.allowedOutboundHosts.some((h) => hasTemplate(h.value))) {
        checkComponent(model, component, report);
      } else {
        PARTS.run(report, component, (r) => checkComponent(model, component, r));
      }
    }
  },
};

function checkComponent(model: SpinManifestModel, component: ComponentModel, report: Reporter): void {
  for (const entry of component.allowedOutboundHosts) {
    if (entry.value.trim() === INSECURE_ALLOW_ALL) {
      report.error(entry.range, CODE_INSECURE_ALLOW_ALL, outboundHostProblem(INSECURE_ALLOW_ALL) ?? '');
      continue;
    }
    if (!hasTemplate(entry.value)) {
      const problem = outboundHostProblem(entry.value);
      const data: OutboundHostData = { entry: entry.value };
      if (problem) report.error(entry.range, CODE_OUTBOUND_HOST, problem, data);
      continue;
    }
    // Templates: syntax and unknown names are the template rule's; check with defaults when all have one.
    const parsed = parseTemplate(entry.value);
    if (!parsed.ok) continue;
    const resolved = renderTemplate(entry.value, (name) => model.variablesByName.get(name)?.default?.value);
    if (resolved === undefined) continue;
    const problem = outboundHostProblem(resolved);
    if (problem) {
      report.error(
        entry.range,
        CODE_OUTBOUND_HOST,
        `using default variable value(s) with template "${entry.value}" results in invalid config "${resolved}": ${problem}`,
      );
    }
  }
  const httpHosts = component.node.entries.get('allowed_http_hosts');
  if (!httpHosts) return;
  if (model.layout === 2) {
    const range: Range = httpHosts.keyRange ?? httpHosts.range;
    const data: DeprecatedHttpHostsData = { componentId: component.id };
    report.warning(
      range,
      CODE_DEPRECATED_HTTP_HOSTS,
      'Use of the deprecated field `allowed_http_hosts` - to fix, replace `allowed_http_hosts` with `allowed_outbound_hosts = [...]`',
      data,
      [DiagnosticTag.Deprecated],
    );
  }
  if (component.allowedHttpHosts.some((h) => h.value === INSECURE_ALLOW_ALL)) return;
  for (const entry of component.allowedHttpHosts) {
    const problem = httpHostProblem(entry.value);
    if (problem) {
      report.error(
        entry.range,
        CODE_INVALID_HTTP_HOST,
        `One or more allowed_http_hosts entries was invalid: ${problem}`,
      );
    }
  }
}
