import { createServer, type Server } from 'node:http';
import type { Resolver } from '@infrastructure/http/outbound-url-guard';
import { sendWebhook } from './webhook-sender';

const SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

describe('webhook sender: the connection goes where the check said', () => {
  let server: Server;
  let port = 0;
  let requests = 0;
  let status = 204;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      req.resume();
      req.on('end', () => {
        if (status === 0) return; // never answers
        res.writeHead(status, status === 429 ? { 'retry-after': '7' } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = 0;
    status = 204;
  });

  // `hook.iestade.test` exists only in this resolver: a delivery that reaches the server used it.
  const loopback: Resolver = async () => [{ address: '127.0.0.1', family: 4 }];
  const message = { id: 'msg_1', type: 'application.submitted', data: { ok: true } };
  const url = () => `http://hook.iestade.test:${port}/hook`;

  it('connects to the address its own lookup checked', async () => {
    expect(await sendWebhook(url(), [SECRET], message, 2000, new Date(), { allowPrivate: true, resolver: loopback })).toEqual({ kind: 'delivered', status: 204 });
    expect(requests).toBe(1);
  });

  it('refuses a name that resolves to a private address at connect time, and sends nothing', async () => {
    const result = await sendWebhook(url(), [SECRET], message, 2000, new Date(), { allowPrivate: false, resolver: loopback });
    expect(result).toEqual({ kind: 'retry', status: null, error: 'connection: EUNSAFEADDRESS' });
    expect(requests).toBe(0);
  });

  it('reports 410, Retry-After and timeouts', async () => {
    status = 410;
    expect(await sendWebhook(url(), [SECRET], message, 2000, new Date(), { allowPrivate: true, resolver: loopback })).toEqual({ kind: 'gone', status: 410 });
    status = 429;
    expect(await sendWebhook(url(), [SECRET], message, 2000, new Date(), { allowPrivate: true, resolver: loopback })).toMatchObject({ kind: 'retry', status: 429, retryAfterSeconds: 7 });
    status = 0;
    expect(await sendWebhook(url(), [SECRET], message, 300, new Date(), { allowPrivate: true, resolver: loopback })).toEqual({ kind: 'retry', status: null, error: 'timeout' });
  });
});
