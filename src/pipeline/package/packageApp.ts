// Packages a Spin app the way `spin registry push` does (SPEC §1d.1), without composing
// dependencies: one Wasm layer per component source and per dependency, one data layer per static
// file (files ≤ 128 bytes inlined into the lock instead) or, past 499 layers or when
// SPIN_OCI_ARCHIVE_LAYERS is set, one tar+gzip layer per component with files (archiveLayer.ts),
// de-duplicated by digest, then the
// locked-app layer, the OCI image config with the lockedAppDigest label, and the manifest.
// Files are only hashed here (streamed); the push streams them again from disk.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadAppManifest, type AppComponent, type AppManifest } from '../appManifest';
import { PipelineError, type PipelineListener } from '../events';
import { usesArchiveLayers, writeArchiveLayer } from './archiveLayer';
import type { Blob } from './blob';
import { collectComponentFiles, type ComponentFile } from './collectFiles';
import { digestFile, sha256Digest, type FileDigest } from './fileDigest';
import { lockedAppJson, type ContentRef } from './lockedApp';
import { imageConfig, manifestAnnotations, ociImageManifest } from './ociImage';
import {
  ARCHIVE_LAYER_MEDIA_TYPE,
  DATA_LAYER_MEDIA_TYPE,
  INLINE_MAX_SIZE,
  SPIN_APPLICATION_MEDIA_TYPE,
  WASM_LAYER_MEDIA_TYPE,
} from './mediaTypes';
import { isWasmFile } from './wasmCheck';

export type { Blob } from './blob';

export interface PackagedApp {
  readonly manifest: AppManifest;
  /** Layers in manifest order; the locked-app layer is last. */
  readonly layers: readonly Blob[];
  readonly config: Blob;
  /** The OCI image manifest, exactly as it will be PUT. */
  readonly imageManifest: Buffer;
  readonly lockedApp: Buffer;
  /** Removes the temp files of archive layers; call once the push is over (done, failed or cancelled). */
  dispose(): Promise<void>;
}

export interface PackageOptions {
  readonly manifestPath: string;
  readonly signal?: AbortSignal;
  readonly onEvent?: PipelineListener;
  /** Extra manifest annotations; they win over the inferred ones. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** The `org.opencontainers.image.created` value (default: now). */
  readonly created?: Date;
  /** Called for each layer as soon as its digest is known (so a push can start sending it). */
  readonly onLayer?: (layer: Blob) => void;
  /** Where SPIN_OCI_ARCHIVE_LAYERS is read (default: process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export async function packageApp(options: PackageOptions): Promise<PackagedApp> {
  const manifest = await loadAppManifest(options.manifestPath);
  const layers = new Map<string, Blob>();
  const announced = new Set<string>();
  // Wasm layers are announced (sent) as soon as they are hashed; the manifest lists every layer
  // in component order once it is known whether files go as data layers or archive layers.
  const announce = (blob: Blob): void => {
    if (announced.has(blob.digest)) return;
    announced.add(blob.digest);
    options.onLayer?.(blob);
  };
  const addLayer = (blob: Blob): void => {
    if (layers.has(blob.digest)) return;
    layers.set(blob.digest, blob);
    announce(blob);
  };
  await checkWasmSources(manifest);
  const sources = new Map<string, ContentRef>();
  const dependencies = new Map<string, Map<string, ContentRef>>();
  const wasmLayers = new Map<string, Blob[]>();
  const hashedFiles = new Map<string, HashedFile[]>();

  for (const component of manifest.components) {
    options.signal?.throwIfAborted();
    const sourcePath = localSourcePath(component, manifest.root);
    const source = await digestFile(sourcePath, INLINE_MAX_SIZE, options.signal);
    sources.set(component.id, source);
    const blobs = [fileBlob(source.digest, source.size, WASM_LAYER_MEDIA_TYPE, sourcePath, component.id)];

    const deps = new Map<string, ContentRef>();
    for (const name of component.dependencies.keys()) {
      const depPath = dependencyPath(component, name, manifest);
      const d = await digestFile(depPath, INLINE_MAX_SIZE, options.signal);
      deps.set(name, d);
      blobs.push(
        fileBlob(d.digest, d.size, WASM_LAYER_MEDIA_TYPE, depPath, `${component.id} dependency ${name}`),
      );
    }
    blobs.forEach(announce);
    wasmLayers.set(component.id, blobs);
    dependencies.set(component.id, deps);
    hashedFiles.set(component.id, await hashFiles(component, manifest.root, options.signal));
  }

  const archive = usesArchiveLayers(
    countLayers([...wasmLayers.values()].flat(), [...hashedFiles.values()].flat()),
    options.env ?? process.env,
  );
  const archives = new ArchiveFolder();
  try {
    for (const component of manifest.components) {
      (wasmLayers.get(component.id) ?? []).forEach(addLayer);
      const componentFiles = hashedFiles.get(component.id) ?? [];
      if (!archive) {
        for (const { file, digest: d } of componentFiles) {
          // Inlined content is not pushed as a layer (registries may reject tiny blobs).
          if (d.inline !== undefined) continue;
          addLayer(fileBlob(d.digest, d.size, DATA_LAYER_MEDIA_TYPE, file.hostPath, file.guestPath));
        }
      } else if (componentFiles.length > 0) {
        addLayer(await archives.write(component.id, componentFiles, options.signal));
      }
    }
  } catch (error) {
    await archives.remove();
    throw error;
  }

  const files = new Map<string, (ContentRef & { path: string })[]>();
  for (const [id, componentFiles] of hashedFiles) {
    files.set(
      id,
      componentFiles.map(({ file, digest }) => ({ ...digest, path: file.guestPath })),
    );
  }
  const lockedApp = Buffer.from(JSON.stringify(lockedAppJson(manifest, { sources, files, dependencies })));
  const lockedDigest = sha256Digest(lockedApp);
  addLayer({
    digest: lockedDigest,
    size: lockedApp.length,
    mediaType: SPIN_APPLICATION_MEDIA_TYPE,
    content: { bytes: lockedApp },
    label: 'locked app',
  });

  const config = imageConfig(lockedDigest);
  const annotations = manifestAnnotations(manifest, options.annotations, options.created ?? new Date());
  const imageManifest = ociImageManifest(config, [...layers.values()], annotations);
  return {
    manifest,
    layers: [...layers.values()],
    config,
    imageManifest,
    lockedApp,
    dispose: () => archives.remove(),
  };
}

interface HashedFile {
  readonly file: ComponentFile;
  readonly digest: FileDigest;
}

/** A component's files with their digests (streamed), in the order of its lock entries. */
async function hashFiles(
  component: AppComponent,
  root: string,
  signal: AbortSignal | undefined,
): Promise<HashedFile[]> {
  const componentFiles = await collectComponentFiles(component, root);
  const digests = await digestAll(
    componentFiles.map((f) => f.hostPath),
    signal,
  );
  return componentFiles.map((file, i) => ({ file, digest: digests[i] as FileDigest }));
}

/** The layers a simple push would have (the locked-app layer aside): distinct Wasm and data blobs. */
function countLayers(wasm: readonly Blob[], files: readonly HashedFile[]): number {
  const digests = new Set(wasm.map((b) => b.digest));
  for (const { digest } of files) if (digest.inline === undefined) digests.add(digest.digest);
  return digests.size;
}

/** The temp folder holding a push's archive layers, created on first use. */
class ArchiveFolder {
  private folder: string | undefined;

