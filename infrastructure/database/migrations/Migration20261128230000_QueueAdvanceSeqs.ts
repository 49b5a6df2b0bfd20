import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduling: the first statement of every queue commit (ADR 0008) as a stored function. It was a
 * `do` block naming each centre of the (group) commit: PostgreSQL compiles an anonymous block and
 * plans every query in it on each execution — 1.4 ms of a backend's CPU for a batch of 15 centres,
 * ~0.1 ms per command at the queue's peak rate. A function's plan is cached per session (0.4 ms for
 * the same batch), and it also moves each centre's `seq` on, which saves the commit's separate
 * settings update. Written by hand.
 *
 * For each centre, in the given order (callers sort by centre id, so concurrent commits lock rows
 * in one order and cannot deadlock): under the centre's row lock, `seq` becomes `next[i]` if it is
 * still `expected[i]`; otherwise SQLSTATE VQ001 ("queue state is stale") rolls the whole
 * transaction back.
 */
export class Migration20261128230000_QueueAdvanceSeqs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function "scheduling"."advance_queue_seqs"(centre_ids uuid[], expected bigint[], next bigint[]) returns void
  language plpgsql as $fn$
begin
  if coalesce(array_length(centre_ids, 1), 0) <> coalesce(array_length(expected, 1), 0) or coalesce(array_length(centre_ids, 1), 0) <> coalesce(array_length(next, 1), 0) then
    raise exception 'advance_queue_seqs: arrays of different lengths';
  end if;
  for i in 1 .. coalesce(array_length(centre_ids, 1), 0) loop
    update "scheduling"."centre_queue_settings" set seq = next[i] where centre_id = centre_ids[i] and seq = expected[i];
    if not found then
      raise exception 'queue state is stale' using errcode = 'VQ001';
    end if;
  end loop;
end
$fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "scheduling"."advance_queue_seqs"(uuid[], bigint[], bigint[]);`);
  }
}
