/** Renders docs/benchmarks/queue.md from the numbers test/load/queue-bench.ts measured. */

export const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);
/** Nearest-rank percentile of an ascending array: exact, from every sample. */
export const pct = (s: number[], p: number): number => (s.length ? s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)]! : NaN);
export const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const pctOf = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(0)} %` : 'n/a');

export interface Estimate { waitS: number; minMinutes: number; maxMinutes: number | null }

export interface BenchResults {
  date: Date;
  durationS: number;
  machine: { cpus: number; model: string; memGiB: number; node: string; postgres: string; embedded: boolean; transport: string; backgroundCores: number; poolMax: number };
  scenario: { centres: number; clerks: number; perCentre: [number, number]; desksAdded: number; rate: number; walkMs: [number, number]; reactionMs: [number, number]; serviceMs: number; warmupS: number; measureS: number; trackShare: number; drainCapS: number; idempotency: boolean };
  window: {
    seconds: number;
    /** 2xx answers to commands started in the window. */
    ok: number;
    /** 2xx answers received during the window (whenever the command started): the sustained rate. */
    completed: number;
    /** Commands the server committed during the window (from the ticket table), answered in time or not. */
    committed: number;
    all: number;
    answered: number; // any HTTP answer (not a client timeout)
    nobodyWaiting: number;
    perSecond: number[]; // sorted 2xx completions per second
    errors: Array<[string, number]>;
    /** Sorted latency samples (ms). */
    latency: { issue: number[]; call: number[]; start: number[]; finish: number[]; all: number[]; track: number[]; fanout: number[]; board: number[] };
    lostDeliveries: number;
    duplicateDeliveries: number;
    boardsMissing: number;
    seqGaps: number;
    seqRepeats: number;
  };
  load: {
    cpu: { server: number; postgres: number; bench: number; machine: number; other: number; steal?: number; interrupts?: number };
    /** Per second of the window: seconds on a CPU and seconds runnable but waiting for one (/proc/<pid>/schedstat). */
    mainThreads: { server: [number, number]; bench: [number, number] };
    serverLagMs: [number, number];
    /** Queue commit transactions and the commands they carried (group commit, from queue_commit_batch_size). */
    commitBatches: { transactions: number; commits: number; waitedS: number; roundTripS: number };
    benchLagMs: [number, number];
    xactsPerS: number;
    eventJobsPerS: number;
    sessions: Array<[string, number]>;
    notifiesPerS: Array<[string, number]>;
    displayStatesPerS: number;
    outboxBacklog: number;
    activeTickets: number;
    serverLog: { path: string; poolTimeouts: number; errors: number };
  };
  calibration: { commands: number; failed: number; cpuMsPerCommand: number; postgresCpuMsPerCommand: number; latency: number[]; xactsPerCommand: number; busyCores: number };
  estimates: Estimate[];
  drain: { seconds: number; complete: boolean; strandedDesks: number; busy: Array<[string, number]> };
  integrity: Array<[string, boolean, string]>;
  pgbench: { tps: number; latencyMs: number; failed: string; desks: number; perCentre: number; clients: number; seconds: number };
  /** The capacity probe after the window (null: BENCH_PROBE_RATE=0). */
  probe: { rate: number; rampS: number; seconds: number; sustained: number; committedPerS: number; machineCores: number; serverCores: number; latency: number[]; errors: Array<[string, number]>; skippedPerS: number } | null;
}

const mark = (b: boolean): string => (b ? '✅ met' : '❌ missed');
const row = (name: string, s: number[]): string => `| ${name} | ${s.length} | ${f1(pct(s, 50))} | ${f1(pct(s, 95))} | ${f1(pct(s, 99))} | ${f1(s[s.length - 1] ?? NaN)} |`;

function estimateSection(all: Estimate[]): string {
  const judged = all.map((e) => {
    const lo = e.minMinutes * 60;
    const hi = e.maxMinutes === null ? Infinity : e.maxMinutes * 60;
    const mid = e.maxMinutes === null ? lo : (lo + hi) / 2;
    return { ...e, inside: e.waitS >= lo && e.waitS <= hi, err: Math.abs(e.waitS - mid), outside: e.waitS < lo ? lo - e.waitS : e.waitS > hi ? e.waitS - hi : 0 };
  });
  const learned = judged.filter((e) => e.maxMinutes !== null && e.maxMinutes <= 1);
  const fallback = judged.filter((e) => !(e.maxMinutes !== null && e.maxMinutes <= 1));
  const share = (xs: typeof judged): string => (xs.length ? `${((100 * xs.filter((x) => x.inside).length) / xs.length).toFixed(1)} %` : 'n/a');
  const med = (xs: number[]): string => f1(pct(sorted(xs), 50));
  const col = (f: (xs: typeof judged) => string): string => `${f(judged)} | ${f(learned)} | ${f(fallback)}`;
  const ranges = [...judged.reduce((m, e) => m.set(`${e.minMinutes}–${e.maxMinutes ?? '∞'}`, (m.get(`${e.minMinutes}–${e.maxMinutes ?? '∞'}`) ?? 0) + 1), new Map<string, number>())]
    .sort((a, b) => b[1] - a[1]).slice(0, 6).map(([r, n]) => `${r} min (${n})`).join(', ');
  const waits = sorted(judged.map((e) => e.waitS));
  return `${judged.length} tickets issued in the window had their estimate read (GET /api/v1/queue/track/{token}) right after issuing and were called later. Real wait = issue → called, from the server's own timestamps in the two answers.

