import { Migration } from '@mikro-orm/migrations';

/**
 * Reporting: the clerk (subject) who served a visit, for wait and service times per clerk. Visits
 * projected before this stay null until `npm run reporting:rebuild` replays them. Written by hand.
 */
export class Migration20261128180000_ReportingServedBy extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "reporting"."visit_fact" add column "served_by" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reporting"."visit_fact" drop column "served_by";`);
  }
}
