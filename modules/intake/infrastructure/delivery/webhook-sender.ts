import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Webhook } from 'standardwebhooks';
import { guardedLookup, type Resolver } from '@infrastructure/http/outbound-url-guard';
import { parseRetryAfter } from './retry-schedule';

export type WebhookResult =
  | { kind: 'delivered'; status: number }
  | { kind: 'gone'; status: 410 }
  | { kind: 'retry'; status: number | null; error: string; retryAfterSeconds?: number };

export interface WebhookMessage {
  /** Same on every retry: the receiver's idempotency key. */
  id: string;
  type: string;
  data: unknown;
}

export interface SendOptions {
  /** Private, loopback and link-local targets only in the test configuration. */
  allowPrivate: boolean;
  /** The DNS resolver behind the connect-time check (tests pass a fake one). */
  resolver?: Resolver;
}

interface RawResponse {
  status: number;
  retryAfter: string | null;
}

/**
 * One POST through node:http(s) with a guarded `lookup`: the socket connects to an address that
 * was checked against SSRF when the connection was made (no second, unchecked DNS answer), and
 * redirects are never followed (a 3xx is just not a 2xx). Global fetch cannot take a `lookup`
 * (undici's dispatcher is not a dependency), hence node:http(s).
 */
function post(url: URL, headers: Record<string, string>, body: string, timeoutMs: number, options: SendOptions): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivate, options.resolver),
        // A fresh connection per attempt: a pooled socket would skip this attempt's lookup.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res: IncomingMessage) => {
        res.on('error', reject);
        res.on('data', () => undefined); // drain (the body is not used)
        res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: (res.headers['retry-after'] as string | undefined) ?? null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Sends one Standard Webhooks message: `webhook-id`, `webhook-timestamp`, `webhook-signature`
 * (one `v1,…` per active secret, for key rotation); body `{ type, timestamp, data }`.
 */
export async function sendWebhook(
  url: string,
  secrets: string[],
  message: WebhookMessage,
  timeoutMs: number,
  now = new Date(),
  options: SendOptions = { allowPrivate: false },
): Promise<WebhookResult> {
  const body = JSON.stringify({ type: message.type, timestamp: now.toISOString(), data: message.data });
  const signature = secrets.map((secret) => new Webhook(secret).sign(message.id, now, body)).join(' ');
  let response: RawResponse;
  try {
    response = await post(
      new URL(url),
      {
        'content-type': 'application/json',
        'user-agent': 'VPVKAC-IS-webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
      timeoutMs,
      options,
    );
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const timedOut = e.name === 'TimeoutError' || (e.name === 'AbortError' && (e.cause as Error | undefined)?.name === 'TimeoutError');
    return { kind: 'retry', status: null, error: timedOut ? 'timeout' : `connection: ${e.code ?? e.message}` };
  }
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered', status: response.status };
  if (response.status === 410) return { kind: 'gone', status: 410 };
  return { kind: 'retry', status: response.status, error: `HTTP ${response.status}`, retryAfterSeconds: parseRetryAfter(response.retryAfter, now) };
}

/** A new signing secret in the Standard Webhooks format (`whsec_` + base64 of 32 random bytes). */
export function newWebhookSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}