| | All | Upper bound ≤ 1 min | Upper bound ≥ 2 min or open |
|---|---|---|---|
| Tickets | ${col((xs) => String(xs.length))} |
| Real wait inside [min, max] | ${col(share)} |
| Median absolute error vs. the range's midpoint (s) | ${col((xs) => med(xs.map((e) => e.err)))} |
| Median distance outside the range, 0 if inside (s) | ${col((xs) => med(xs.map((e) => e.outside)))} |

Real waits: median ${f1(pct(waits, 50))} s, p90 ${f1(pct(waits, 90))} s. Most frequent ranges: ${ranges || 'n/a'}.

How to read this honestly: the run compresses a service (about 12 minutes in a real centre) into a few seconds, so real waits are seconds while the estimator answers in whole minutes (lower end rounded down, upper end up). It learns service times from tickets finished in the last 14 days (≥ 5 per queue within ±1 hour of day), caches them per centre for 60 s, and otherwise assumes 12 minutes per service. Ranges with an upper bound of at most 1 minute come from this run's own seconds-long services: "inside" is then all but guaranteed by the rounding, and the error says only that the model did not overshoot. Ranges of 2 minutes or more were made with the 12-minute default (the centre's cached samples predate its first finished tickets — the consoles' joins fill the cache before any ticket exists), so their error is minutes by construction and would be near zero with real 12-minute services. Scaling the seconds up by the compression factor would not help either, because the rounding happens before we see the numbers. A meaningful accuracy figure needs a replay of a real day at real speed; what this run does show is how long the estimator takes to switch from the default to learned data (one 60 s cache period).`;
}

