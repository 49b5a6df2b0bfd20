import type { Client } from 'pg';
import { CLK_TCK, procTicks } from './queue-bench-env';

/**
 * CPU time so far (ms) of this database's PostgreSQL backends (from /proc) and of this process: on
 * a machine shared with other work, CPU time per operation shows what latency would be on an idle one.
 */
export async function databaseAndNodeCpuMs(client: Client): Promise<{ db: number; node: number }> {
  const pids = (await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()')).rows.map((r) => r.pid);
  const node = process.cpuUsage();
  return { db: (pids.reduce((sum, pid) => sum + procTicks(pid), 0) * 1000) / CLK_TCK, node: (node.user + node.system) / 1000 };
}
