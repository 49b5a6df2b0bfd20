import { assertSafeOutboundUrl, isPrivateAddress } from './outbound-url-guard';

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
});
