// Entry point of dist/language.js: the language client, loaded once a spin.toml or YAML file is
// open (or a feature needs it), after activation has returned.
export { createLanguageFeature } from './feature';
