import { memo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatEstimate, minutesSince } from '../../lib/format';
import type { CentreQueueState } from '../../lib/queue';
import type { QueueView, TicketView } from '../../lib/queue-types';

interface Props {
  state: CentreQueueState;
  /** Changes once a minute: wait times are shown in whole minutes. */
  minute: number;
  canCall: boolean;
  myDeskId: string | null;
  onCall(ticket: TicketView): void;
  onResume(ticket: TicketView): void;
  /** Set a waiting visitor's priority level (absent: not offered). */
  onPriority?(ticket: TicketView, level: number): void;
}

/**
 * The server's call order (modules/scheduling/domain/queue/call-order.ts): checked-in appointments,
 * then higher priority, then the earliest queue entry. Computed here rather than from `position`,
 * which a change event does not carry for the other tickets it moves.
 */
const byCallOrder = (a: TicketView, b: TicketView): number =>
  Number(b.appointment) - Number(a.appointment) || b.priority - a.priority || a.queueEnteredAt.localeCompare(b.queueEnteredAt) || a.issuedAt.localeCompare(b.issuedAt) || a.id.localeCompare(b.id);

/** Every service queue of the centre: waiting, called/serving and parked tickets, live. */
export function QueueBoard({ state, minute, canCall, myDeskId, onCall, onResume, onPriority }: Props): ReactNode {
  const { t } = useTranslation();
  const byQueue = new Map<string, TicketView[]>();
  for (const ticket of state.tickets.values()) {
    const list = byQueue.get(ticket.queueId) ?? [];
    list.push(ticket);
    byQueue.set(ticket.queueId, list);
  }
  return (
    <section className="queue-board" aria-labelledby="queues-title">
      <h2 id="queues-title">{t('clerk.queues')}</h2>
      <div className="queue-grid">
        {state.queues.map((q) => (
          <QueueCard key={q.id} queue={q} tickets={byQueue.get(q.id) ?? []} desks={state.desks} minute={minute} canCall={canCall} myDeskId={myDeskId} onCall={onCall} onResume={onResume} onPriority={onPriority} />
        ))}
      </div>
    </section>
  );
}

function QueueCard({ queue, tickets, desks, minute, canCall, myDeskId, onCall, onResume, onPriority }: Omit<Props, 'state'> & { queue: QueueView; tickets: TicketView[]; desks: CentreQueueState['desks'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const waiting = tickets.filter((x) => x.status === 'waiting').sort(byCallOrder);
  const called = tickets.filter((x) => x.status === 'called' || x.status === 'serving');
  const parked = tickets.filter((x) => x.status === 'parked');
  const name = i18n.language === 'en' ? queue.nameEn : queue.nameLv;
  return (
    <article className="queue-card" aria-labelledby={`q-${queue.id}`} data-queue={queue.prefix}>
      <header>
        <h3 id={`q-${queue.id}`}>
          <span className="queue-prefix">{queue.prefix}</span> {name}
        </h3>
        <p className="queue-meta">
          {t('clerk.waitingCount', { count: waiting.length })} · {t('clerk.estimate')}: {formatEstimate(queue.estimate)}
        </p>
      </header>
      <h4 className="list-title">{t('clerk.waiting')}</h4>
      {waiting.length === 0 ? (
        <p className="empty">{t('clerk.nobody')}</p>
      ) : (
        <ol className="ticket-list" aria-label={`${queue.prefix}: ${t('clerk.waiting')}`}>
          {waiting.map((ticket) => (
            <TicketRow key={ticket.id} ticket={ticket} minute={minute} action={canCall ? 'call' : null} onAction={onCall} onPriority={onPriority} />
          ))}
        </ol>
      )}
      {called.length > 0 && (
        <>
          <h4 className="list-title">{t('clerk.called')}</h4>
          <ul className="ticket-list" aria-label={`${queue.prefix}: ${t('clerk.called')}`}>
            {called.map((ticket) => (
              <TicketRow key={ticket.id} ticket={ticket} minute={minute} deskNumber={ticket.deskId ? desks.get(ticket.deskId)?.number : undefined} action={null} onAction={onCall} />
            ))}
          </ul>
        </>
      )}
      {parked.length > 0 && (
        <>
          <h4 className="list-title">{t('clerk.parked')}</h4>
          <ul className="ticket-list" aria-label={`${queue.prefix}: ${t('clerk.parked')}`}>
            {parked.map((ticket) => (
              <TicketRow key={ticket.id} ticket={ticket} minute={minute} action={myDeskId ? 'resume' : null} onAction={onResume} />
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/** One ticket; memoized: re-renders only when the ticket changes or a minute passes. */
const TicketRow = memo(function TicketRow({
  ticket,
  minute,
  deskNumber,
  action,
  onAction,
  onPriority,
}: {
  ticket: TicketView;
  minute: number;
  deskNumber?: string;
  action: 'call' | 'resume' | null;
  onAction(ticket: TicketView): void;
  onPriority?(ticket: TicketView, level: number): void;
}): ReactNode {
  const { t } = useTranslation();
  const since = ticket.status === 'waiting' ? ticket.queueEnteredAt : (ticket.lastCalledAt ?? ticket.queueEnteredAt);
  return (
    <li className={`ticket-row status-${ticket.status}`} data-ticket={ticket.number}>
      <span className="ticket-number">{ticket.number}</span>
      {onPriority ? (
        <select
          className={`priority-select level-${ticket.priority}`}
          value={ticket.priority}
          onChange={(e) => onPriority(ticket, Number(e.target.value))}
          aria-label={t('clerk.priorityOf', { number: ticket.number })}
        >
          {[0, 1, 2].map((level) => (
            <option key={level} value={level}>
              {t(`clerk.priority${level}`)}
            </option>
          ))}
        </select>
      ) : (
        ticket.priority > 0 && <span className="badge badge-priority">{t(`clerk.priority${ticket.priority}`)}</span>
      )}
      {ticket.appointment && <span className="badge">{t('clerk.appointment')}</span>}
      {ticket.assignedClerkId && <span className="badge">{t('clerk.assigned')}</span>}
      {deskNumber && <span className="ticket-desk">{t('clerk.atDesk', { desk: deskNumber })}</span>}
      <span className="ticket-wait" title={t('clerk.waitTime')}>
        {minutesSince(since, minute * 60000)}
      </span>
      {action && (
        <button type="button" className="btn btn-small" onClick={() => onAction(ticket)} aria-label={t(action === 'call' ? 'clerk.callTicket' : 'clerk.resumeTicket', { number: ticket.number })}>
          {t(action === 'call' ? 'clerk.call' : 'clerk.resume')}
        </button>
      )}
    </li>
  );
});
