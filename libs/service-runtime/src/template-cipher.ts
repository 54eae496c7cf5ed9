import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A face template as stored: AES-256-GCM ciphertext with its nonce and tag. */
export interface SealedTemplate {
  readonly ciphertext: Buffer;
  readonly iv: Buffer;
  readonly tag: Buffer;
}

/**
 * Encrypts templates at rest (AES-256-GCM). The template id is bound as associated data, so a
 * ciphertext moved to another row does not decrypt.
 */
export class TemplateCipher {
  private readonly key: Buffer;

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

  seal(templateId: string, template: Float32Array): SealedTemplate {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(templateId, 'utf8'));
    const plain = Buffer.from(template.buffer, template.byteOffset, template.byteLength);
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { ciphertext, iv, tag: cipher.getAuthTag() };
  }

  open(templateId: string, sealed: SealedTemplate): Float32Array {
    const decipher = createDecipheriv('aes-256-gcm', this.key, sealed.iv);
    decipher.setAAD(Buffer.from(templateId, 'utf8'));
    decipher.setAuthTag(sealed.tag);
    const plain = Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
    const copy = new Uint8Array(plain.length);
    copy.set(plain);
    return new Float32Array(copy.buffer);
  }
}
