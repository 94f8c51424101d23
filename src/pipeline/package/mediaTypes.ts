// The media types `spin registry push` uses (SPEC §1d.1); the shim reads exactly these.
export const SPIN_APPLICATION_MEDIA_TYPE = 'application/vnd.fermyon.spin.application.v1+config';
export const WASM_LAYER_MEDIA_TYPE = 'application/vnd.wasm.content.layer.v1+wasm';
export const DATA_LAYER_MEDIA_TYPE = 'application/vnd.wasm.content.layer.v1+data';
/** A tar+gzip of a component's files, used instead of data layers past 499 layers (or when asked). */
export const ARCHIVE_LAYER_MEDIA_TYPE = 'application/vnd.wasm.content.bundle.v1.tar+gzip';
export const OCI_IMAGE_CONFIG_MEDIA_TYPE = 'application/vnd.oci.image.config.v1+json';
export const OCI_IMAGE_MANIFEST_MEDIA_TYPE = 'application/vnd.oci.image.manifest.v1+json';
/** The image config label naming the digest of the locked-app layer. */
export const LOCKED_APP_DIGEST_LABEL = 'com.fermyon.spin.lockedAppDigest';
/** Content up to this size is inlined (base64) into the locked app (Spin's default). */
export const INLINE_MAX_SIZE = 128;
