// Run Locally builds with the pipeline's build step, the same as Build and Deploy: the build
// commands of the components that changed, streamed line by line.
import { buildApp } from '../pipeline/build/buildApp';
import type { PipelineEvent } from '../pipeline/events';

export interface BuildStepOptions {
  readonly manifestPath: string;
  readonly trusted: boolean;
  readonly say: (line: string) => void;
  readonly signal?: AbortSignal;
}

function lineOf(event: PipelineEvent): string {
  return event.type === 'output' ? event.line : event.message;
}

/** A `build` callback for startLocalRun: builds the given components. */
export function pipelineBuild(options: BuildStepOptions): (componentIds: readonly string[]) => Promise<void> {
  return async (componentIds) => {
    await buildApp({
      manifestPath: options.manifestPath,
      components: componentIds,
      trusted: options.trusted,
      onEvent: (event) => options.say(lineOf(event)),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  };
}
