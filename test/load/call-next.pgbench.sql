-- The "call next" transaction of the walk-in queue, as the server sends it (captured with
-- log_statement=all from CallNextHandler + QueueCommandRunner), for pgbench -M simple.
-- Run by test/load/queue-bench.ts:  pgbench -n -M simple -D desks=<N> -f this-file <database>
-- bench.pick (n, desk_id, centre_id) lists the desks the benchmark opened; every centre has a few
-- active fixture tickets. The called ticket gets queue_entered_at = now(), so it goes to the back
-- of the line and the working set stays the same size however long pgbench runs.
-- Not mirrored: the rare ticket_notification insert (once per ticket reaching place 3) and the
-- NOTIFYs of the socket.io adapter, which run after the commit on other connections.
\set d random(1, :desks)
-- Outside the transaction, like the app's centreOfDesk lookup.
SELECT desk_id, centre_id FROM bench.pick WHERE n = :d \gset
BEGIN;
SELECT pg_advisory_xact_lock(hashtextextended('queue:' || ':centre_id', 0));
SELECT c0.* FROM scheduling.centre_queue_settings AS c0 WHERE c0.centre_id = ':centre_id' LIMIT 1;
SELECT d0.* FROM scheduling.desk AS d0 WHERE d0.id = ':desk_id' AND d0.centre_id = ':centre_id' LIMIT 1;
SELECT s0.* FROM scheduling.service_queue AS s0 WHERE s0.centre_id = ':centre_id' ORDER BY s0.sort_order ASC, s0.prefix ASC;
SELECT t0.* FROM scheduling.ticket AS t0 WHERE t0.centre_id = ':centre_id' AND t0.status IN ('waiting', 'called', 'serving', 'parked');
-- The app chooses the ticket in memory from the rows above; here the longest waiting one.
UPDATE scheduling.ticket
   SET status = 'called', called_count = called_count + 1, last_called_at = now(), desk_id = ':desk_id',
       clerk_id = 'bench:pgbench', queue_entered_at = now(), periods = periods, version = version + 1,
       last_action = '{"at":"2026-01-01T10:00:00.000Z","by":"bench:pgbench","action":"call","before":{"status":"waiting","deskId":null,"queueId":null,"clerkId":null,"calledCount":0,"lastCalledAt":null}}'
 WHERE id = (SELECT id FROM scheduling.ticket WHERE centre_id = ':centre_id' AND status IN ('waiting', 'called') ORDER BY queue_entered_at LIMIT 1)
RETURNING id AS ticket_id \gset
UPDATE scheduling.desk SET current_ticket_id = ':ticket_id', version = version + 1 WHERE id = ':desk_id';
UPDATE scheduling.centre_queue_settings SET seq = seq + 2 WHERE centre_id = ':centre_id';
INSERT INTO platform.outbox (id, type, source_module, aggregate_id, payload, occurred_at)
VALUES (gen_random_uuid(), 'scheduling.TicketCalled', 'scheduling', ':ticket_id',
        '{"type":"scheduling.TicketCalled","occurredAt":"2026-01-01T10:00:00.000Z","sourceModule":"scheduling","aggregateId":":ticket_id","payload":{"ticketId":":ticket_id","centreId":":centre_id","queueId":":centre_id","number":"A001","serviceDay":"2026-01-01","deskId":":desk_id","deskNumber":"1","clerkId":"bench:pgbench","calledCount":1,"waitedMs":1000}}',
        now());
-- Refreshing the called ticket's tracker: the centre's desks (the estimator's samples are cached).
SELECT d0.* FROM scheduling.desk AS d0 WHERE d0.centre_id = ':centre_id';
COMMIT;
