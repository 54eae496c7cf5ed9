import { randomBytes } from 'node:crypto';
import { TemplateCipher } from './template-cipher';

describe('TemplateCipher', () => {
  const cipher = new TemplateCipher(randomBytes(32));
  const template = new Float32Array([0.25, -0.5, 0.125, 1]);

  it('opens what it sealed', () => {
    expect(cipher.open('t1', cipher.seal('t1', template))).toEqual(template);
  });

  it('never stores the template in clear', () => {
    const sealed = cipher.seal('t1', template);
    expect(sealed.ciphertext.equals(Buffer.from(template.buffer))).toBe(false);
  });

  it('refuses a ciphertext moved to another template id, or under another key', () => {
    const sealed = cipher.seal('t1', template);
    expect(() => cipher.open('t2', sealed)).toThrow();
    expect(() => new TemplateCipher(randomBytes(32)).open('t1', sealed)).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => TemplateCipher.fromBase64(Buffer.from('short').toString('base64'))).toThrow(
      /32 bytes/,
    );
  });
});
