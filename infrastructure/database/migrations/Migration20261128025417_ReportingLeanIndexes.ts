import { Migration } from '@mikro-orm/migrations';

/** Reporting: indexes the benchmark showed cost more to maintain than they saved (docs/benchmarks/reporting.md). */
export class Migration20261128025417_ReportingLeanIndexes extends Migration {

  override async up(): Promise<void> {

    this.addSql(`drop index "reporting"."service_fact_service_code_day_index";`);

    this.addSql(`drop index "reporting"."visit_fact_service_codes_idx";`);
  }

  override async down(): Promise<void> {

    this.addSql(`create index "service_fact_service_code_day_index" on "reporting"."service_fact" ("service_code", "day");`);

    this.addSql(`create index "visit_fact_service_codes_idx" on "reporting"."visit_fact" using gin ("service_codes");`);
  }

}
