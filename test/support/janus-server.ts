import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeJanusConfig } from '../../infrastructure/janus/janus-config';

/**
 * A real Janus (Debian package `janus`, 1.1.2) for tests: its own config rendered from
 * infrastructure/janus/templates into a temp folder, on free 127.0.0.1 ports, so several can run
 * at once. Stopped by SIGTERM to its own PID (never by name). Needs `bash scripts/install-system-deps.sh`.
 */
export interface JanusPorts {
  http: number;
  admin: number;
  ws: number;
}

export interface StartJanusOptions {
  /** Fixed ports; the missing ones are picked free. */
  ports?: Partial<JanusPorts>;
  /** Janus server_name (unique per instance by default; checked when waiting for readiness). */
  serverName?: string;
  rtpPortRange?: string;
  /** The IP Janus puts in its SDP (default 127.0.0.1); media tests in a network namespace use 127.0.0.2. */
  interface?: string;
  /** Only these interfaces/IPs for ICE (default: all); media tests use 127.0.0.2 (see test/media). */
  iceEnforceList?: string;
  debugLevel?: number;
  /** How long to wait for Janus to answer after spawning it (default 10 s). */
  startTimeoutMs?: number;
}

export interface JanusTestServer {
  readonly serverName: string;
  readonly adminUrl: string;
  /** Janus API over HTTP (…/janus). */
  readonly httpUrl: string;
  /** Janus API over WebSockets, as browsers use it. */
  readonly wsUrl: string;
  readonly adminSecret: string;
  readonly apiSecret: string;
  readonly roomAdminKey: string;
  readonly ports: JanusPorts;
  /** Folder with the rendered config and janus.log. */
  readonly dir: string;
  /** PID of the running Janus (changes on restart); undefined while stopped. */
  readonly pid: number | undefined;
  readonly running: boolean;
  /** The server as the video gateway's configuration (JANUS_SERVERS entry) describes it. */
  gatewayConfig(name: string): { name: string; adminUrl: string; adminSecret: string; publicWsUrl: string; roomAdminKey: string };
  /** Janus's output so far. */
  log(): string;
  /** SIGTERM to its PID, resolves once it has exited (SIGKILL after 10 s). Keeps the folder for restart(). */
  stop(): Promise<void>;
  /** SIGKILL to its PID: a crash. */
  kill(): Promise<void>;
  /** Starts it again with the same ports and secrets (stopping it first if it runs). */
  restart(): Promise<void>;
  /** SIGSTOP (resolves once every thread has stopped) / SIGCONT: a hung Janus that accepts connections but never answers. */
  freeze(): Promise<void>;
  thaw(): void;
  /** Stops it and removes its folder (kept when JANUS_KEEP_TEST_DIRS=1). */
  dispose(): Promise<void>;
}

const JANUS_BINARY = process.env.JANUS_BINARY ?? 'janus';
const running = new Set<ChildProcess>();
let exitHookInstalled = false;
let instances = 0;

/** Starts a Janus and resolves once its HTTP, Admin and WebSockets servers answer. */
export async function startJanus(options: StartJanusOptions = {}): Promise<JanusTestServer> {
  installExitHook();
  const fixed = options.ports ?? {};
  const attempts = fixed.http && fixed.admin && fixed.ws ? 1 : 3;
  let lastError: unknown;
  for (let attempt = 0; attempt < attempts; attempt++) {
    const ports = await pickPorts(fixed);
    const server = new JanusProcess(ports, options);
    try {
      await server.start();
      return server;
    } catch (error) {
      // A free port may have been taken between picking and binding: try other ports.
      lastError = error;
      await server.dispose();
    }
  }
  throw lastError;
}

class JanusProcess implements JanusTestServer {
  readonly serverName: string;
  readonly adminSecret = secret();
  readonly apiSecret = secret();
  readonly roomAdminKey = secret();
  readonly dir = mkdtempSync(join(tmpdir(), 'vpvkac-janus-'));
  private child: ChildProcess | undefined;
  private exited: Promise<void> | undefined;

  constructor(
    readonly ports: JanusPorts,
    private readonly options: StartJanusOptions,
  ) {
    this.serverName = options.serverName ?? `vpvkac-test-${process.pid}-${++instances}`;
  }

  get adminUrl(): string {
    return `http://127.0.0.1:${this.ports.admin}/admin`;
  }
  get httpUrl(): string {
    return `http://127.0.0.1:${this.ports.http}/janus`;
  }
  get wsUrl(): string {
    return `ws://127.0.0.1:${this.ports.ws}`;
  }
  get pid(): number | undefined {
    return this.child?.pid;
  }
  get running(): boolean {
    return this.child !== undefined;
  }
  private get logPath(): string {
    return join(this.dir, 'janus.log');
  }

  gatewayConfig(name: string) {
    return { name, adminUrl: this.adminUrl, adminSecret: this.adminSecret, publicWsUrl: this.wsUrl, roomAdminKey: this.roomAdminKey };
  }

  log(): string {
    return existsSync(this.logPath) ? readFileSync(this.logPath, 'utf8') : '';
  }

