import { Migration } from '@mikro-orm/migrations';

/** Reporting: covering indexes for the time reports (index-only scans over a year of visits). */
export class Migration20261128034111_ReportingCoveringIndexes extends Migration {

  override async up(): Promise<void> {

    this.addSql(`drop index "reporting"."visit_fact_centre_id_service_day_ticket_number_index";`);
    this.addSql(`drop index "reporting"."visit_fact_service_day_centre_id_index";`);

    this.addSql(`create index "visit_fact_day_cover_idx" on "reporting"."visit_fact" ("service_day", "centre_id") include ("queue_id", "issue_hour", "outcome", "wait_ms", "walk_ms", "service_ms", "hold_ms", "service_codes");`);
    this.addSql(`create index "visit_fact_centre_cover_idx" on "reporting"."visit_fact" ("centre_id", "service_day", "ticket_number") include ("queue_id", "issue_hour", "outcome", "wait_ms", "walk_ms", "service_ms", "hold_ms", "service_codes");`);
  }

  override async down(): Promise<void> {

    this.addSql(`drop index "reporting"."visit_fact_day_cover_idx";`);
    this.addSql(`drop index "reporting"."visit_fact_centre_cover_idx";`);

    this.addSql(`create index "visit_fact_centre_id_service_day_ticket_number_index" on "reporting"."visit_fact" ("centre_id", "service_day", "ticket_number");`);
    this.addSql(`create index "visit_fact_service_day_centre_id_index" on "reporting"."visit_fact" ("service_day", "centre_id");`);
  }

}
