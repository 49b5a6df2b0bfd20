import type { TicketPeriod, TicketSnapshot, ServiceRequest } from './ticket-types';
import { copyPlainData } from './plain-data';

type Snapshotted = TicketSnapshot;

export function takeSnapshot(ticket: Snapshotted): TicketSnapshot {
  return copyPlainData({
    status: ticket.status,
    queueId: ticket.queueId,
    queueEnteredAt: ticket.queueEnteredAt,
    priority: ticket.priority,
    calledCount: ticket.calledCount,
    lastCalledAt: ticket.lastCalledAt,
    deskId: ticket.deskId,
    clerkId: ticket.clerkId,
    assignedClerkId: ticket.assignedClerkId,
    parkReason: ticket.parkReason,
    requests: ticket.requests,
    periods: ticket.periods,
    outcome: ticket.outcome,
  });
}

// A snapshot read back from a JSON column carries ISO strings; turn them into Dates again.
const asDate = (value: Date | string): Date => new Date(value);
const optionalDate = (value: Date | string | undefined): Date | undefined => (value == null ? undefined : asDate(value));

const revivePeriod = (period: TicketPeriod): TicketPeriod => ({ ...period, startedAt: asDate(period.startedAt), endedAt: optionalDate(period.endedAt) });
const reviveRequest = (request: ServiceRequest): ServiceRequest => ({ ...request, addedAt: asDate(request.addedAt) });

/**
 * Puts the snapshot's fields back on the ticket. A period flagged inaccurate since the snapshot
 * stays flagged: that flag is a correction of timings, not part of the undone action.
 */
export function restoreSnapshot(ticket: Snapshotted, snapshot: TicketSnapshot): void {
  const inaccurate = new Set(ticket.periods.filter((period) => !period.accurate).map((period) => period.id));
  const copy = copyPlainData(snapshot);
  ticket.status = copy.status;
  ticket.queueId = copy.queueId;
  ticket.queueEnteredAt = asDate(copy.queueEnteredAt);
  ticket.priority = copy.priority;
  ticket.calledCount = copy.calledCount;
  ticket.lastCalledAt = optionalDate(copy.lastCalledAt);
  ticket.deskId = copy.deskId ?? undefined;
  ticket.clerkId = copy.clerkId ?? undefined;
  ticket.assignedClerkId = copy.assignedClerkId ?? undefined;
  ticket.parkReason = copy.parkReason ?? undefined;
  ticket.requests = copy.requests.map(reviveRequest);
  ticket.periods = copy.periods.map(revivePeriod).map((period) => (inaccurate.has(period.id) ? { ...period, accurate: false } : period));
  ticket.outcome = copy.outcome ?? undefined;
}
