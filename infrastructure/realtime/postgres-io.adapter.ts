import { IoAdapter } from '@nestjs/platform-socket.io';
import type { INestApplicationContext } from '@nestjs/common';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import type { Server, ServerOptions } from 'socket.io';

/**
 * socket.io across instances through PostgreSQL LISTEN/NOTIFY (@socket.io/postgres-adapter):
 * an emit to a room on instance A reaches clients connected to instance B. No extra service to run.
 */
export class PostgresIoAdapter extends IoAdapter {
  private readonly pool: Pool;

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    this.pool = new Pool({ connectionString: databaseUrl, max: 3 });
    this.pool.on('error', () => undefined); // reconnects on next use
    // The adapter keeps one client checked out for LISTEN and attaches no 'error' listener to it:
    // a database restart (or the embedded server stopping) would crash the process. With this
    // listener the client just ends, and the adapter reconnects by itself ('end' → reconnection).
    this.pool.on('connect', (client) => client.on('error', () => undefined));
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
    return server;
  }

  override async dispose(): Promise<void> {
    await this.pool.end().catch(() => undefined);
  }
}
