import { randomBytes } from 'node:crypto';

/**
 * A minimal client for the Janus Admin API over HTTP (`POST {adminUrl}`, JSON). It needs no Janus
 * session: rooms are managed with `message_plugin` to janus.plugin.videoroom and tokens with
 * `add_token` / `remove_token`. Every call carries the admin_secret and is bounded by a timeout.
 *
 * Janus answers HTTP 200 even for errors: `{ janus: 'error', error: { code, reason } }` for the core,
 * `{ janus: 'success', response: { error_code, error } }` for the plugin.
 */

/** Janus did not answer (refused, reset, timed out) or answered something that is not the Admin API. */
export class JanusUnreachableError extends Error {
  constructor(
    readonly adminUrl: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Janus Admin API at ${adminUrl}: ${message}`, options);
    this.name = 'JanusUnreachableError';
  }
}

/** The Janus core refused the request (e.g. 403 wrong admin_secret, 460 unknown plugin). */
export class JanusApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`Janus error ${code}: ${reason}`);
    this.name = 'JanusApiError';
  }
}

/** The VideoRoom plugin refused the request (e.g. 426 no such room, 427 room exists, 433 wrong secret). */
export class JanusPluginError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {
    super(`Janus VideoRoom error ${code}: ${reason}`);
    this.name = 'JanusPluginError';
  }
}

/** VideoRoom error codes (janus_videoroom.c) the adapter reacts to. */
export const VIDEOROOM_NO_SUCH_ROOM = 426;
export const VIDEOROOM_ROOM_EXISTS = 427;
export const VIDEOROOM_UNAUTHORIZED = 433;
/** Core error for `remove_token` of a token Janus does not know. */
export const JANUS_ERROR_REMOVING_TOKEN = 490;

export const VIDEOROOM_PLUGIN = 'janus.plugin.videoroom';

export interface JanusAdminClientOptions {
  adminUrl: string;
  adminSecret: string;
  /** Default bound for one request (connect + answer), in ms. */
  timeoutMs: number;
}

type Json = Record<string, unknown>;

export class JanusAdminClient {
  constructor(private readonly options: JanusAdminClientOptions) {}

  get adminUrl(): string {
    return this.options.adminUrl;
  }

  /** `get_status`: cheap, and needs the admin_secret, so it proves the secret too. */
  async getStatus(timeoutMs?: number): Promise<Json> {
    const answer = await this.call('get_status', {}, timeoutMs);
    return (answer.status as Json | undefined) ?? {};
  }

  async addToken(token: string, plugins: string[]): Promise<void> {
    await this.call('add_token', { token, plugins });
  }

  /** Returns false when Janus did not know the token (already revoked, or lost in a restart). */
  async removeToken(token: string): Promise<boolean> {
    try {
      await this.call('remove_token', { token });
      return true;
    } catch (error) {
      if (error instanceof JanusApiError && error.code === JANUS_ERROR_REMOVING_TOKEN) return false;
      throw error;
    }
  }

  /** Every token the server knows (`list_tokens`). */
  async listTokens(): Promise<string[]> {
    const answer = await this.call('list_tokens', {});
    const tokens = (answer.data as { tokens?: Array<{ token?: unknown }> } | undefined)?.tokens ?? [];
    return tokens.map((t) => t.token).filter((t): t is string => typeof t === 'string');
  }

  /** A synchronous VideoRoom request (create, exists, listparticipants, destroy, list…). */
  async videoRoom<T extends Json = Json>(request: Json, timeoutMs?: number): Promise<T> {
    const answer = await this.call('message_plugin', { plugin: VIDEOROOM_PLUGIN, request }, timeoutMs);
    const response = answer.response as Json | undefined;
    if (!response || typeof response !== 'object') throw new JanusUnreachableError(this.adminUrl, 'message_plugin answered without a response');
    if (typeof response.error_code === 'number') throw new JanusPluginError(response.error_code, String(response.error ?? ''));
    return response as T;
  }

  /** One Admin API request; resolves with the `success` answer. */
  async call(janus: string, fields: Json, timeoutMs = this.options.timeoutMs): Promise<Json> {
    const transaction = randomBytes(9).toString('base64url');
    const body = JSON.stringify({ ...fields, janus, transaction, admin_secret: this.options.adminSecret });
    let answer: unknown;
    try {
      const response = await fetch(this.options.adminUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) {
        await response.body?.cancel().catch(() => undefined);
        throw new JanusUnreachableError(this.adminUrl, `HTTP ${response.status}`);
      }
      answer = await response.json();
    } catch (error) {
      if (error instanceof JanusUnreachableError) throw error;
      // Checked by name, not instanceof: fetch's errors may come from another realm (e.g. under Jest).
      const name = errorName(error);
      const reason =
        name === 'TimeoutError' || name === 'AbortError'
          ? `no answer within ${timeoutMs} ms`
          : name === 'SyntaxError'
            ? 'the answer is not JSON'
            : describeFetchError(error);
      throw new JanusUnreachableError(this.adminUrl, reason, { cause: error });
    }
    if (!answer || typeof answer !== 'object') throw new JanusUnreachableError(this.adminUrl, 'the answer is not a JSON object');
    const reply = answer as Json;
    if (reply.janus === 'error') {
      const error = (reply.error as { code?: unknown; reason?: unknown } | undefined) ?? {};
      throw new JanusApiError(typeof error.code === 'number' ? error.code : 0, String(error.reason ?? 'unknown error'));
    }
    if (reply.transaction !== transaction) throw new JanusUnreachableError(this.adminUrl, 'the answer belongs to another transaction');
    if (reply.janus !== 'success') throw new JanusUnreachableError(this.adminUrl, `unexpected answer "${String(reply.janus)}"`);
    return reply;
  }
}

function errorName(error: unknown): string | undefined {
  return error && typeof error === 'object' && typeof (error as { name?: unknown }).name === 'string' ? (error as { name: string }).name : undefined;
}

/** "fetch failed (ECONNREFUSED)": undici hides the reason in `cause`. */
function describeFetchError(error: unknown): string {
  if (!error || typeof error !== 'object') return String(error);
  const { message, cause } = error as { message?: unknown; cause?: unknown };
  const code = cause && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' ? `${text} (${code})` : text;
}
