import { randomBytes } from 'node:crypto';
import type { SealedGalleryTemplate } from '@biogate/contracts';
import { TemplateCipher, type SealedBytes } from './template-cipher';

/**
 * Envelope encryption for the gallery a flight's gates receive: each template gets its own data
 * key, and the data key travels wrapped under the gallery key that only gates (and check-in,
 * which stages) hold. Both layers are bound to the template and the flight.
 */
export class GalleryCipher {
  private readonly keyEncryption: TemplateCipher;
  private openedCount = 0;

  constructor(galleryKey: Buffer) {
    this.keyEncryption = new TemplateCipher(galleryKey);
  }

  static fromBase64(text: string): GalleryCipher {
    return new GalleryCipher(Buffer.from(text, 'base64'));
  }

  static ephemeral(): GalleryCipher {
    return new GalleryCipher(randomBytes(32));
  }

  seal(templateId: string, flightId: string, template: Float32Array): SealedGalleryTemplate {
    const binding = `${templateId}|${flightId}`;
    const dataKey = randomBytes(32);
    const sealedTemplate = new TemplateCipher(dataKey).seal(binding, template);
    const wrappedKey = this.keyEncryption.sealBytes(binding, dataKey);
    return {
      wrappedKey: toBase64(wrappedKey),
      template: toBase64(sealedTemplate),
    };
  }

  /** Gallery templates decrypted so far (a metric). */
  get opened(): number {
    return this.openedCount;
  }

  open(templateId: string, flightId: string, sealed: SealedGalleryTemplate): Float32Array {
    const binding = `${templateId}|${flightId}`;
    const dataKey = this.keyEncryption.openBytes(binding, fromBase64(sealed.wrappedKey));
    const template = new TemplateCipher(dataKey).open(binding, fromBase64(sealed.template));
    this.openedCount += 1;
    return template;
  }
}

interface Base64Sealed {
  readonly ciphertext: string;
  readonly iv: string;
  readonly tag: string;
}

function toBase64(sealed: SealedBytes): Base64Sealed {
  return {
    ciphertext: sealed.ciphertext.toString('base64'),
    iv: sealed.iv.toString('base64'),
    tag: sealed.tag.toString('base64'),
  };
}

function fromBase64(sealed: Base64Sealed): SealedBytes {
  return {
    ciphertext: Buffer.from(sealed.ciphertext, 'base64'),
    iv: Buffer.from(sealed.iv, 'base64'),
    tag: Buffer.from(sealed.tag, 'base64'),
  };
}
