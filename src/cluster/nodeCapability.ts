// Whether a node can run Spin apps, from the evidence SpinKube's installers leave (SPEC §1c.6):
//   runtime-class-manager labels the node `<shim>=provisioned` (pending / failed meanwhile), the
//   KWasm operator labels it `kwasm.sh/kwasm-provisioned`, and a Spin RuntimeClass's
//   `scheduling.nodeSelector` says which nodes its pods may land on.
//   isSpinRuntimeClass(rc)  nodeSpinCapability(node, spinRuntimeClasses) → { capable, via, detail }
//   nodeReady(node)  podCapacity(node)
import { condition, type Node, type RuntimeClass } from './resources';

const KWASM_PROVISIONED_LABEL = 'kwasm.sh/kwasm-provisioned';

export type SpinCapability = 'yes' | 'no' | 'pending' | 'failed';

export interface NodeSpinCapability {
  readonly capable: SpinCapability;
  /** What the verdict rests on: 'runtime-class-manager', 'kwasm', 'runtimeclass-selector', or 'none'. */
  readonly via: 'runtime-class-manager' | 'kwasm' | 'runtimeclass-selector' | 'none';
  readonly detail: string;
}

/** A RuntimeClass whose handler is a Spin containerd shim (`spin`, `spin-v2`, …). */
export function isSpinRuntimeClass(rc: RuntimeClass): boolean {
  const handler = rc.handler ?? '';
  return /^spin(\b|[-_]|$)/.test(handler) || handler.includes('containerd-shim-spin');
}

export function nodeReady(node: Node): boolean {
  return condition(node.status?.conditions, 'Ready')?.status === 'True';
}

export function podCapacity(node: Node): number | undefined {
  const raw = node.status?.allocatable?.['pods'] ?? node.status?.capacity?.['pods'];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) ? n : undefined;
}

function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

export function nodeSpinCapability(node: Node, runtimeClasses: readonly RuntimeClass[]): NodeSpinCapability {
  const labels = node.metadata?.labels ?? {};
  const spinClasses = runtimeClasses.filter(isSpinRuntimeClass);
  // runtime-class-manager: label key = shim name (= the RuntimeClass handler), value = install state
  const shimNames = new Set(spinClasses.map((rc) => rc.handler ?? ''));
  for (const name of ['spin-v2', 'spin']) shimNames.add(name);
  for (const shim of shimNames) {
    const state = labels[shim];
    if (state === 'provisioned') {
      return { capable: 'yes', via: 'runtime-class-manager', detail: `shim ${shim} provisioned` };
    }
  }
  for (const shim of shimNames) {
    const state = labels[shim];
    if (state === 'pending') {
      return { capable: 'pending', via: 'runtime-class-manager', detail: `shim ${shim} installing` };
    }
    if (state === 'failed') {
      return { capable: 'failed', via: 'runtime-class-manager', detail: `shim ${shim} failed to install` };
    }
  }
  if (labels[KWASM_PROVISIONED_LABEL] !== undefined) {
    return { capable: 'yes', via: 'kwasm', detail: 'KWasm provisioned' };
  }
  for (const rc of spinClasses) {
    const selector = rc.scheduling?.nodeSelector;
    if (selector && Object.keys(selector).length > 0 && matches(selector, labels)) {
      return {
        capable: 'yes',
        via: 'runtimeclass-selector',
        detail: `matches RuntimeClass ${rc.metadata?.name ?? ''}`,
      };
    }
  }
  const open = spinClasses.find(
    (rc) => !rc.scheduling?.nodeSelector || Object.keys(rc.scheduling.nodeSelector).length === 0,
  );
  if (open) {
    return {
      capable: 'yes',
      via: 'runtimeclass-selector',
      detail: `RuntimeClass ${open.metadata?.name ?? ''} has no node selector (shim assumed on every node)`,
    };
  }
  return {
    capable: 'no',
    via: 'none',
    detail: spinClasses.length
      ? 'no Spin shim label and no matching RuntimeClass selector'
      : 'no Spin RuntimeClass',
  };
}
