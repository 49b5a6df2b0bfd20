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
}

const byPosition = (a: TicketView, b: TicketView): number => (a.position ?? 1e9) - (b.position ?? 1e9) || a.queueEnteredAt.localeCompare(b.queueEnteredAt);

/** Every service queue of the centre: waiting, called/serving and parked tickets, live. */
export function QueueBoard({ state, minute, canCall, myDeskId, onCall, onResume }: Props): ReactNode {
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
          <QueueCard key={q.id} queue={q} tickets={byQueue.get(q.id) ?? []} desks={state.desks} minute={minute} canCall={canCall} myDeskId={myDeskId} onCall={onCall} onResume={onResume} />
        ))}
      </div>
    </section>
  );
}

function QueueCard({ queue, tickets, desks, minute, canCall, myDeskId, onCall, onResume }: Omit<Props, 'state'> & { queue: QueueView; tickets: TicketView[]; desks: CentreQueueState['desks'] }): ReactNode {
  const { t, i18n } = useTranslation();
  const waiting = tickets.filter((x) => x.status === 'waiting').sort(byPosition);
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
            <TicketRow key={ticket.id} ticket={ticket} minute={minute} action={canCall ? 'call' : null} onAction={onCall} />
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
}: {
  ticket: TicketView;
  minute: number;
  deskNumber?: string;
  action: 'call' | 'resume' | null;
  onAction(ticket: TicketView): void;
}): ReactNode {
  const { t } = useTranslation();
  const since = ticket.status === 'waiting' ? ticket.queueEnteredAt : (ticket.lastCalledAt ?? ticket.queueEnteredAt);
  return (
    <li className={`ticket-row status-${ticket.status}`} data-ticket={ticket.number}>
      <span className="ticket-number">{ticket.number}</span>
      {ticket.priority > 0 && <span className="badge badge-priority">{t(`clerk.priority${ticket.priority}`)}</span>}
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
