import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';

export type Behaviour = 'ok' | '500' | '503' | '410' | `429:${number}` | 'timeout' | 'reset';

export interface ReceivedMessage {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/**
 * An institution's back office, played by a real HTTP server: it verifies Standard Webhooks
 * signatures, misbehaves as scripted, and processes each webhook-id once (as the spec asks of receivers).
 */
export class WebhookReceiver {
  private server?: Server;
  readonly processed = new Map<string, ReceivedMessage>();
  /** Every request: when it arrived (ms), how many `v1,` signatures it carried, whether one of them verified. */
  readonly attempts: Array<{ id: string; behaviour: Behaviour; signatureOk: boolean; at: number; signatures: number }> = [];
  duplicates = 0;
  secrets: string[] = [];
  private script: Behaviour[] = [];
  fallback: Behaviour = 'ok';

  /** Behaviours for the next requests, in order; afterwards `fallback`. */
  then(...behaviours: Behaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  /** Listens on `port` (0: any free one); returns the hook's URL. */
  async start(port = 0): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as { port: number }).port}/hook`;
  }

  async stop(): Promise<void> {
    if (!this.server?.listening) return;
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) };
    const signatureOk = this.secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
    const behaviour = this.script.shift() ?? this.fallback;
    const signatures = headers['webhook-signature'].split(' ').filter((s) => s.startsWith('v1,')).length;
    this.attempts.push({ id: headers['webhook-id'], behaviour, signatureOk, at: Date.now(), signatures });
    if (!signatureOk) {
      res.writeHead(401).end();
      return;
    }
    switch (behaviour) {
      case 'timeout':
        return; // never answers; the sender's timeout fires
      case 'reset':
        req.socket.destroy();
        return;
      case '500':
      case '503':
      case '410':
        res.writeHead(Number(behaviour)).end();
        return;
      case 'ok': {
        if (this.processed.has(headers['webhook-id'])) this.duplicates++;
        else this.processed.set(headers['webhook-id'], JSON.parse(body) as ReceivedMessage);
        res.writeHead(204).end();
        return;
      }
      default: {
        const seconds = behaviour.split(':')[1]!;
        res.writeHead(429, { 'retry-after': seconds }).end();
      }
    }
  }
}
