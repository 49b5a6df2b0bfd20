import type { DecisionOutcome, InstitutionStatus } from './application-status';

/** A status report from the institution; it may arrive late, twice or out of order. */
export interface InstitutionStatusEvent {
  status: InstitutionStatus;
  /** Required with 'decided'; optional with 'closed' (a case closed with its decision in one step). */
  outcome?: DecisionOutcome;
  messageLv?: string;
  messageEn?: string;
  /** When it happened at the institution: the ordering key. */
  occurredAt: Date;
}

export type StatusEventResult = 'applied' | 'ignored';
