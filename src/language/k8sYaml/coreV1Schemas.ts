// The Kubernetes core/v1 types a SpinApp embeds, described in our own words. Rarely used volume
// sources are left open (any content accepted) rather than spelled out.
import type { OpenApiSchema } from './openApi';
import {
  bool,
  int32,
  int64,
  list,
  obj,
  oneOfStrings,
  open,
  openList,
  quantity,
  str,
  stringMap,
} from './schemaBuilders';

export const objectMeta: OpenApiSchema = obj(
  'Standard Kubernetes object metadata: name, namespace, labels…',
  {
    name: str('Name of the object, unique per kind within its namespace.'),
    generateName: str('Prefix from which the API server generates a unique name when `name` is empty.'),
    namespace: str('Namespace the object lives in; when omitted, the namespace of the current context.'),
    labels: stringMap('Key/value labels used to select and organise objects.'),
    annotations: stringMap('Free-form key/value metadata for tools; not used for selection.'),
    finalizers: list('Finalizers that must be cleared before the object is deleted.', { type: 'string' }),
    ownerReferences: openList('Objects that own this object (garbage collection).'),
    uid: str('Unique id set by the API server.'),
    resourceVersion: str('Version set by the API server for optimistic concurrency.'),
    generation: int64('Sequence number of spec changes, set by the API server.'),
    creationTimestamp: {
      description: 'When the object was created (set by the API server).',
      nullable: true,
    },
    deletionTimestamp: str('When the object will be deleted (set by the API server).'),
    deletionGracePeriodSeconds: int64('Grace period before deletion (set by the API server).'),
    managedFields: openList('Server-side apply field ownership (set by the API server).'),
    selfLink: str('Deprecated link to the object.'),
  },
);

const keySelector = (what: string): OpenApiSchema =>
  obj(
    `Selects one key of a ${what}.`,
    {
      name: str(`Name of the ${what} in the same namespace.`),
      key: str(`The key inside the ${what}.`),
      optional: bool(`Whether the ${what} or its key may be missing.`),
    },
    { required: ['key'] },
  );

export const configMapKeySelector = keySelector('ConfigMap');
export const secretKeySelector = keySelector('Secret');

/** Where a variable's value comes from instead of a literal `value` (core/v1 EnvVarSource). */
export const envVarSource: OpenApiSchema = obj(
  'Takes the value from a ConfigMap, a Secret, the pod or a file.',
  {
    configMapKeyRef: configMapKeySelector,
    secretKeyRef: secretKeySelector,
    fieldRef: obj(
      'A field of the pod, for example `metadata.name`, `metadata.namespace`, `status.podIP` or `spec.nodeName`.',
      {
        apiVersion: str('Version of the schema `fieldPath` is written in (default v1).'),
        fieldPath: str('Path of the pod field to read.'),
      },
      { required: ['fieldPath'] },
    ),
    resourceFieldRef: obj(
      'A resource limit or request of the container, for example `limits.memory`.',
      {
        containerName: str('Container whose resources are read.'),
        divisor: quantity('Unit the value is divided by (default 1).'),
        resource: str('The resource to read, for example `limits.cpu` or `requests.memory`.'),
      },
      { required: ['resource'] },
    ),
    fileKeyRef: obj(
      'A key of an env-style file in a volume (newer Kubernetes versions).',
      {
        key: str('The key inside the file.'),
        optional: bool('Whether the file or key may be missing.'),
        path: str('Path of the file inside the volume.'),
        volumeName: str('Name of the volume holding the file.'),
      },
      { required: ['key', 'path', 'volumeName'] },
    ),
  },
);

export const resourceRequirements: OpenApiSchema = obj('CPU and memory for the app container.', {
  limits: {
    ...stringMapOfQuantities('Most the container may use, for example `cpu: 500m`, `memory: 128Mi`.'),
  },
  requests: {
    ...stringMapOfQuantities('What the scheduler reserves for the container, for example `cpu: 100m`.'),
  },
});

function stringMapOfQuantities(description: string): OpenApiSchema {
  return { type: 'object', description, additionalProperties: quantity('A resource quantity.') };
}

