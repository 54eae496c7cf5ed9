import type { FlightRef } from './journey-events';

/** AES-256-GCM output in base64. */
export interface Base64Sealed {
  readonly ciphertext: string;
  readonly iv: string;
  readonly tag: string;
}

/** A template under its own data key, the data key wrapped under the gallery key. */
export interface SealedGalleryTemplate {
  readonly wrappedKey: Base64Sealed;
  readonly template: Base64Sealed;
}

/**
 * On the restricted gallery topic only: an enrolled passenger's template staged for the gates of
 * the flight they checked in for, encrypted (envelope encryption).
 */
export interface GalleryEntryStagedV1 {
  readonly passengerId: string;
  readonly templateId: string;
  readonly flight: FlightRef;
  readonly sealed: SealedGalleryTemplate;
}

export const GALLERY_ENTRY_STAGED = { type: 'GalleryEntryStaged', version: 1 } as const;
