import { Webhook } from 'standardwebhooks';
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

/**
 * Sends one Standard Webhooks message: `webhook-id`, `webhook-timestamp`, `webhook-signature`
 * (one `v1,…` per active secret, for key rotation); body `{ type, timestamp, data }`.
 */
export async function sendWebhook(url: string, secrets: string[], message: WebhookMessage, timeoutMs: number, now = new Date()): Promise<WebhookResult> {
  const body = JSON.stringify({ type: message.type, timestamp: now.toISOString(), data: message.data });
  const signature = secrets.map((secret) => new Webhook(secret).sign(message.id, now, body)).join(' ');
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      redirect: 'error', // a redirect could point anywhere, past the SSRF check
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'VPVKAC-IS-webhooks/1',
        'webhook-id': message.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body,
    });
    await response.arrayBuffer().catch(() => undefined);
  } catch (err) {
    const name = (err as Error).name;
    return { kind: 'retry', status: null, error: name === 'TimeoutError' ? 'timeout' : `connection: ${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message}` };
  }
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered', status: response.status };
  if (response.status === 410) return { kind: 'gone', status: 410 };
  return { kind: 'retry', status: response.status, error: `HTTP ${response.status}`, retryAfterSeconds: parseRetryAfter(response.headers.get('retry-after'), now) };
}

/** A new signing secret in the Standard Webhooks format (`whsec_` + base64 of 32 random bytes). */
export function newWebhookSecret(): string {
  return `whsec_${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64')}`;
}
