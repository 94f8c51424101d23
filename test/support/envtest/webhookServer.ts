// spin-operator's validating webhooks (vspinapp.kb.io, vspinappexecutor.kb.io: the rules of
// k8s-sim/spinOperatorWebhooks.ts) served over HTTPS with a certificate authority made at test
// time, and registered with the cluster through a ValidatingWebhookConfiguration (`url` +
// `caBundle`), so a denial comes from the API server's own admission chain. Answers AdmissionReview
// v1 as controller-runtime does: a denial carries the Invalid Status (422) of the validator.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { KubeRequestError, type KubeClient } from '../k8s-sim/operator/kubeClient.js';
import { waitFor } from '../waitFor.js';
import { invalid, type FieldError } from '../k8s-sim/apiErrors.js';
import { executorErrors, spinAppErrors } from '../k8s-sim/spinOperatorWebhooks.js';
import type { KubeObject, ResourceType } from '../k8s-sim/types.js';
import { makeTestPki } from '../testCertificates.js';

export const WEBHOOK_CONFIGURATION = 'spinkube-test-spin-operator-validating';
const GROUP = 'core.spinkube.dev';
const VERSION = 'v1alpha1';
const CONFIG_PATH = '/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations';

interface Review {
  request: {
    uid: string;
    kind: { kind: string };
    resource: { group: string; resource: string };
    name: string;
    namespace?: string;
    object: KubeObject;
  };
}

function typeOf(kind: string, plural: string): ResourceType {
  return { group: GROUP, kind, plural } as ResourceType;
}

export class SpinWebhookServer {
  private readonly disabled = new Set<string>();

  private constructor(
    private readonly server: Server,
    private readonly client: KubeClient,
  ) {}

  /** Starts the server and registers it; `host` is where the API server reaches this process. */
  static async start(client: KubeClient, host = '127.0.0.1'): Promise<SpinWebhookServer> {
    const isIp = /^[\d.]+$/.test(host) || host.includes(':');
    const pki = makeTestPki(isIp ? { ips: [host] } : { dns: [host] });
    const holder: { self?: SpinWebhookServer } = {};
    const server = createServer({ key: pki.serverKey, cert: pki.serverCert }, (req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        void holder.self!.answer(JSON.parse(body) as Review, req.url ?? '').then(
          (response) => {
            res.writeHead(200, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify({ apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response }));
          },
          (err: unknown) => {
            res.writeHead(500);
            res.end(String(err));
          },
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, host === '127.0.0.1' ? host : '0.0.0.0', resolve));
    const self = new SpinWebhookServer(server, client);
    holder.self = self;
    const url = `https://${isIp && host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
    await self.register(url, Buffer.from(pki.ca).toString('base64'));
    await self.untilEffective();
    return self;
  }

  private async register(url: string, caBundle: string): Promise<void> {
    const hook = (name: string, plural: string, path: string) => ({
      name,
      clientConfig: { url: `${url}${path}`, caBundle },
      rules: [
        { apiGroups: [GROUP], apiVersions: [VERSION], operations: ['CREATE', 'UPDATE'], resources: [plural] },
      ],
      failurePolicy: 'Fail',
      sideEffects: 'None',
      admissionReviewVersions: ['v1'],
      timeoutSeconds: 10,
    });
    await this.client.request('DELETE', `${CONFIG_PATH}/${WEBHOOK_CONFIGURATION}`).catch(() => undefined);
    await this.client.request('POST', CONFIG_PATH, {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingWebhookConfiguration',
      metadata: { name: WEBHOOK_CONFIGURATION },
      webhooks: [
        hook('vspinapp.kb.io', 'spinapps', '/validate-core-spinkube-dev-v1alpha1-spinapp'),
        hook(
          'vspinappexecutor.kb.io',
          'spinappexecutors',
          '/validate-core-spinkube-dev-v1alpha1-spinappexecutor',
        ),
      ],
    });
  }

  /** Waits until the server calls the webhooks (a real server picks a new configuration up later). */
  private async untilEffective(): Promise<void> {
    const invalidExecutor = {
      apiVersion: `${GROUP}/${VERSION}`,
      kind: 'SpinAppExecutor',
      metadata: { name: 'spinkube-test-webhook-probe' },
      spec: { createDeployment: true, deploymentConfig: { runtimeClassName: 'x', spinImage: 'y' } },
    };
    const path = `/apis/${GROUP}/${VERSION}/namespaces/default/spinappexecutors?dryRun=All`;
    await waitFor('the webhooks to be called', async () => {
      try {
        await this.client.request('POST', path, invalidExecutor);
        return false;
      } catch (err) {
        return (
          err instanceof KubeRequestError &&
          err.message.startsWith('admission webhook "vspinappexecutor.kb.io"')
        );
      }
    });
  }

  /** A webhook switched off allows everything (as if spin-operator had not registered it). */
  setEnabled(name: string, enabled: boolean): void {
    if (enabled) this.disabled.delete(name);
    else this.disabled.add(name);
  }

  /** Unregisters the configuration and stops serving. */
  async stop(): Promise<void> {
    await this.client.request('DELETE', `${CONFIG_PATH}/${WEBHOOK_CONFIGURATION}`).catch(() => undefined);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
  }

  private async answer(review: Review, path: string): Promise<object> {
    const req = review.request;
    const hook = path.includes('spinappexecutor') ? 'vspinappexecutor.kb.io' : 'vspinapp.kb.io';
    if (this.disabled.has(hook)) return { uid: req.uid, allowed: true };
    const errors = await this.errorsOf(req);
    if (errors.length === 0) return { uid: req.uid, allowed: true };
    const type = typeOf(req.kind.kind, req.resource.resource);
    return { uid: req.uid, allowed: false, status: invalid(type, req.name, errors).toStatus() };
  }

  private async errorsOf(req: Review['request']): Promise<FieldError[]> {
    if (req.kind.kind === 'SpinAppExecutor') return executorErrors(req.object);
    if (req.kind.kind !== 'SpinApp') return [];
    const namespace = req.namespace ?? '';
    const list = await this.client.list({
      apiVersion: `${GROUP}/${VERSION}`,
      plural: 'spinappexecutors',
      namespace,
    });
    const byName = new Map(list.items.map((e) => [e.metadata.name!, e]));
    const lookup = {
      get: (_key: string, _ns: string, name: string) => byName.get(name),
      objects: () => list.items,
    };
    return spinAppErrors(req.object, lookup, GROUP, namespace);
  }
}
