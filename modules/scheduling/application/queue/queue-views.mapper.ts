import type { Desk, ServiceQueue, Ticket } from '../../domain/queue';
import type { DeskView, TicketView } from '../../contracts';

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
