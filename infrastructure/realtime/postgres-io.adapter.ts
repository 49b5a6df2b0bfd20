import { IoAdapter } from '@nestjs/platform-socket.io';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool, type PoolClient } from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io across instances through PostgreSQL LISTEN/NOTIFY (@socket.io/postgres-adapter):
 * an emit to a room on instance A reaches clients connected to instance B. No extra service to run.
 */
const DISPOSE_GRACE_MS = 2_000;

export class PostgresIoAdapter extends IoAdapter {
  private readonly pool: Pool;
  private readonly servers: Server[] = [];
  /** Every connection the pool opened and that has not ended yet. */
  private readonly clients = new Set<PoolClient>();

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    this.pool = new Pool({ connectionString: databaseUrl, max: 3 });
    this.pool.on('error', () => undefined); // reconnects on next use
    // The adapter keeps one client checked out for LISTEN and attaches no 'error' listener to it:
    // a database restart (or the embedded server stopping) would crash the process. With this
    // listener the client just ends, and the adapter reconnects by itself ('end' → reconnection).
    this.pool.on('connect', (client) => {
      client.on('error', () => undefined);
      this.clients.add(client);
      client.once('end', () => this.clients.delete(client));
    });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, {
      ...({} as ServerOptions),
      ...(options ?? {}),
      // Same origin only: the consoles are served by this server.
      cors: { origin: false },
      pingInterval: 10_000,
      pingTimeout: 8_000,
    }) as Server;
    server.adapter(createAdapter(this.pool, { tableName: 'platform.socket_io_attachments', heartbeatInterval: 5_000, heartbeatTimeout: 15_000 }));
    this.servers.push(server);
    return server;
  }

  /**
   * Nest closes only the gateways' root servers, and ours are namespaces: their adapters stay open
   * and keep clients of the pool checked out, and `pool.end()` waits for every client — `app.close()`
   * never returned (seen with `npm run openapi`). Close every namespace's adapter, then give the pool
   * a moment to end. The adapter's LISTEN client can still be checked out after that: when the app
   * closes while the adapter is still connecting (a short-lived app such as `npm run seed` on a
   * seeded database), the adapter's close() finds no client yet and the connection, made a moment
   * later, is never released — its socket kept the process alive for ever. Such connections are
   * ended here.
   */
  override async dispose(): Promise<void> {
    for (const server of this.servers) for (const nsp of server._nsps.values()) await Promise.resolve(nsp.adapter.close()).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      this.pool.end().then(() => true, () => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), DISPOSE_GRACE_MS))),
    ]);
    clearTimeout(timer);
    if (ended) return;
    new Logger(PostgresIoAdapter.name).debug(`socket.io adapter: ${this.clients.size} connection(s) still checked out after ${DISPOSE_GRACE_MS} ms; ending them`);
    await Promise.all(
      [...this.clients].map((client) => {
        // The adapter reconnects when its client ends ('end' → a new client every ~2 s, for ever).
        client.removeAllListeners('end');
        return (client as unknown as { end(): Promise<void> }).end().catch(() => undefined);
      }),
    );
    this.clients.clear();
  }
}
