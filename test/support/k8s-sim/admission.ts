// The admission hook point: mutating then validating plugins, run on create and update, as the
// API server calls admission webhooks. A plugin denies by throwing an ApiError.
import { ApiError } from './apiErrors.js';
import type { KubeObject, ResourceType } from './types.js';

export interface AdmissionRequest {
  readonly operation: 'CREATE' | 'UPDATE';
  readonly type: ResourceType;
  readonly namespace: string;
  readonly name: string;
  /** The incoming object; mutating plugins may change it in place. */
  readonly object: KubeObject;
  readonly oldObject?: KubeObject;
  readonly subresource?: string;
}

export interface AdmissionPlugin {
  /** The webhook name shown in denials, e.g. `vspinapp.kb.io`. */
  readonly name: string;
  readonly mutating: boolean;
  appliesTo(request: AdmissionRequest): boolean;
  admit(request: AdmissionRequest): void;
}

export class AdmissionChain {
  private readonly plugins: AdmissionPlugin[] = [];
  private readonly disabled = new Set<string>();

  add(plugin: AdmissionPlugin): void {
    this.plugins.push(plugin);
  }

  /** Switches a plugin (by webhook name) off or back on. */
  setEnabled(name: string, enabled: boolean): void {
    if (enabled) this.disabled.delete(name);
    else this.disabled.add(name);
  }

  run(request: AdmissionRequest): void {
    const active = this.plugins.filter((p) => !this.disabled.has(p.name) && p.appliesTo(request));
    for (const p of [...active.filter((a) => a.mutating), ...active.filter((a) => !a.mutating)]) {
      try {
        p.admit(request);
      } catch (err) {
        if (err instanceof ApiError) {
          throw new ApiError(
            err.code,
            err.reason,
            `admission webhook "${p.name}" denied the request: ${err.message}`,
            err.details,
          );
        }
        throw new ApiError(
          500,
          'InternalError',
          `Internal error occurred: failed calling webhook "${p.name}": ${String(err)}`,
        );
      }
    }
  }
}
