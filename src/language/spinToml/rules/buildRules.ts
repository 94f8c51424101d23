// `[component.<id>.build]` (SPEC §1a.7): the workdir must be relative (and exist, when the
// workspace is known).
import { folderOf, isAbsolutePath, resolveIn } from '../uris';
import type { RuleInput, SpinTomlRule } from './ruleTypes';

export const CODE_WORKDIR = 'spin-toml/build-workdir';

export const buildRule: SpinTomlRule = {
  name: 'build',
  check({ model, ctx, uri, report }: RuleInput) {
    for (const component of model.components) {
      const workdir = component.build?.workdir;
      if (!workdir) continue;
      if (isAbsolutePath(workdir.value)) {
        report.error(
          workdir.range,
          CODE_WORKDIR,
          'The workdir specified in the application file must be relative.',
        );
      } else if (ctx.workspace && !ctx.workspace.exists(resolveIn(folderOf(uri), workdir.value))) {
        report.warning(workdir.range, CODE_WORKDIR, `Build workdir "${workdir.value}" does not exist`);
      }
    }
  },
};
