import { Migration } from '@mikro-orm/migrations';

/** Scheduling: the clerks' notes on a walk-in visit (free text, may hold personal data) and when they last changed. Written by hand. */
export class Migration20261128080000_QueueVisitNotes extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "scheduling"."ticket" add column "notes" text null, add column "notes_updated_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "scheduling"."ticket" drop column "notes", drop column "notes_updated_at";`);
  }

}
