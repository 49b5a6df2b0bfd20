import type { Desk, ServiceQueue, Ticket } from '../../domain/queue';
import type { DeskView, TicketDetailView, TicketView } from '../../contracts';

export function toTicketView(t: Ticket, position: number | null = null, undoWindowSeconds = 0): TicketView {
  const undoUntil = t.lastAction && !t.isClosed() ? new Date(new Date(t.lastAction.at).getTime() + undoWindowSeconds * 1000) : null;
  return {
    id: t.id,
    number: t.number,
    queueId: t.queueId,
    status: t.status,
    priority: t.priority,
    appointment: !!t.appointment,
    issuedAt: t.issuedAt.toISOString(),
    queueEnteredAt: new Date(t.queueEnteredAt).toISOString(),
    calledCount: t.calledCount,
    lastCalledAt: t.lastCalledAt ? new Date(t.lastCalledAt).toISOString() : null,
    deskId: t.deskId ?? null,
    clerkId: t.clerkId ?? null,
    assignedClerkId: t.assignedClerkId ?? null,
    serviceCodes: t.requests.map((r) => r.serviceCode),
    version: t.version,
    position,
    canUndo: t.lastAction && undoUntil ? { action: t.lastAction.name, by: t.lastAction.by, until: undoUntil.toISOString() } : null,
  };
}

/** The ticket as the centre's own clerks see it: with the visit's notes (personal data). */
export function toClerkTicketView(t: Ticket, position: number | null = null, undoWindowSeconds = 0): TicketView {
  return { ...toTicketView(t, position, undoWindowSeconds), notes: t.notes ?? null, notesUpdatedAt: t.notesUpdatedAt ? new Date(t.notesUpdatedAt).toISOString() : null };
}

/** Leaves the notes out of a ticket view (for readers who may see the queue but not the notes). */
export function withoutNotes(view: TicketView): TicketView {
  if (!('notes' in view) && !('notesUpdatedAt' in view)) return view;
  const { notes: _notes, notesUpdatedAt: _at, ...rest } = view;
  return rest;
}

export const toDeskView = (d: Desk): DeskView => ({
  id: d.id,
  number: d.number,
  state: d.state,
  clerkId: d.clerkId ?? null,
  queueIds: d.queueIds,
  currentTicketId: d.currentTicketId ?? null,
});

export const queueLabel = (q: ServiceQueue): { id: string; prefix: string; nameLv: string; nameEn: string } => ({ id: q.id, prefix: q.prefix, nameLv: q.nameLv, nameEn: q.nameEn });

const isoOrNull = (d: Date | string | undefined): string | null => (d ? new Date(d).toISOString() : null);

/**
 * The visit in full. `personal`: the reader is one of the centre's clerks, who also sees the notes
 * and the citizen as given at issue (the personal code only masked, as it is stored).
 */
export function toTicketDetailView(t: Ticket, o: { position: number | null; undoWindowSeconds: number; deskNumbers: Map<string, string>; personal: boolean }): TicketDetailView {
  const base = o.personal ? toClerkTicketView(t, o.position, o.undoWindowSeconds) : toTicketView(t, o.position, o.undoWindowSeconds);
  const detail: TicketDetailView = {
    ...base,
    requests: t.requests.map((r) => ({ serviceCode: r.serviceCode, channel: r.channel, quantity: r.quantity, addedAt: new Date(r.addedAt).toISOString() })),
    periods: t.periods.map((p) => ({
      id: p.id,
      state: p.state,
      startedAt: new Date(p.startedAt).toISOString(),
      endedAt: isoOrNull(p.endedAt),
      queueId: p.queueId,
      deskId: p.deskId ?? null,
      deskNumber: p.deskId ? (o.deskNumbers.get(p.deskId) ?? null) : null,
      clerkId: p.clerkId ?? null,
      accurate: p.accurate,
    })),
    outcome: t.outcome ? { kind: t.outcome.kind, reason: t.outcome.reason ?? null, stage: t.outcome.stage ?? null } : null,
    closedAt: isoOrNull(t.closedAt),
  };
  if (o.personal) detail.citizen = t.citizen ? { name: t.citizen.name ?? null, personalCodeMasked: t.citizen.personalCodeMasked ?? null } : null;
  return detail;
}