function findings(r: BenchResults): string[] {
  const out: string[] = [];
  const w = r.window;
  const l = r.load;
  const cal = r.calibration;
  const ceiling = 1000 / cal.cpuMsPerCommand;
  const loadedMs = (l.cpu.server * 1000) / Math.max(1e-9, w.committed / w.seconds);
  const loadedCeiling = 1000 / Math.max(1e-9, loadedMs);
  if (ceiling < r.scenario.rate && loadedCeiling >= r.scenario.rate) {
    out.push(`**The server's CPU per command falls with load.** Alone, one command costs the server ${f1(cal.cpuMsPerCommand)} ms of CPU (over HTTP through Fastify and NestJS; ${f1(cal.xactsPerCommand)} PostgreSQL transactions: the command's one-message commit, plus the outbox dispatch, pg-boss and the Reporting projection for the events a consumer wants) — a ceiling near ${f1(ceiling)} commands/s. Under this load it cost ${f1(loadedMs)} ms (room for ${f1(loadedCeiling)}/s on one event loop): commits that wait while others are in flight share one transaction (group commit, ADR 0008), and event dispatches share one cycle. What limits the run is the machine's contention (below), not the event loop's own CPU.`);
  } else if (ceiling < r.scenario.rate) {
    out.push(`**One server process cannot reach the target: CPU per command.** Alone, one command costs the server ${f1(cal.cpuMsPerCommand)} ms of CPU (over HTTP through Fastify and NestJS; ${f1(cal.xactsPerCommand)} PostgreSQL transactions: the command's one-message commit, plus the outbox dispatch, pg-boss and the Reporting projection for the events a consumer wants), and under this load ${f1(loadedMs)} ms, so its single event loop saturates near ${f1(Math.max(ceiling, loadedCeiling))} commands/s — ${((100 * Math.max(ceiling, loadedCeiling)) / r.scenario.rate).toFixed(0)} % of the ${r.scenario.rate}/s target, before any contention. Arrivals are open-loop, so beyond that point tickets pile up (${l.activeTickets.toFixed(0)} active on average in the window); every command works on its centre's active tickets (place in line, estimates, trackers), so it gets dearer as the backlog grows, and latency runs away instead of levelling off.`);
  }
  // What the whole machine spends per command bounds the rate before any latency target.
  const machineMs = (l.cpu.machine * 1000) / Math.max(1e-9, w.committed / w.seconds);
  const machineCeiling = (r.machine.cpus * 1000) / Math.max(1e-9, machineMs);
  if (machineCeiling < r.scenario.rate * 1.25) {
    out.push(
      `**The machine's ceiling at this cost.** All processes together spent ${f1(machineMs)} ms of CPU per committed command (server ${f1((l.cpu.server * 1000) / Math.max(1e-9, w.committed / w.seconds))}, PostgreSQL backends ${f1((l.cpu.postgres * 1000) / Math.max(1e-9, w.committed / w.seconds))}, load generator ${f1((l.cpu.bench * 1000) / Math.max(1e-9, w.committed / w.seconds))}, the rest ${f1((l.cpu.other * 1000) / Math.max(1e-9, w.committed / w.seconds))} ms), so the ${r.machine.cpus} cores would all be busy at ${f1(machineCeiling)} commands/s — ${((100 * machineCeiling) / r.scenario.rate).toFixed(0)} % of the ${r.scenario.rate}/s offered. Latency stays low only well below that point (queueing for a CPU grows without bound as the cores fill), so a p95 of milliseconds at the offered rate needs the CPU per command cut, not tuning.`,
    );
  }
  if (l.serverLog.poolTimeouts > 0) {
    out.push(`**Requests waited for a database connection until they failed.** The server log has ${l.serverLog.poolTimeouts} × "Knex: Timeout acquiring a connection" (the pool of ${r.machine.poolMax} gives up after 10 s; answered 500). Arrivals are open-loop, so when the server falls behind, requests queue for the pool; the average of ${f2(l.sessions.find(([k]) => k.startsWith('idle in transaction'))?.[1] ?? 0)} sessions "idle in transaction" means transactions were open while PostgreSQL waited for the Node process to send the next statement — the event loop, not the database, is the bottleneck.`);
  }
  if (w.seqGaps + w.seqRepeats > 0) {
    out.push(`**Console updates arrive out of order (bug).** ${w.seqGaps} times a console received a change whose seq skipped ahead, and ${w.seqRepeats} times one that came after a higher seq; nothing was lost in the end. With \`@socket.io/postgres-adapter\`, every emit first runs \`SELECT pg_notify(...)\` on a pool of 3 connections (one is the LISTEN connection) and only then delivers to local sockets (\`ClusterAdapter.broadcast\` awaits the publish), so two emits of one centre race on two connections. A real console treats each such gap as lost data and asks for a full snapshot (\`queue:sync\`), which costs a locked transaction with 3 queries per console.`);
  }
  const notifies = l.notifiesPerS.reduce((sum, [, n]) => sum + n, 0);
  const perCommand = notifies / Math.max(1e-9, w.committed / w.seconds);
  if (perCommand < 0.5) {
    out.push(`**Almost no NOTIFY traffic.** ${f1(notifies)} NOTIFY/s in the window (${l.notifiesPerS.map(([c, n]) => `${c} ${f1(n)}`).join(', ')}): the adapter's heartbeats. A command's changes reach other instances as one server-side message, sent only when the adapter's heartbeats show another instance (ADR 0007); alone, each instance delivers to its own sockets directly.`);
  } else {
    out.push(`**Every emit is a PostgreSQL NOTIFY, even with one instance.** ${f1(notifies)} NOTIFY/s in the window (${l.notifiesPerS.map(([c, n]) => `${c} ${f1(n)}`).join(', ')}), ${f1(notifies / Math.max(1e-9, w.committed / w.seconds))} per committed command. The postgres adapter publishes each emit before delivering it locally, and the instance gets each notification back on its LISTEN connection, parses it and discards it as its own.`);
  }
  if (l.displayStatesPerS > 0) {
    out.push(`**Display refreshes.** The boards received ${f1(l.displayStatesPerS)} \`display:state\`/s: the 200 ms debounce per centre rarely merges anything when a centre changes every second or two. Each refresh is computed from the centre's in-memory queue state (ADR 0008) — no query when this is the only instance, one \`seq\` check otherwise.`);
  }
  if (l.mainThreads.server[1] > 0.2) {
    out.push(`**The server was starved of CPU.** Its event-loop thread was ready to run but waiting for a CPU ${pctOf(l.mainThreads.server[1])} of the window, and running only ${pctOf(l.mainThreads.server[0])} (/proc/<pid>/schedstat). Transactions stay open while their next statement waits for the event loop, which is what the "idle in transaction" sessions show; latency and throughput here measure the machine's contention more than the code.`);
  }
  if (l.cpu.server >= 0.9) out.push(`**The server process is CPU-bound**: ${f2(l.cpu.server)} cores — one event loop is the ceiling — with event-loop delay p99 ${f1(l.serverLagMs[1])} ms.`);
  if (l.cpu.other > 0.3 || r.machine.backgroundCores > 0.3) {
    out.push(`**The machine was shared.** Processes outside this benchmark used ${f2(l.cpu.other)} cores during the window (${f2(r.machine.backgroundCores)} cores before it started), so the server, PostgreSQL and the generator had less than ${r.machine.cpus} cores between them. Treat absolute numbers as a lower bound and rerun on an idle machine.`);
  }
  return out;
}

