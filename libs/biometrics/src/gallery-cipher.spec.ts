import { randomBytes } from 'node:crypto';
import { GalleryCipher } from './gallery-cipher';

describe('GalleryCipher', () => {
  const key = randomBytes(32);
  const template = new Float32Array([0.5, -0.25, 0.75]);

  it('opens, with the gallery key, what it sealed for a template and a flight', () => {
    const sealed = new GalleryCipher(key).seal('t1', 'f1', template);
    expect(new GalleryCipher(key).open('t1', 'f1', sealed)).toEqual(template);
  });

  it('carries nothing in clear and uses a fresh data key each time', () => {
    const cipher = new GalleryCipher(key);
    const a = cipher.seal('t1', 'f1', template);
    const b = cipher.seal('t1', 'f1', template);
    expect(a.template.ciphertext).not.toBe(b.template.ciphertext);
    expect(a.wrappedKey.ciphertext).not.toBe(b.wrappedKey.ciphertext);
    expect(JSON.stringify(a)).not.toContain(Buffer.from(template.buffer).toString('base64'));
  });

  it('does not open for another flight, another template, or without the gallery key', () => {
    const sealed = new GalleryCipher(key).seal('t1', 'f1', template);
    expect(() => new GalleryCipher(key).open('t1', 'f2', sealed)).toThrow();
    expect(() => new GalleryCipher(key).open('t2', 'f1', sealed)).toThrow();
    expect(() => new GalleryCipher(randomBytes(32)).open('t1', 'f1', sealed)).toThrow();
  });
});
