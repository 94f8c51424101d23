// `files` and `exclude_files` (SPEC §1a.12): patterns that end in `.`/`..`, patterns that leave
// the application folder, `{ source, destination }` mappings, and (with a workspace) paths that
// do not exist.
import { globSyntaxProblem, looksLikeGlob } from '../../spinGlob';
import { folderOf, isAbsolutePath, resolveIn, staysInside } from '../uris';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_FILE_PATTERN = 'spin-toml/file-pattern';
export const CODE_FILE_OUTSIDE = 'spin-toml/file-outside-app';
export const CODE_FILE_MISSING = 'spin-toml/file-missing';
export const CODE_GLOB_EMPTY = 'spin-toml/file-glob-empty';
export const CODE_FILE_DESTINATION = 'spin-toml/file-destination';
export const CODE_EXCLUDE_GLOB = 'spin-toml/exclude-glob';

function outside(pattern: string): string {
  return `${pattern} cannot be mapped because it is outside the application directory. Files must be within the application directory.`;
}

function endProblem(pattern: string): string | undefined {
  const clean = pattern.replace(/\\/g, '/').replace(/\/+$/, '');
  if (clean === '..' || clean.endsWith('/..')) {
    return "A file pattern can't end in a parent directory path (..)";
  }
  if (clean === '.' || clean.endsWith('/.')) {
    return "A file pattern can't end in a current directory path (.)";
  }
  return undefined;
}

export const fileRule: SpinTomlRule = {
  name: 'files',
  check({ model, ctx, uri, report }: RuleInput) {
    const folder = folderOf(uri);
    const workspace = ctx.workspace;
    for (const component of model.components) {
      for (const file of component.files) {
        if (file.kind === 'pattern') {
          const pattern = file.pattern;
          const ending = endProblem(pattern);
          if (ending) {
            report.error(file.range, CODE_FILE_PATTERN, ending);
          } else if (!staysInside(pattern)) {
            report.error(file.range, CODE_FILE_OUTSIDE, outside(pattern));
          } else if (pattern === '*' || pattern === '**/*') {
            report.warning(
              file.range,
              CODE_FILE_PATTERN,
              `The pattern "${pattern}" is better written "./${pattern}"`,
            );
          } else if (looksLikeGlob(pattern) && globSyntaxProblem(pattern)) {
            report.error(
              file.range,
              CODE_FILE_PATTERN,
              `Failed to resolve glob pattern "${pattern}": ${globSyntaxProblem(pattern)}`,
            );
          } else if (workspace && !looksLikeGlob(pattern) && !workspace.exists(resolveIn(folder, pattern))) {
            report.error(
              file.range,
              CODE_FILE_MISSING,
              `"${pattern}" does not exist and doesn't appear to be a glob pattern`,
            );
          } else if (
            workspace?.glob &&
            looksLikeGlob(pattern) &&
            workspace.glob(folder, pattern).length === 0
          ) {
            report.warning(file.range, CODE_GLOB_EMPTY, `"${pattern}" matches no files`);
          }
          continue;
        }
        const { source, destination } = file;
        if (destination && !destination.value.startsWith('/')) {
          report.error(
            destination.range,
            CODE_FILE_DESTINATION,
            `File destination "${destination.value}" must be an absolute path`,
          );
        }
        if (!source) continue;
        if (isAbsolutePath(source.value) || !staysInside(source.value)) {
          report.error(source.range, CODE_FILE_OUTSIDE, outside(source.value));
          continue;
        }
        if (!workspace) continue;
        const sourceUri = resolveIn(folder, source.value);
        if (!workspace.exists(sourceUri)) {
          report.error(source.range, CODE_FILE_MISSING, `File or directory "${source.value}" does not exist`);
        } else if (destination?.value.endsWith('/') && workspace.readFile(sourceUri) !== undefined) {
          report.error(
            destination.range,
            CODE_FILE_DESTINATION,
            `"${destination.value}" is not a valid destination file name`,
          );
        }
      }
      for (const exclude of component.excludeFiles) {
        if (globSyntaxProblem(exclude.value)) {
          report.error(
            exclude.range,
            CODE_EXCLUDE_GLOB,
            `Invalid exclude_files glob pattern "${exclude.value}"`,
          );
        }
      }
    }
  },
};
