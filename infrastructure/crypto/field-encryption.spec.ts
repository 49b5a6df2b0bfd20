import { FieldEncryption } from './field-encryption';

describe('FieldEncryption', () => {
  const enc = new FieldEncryption('k'.repeat(40));

  it('round-trips and never repeats a ciphertext', () => {
    const value = { personalCode: '161175-19997', name: 'Jānis Bērziņš' };
    const a = enc.encryptJson(value);
    const b = enc.encryptJson(value);
    expect(a).not.toBe(b);
    expect(a).not.toContain('161175');
    expect(enc.decryptJson(a)).toEqual(value);
  });

  it('refuses tampered data and the wrong key', () => {
    const sealed = enc.encrypt('slepens');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('cits teksts').toString('base64url');
    expect(() => enc.decrypt(parts.join('.'))).toThrow();
    expect(() => new FieldEncryption('x'.repeat(40)).decrypt(sealed)).toThrow();
  });
});
