// Which cluster the pipeline commands talk to: the explorer's connection when the cluster
// feature shares one, else a connection of our own to the kubeconfig's current context.
import * as vscode from 'vscode';
import { ClusterConnection } from '../../cluster/clusterConnection';
import type { ClusterSession } from '../../cluster/session';
import { PipelineError } from '../../pipeline/events';

/** What the pipeline needs from the cluster feature (all optional: it may share nothing). */
export interface PipelineClusterSource {
  /** The explorer's connection to the current cluster. */
  readonly connection?: ClusterConnection;
  /** Refreshes the explorer after a deploy or undeploy. */
  refresh?(): void;
}

export class PipelineClusters implements vscode.Disposable {
  private own: ClusterConnection | undefined;

  constructor(private readonly source: PipelineClusterSource) {}

  /** The session to deploy with; throws PipelineError when no cluster is configured. */
  session(): ClusterSession {
    const connection = this.source.connection ?? this.ownConnection();
    const session = connection.session;
    if (session) return session;
    const status = connection.status;
    const why = status.phase === 'connected' ? 'no session' : status.message;
    throw new PipelineError('cluster-unreachable', `No Kubernetes cluster to deploy to: ${why}`);
  }

  refreshExplorer(): void {
    this.source.refresh?.();
  }

  private ownConnection(): ClusterConnection {
    if (!this.own) {
      const setting = vscode.workspace.getConfiguration('spinkube').get<string>('kubeconfig', '');
      this.own = new ClusterConnection({ source: setting ? { setting } : {} });
    }
    return this.own;
  }

  dispose(): void {
    this.own?.dispose();
    this.own = undefined;
  }
}