export function renderReport(r: BenchResults): string {
  const w = r.window;
  const s = r.scenario;
  const l = r.load;
  const cmdsPerS = w.completed / w.seconds;
  const committedPerS = w.committed / w.seconds;
  const cal = r.calibration;
  const ceiling = 1000 / cal.cpuMsPerCommand;
  const p95 = pct(w.latency.all, 95);
  const fan99 = pct(w.latency.fanout, 99);
  // Our throughput is what the system sustains at most here: the capacity probe's rate, not the
  // window's (which is only what was offered).
  const probe = r.probe;
  const throughput = probe ? Math.max(probe.sustained, cmdsPerS) : cmdsPerS;
  const ratio = throughput / r.pgbench.tps;
  const integrityOk = r.integrity.every(([, ok]) => ok) && w.lostDeliveries === 0 && w.duplicateDeliveries === 0;
  const ticketsPerSecond = s.rate / 4;
  const found = findings(r);
  return `# Walk-in queue benchmark: national peak

Generated by \`npm run bench:queue\` (test/load/queue-bench.ts) on ${r.date.toISOString().slice(0, 16).replace('T', ' ')} UTC; the whole run took ${Math.round(r.durationS)} s.

## Machine

| | |
|---|---|
| CPUs | ${r.machine.cpus} × ${r.machine.model} |
| Memory | ${r.machine.memGiB.toFixed(1)} GiB |
| Node.js | ${r.machine.node} |
| PostgreSQL | ${r.machine.postgres} — ${r.machine.embedded ? 'embedded' : 'the local server'}; connections: ${r.machine.transport} |
| Busy before the run started | ${f2(r.machine.backgroundCores)} cores (other processes) |

Everything shares these ${r.machine.cpus} cores: **one** server process (\`node dist/apps/server/main.js\`, LOG_LEVEL=warn, outbox dispatcher and job workers on, MikroORM pool of ${r.machine.poolMax} connections), the load generator (one Node process holding every socket), and PostgreSQL.

## Scenario

| Parameter | Value |
|---|---|
| Centres | ${s.centres} (the whole demo network) |
| Clerk consoles (socket.io \`/queue\`, joined to their centre) | ${s.clerks}, one open desk each, ${s.perCentre[0]}–${s.perCentre[1]} per centre in proportion to its seeded desks (${s.desksAdded} desks added through the API) |
| Display boards (\`/display\`, device token from POST …/devices) | ${s.centres}, one per centre |
| Target rate | ${s.rate} commands/s = ${ticketsPerSecond} tickets/s × 4 commands (issue, call-next, start, finish) |
| Arrivals | open loop, Poisson; a random clerk issues at their centre, random queue of the centre |
| Desks | closed loop: call-next → walk ${s.walkMs[0] / 1000}–${s.walkMs[1] / 1000} s → start → serve ${f1(s.serviceMs / 2000)}–${f1((s.serviceMs * 1.5) / 1000)} s → finish (served). An idle clerk watches the centre's queue on their console (its \`queue:changes\` frames): when a ticket appears they press call-next after a reaction time of ${f1(s.reactionMs[0] / 1000)}–${f1(s.reactionMs[1] / 1000)} s, and only if the console still shows someone waiting; clerks who press at the same moment race, the losers get 409 NOBODY_WAITING (until 2026-11-28 08:45 every idle desk pressed at once and again every 3 s on an empty queue, so half of all commands were such 409s). A failed start/finish is retried twice. |
| Phases | warm-up ${s.warmupS} s, measured window ${s.measureS} s, ${r.probe ? `capacity probe (${f1(r.probe.rate)} commands/s offered, ${r.probe.rampS} s ramp + ${f1(r.probe.seconds)} s; section below), ` : ''}drain (no new tickets; every desk serves — at a tenth of the service time — until NOBODY_WAITING, at most ${s.drainCapS} s), then the database checks |
| Measurement | keep-alive \`node:http\`; latency = \`process.hrtime\` from the request's start to the end of its response; fan-out = from the command's start until the **last** console of the centre got the change for that ticket and status; percentiles by nearest rank over every sample |
| Estimates | ${(s.trackShare * 100).toFixed(0)} % of the tickets issued in the window: GET /api/v1/queue/track/{token} right after issuing |
| Idempotency-Key | ${s.idempotency ? 'on every command, as the clerk console sends it (the server stores a receipt in the same commit)' : 'none (BENCH_IDEMPOTENCY=0: no receipts)'} |

## Cost of one command (calibration)

Before the load, one clerk of the largest centre ran ${cal.commands / 4} tickets through issue → call-next → start → finish, one command at a time (${cal.commands} commands, ${cal.failed} failed), with every console and board connected but nothing else happening.

| | |
|---|---|
| Latency p50 / p95 / max | ${f1(pct(cal.latency, 50))} / ${f1(pct(cal.latency, 95))} / ${f1(cal.latency[cal.latency.length - 1] ?? NaN)} ms |
| Server CPU per command | **${f1(cal.cpuMsPerCommand)} ms** — one event loop therefore tops out near **${f1(ceiling)} commands/s** |
| PostgreSQL CPU per command (the database's backends) | ${f1(cal.postgresCpuMsPerCommand)} ms |
| PostgreSQL transactions per command (a statement outside BEGIN counts as one) | ${f1(cal.xactsPerCommand)} |
| Machine busy meanwhile | ${f2(cal.busyCores)} of ${r.machine.cpus} cores |

## Results (measured window, ${f1(w.seconds)} s)

| Metric | Measured | Target | |
|---|---|---|---|
| Sustained queue commands/s (2xx answers received in the window) | **${f1(cmdsPerS)}** (per second: slowest ${w.perSecond[0] ?? 0}, median ${pct(w.perSecond, 50) || 0}, fastest ${w.perSecond[w.perSecond.length - 1] ?? 0}) | ≥ 500 | ${mark(cmdsPerS >= 500)} |
| Commands the server committed in the window (answered in time or not) | ${f1(committedPerS)}/s | | |
| Command latency p50 / p95 / p99 | ${f1(pct(w.latency.all, 50))} / **${f1(p95)}** / ${f1(pct(w.latency.all, 99))} ms | p95 < 50 ms | ${mark(p95 < 50)} |
| Fan-out to every console of the centre p50 / p95 / p99 | ${f1(pct(w.latency.fanout, 50))} / ${f1(pct(w.latency.fanout, 95))} / **${f1(fan99)}** ms | p99 < 150 ms | ${mark(fan99 < 150)} |
| Console deliveries lost / duplicated | ${w.lostDeliveries} / ${w.duplicateDeliveries} | 0 / 0 | ${mark(w.lostDeliveries === 0 && w.duplicateDeliveries === 0)} |
| Database integrity checks (below) | ${r.integrity.filter(([, ok]) => ok).length} of ${r.integrity.length} passed | all | ${mark(integrityOk)} |
| pgbench, call-next transaction | ${f1(r.pgbench.tps)} tps (${r.pgbench.clients} clients, ${r.pgbench.latencyMs} ms average, failed: ${r.pgbench.failed}) | | |
| Capacity probe: the most the system sustained (below) | ${probe ? `**${f1(probe.sustained)}** commands/s with ${f1(probe.rate)}/s offered (p50 / p95 ${f1(pct(probe.latency, 50))} / ${f1(pct(probe.latency, 95))} ms)` : 'not run (BENCH_PROBE_RATE=0): the window\'s rate stands in'} | | |
| Our commands/s ÷ pgbench tps | **${f2(ratio)}** (${f1(throughput)} ÷ ${f1(r.pgbench.tps)}) | ≥ 0.5 | ${mark(ratio >= 0.5)} |

Commands started in the window: ${w.all} — ${w.ok} 2xx, ${w.nobodyWaiting} × 409 NOBODY_WAITING (idle desks racing for a ticket); other answers: ${w.errors.map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}.

| Latency (ms) | n | p50 | p95 | p99 | max |
|---|---|---|---|---|---|
${row('issue', w.latency.issue)}
${row('call-next', w.latency.call)}
${row('start', w.latency.start)}
${row('finish', w.latency.finish)}
${row('**all commands**', w.latency.all)}
${row('GET track (a query, not counted as a command)', w.latency.track)}
${row('fan-out: last console of the centre has the change', w.latency.fanout)}
${row('display board has display:called (call-next only)', w.latency.board)}

${w.boardsMissing} successful calls of the window never reached their display board.

### Where the time goes

| Measured during the window | |
|---|---|
| CPU: server process | ${f2(l.cpu.server)} cores (${f1((l.cpu.server * 1000) / Math.max(1e-9, committedPerS))} ms per committed command, calibration alone: ${f1(cal.cpuMsPerCommand)} ms) |
| CPU: PostgreSQL backends of the benchmark database | ${f2(l.cpu.postgres)} cores |
| CPU: load generator | ${f2(l.cpu.bench)} cores |
| CPU: everything else (PostgreSQL background workers, other processes on the machine) | ${f2(l.cpu.other)} cores${l.cpu.steal === undefined ? '' : `, of which ${f2(l.cpu.steal)} steal (the hypervisor ran other guests while this VM wanted the CPU) and ${f2(l.cpu.interrupts ?? 0)} interrupt handling (loopback network, disk)`} |
| Machine busy | ${f2(l.cpu.machine)} of ${r.machine.cpus} cores |
| Machine CPU per committed command, all processes → the rate at which all cores would be busy | ${f1((l.cpu.machine * 1000) / Math.max(1e-9, committedPerS))} ms → ${f1((r.machine.cpus * committedPerS) / Math.max(1e-9, l.cpu.machine))} commands/s |
| Main thread (event loop), share of the window on a CPU / ready but waiting for a CPU: server, generator | ${pctOf(l.mainThreads.server[0])} / ${pctOf(l.mainThreads.server[1])}, ${pctOf(l.mainThreads.bench[0])} / ${pctOf(l.mainThreads.bench[1])} |
| Event-loop delay p50 / p99: server (prom-client) / generator | ${f1(l.serverLagMs[0])} / ${f1(l.serverLagMs[1])} ms, ${f1(l.benchLagMs[0])} / ${f1(l.benchLagMs[1])} ms |
| Queue commits (group commit, ADR 0008) | ${f1(l.commitBatches.commits / w.seconds)} commands/s in ${f1(l.commitBatches.transactions / w.seconds)} transactions/s — ${f1(l.commitBatches.commits / Math.max(1e-9, l.commitBatches.transactions))} commands per commit transaction on average; a commit waited ${f1((1000 * l.commitBatches.waitedS) / Math.max(1, l.commitBatches.commits))} ms for a free slot, and a transaction took ${f1((1000 * l.commitBatches.roundTripS) / Math.max(1, l.commitBatches.transactions))} ms from sending to its answer (means) |
| PostgreSQL transactions/s (a statement outside BEGIN counts as one) | ${f1(l.xactsPerS)} (${f1(l.xactsPerS / Math.max(1e-9, committedPerS))} per committed command) |
| Database sessions not idle, average count by state / wait event | ${l.sessions.map(([k, n]) => `${k}: ${f2(n)}`).join('; ') || 'none'} |
| Integration-event deliveries queued (pg-boss jobs, one per event and consumer) | ${f1(l.eventJobsPerS)}/s (${f1(l.eventJobsPerS / Math.max(1e-9, committedPerS))} per committed command) |
| NOTIFY/s by socket.io channel | ${l.notifiesPerS.map(([c, n]) => `${c}: ${f1(n)}`).join(', ') || 'none'} |
| \`display:state\` refreshes received by boards | ${f1(l.displayStatesPerS)}/s |
| Active tickets, all centres (average) | ${l.activeTickets.toFixed(0)} |
| Outbox rows not dispatched at the end of the window | ${l.outboxBacklog} |
| Server log | ${l.serverLog.poolTimeouts} × knex pool acquire timeout, ${l.serverLog.errors} error lines (${l.serverLog.path}) |

### Findings

${found.length ? found.map((f) => `- ${f}`).join('\n') : '- Nothing beyond the numbers above.'}

### Wait-time estimates

${estimateSection(r.estimates)}

## Integrity (after the drain, in the database)

Drain: ${r.drain.complete ? `every desk reached NOBODY_WAITING after ${f1(r.drain.seconds)} s` : `**not complete** after ${f1(r.drain.seconds)} s (cap ${s.drainCapS} s); desks still busy then: ${r.drain.busy.map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}; their tickets show up below`}${r.drain.strandedDesks ? `; ${r.drain.strandedDesks} desk(s) stopped because a command kept failing` : ''}.

| Check | | Detail |
|---|---|---|
${r.integrity.map(([name, ok, detail]) => `| ${name} | ${ok ? '✅' : '❌'} | ${detail} |`).join('\n')}

${probe ? `## Capacity probe

The pgbench ratio is about throughput, and the window's rate is only what was offered (the machine had room to spare). So after the window, for ${probe.rampS} s + ${f1(probe.seconds)} s, arrivals rose to ${f1(probe.rate / 4)} tickets/s (${f1(probe.rate)} commands/s offered) and the desks' service time fell to match (same utilisation); then arrivals went back and the drain and checks followed as usual. In the probe a centre issues its next ticket only once its last one is answered (a kiosk prints one at a time), so more than the system can take shows as a lower rate, not as a line of requests that grows until they time out; the arrivals not sent for that reason are counted below. The probe's tickets are in the database checks.

| | |
|---|---|
| Sustained (2xx answers received in the probe's ${f1(probe.seconds)} s) | **${f1(probe.sustained)} commands/s** (committed by the server: ${f1(probe.committedPerS)}/s) |
| Latency p50 / p95 / p99 (every answered command started in the probe) | ${f1(pct(probe.latency, 50))} / ${f1(pct(probe.latency, 95))} / ${f1(pct(probe.latency, 99))} ms |
| Machine busy / server process | ${f2(probe.machineCores)} of ${r.machine.cpus} cores / ${f2(probe.serverCores)} cores |
| Arrivals not sent (that centre's last ticket was still being issued) | ${f1(probe.skippedPerS)}/s |
| Answers other than 2xx and NOBODY_WAITING | ${probe.errors.map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'} |

` : ''}## pgbench

\`pgbench -n -M simple -c ${r.pgbench.clients} -j 2 -T ${r.pgbench.seconds} -f test/load/call-next.pgbench.sql\` on the benchmark's database right after the server stopped (so PostgreSQL had the machine), with ${r.pgbench.perCentre} active ticket(s) per centre (the window's average) and ${r.pgbench.desks} desks. The script sends what the server commits for one call-next, as the server sends it: ONE simple-protocol message (statements joined by \`\\;\`) — BEGIN, scheduling.advance_queue_seqs (locks the centre's settings row, checks its seq and moves it on), the desk upsert, the ticket upsert (periods and last action as JSON), the outbox insert, the command receipt (the consoles send an Idempotency-Key), COMMIT. A unit test (modules/scheduling/infrastructure/persistence/call-next-pgbench.spec.ts) fails if its statements stop matching the shape of the SQL the server's code builds. Before it, one SELECT picks a desk of one of the client's own centres, the centre's seq and its longest-waiting ticket — the server has these in memory, so this extra round trip only slows pgbench down. Each centre belongs to one pgbench client, as the server runs one centre's commands one after another. ${r.pgbench.clients} clients = the server's pool (DATABASE_POOL_MAX). It is what PostgreSQL alone does with this transaction here; the ratio compares our mixed command rate with it (issue, start and finish commit transactions of the same shape). Until 2026-11-28 11:00 the script still sent the 13-statement transaction of the first design (a round trip per statement); its throughput here was about the same (1,100–1,350 tps), because PostgreSQL's cost is the commit (WAL flush), not the round trips.

## Verdict

- ≥ 500 commands/s: ${mark(cmdsPerS >= 500)} (${f1(cmdsPerS)}).
- p95 < 50 ms: ${mark(p95 < 50)} (${f1(p95)} ms).
- Fan-out p99 < 150 ms: ${mark(fan99 < 150)} (${f1(fan99)} ms).
- Zero lost or duplicate tickets, gapless numbers: ${mark(integrityOk)}.
- Ratio to pgbench ≥ 0.5: ${mark(ratio >= 0.5)} (${f2(ratio)}: ${!probe ? 'the window\'s' : probe.sustained >= cmdsPerS ? 'the capacity probe\'s' : 'the window\'s, more than the probe sustained,'} ${f1(throughput)} commands/s ÷ ${f1(r.pgbench.tps)} tps).

## Reproduce

\`\`\`sh
npm ci
npm run bench:queue      # builds; PostgreSQL on 127.0.0.1:5432 (postgres, no password), else an embedded one; pgbench via scripts/install-bench-deps.sh
BENCH_RATE=400 BENCH_CLERKS=1000 BENCH_WARMUP_S=45 BENCH_MEASURE_S=60 npm run bench:queue   # knobs: top of test/load/queue-bench.ts
\`\`\`

Run it on an otherwise idle machine; the table "Where the time goes" shows how much CPU other processes took.
`;
}
