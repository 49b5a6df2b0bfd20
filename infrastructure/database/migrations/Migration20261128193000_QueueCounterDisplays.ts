import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduling: a display device may belong to one desk (a counter display above it, showing the
 * ticket called there) instead of the whole waiting room. Written by hand.
 */
export class Migration20261128193000_QueueCounterDisplays extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "scheduling"."display_board" add column "desk_id" uuid null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "scheduling"."display_board" drop column "desk_id";`);
  }
}
