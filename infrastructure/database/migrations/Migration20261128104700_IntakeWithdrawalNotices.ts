import { Migration } from '@mikro-orm/migrations';

/**
 * Intake: a delivery hands over either the application or the notice that it was withdrawn
 * (`event`), so an application may have one of each per channel. Written by hand.
 */
export class Migration20261128104700_IntakeWithdrawalNotices extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "intake"."delivery" add column "event" text not null default 'application.submitted';`);
    this.addSql(`alter table "intake"."delivery" drop constraint "delivery_application_id_channel_id_unique";`);
    this.addSql(`alter table "intake"."delivery" add constraint "delivery_application_id_channel_id_event_unique" unique ("application_id", "channel_id", "event");`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "intake"."delivery" where "event" <> 'application.submitted';`);
    this.addSql(`alter table "intake"."delivery" drop constraint "delivery_application_id_channel_id_event_unique";`);
    this.addSql(`alter table "intake"."delivery" add constraint "delivery_application_id_channel_id_unique" unique ("application_id", "channel_id");`);
    this.addSql(`alter table "intake"."delivery" drop column "event";`);
  }

}
