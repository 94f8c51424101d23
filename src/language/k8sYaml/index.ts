// The SpinApp / SpinAppExecutor YAML language: validation, completion, hover, quick fixes, symbols.
import type { DocumentLanguage } from '../types';
import { codeActionsK8sYaml } from './codeActions';
import { completeK8sYaml } from './completion';
import { hoverK8sYaml } from './hover';
import { symbolsK8sYaml } from './symbols';
import { validateK8sYaml } from './validate';

export const k8sYamlLanguage: DocumentLanguage = {
  validate: validateK8sYaml,
  complete: completeK8sYaml,
  hover: hoverK8sYaml,
  codeActions: codeActionsK8sYaml,
  symbols: symbolsK8sYaml,
};
