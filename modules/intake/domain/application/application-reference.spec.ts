import { isApplicationReference, newApplicationReference, parseApplicationReference, REFERENCE_ALPHABET } from './application-reference';

describe('application reference', () => {
  it('uses an alphabet without 0, O, 1, I or L', () => {
    expect(REFERENCE_ALPHABET).toHaveLength(31);
    for (const c of '01OIL') expect(REFERENCE_ALPHABET).not.toContain(c);
  });

  it('draws 10,000 distinct, well-formed references', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) {
      const ref = newApplicationReference();
      expect(ref).toMatch(/^VPK-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{9}$/);
      seen.add(ref);
    }
    expect(seen.size).toBe(10_000);
  });

  it('parses back what it generates, also as typed by people', () => {
    const ref = newApplicationReference();
    expect(parseApplicationReference(ref)).toBe(ref);
    expect(isApplicationReference(ref)).toBe(true);
    const typed = `vpk ${ref.slice(4, 8).toLowerCase()}-${ref.slice(8)}`;
    expect(parseApplicationReference(typed)).toBe(ref);
    expect(parseApplicationReference(ref.slice(4))).toBe(ref);
  });

  it('catches every single-character typo and every swap of neighbours', () => {
    const ref = newApplicationReference(() => 7);
    const body = ref.slice(4);
    for (let i = 0; i < body.length; i++) {
      for (const c of REFERENCE_ALPHABET) {
        if (c === body[i]) continue;
        expect(parseApplicationReference(body.slice(0, i) + c + body.slice(i + 1))).toBeNull();
      }
    }
    const varied = newApplicationReference((max) => (Math.floor(Math.random() * 1e6) % max));
    const b = varied.slice(4);
    for (let i = 0; i < b.length - 1; i++) {
      if (b[i] === b[i + 1]) continue;
      expect(parseApplicationReference(b.slice(0, i) + b[i + 1] + b[i] + b.slice(i + 2))).toBeNull();
    }
  });

  it('rejects malformed input', () => {
    for (const bad of ['', 'VPK-', 'VPK-ABCDEFGH', 'VPK-ABCDEFGHJK2', 'VPK-0BCDEFGHJ', 'XYZ-ABCDEFGHJ', 'VPK-ABCD EFGO']) {
      expect(parseApplicationReference(bad)).toBeNull();
    }
    expect(isApplicationReference('vpk-abcdefghj')).toBe(false);
  });
});
