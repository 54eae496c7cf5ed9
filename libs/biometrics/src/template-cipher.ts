import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM output: ciphertext with its nonce and tag. */
export interface SealedBytes {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
}

/** A face template as stored. */
export type SealedTemplate = SealedBytes;

/**
 * AES-256-GCM with associated data binding each ciphertext to what it belongs to (a template id,
 * a flight), so a ciphertext moved elsewhere does not decrypt.
 */
export class TemplateCipher {
  private readonly key: Buffer;
  private openedCount = 0;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('a template key is 32 bytes (AES-256)');
    this.key = key;
  }

  static fromBase64(text: string): TemplateCipher {
    return new TemplateCipher(Buffer.from(text, 'base64'));
  }

  static ephemeral(): TemplateCipher {
    return new TemplateCipher(randomBytes(32));
  }

  seal(associatedData: string, template: Float32Array): SealedTemplate {
    return this.sealBytes(
      associatedData,
      Buffer.from(template.buffer, template.byteOffset, template.byteLength),
    );
  }

  /** Templates decrypted so far (a metric: how often templates are used in clear). */
  get opened(): number {
    return this.openedCount;
  }

  open(associatedData: string, sealed: SealedTemplate): Float32Array {
    const plain = this.openBytes(associatedData, sealed);
    this.openedCount += 1;
    const copy = new Uint8Array(plain.length);
    copy.set(plain);
    return new Float32Array(copy.buffer);
  }

  sealBytes(associatedData: string, plain: Buffer): SealedBytes {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(associatedData, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag() };
  }

  openBytes(associatedData: string, sealed: SealedBytes): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.iv);
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  }
}
