// The SpinApp / SpinAppExecutor YAML language: validation, completion, hover, quick fixes, symbols,
// and navigation (definition, references, rename) of executor names and spin.toml names.
import type { DocumentLanguage } from '../types';
import { codeActionsK8sYaml } from './codeActions';
import { completeK8sYaml } from './completion';
import { hoverK8sYaml } from './hover';
import { definitionK8sYaml, referencesK8sYaml } from './navigation';
import { renameK8sYaml } from './rename';
import { symbolsK8sYaml } from './symbols';
import { validateK8sYaml } from './validate';

export const k8sYamlLanguage: DocumentLanguage = {
  validate: validateK8sYaml,
  complete: completeK8sYaml,
  hover: hoverK8sYaml,
  codeActions: codeActionsK8sYaml,
  symbols: symbolsK8sYaml,
  definition: definitionK8sYaml,
  references: referencesK8sYaml,
  rename: renameK8sYaml,
};
