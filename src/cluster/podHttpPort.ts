// The pod port that port-forward opens in the browser: the container port spin-operator names
// `http-app` (80 for every SpinApp), else the pod's first TCP container port, else 80.
const SPIN_HTTP_PORT = 80;
const SPIN_HTTP_PORT_NAME = 'http-app';

interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol?: string;
}

export function podHttpPort(pod: { spec?: { containers?: readonly object[] } }): number {
  const ports = (pod.spec?.containers ?? [])
    .flatMap((c) => (c as { ports?: ContainerPort[] }).ports ?? [])
    .filter((p) => (p.protocol ?? 'TCP') === 'TCP' && Number.isInteger(p.containerPort));
  return (ports.find((p) => p.name === SPIN_HTTP_PORT_NAME) ?? ports[0])?.containerPort ?? SPIN_HTTP_PORT;
}
