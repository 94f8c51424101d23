// The SpinApp / SpinAppExecutor YAML language: validation, completion, hover, quick fixes, symbols.
import type { DocumentLanguage } from '../types';
import { validateK8sYaml } from './validate';

export const k8sYamlLanguage: DocumentLanguage = {
  validate: validateK8sYaml,
};
