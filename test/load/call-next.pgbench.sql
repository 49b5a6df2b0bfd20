-- The "call next" commit of the walk-in queue, as the server sends it, for pgbench -M simple.
-- Run by test/load/queue-bench.ts:  pgbench -n -M simple -c <pool> -f this-file <database>
--
-- Since ADR 0008 (revised) the server keeps each centre's live queue in memory, chooses the ticket
-- there, and commits a command as ONE simple-protocol message: begin; scheduling.advance_queue_seqs,
-- which locks the centre's settings row, checks its seq and moves it on (a DO block until
-- 2026-11-28 23:00, then a separate settings update); the desk and ticket upserts; the outbox
-- insert; the command receipt; commit (QueueCommandRunner.commit, queue-state.store.ts:
-- advanceSeqsSql / upsertDeskSql / updateTicketSql (the columns a call changes), Outbox.insertSql).
-- `\;` makes pgbench send those statements as one message too; test/load/call-next-pgbench.spec.ts
-- checks that each statement has the same shape as the one the server's code builds.
--
-- The first SELECT stands in for the server's in-memory state (it is an extra round trip the
-- server does not make, so it only makes pgbench slower): bench.pick lists the desks the benchmark
-- opened, each centre owned by one pgbench client (k = client_id), as the server runs one centre's
-- commands one after another; it reads the centre's seq and its longest-waiting ticket. The called
-- ticket gets last_called_at = now(), so it goes to the back of the line and the working set
-- stays the same however long pgbench runs.
\set rid random(1, 9000000000000000)
SELECT p.desk_id, p.desk_number, p.centre_id, s.seq, t.id AS ticket_id, t.queue_id, t.service_day, t.prefix, t.seq AS ticket_seq, t.number,
       t.issued_at, t.tracking_token, t.version AS ticket_version, d.version AS desk_version
  FROM (SELECT * FROM bench.pick WHERE k = :client_id ORDER BY random() LIMIT 1) p
  JOIN scheduling.centre_queue_settings s ON s.centre_id = p.centre_id
  JOIN scheduling.desk d ON d.id = p.desk_id
  CROSS JOIN LATERAL (SELECT * FROM scheduling.ticket t WHERE t.centre_id = p.centre_id AND t.status IN ('waiting', 'called') ORDER BY t.last_called_at NULLS FIRST, t.queue_entered_at LIMIT 1) t \gset
begin \;
select scheduling.advance_queue_seqs(ARRAY[':centre_id']::uuid[], ARRAY[:seq]::bigint[], ARRAY[:seq + 2]::bigint[]) \;
insert into scheduling.desk (id, centre_id, number, state, clerk_id, queue_ids, current_ticket_id, state_changed_at, version) values (
 ':desk_id', ':centre_id', ':desk_number', 'open', 'bench:pgbench', ARRAY[':queue_id']::text[], ':ticket_id', '2026-11-28T10:41:36.698Z'::timestamptz, :desk_version + 1)
 on conflict (id) do update set state = excluded.state, clerk_id = excluded.clerk_id, queue_ids = excluded.queue_ids, current_ticket_id = excluded.current_ticket_id,
 state_changed_at = excluded.state_changed_at, version = excluded.version \;
update scheduling.ticket set status = 'called', called_count = 1, last_called_at = now(), desk_id = ':desk_id', clerk_id = 'bench:pgbench',
 periods = '[{"id":"fbc7815f-9ba7-46a1-b1a1-214c2c801d44","state":"created","startedAt":"2026-11-28T10:41:53.106Z","queueId":":queue_id","accurate":true,"endedAt":"2026-11-28T10:41:53.106Z"},{"id":"00a07fa3-743e-4daf-87c3-831666b45d54","state":"waiting","startedAt":"2026-11-28T10:41:53.106Z","queueId":":queue_id","accurate":true,"endedAt":"2026-11-28T10:41:53.118Z"},{"id":"3ce4233a-c553-4466-b49c-7f2fc6598cfb","state":"called","startedAt":"2026-11-28T10:41:53.118Z","queueId":":queue_id","accurate":true,"deskId":":desk_id","clerkId":"bench:pgbench"}]'::jsonb, version = :ticket_version + 1,
 last_action = '{"name":"call","at":"2026-11-28T10:41:53.118Z","by":"bench:pgbench","before":{"status":"waiting","queueId":":queue_id","queueEnteredAt":"2026-11-28T10:41:53.106Z","priority":0,"calledCount":0,"requests":[],"periods":[{"id":"fbc7815f-9ba7-46a1-b1a1-214c2c801d44","state":"created","startedAt":"2026-11-28T10:41:53.106Z","queueId":":queue_id","accurate":true,"endedAt":"2026-11-28T10:41:53.106Z"},{"id":"00a07fa3-743e-4daf-87c3-831666b45d54","state":"waiting","startedAt":"2026-11-28T10:41:53.106Z","queueId":":queue_id","accurate":true}]}}'::jsonb
 where id = ':ticket_id' \;
insert into platform.outbox (id, type, source_module, aggregate_id, payload, occurred_at, dispatched_at) values (gen_random_uuid(), 'scheduling.TicketCalled', 'scheduling', ':ticket_id', '{"id":"63fb6a13-9eec-4cc7-b1d4-e260190d811b","type":"scheduling.TicketCalled","occurredAt":"2026-11-28T10:41:53.118Z","sourceModule":"scheduling","aggregateId":":ticket_id","payload":{"ticketId":":ticket_id","centreId":":centre_id","queueId":":queue_id","number":":number","serviceDay":":service_day","deskId":":desk_id","deskNumber":":desk_number","clerkId":"bench:pgbench","calledCount":1,"waitedMs":12}}'::jsonb, '2026-11-28T10:41:53.118Z'::timestamptz, now()) \;
insert into scheduling.command_receipt (request_id, centre_id, actor, command, response) values ('pgbench-:client_id-:rid', ':centre_id', 'bench:pgbench', ':client_id:call-next::desk_id', '{"id": ":ticket_id", "deskId": ":desk_id", "number": ":number", "status": "called", "canUndo": {"by": "bench:pgbench", "until": "2026-11-28T10:45:12.160Z", "action": "call"}, "clerkId": "bench:pgbench", "queueId": ":queue_id", "version": 2, "issuedAt": "2026-11-28T10:45:02.149Z", "position": null, "priority": 0, "appointment": false, "calledCount": 1, "lastCalledAt": "2026-11-28T10:45:02.160Z", "serviceCodes": [], "queueEnteredAt": "2026-11-28T10:45:02.149Z", "assignedClerkId": null}'::jsonb) \;
commit;
