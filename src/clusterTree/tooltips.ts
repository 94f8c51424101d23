// The long tooltips (Markdown), built only when the user hovers an item.
import { age, type Pod } from '../cluster/resources';
import type { SpinKubeModel } from '../cluster/spinKubeModel';

const esc = (s: string | undefined): string => (s ?? '').replace(/([\\`*_{}[\]()#+!|<>])/g, '\\$1');

export function appTooltip(model: SpinKubeModel, key: string): string | undefined {
  const info = model.app(key);
  if (!info) return undefined;
  const a = info.object;
  const lines = [
    `**${esc(a.metadata?.name)}** · ${esc(a.metadata?.namespace)} · ${info.status.state} (${esc(info.status.summary)})`,
    '',
    `- Image: \`${a.spec?.image ?? '(none)'}\``,
    `- Executor: ${esc(a.spec?.executor) || '(none)'}`,
    `- Replicas: ${info.status.ready} ready of ${info.status.desired ?? 'autoscaled'}`,
    `- Age: ${age(a.metadata?.creationTimestamp)}`,
  ];
  if (info.status.problem) lines.push('', `**Problem:** ${esc(info.status.problem)}`);
  const conditions = a.status?.conditions ?? [];
  if (conditions.length) {
    lines.push('', '**Conditions**');
    for (const c of conditions) {
      lines.push(
        `- ${esc(c.type)}: ${esc(c.status)}${c.reason ? ` (${esc(c.reason)})` : ''}${c.message ? ` — ${esc(c.message)}` : ''}`,
      );
    }
  }
  return lines.join('\n');
}

export function podTooltip(pod: Pod): string {
  const lines = [
    `**${esc(pod.metadata?.name)}** · ${esc(pod.status?.phase)}`,
    '',
    `- Node: ${esc(pod.spec?.nodeName) || 'unscheduled'}`,
    `- IP: ${esc(pod.status?.podIP) || '—'}`,
    `- Age: ${age(pod.metadata?.creationTimestamp)}`,
  ];
  for (const c of pod.status?.containerStatuses ?? []) {
    const state = c.state?.waiting
      ? `waiting (${c.state.waiting.reason ?? ''}${c.state.waiting.message ? `: ${c.state.waiting.message}` : ''})`
      : c.state?.terminated
        ? `terminated (${c.state.terminated.reason ?? ''}, exit ${c.state.terminated.exitCode ?? '?'})`
        : 'running';
    lines.push(`- Container ${esc(c.name)}: ${esc(state)}, ${c.restartCount ?? 0} restarts`);
  }
  return lines.join('\n');
}

export function nodeTooltip(model: SpinKubeModel, name: string): string | undefined {
  const n = model.node(name);
  if (!n) return undefined;
  const lines = [
    `**${esc(n.name)}** · ${n.ready ? 'Ready' : 'NotReady'}`,
    '',
    `- Kubelet: ${esc(n.kubeletVersion)}`,
    `- Runtime: ${esc(n.object.status?.nodeInfo?.containerRuntimeVersion)}`,
    `- Spin: ${n.spin.capable} — ${esc(n.spin.detail)}`,
    `- Spin pods: ${n.spinPods} of ${n.podCapacity ?? '?'} pod slots`,
  ];
  for (const c of n.object.status?.conditions ?? []) {
    const bad = c.type === 'Ready' ? c.status !== 'True' : c.status === 'True';
    if (bad) lines.push(`- ${esc(c.type)}: ${esc(c.status)} ${esc(c.message)}`);
  }
  return lines.join('\n');
}