  async write(componentId: string, files: readonly HashedFile[], signal?: AbortSignal): Promise<Blob> {
    this.folder ??= await mkdtemp(path.join(tmpdir(), 'spinkube-archive-'));
    const target = path.join(this.folder, `${componentId}.tar.gz`);
    const entries = files.map(({ file, digest }) => ({ ...file, size: digest.size }));
    const written = await writeArchiveLayer(entries, target, signal);
    return fileBlob(written.digest, written.size, ARCHIVE_LAYER_MEDIA_TYPE, target, `${componentId} files`);
  }

  async remove(): Promise<void> {
    const folder = this.folder;
    this.folder = undefined;
    if (folder !== undefined) await rm(folder, { recursive: true, force: true });
  }
}

/** Digests of many (mostly small) files, a few at a time, in the order given. */
async function digestAll(paths: readonly string[], signal?: AbortSignal): Promise<FileDigest[]> {
  const results: FileDigest[] = new Array<FileDigest>(paths.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      signal?.throwIfAborted();
      const index = next++;
      results[index] = await digestFile(paths[index] as string, INLINE_MAX_SIZE, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, paths.length) }, worker));
  return results;
}

/**
 * Spin's check, done for every source and dependency before anything is hashed or sent; a file
 * that is not there yet is named as such (the app is not built), not as "not a valid .wasm file".
 */
async function checkWasmSources(manifest: AppManifest): Promise<void> {
  for (const component of manifest.components) {
    const sourcePath = localSourcePath(component, manifest.root);
    const written = component.source.kind === 'local' ? component.source.path : sourcePath;
    await checkWasm(sourcePath, `Component ${component.id} source`, written);
    for (const name of component.dependencies.keys()) {
      const depPath = dependencyPath(component, name, manifest);
      await checkWasm(depPath, `dependency ${name} for component ${component.id}`, depPath);
    }
  }
}

async function checkWasm(file: string, what: string, written: string): Promise<void> {
  if (!(await exists(file))) {
    throw new PipelineError(
      'not-wasm',
      `${what} ${written} does not exist: build the app first (spin build), or correct the path.`,
      [file],
    );
  }
  if (!(await isWasmFile(file))) {
    throw new PipelineError('not-wasm', `${what} is not a valid .wasm file`, [file]);
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

function fileBlob(digest: string, size: number, mediaType: string, file: string, label: string): Blob {
  return { digest, size, mediaType, content: { file }, label };
}

function localSourcePath(component: AppComponent, root: string): string {
  if (component.source.kind !== 'local') {
    throw new PipelineError(
      'manifest',
      `Component ${component.id}: only a local Wasm file can be pushed; download its ${component.source.kind} source first`,
    );
  }
  return path.resolve(root, component.source.path);
}

function dependencyPath(component: AppComponent, name: string, manifest: AppManifest): string {
  const dep = component.dependencies.get(name);
  if (dep?.kind === 'path') return path.resolve(manifest.root, dep.path);
  if (dep?.kind === 'component') {
    const target = manifest.components.find((c) => c.id === dep.component);
    if (target) return localSourcePath(target, manifest.root);
    throw new PipelineError('manifest', `dependency ID ${dep.component} does not exist`);
  }
  throw new PipelineError(
    'manifest',
    `Component ${component.id}: dependency ${name} comes from a package registry or URL; only local dependencies can be pushed`,
  );
}
