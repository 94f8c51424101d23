// How we mark what we deploy, so that Undeploy removes only that: every object we apply carries
// our field manager, the managed-by label and an annotation naming the tool.

export const FIELD_MANAGER = 'spinkube-vscode';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
const MANAGED_BY_VALUE = 'spinkube-vscode';
const DEPLOYED_BY_ANNOTATION = 'spinkube.dev/deployed-by';

interface Marked {
  metadata?: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    managedFields?: unknown;
  };
}

/** A copy of the object with our label and annotation added (existing ones are kept). */
export function markAsOurs<T extends Marked>(object: T, tool = 'SpinKube for VS Code'): T {
  const metadata = object.metadata ?? {};
  return {
    ...object,
    metadata: {
      ...metadata,
      labels: { ...metadata.labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE },
      annotations: { ...metadata.annotations, [DEPLOYED_BY_ANNOTATION]: tool },
    },
  };
}

/** Whether the object was applied by us: our label, our annotation, or our field manager. */
export function isOurs(object: Marked): boolean {
  const metadata = object.metadata;
  if (!metadata) return false;
  if (metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) return true;
  if (metadata.annotations?.[DEPLOYED_BY_ANNOTATION] !== undefined) return true;
  const managed = Array.isArray(metadata.managedFields)
    ? (metadata.managedFields as { manager?: unknown }[])
    : [];
  return managed.some((entry) => entry.manager === FIELD_MANAGER);
}