  async start(): Promise<void> {
    if (this.child) return;
    const configFile = writeJanusConfig(this.dir, {
      configsFolder: this.dir,
      serverName: this.serverName,
      apiSecret: this.apiSecret,
      adminSecret: this.adminSecret,
      adminKey: this.roomAdminKey,
      interface: this.options.interface ?? '127.0.0.1',
      bindIp: '127.0.0.1',
      httpPort: this.ports.http,
      adminPort: this.ports.admin,
      wsPort: this.ports.ws,
      rtpPortRange: this.options.rtpPortRange ?? '20000-39999',
      iceEnforceList: this.options.iceEnforceList ?? '',
      debugLevel: this.options.debugLevel ?? 4,
    });
    const logOffset = this.log().length;
    const out = openSync(this.logPath, 'a');
    let child: ChildProcess;
    try {
      child = spawn(JANUS_BINARY, ['-F', this.dir, '-C', configFile, '-o', '-D'], { cwd: this.dir, stdio: ['ignore', out, out] });
    } finally {
      closeSync(out);
    }
    this.child = child;
    running.add(child);
    let spawnError: Error | undefined;
    this.exited = new Promise<void>((resolve) => {
      child.once('error', (error) => {
        spawnError = error;
        resolve();
      });
      child.once('exit', () => resolve());
    }).then(() => {
      running.delete(child);
      if (this.child === child) this.child = undefined;
    });
    const deadline = Date.now() + (this.options.startTimeoutMs ?? 10_000);
    for (;;) {
      if (!this.child) {
        const why = spawnError ? `${spawnError.message} (run: bash scripts/install-system-deps.sh)` : 'it exited';
        throw new Error(`Janus did not start: ${why}\n${this.log().slice(logOffset).slice(-3000)}`);
      }
      if (await this.ready(logOffset)) return;
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`Janus did not answer within ${this.options.startTimeoutMs ?? 10_000} ms\n${this.log().slice(logOffset).slice(-3000)}`);
      }
      await sleep(50);
    }
  }

  /** HTTP API answers as this instance, the Admin API accepts our secret, the WebSockets server started. */
  private async ready(logOffset: number): Promise<boolean> {
    try {
      const info = (await (await fetch(`${this.httpUrl}/info`, { signal: AbortSignal.timeout(500) })).json()) as Record<string, unknown>;
      if (info['server-name'] !== this.serverName) return false;
      const status = await fetch(this.adminUrl, {
        method: 'POST',
        body: JSON.stringify({ janus: 'get_status', transaction: 'ready', admin_secret: this.adminSecret }),
        signal: AbortSignal.timeout(500),
      });
      if (((await status.json()) as { janus?: string }).janus !== 'success') return false;
      return this.log().slice(logOffset).includes(`Websockets server started (port ${this.ports.ws})`);
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    await this.signalAndWait('SIGTERM');
  }

  async kill(): Promise<void> {
    await this.signalAndWait('SIGKILL');
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async freeze(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid) return;
    signalPid(pid, 'SIGSTOP');
    // kill() only queues the signal: a thread running on another CPU may still answer a request.
    // Wait until every thread is in state T (stopped).
    const deadline = Date.now() + 2000;
    while (!allThreadsStopped(pid)) {
      if (Date.now() > deadline) throw new Error(`Janus ${pid} did not stop on SIGSTOP`);
      await sleep(5);
    }
  }

  thaw(): void {
    if (this.child?.pid) signalPid(this.child.pid, 'SIGCONT');
  }

  async dispose(): Promise<void> {
    await this.stop();
    if (process.env.JANUS_KEEP_TEST_DIRS !== '1') rmSync(this.dir, { recursive: true, force: true });
  }

  private async signalAndWait(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const exited = this.exited;
    signalPid(child.pid, 'SIGCONT'); // a frozen Janus cannot handle SIGTERM
    signalPid(child.pid, signal);
    const killTimer = setTimeout(() => {
      if (this.child === child && child.pid) signalPid(child.pid, 'SIGKILL');
    }, 10_000);
    try {
      await exited;
    } finally {
      clearTimeout(killTimer);
    }
  }
}

/** Free TCP ports on 127.0.0.1 (held together while picking, so they differ). */
async function pickPorts(fixed: Partial<JanusPorts>): Promise<JanusPorts> {
  const held: Server[] = [];
  const free = async (): Promise<number> => {
    const server = createServer();
    held.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return (server.address() as { port: number }).port;
  };
  try {
    return { http: fixed.http ?? (await free()), admin: fixed.admin ?? (await free()), ws: fixed.ws ?? (await free()) };
  } finally {
    await Promise.all(held.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Safety net: never leave a Janus behind when the test process ends (each by its own PID).
  process.once('exit', () => {
    for (const child of running) if (child.pid) signalPid(child.pid, 'SIGKILL');
  });
}

function allThreadsStopped(pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).every((tid) => {
      // "tid (comm) S …": the state follows the last ')'.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return /^[Tt]$/.test(stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3));
    });
  } catch {
    return true; // gone
  }
}

/** Signals one process by its PID; a process that has just exited is fine. */
function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

