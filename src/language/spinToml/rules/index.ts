// Every spin.toml rule, in the order their diagnostics are reported.
import { buildRule } from './buildRules';
import { dependencyRule } from './dependencyRules';
import { duplicateIdRule } from './duplicateRules';
import { fileRule } from './fileRules';
import { httpBaseRule, httpRouteRule, wagiRule } from './httpRules';
import { identifierRule } from './identifierRules';
import { outboundHostRule } from './outboundHostRules';
import type { SpinTomlRule } from './ruleTypes';
import { schemaRule } from './schemaRule';
import { sourceRule } from './sourceRules';
import { redisTriggerRule, shimTriggerRule, triggerComponentRule } from './triggerRules';
import { templateRule, variableDeclarationRule } from './variableRules';
import { versionRule } from './versionRule';

export const SPIN_TOML_RULES: readonly SpinTomlRule[] = [
  versionRule,
  schemaRule,
  identifierRule,
  duplicateIdRule,
  variableDeclarationRule,
  templateRule,
  triggerComponentRule,
  httpRouteRule,
  wagiRule,
  httpBaseRule,
  redisTriggerRule,
  shimTriggerRule,
  sourceRule,
  outboundHostRule,
  buildRule,
  fileRule,
  dependencyRule,
];