export const volumeMount: OpenApiSchema = obj(
  'Mounts one of `volumes` into the app container.',
  {
    name: str('Name of the volume to mount (one of `spec.volumes`).'),
    mountPath: str('Path inside the container where the volume appears.'),
    readOnly: bool('Mount read-only.'),
    subPath: str('Mount only this path inside the volume.'),
    subPathExpr: str('Like subPath, with $(VAR) expansion from the environment.'),
    mountPropagation: oneOfStrings('How mounts propagate between host and container.', [
      'None',
      'HostToContainer',
      'Bidirectional',
    ]),
    recursiveReadOnly: oneOfStrings('Whether read-only applies to sub-mounts too.', [
      'Disabled',
      'IfPossible',
      'Enabled',
    ]),
  },
  { required: ['mountPath', 'name'] },
);

const keyToPath = list(
  'Which keys to project, and to which file paths.',
  obj(
    'One key projected to a file.',
    {
      key: str('The key to project.'),
      path: str('Relative file path to write it to.'),
      mode: int32('File permission bits.'),
    },
    { required: ['key', 'path'] },
  ),
);

const OPEN_VOLUME_SOURCES = [
  'awsElasticBlockStore',
  'azureDisk',
  'azureFile',
  'cephfs',
  'cinder',
  'downwardAPI',
  'ephemeral',
  'fc',
  'flexVolume',
  'flocker',
  'gcePersistentDisk',
  'gitRepo',
  'glusterfs',
  'iscsi',
  'photonPersistentDisk',
  'portworxVolume',
  'projected',
  'quobyte',
  'rbd',
  'scaleIO',
  'storageos',
  'vsphereVolume',
] as const;

const openSources: Record<string, OpenApiSchema> = {};
for (const name of OPEN_VOLUME_SOURCES) openSources[name] = open(`A ${name} volume source.`);

export const volume: OpenApiSchema = obj(
  'A volume added to the app pod; exactly one source (configMap, secret, persistentVolumeClaim…) besides `name`.',
  {
    name: str('Name of the volume, referenced by `volumeMounts[].name`.'),
    configMap: obj('Files from a ConfigMap.', {
      name: str('Name of the ConfigMap.'),
      items: keyToPath,
      defaultMode: int32('Permission bits of the files.'),
      optional: bool('Whether the ConfigMap may be missing.'),
    }),
    secret: obj('Files from a Secret.', {
      secretName: str('Name of the Secret.'),
      items: keyToPath,
      defaultMode: int32('Permission bits of the files.'),
      optional: bool('Whether the Secret may be missing.'),
    }),
    emptyDir: obj('A scratch directory that lives as long as the pod.', {
      medium: str('Storage medium: empty for the node default, or `Memory`.'),
      sizeLimit: quantity('Largest size of the directory.'),
    }),
    hostPath: obj(
      'A file or directory of the node.',
      {
        path: str('Path on the node.'),
        type: oneOfStrings('What must exist at the path.', [
          '',
          'DirectoryOrCreate',
          'Directory',
          'FileOrCreate',
          'File',
          'Socket',
          'CharDevice',
          'BlockDevice',
        ]),
      },
      { required: ['path'] },
    ),
    persistentVolumeClaim: obj(
      'A PersistentVolumeClaim in the same namespace.',
      { claimName: str('Name of the claim.'), readOnly: bool('Mount read-only.') },
      { required: ['claimName'] },
    ),
    nfs: obj(
      'An NFS share.',
      { server: str('NFS server host.'), path: str('Exported path.'), readOnly: bool('Mount read-only.') },
      { required: ['path', 'server'] },
    ),
    csi: obj(
      'A volume provided by a CSI driver.',
      {
        driver: str('Name of the CSI driver.'),
        fsType: str('Filesystem type.'),
        readOnly: bool('Mount read-only.'),
        volumeAttributes: stringMap('Driver-specific attributes.'),
        nodePublishSecretRef: obj('Secret passed to the driver.', { name: str('Name of the Secret.') }),
      },
      { required: ['driver'] },
    ),
    image: obj('Files of an OCI image or artifact.', {
      reference: str('Image reference.'),
      pullPolicy: oneOfStrings('When to pull the image.', ['Always', 'Never', 'IfNotPresent']),
    }),
    ...openSources,
  },
  { required: ['name'] },
);

export const localObjectReference = (what: string): OpenApiSchema =>
  obj(`Refers to a ${what} in the same namespace.`, { name: str(`Name of the ${what}.`) });