const secret = (): string => randomBytes(18).toString('base64url');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// --- Raw Janus clients for tests (no SDK): what a browser or an operator would send ---------------

type JsonObject = Record<string, any>;

/** One raw Admin API request (POST {adminUrl}) with the server's admin_secret; the JSON answer as is. */
export async function janusAdmin(server: Pick<JanusTestServer, 'adminUrl' | 'adminSecret'>, janus: string, fields: JsonObject = {}): Promise<JsonObject> {
  const response = await fetch(server.adminUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...fields, janus, transaction: secret(), admin_secret: server.adminSecret }),
    signal: AbortSignal.timeout(5000),
  });
  return (await response.json()) as JsonObject;
}

/** A VideoRoom request through the Admin API; resolves with the plugin's `response`. */
export async function janusAdminVideoRoom(server: Pick<JanusTestServer, 'adminUrl' | 'adminSecret'>, request: JsonObject): Promise<JsonObject> {
  const answer = await janusAdmin(server, 'message_plugin', { plugin: 'janus.plugin.videoroom', request });
  if (answer.janus !== 'success') throw new Error(`Admin API error: ${JSON.stringify(answer.error)}`);
  return answer.response as JsonObject;
}

/**
 * A participant's side of the Janus API over HTTP (POST {httpUrl}, long-poll GET for events),
 * authenticated by a token from add_token like a browser would be.
 */
export class JanusHttpParticipant {
  sessionId: number | undefined;
  private readonly events: JsonObject[] = [];

  constructor(
    readonly httpUrl: string,
    readonly token: string | undefined,
  ) {}

  /** POST one Janus API request; the raw JSON answer (HTTP status is 200 even for errors). */
  async send(path: string, body: JsonObject): Promise<JsonObject> {
    const response = await fetch(`${this.httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, ...(this.token ? { token: this.token } : {}), transaction: body.transaction ?? secret() }),
      signal: AbortSignal.timeout(5000),
    });
    return (await response.json()) as JsonObject;
  }

  /** `create`: the raw answer; on success the session id is kept. */
  async createSession(): Promise<JsonObject> {
    const answer = await this.send('', { janus: 'create' });
    if (answer.janus === 'success') this.sessionId = answer.data.id as number;
    return answer;
  }

  async attach(plugin = 'janus.plugin.videoroom'): Promise<number> {
    const answer = await this.send(`/${this.requireSession()}`, { janus: 'attach', plugin });
    if (answer.janus !== 'success') throw new Error(`attach failed: ${JSON.stringify(answer)}`);
    return answer.data.id as number;
  }

  /** A plugin message; resolves with the plugin's data from the synchronous answer or the async event. */
  async message(handleId: number, body: JsonObject, timeoutMs = 5000): Promise<JsonObject> {
    const transaction = secret();
    const answer = await this.send(`/${this.requireSession()}/${handleId}`, { janus: 'message', body, transaction });
    if (answer.janus === 'success') return answer.plugindata.data as JsonObject;
    if (answer.janus !== 'ack') throw new Error(`message failed: ${JSON.stringify(answer)}`);
    const event = await this.nextEvent((e) => e.transaction === transaction, timeoutMs);
    return event.plugindata.data as JsonObject;
  }

  async keepalive(): Promise<JsonObject> {
    return this.send(`/${this.requireSession()}`, { janus: 'keepalive' });
  }

  async destroy(): Promise<void> {
    if (this.sessionId === undefined) return;
    await this.send(`/${this.sessionId}`, { janus: 'destroy' }).catch(() => undefined);
    this.sessionId = undefined;
  }

  /** Waits for an event (long poll) that matches. */
  async nextEvent(match: (event: JsonObject) => boolean, timeoutMs = 5000): Promise<JsonObject> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.events.findIndex(match);
      if (index >= 0) return this.events.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching Janus event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`);
      const query = new URLSearchParams({ maxev: '10', ...(this.token ? { token: this.token } : {}) });
      const response = await fetch(`${this.httpUrl}/${this.requireSession()}?${query}`, { signal: AbortSignal.timeout(left) }).catch(() => undefined);
      if (!response) continue;
      const got = (await response.json()) as JsonObject | JsonObject[];
      for (const event of Array.isArray(got) ? got : [got]) if (event.janus !== 'keepalive') this.events.push(event);
    }
  }

  private requireSession(): number {
    if (this.sessionId === undefined) throw new Error('no Janus session: call createSession() first');
    return this.sessionId;
  }
}

/** Opens a WebSocket handshake (subprotocol janus-protocol) and returns the HTTP status: 101 when Janus accepts. */
export function webSocketHandshake(wsUrl: string, protocol = 'janus-protocol'): Promise<number> {
  const url = new URL(wsUrl);
  return new Promise<number>((resolve, reject) => {
    const request = httpRequest({
      host: url.hostname,
      port: Number(url.port),
      path: url.pathname || '/',
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': randomBytes(16).toString('base64'),
        'sec-websocket-protocol': protocol,
      },
      timeout: 3000,
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy(new Error('WebSocket handshake timed out')));
    request.on('error', reject);
    request.end();
  });
}
