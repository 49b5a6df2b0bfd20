import { Migration } from '@mikro-orm/migrations';

/**
 * Network: a service may let the walk-in queue take who the visitor is (name, personal code);
 * for every other service the queue takes no personal data. Written by hand.
 */
export class Migration20261128194500_ServiceCitizenIdentity extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "network"."service" add column "citizen_identity" boolean not null default false;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "network"."service" drop column "citizen_identity";`);
  }
}
