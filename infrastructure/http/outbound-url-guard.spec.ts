import { assertSafeOutboundUrl, guardedLookup, isPrivateAddress, UNSAFE_ADDRESS, type ResolvedAddress, type Resolver } from './outbound-url-guard';

const lookupWith = (lookup: ReturnType<typeof guardedLookup>, options: { all?: boolean; family?: number }) =>
  new Promise<{ err: NodeJS.ErrnoException | null; address: string | ResolvedAddress[] }>((resolve) => lookup('hooks.iestade.lv', options, (err, address) => resolve({ err, address })));

describe('outbound URL guard', () => {
  it('knows private and public addresses', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isPrivateAddress(a)).toBe(true);
    }
    for (const a of ['8.8.8.8', '195.13.150.1', '2a00:1450::1']) expect(isPrivateAddress(a)).toBe(false);
  });

  it('refuses plain http, credentials and private targets', async () => {
    await expect(assertSafeOutboundUrl('http://example.lv/hook', false)).rejects.toMatchObject({ code: 'INTAKE.UNSAFE_WEBHOOK_URL' });
    await expect(assertSafeOutboundUrl('https://user:pw@example.lv/hook', false)).rejects.toMatchObject({ code: 'INTAKE.UNSAFE_WEBHOOK_URL' });
    await expect(assertSafeOutboundUrl('https://127.0.0.1/hook', false)).rejects.toMatchObject({ code: 'INTAKE.UNSAFE_WEBHOOK_URL' });
    await expect(assertSafeOutboundUrl('https://[::1]:8443/hook', false)).rejects.toMatchObject({ code: 'INTAKE.UNSAFE_WEBHOOK_URL' });
    await expect(assertSafeOutboundUrl('https://169.254.169.254/latest', false)).rejects.toMatchObject({ code: 'INTAKE.UNSAFE_WEBHOOK_URL' });
    await expect(assertSafeOutboundUrl('https://localhost/hook', false)).rejects.toMatchObject({ code: 'INTAKE.UNSAFE_WEBHOOK_URL' });
  });

  it('allows loopback only when the test configuration says so', async () => {
    expect((await assertSafeOutboundUrl('http://127.0.0.1:9999/hook', true)).port).toBe('9999');
  });

  describe('connect-time lookup (DNS rebinding)', () => {
    // A name that answers with a public address first and a private one on the next query.
    const rebinding = (): Resolver & { calls: number } => {
      const answers: ResolvedAddress[][] = [[{ address: '195.13.150.1', family: 4 }], [{ address: '169.254.169.254', family: 4 }]];
      const resolver = Object.assign(async () => answers[Math.min(resolver.calls++, answers.length - 1)]!, { calls: 0 });
      return resolver;
    };

    it('refuses the connection when the second answer is private, though the first was public', async () => {
      const lookup = guardedLookup(false, rebinding());
      expect(await lookupWith(lookup, {})).toEqual({ err: null, address: '195.13.150.1' });
      const second = await lookupWith(lookup, {});
      expect(second.err?.code).toBe(UNSAFE_ADDRESS);
      expect(second.address).toBe('');
    });

    it('refuses when any of several addresses is private, and answers `all` lookups with the checked list', async () => {
      const mixed: Resolver = async () => [{ address: '195.13.150.1', family: 4 }, { address: '10.0.0.5', family: 4 }];
      expect((await lookupWith(guardedLookup(false, mixed), { all: true })).err?.code).toBe(UNSAFE_ADDRESS);
      const dual: Resolver = async () => [{ address: '2a00:1450::1', family: 6 }, { address: '195.13.150.1', family: 4 }];
      expect(await lookupWith(guardedLookup(false, dual), { all: true })).toEqual({ err: null, address: [{ address: '2a00:1450::1', family: 6 }, { address: '195.13.150.1', family: 4 }] });
      expect(await lookupWith(guardedLookup(false, dual), { family: 4 })).toEqual({ err: null, address: '195.13.150.1' });
    });

    it('lets private answers through only in the test configuration, and passes resolver errors on', async () => {
      const resolver = rebinding();
      resolver.calls = 1;
      expect(await lookupWith(guardedLookup(true, resolver), {})).toEqual({ err: null, address: '169.254.169.254' });
      const failing: Resolver = async () => {
        throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
      };
      expect((await lookupWith(guardedLookup(false, failing), {})).err?.code).toBe('ENOTFOUND');
    });
  });
});
