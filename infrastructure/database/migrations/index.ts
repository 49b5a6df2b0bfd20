import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261128081000_ReportingTimeRollups } from './Migration20261128081000_ReportingTimeRollups';
import { Migration20261128104700_IntakeWithdrawalNotices } from './Migration20261128104700_IntakeWithdrawalNotices';
import { Migration20261128180000_ReportingServedBy } from './Migration20261128180000_ReportingServedBy';
import { Migration20261128193000_QueueCounterDisplays } from './Migration20261128193000_QueueCounterDisplays';
import { Migration20261128194500_ServiceCitizenIdentity } from './Migration20261128194500_ServiceCitizenIdentity';
import { Migration20261128230000_QueueAdvanceSeqs } from './Migration20261128230000_QueueAdvanceSeqs';
import { Migration20261128080000_QueueVisitNotes } from './Migration20261128080000_QueueVisitNotes';
import { Migration20261128052000_RemoteBookedSessions } from './Migration20261128052000_RemoteBookedSessions';
import { Migration20261128051427_ReportingIntakeRemote } from './Migration20261128051427_ReportingIntakeRemote';
import { Migration20261128035934_ReportingCentreMonth } from './Migration20261128035934_ReportingCentreMonth';
import { Migration20261128034111_ReportingCoveringIndexes } from './Migration20261128034111_ReportingCoveringIndexes';
import { Migration20261128040500_RemoteOfficial } from './Migration20261128040500_RemoteOfficial';
import { Migration20261128040000_Bookings } from './Migration20261128040000_Bookings';
import { Migration20261128031138_ReportingServiceMonth } from './Migration20261128031138_ReportingServiceMonth';
import { Migration20261128025417_ReportingLeanIndexes } from './Migration20261128025417_ReportingLeanIndexes';
import { Migration20261128023919_Reporting } from './Migration20261128023919_Reporting';
import { Migration20261128023620_Intake } from './Migration20261128023620_Intake';
import { Migration20261128020905_Scheduling } from './Migration20261128020905_Scheduling';
import { Migration20261128014710_Network } from './Migration20261128014710_Network';
import { Migration20261128000000Platform } from './Migration20261128000000Platform';

/** Every migration, in order. New ones are appended here by `npm run migration:create`. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261128000000Platform', class: Migration20261128000000Platform },
  { name: 'Migration20261128014710_Network', class: Migration20261128014710_Network },
  { name: 'Migration20261128020905_Scheduling', class: Migration20261128020905_Scheduling },
  { name: 'Migration20261128023620_Intake', class: Migration20261128023620_Intake },
  { name: 'Migration20261128023919_Reporting', class: Migration20261128023919_Reporting },
  { name: 'Migration20261128025417_ReportingLeanIndexes', class: Migration20261128025417_ReportingLeanIndexes },
  { name: 'Migration20261128031138_ReportingServiceMonth', class: Migration20261128031138_ReportingServiceMonth },
  { name: 'Migration20261128034111_ReportingCoveringIndexes', class: Migration20261128034111_ReportingCoveringIndexes },
  { name: 'Migration20261128040000_Bookings', class: Migration20261128040000_Bookings },
  { name: 'Migration20261128040500_RemoteOfficial', class: Migration20261128040500_RemoteOfficial },
  { name: 'Migration20261128035934_ReportingCentreMonth', class: Migration20261128035934_ReportingCentreMonth },
  { name: 'Migration20261128051427_ReportingIntakeRemote', class: Migration20261128051427_ReportingIntakeRemote },
  { name: 'Migration20261128052000_RemoteBookedSessions', class: Migration20261128052000_RemoteBookedSessions },
  { name: 'Migration20261128080000_QueueVisitNotes', class: Migration20261128080000_QueueVisitNotes },
  { name: 'Migration20261128081000_ReportingTimeRollups', class: Migration20261128081000_ReportingTimeRollups },
  { name: 'Migration20261128104700_IntakeWithdrawalNotices', class: Migration20261128104700_IntakeWithdrawalNotices },
  { name: 'Migration20261128180000_ReportingServedBy', class: Migration20261128180000_ReportingServedBy },
  { name: 'Migration20261128193000_QueueCounterDisplays', class: Migration20261128193000_QueueCounterDisplays },
  { name: 'Migration20261128194500_ServiceCitizenIdentity', class: Migration20261128194500_ServiceCitizenIdentity },
  { name: 'Migration20261128230000_QueueAdvanceSeqs', class: Migration20261128230000_QueueAdvanceSeqs },
];
