import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';
import { useNow } from '../../lib/layout';
import type { CentreQueueState } from '../../lib/queue';
import type { TicketView } from '../../lib/queue-types';
import type { ConnectionStatus } from '../../lib/socket';
import type { ServiceInfo } from './use-clerk-data';
import { VisitNotes } from './VisitNotes';
import { VisitTimeline } from './VisitTimeline';

export type VisitCommand =
  | { name: 'start' | 'recall' | 'no-show' | 'return' }
  | { name: 'park'; reason?: string }
  | { name: 'services'; serviceCode: string; channel: string }
  | { name: 'transfer'; toQueueId?: string; toClerkId?: string; placement: 'first' | 'last' | 'original' }
  | { name: 'finish'; outcome: 'served' | 'not_served' | 'left_before_service'; reason?: string };

interface Props {
  ticket: TicketView;
  state: CentreQueueState;
  services: Map<string, ServiceInfo>;
  mySubject: string;
  busy: boolean;
  /** When the ticket started being served here (seen by this console), for the timer. */
  servingSince: number | null;
  onCommand(command: VisitCommand): void;
  /** The realtime connection (unsaved notes are sent again when it is back). */
  connection: ConnectionStatus;
  /** A notes save was answered: apply the ticket at once. */
  onNotesSaved(ticket: TicketView): void;
}

type Dialog = 'transfer' | 'finish' | 'park' | 'service' | null;

/** The ticket at my desk: who, which services, how long, and what can happen next. */
export function VisitPanel({ ticket, state, services, mySubject, busy, servingSince, onCommand, connection, onNotesSaved }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const now = useNow(1000);
  const [dialog, setDialog] = useState<Dialog>(null);
  const serviceName = (code: string): string => {
    const s = services.get(code);
    return s ? `${i18n.language === 'en' ? s.nameEn : s.nameLv} (${code})` : code;
  };
  const queue = state.queues.find((q) => q.id === ticket.queueId);
  const since = ticket.status === 'serving' && servingSince ? servingSince : new Date(ticket.lastCalledAt ?? ticket.queueEnteredAt).getTime();
  const called = ticket.status === 'called';
  const serving = ticket.status === 'serving';

  return (
    <section className="visit-panel" aria-labelledby="visit-title" data-ticket={ticket.number} data-status={ticket.status}>
      <h2 id="visit-title">
        {t('clerk.currentVisit')}: <span className="visit-number">{ticket.number}</span>
      </h2>
      <dl className="visit-facts">
        <dt>{t('clerk.status')}</dt>
        <dd className="visit-status">{t(`clerk.statuses.${ticket.status}`, { defaultValue: ticket.status })}</dd>
        <dt>{serving ? t('clerk.servingFor') : t('clerk.calledFor')}</dt>
        <dd className="visit-timer" aria-live="off">
          {formatDuration(now - since)}
        </dd>
        <dt>{t('clerk.queue')}</dt>
        <dd>{queue ? `${queue.prefix} · ${i18n.language === 'en' ? queue.nameEn : queue.nameLv}` : '—'}</dd>
        <dt>{t('clerk.services')}</dt>
        <dd>
          {ticket.serviceCodes.length === 0 ? (
            '—'
          ) : (
            <ul className="plain">
              {ticket.serviceCodes.map((c, i) => (
                <li key={`${c}-${i}`}>{serviceName(c)}</li>
              ))}
            </ul>
          )}
        </dd>
        {ticket.calledCount > 1 && (
          <>
            <dt>{t('clerk.calls')}</dt>
            <dd>{ticket.calledCount}</dd>
          </>
        )}
      </dl>

      <VisitNotes key={ticket.id} ticket={ticket} connection={connection} onSaved={onNotesSaved} />
      <VisitTimeline key={`timeline-${ticket.id}`} ticket={ticket} onChanged={onNotesSaved} />

      <div className="visit-actions">
        {called && (
          <>
            <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => onCommand({ name: 'start' })}>
              {t('clerk.start')} <kbd>Alt+S</kbd>
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => onCommand({ name: 'recall' })}>
              {t('clerk.recall')} <kbd>Alt+R</kbd>
            </button>
            <button type="button" className="btn btn-danger" disabled={busy} onClick={() => onCommand({ name: 'no-show' })}>
              {t('clerk.noShow')} <kbd>Alt+I</kbd>
            </button>
          </>
        )}
        {serving && (
          <>
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => setDialog('finish')}>
              {t('clerk.finish')} <kbd>Alt+B</kbd>
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setDialog('transfer')}>
              {t('clerk.transfer')} <kbd>Alt+T</kbd>
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setDialog('service')}>
              {t('clerk.addService')}
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => setDialog('park')}>
              {t('clerk.park')} <kbd>Alt+P</kbd>
            </button>
          </>
        )}
        {(called || serving) && (
          <button type="button" className="btn btn-quiet" disabled={busy} onClick={() => onCommand({ name: 'return' })}>
            {t('clerk.returnToQueue')} <kbd>Alt+A</kbd>
          </button>
        )}
      </div>

      <VisitShortcuts open={setDialog} onCommand={onCommand} ticket={ticket} />

      {dialog === 'finish' && <FinishForm busy={busy} onCancel={() => setDialog(null)} onSubmit={(c) => { setDialog(null); onCommand(c); }} />}
      {dialog === 'transfer' && (
        <TransferForm state={state} ticket={ticket} mySubject={mySubject} busy={busy} onCancel={() => setDialog(null)} onSubmit={(c) => { setDialog(null); onCommand(c); }} />
      )}
      {dialog === 'park' && <ParkForm busy={busy} onCancel={() => setDialog(null)} onSubmit={(c) => { setDialog(null); onCommand(c); }} />}
      {dialog === 'service' && (
        <ServiceForm services={services} serviceName={serviceName} busy={busy} onCancel={() => setDialog(null)} onSubmit={(c) => { setDialog(null); onCommand(c); }} />
      )}
    </section>
  );
}

/** Alt+letter shortcuts for the current visit (modifier keys: no clash with typing; WCAG 2.1.4). */
function VisitShortcuts({ ticket, open, onCommand }: { ticket: TicketView; open(d: Dialog): void; onCommand(c: VisitCommand): void }): null {
  useShortcut((code) => {
    const called = ticket.status === 'called';
    const serving = ticket.status === 'serving';
    if (code === 'KeyS' && called) onCommand({ name: 'start' });
    else if (code === 'KeyR' && called) onCommand({ name: 'recall' });
    else if (code === 'KeyI' && called) onCommand({ name: 'no-show' });
    else if (code === 'KeyA' && (called || serving)) onCommand({ name: 'return' });
    else if (code === 'KeyB' && serving) open('finish');
    else if (code === 'KeyT' && serving) open('transfer');
    else if (code === 'KeyP' && serving) open('park');
    else return false;
    return true;
  });
  return null;
}

/** Alt+<key> (no Ctrl/Meta): `handler(event.code)` returns true when it used the key. */
export function useShortcut(handler: (code: string) => boolean): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.repeat) return;
      if (ref.current(e.code)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function DialogFrame({ title, children, onSubmit, onCancel, busy, submitLabel }: { title: string; children: ReactNode; onSubmit(e: FormEvent): void; onCancel(): void; busy: boolean; submitLabel: string }): ReactNode {
  const { t } = useTranslation();
  const first = useRef<HTMLFormElement>(null);
  useEffect(() => {
    first.current?.querySelector<HTMLElement>('select, input, textarea, button')?.focus();
  }, []);
  return (
    <form
      ref={first}
      className="visit-dialog"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(e);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <h3>{title}</h3>
      {children}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {submitLabel}
        </button>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function FinishForm({ busy, onCancel, onSubmit }: { busy: boolean; onCancel(): void; onSubmit(c: VisitCommand): void }): ReactNode {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<'served' | 'not_served' | 'left_before_service'>('served');
  const [reason, setReason] = useState('');
  return (
    <DialogFrame title={t('clerk.finishTitle')} busy={busy} submitLabel={t('clerk.finishConfirm')} onCancel={onCancel} onSubmit={() => onSubmit({ name: 'finish', outcome, reason: reason.trim() || undefined })}>
      <fieldset>
        <legend>{t('clerk.outcome')}</legend>
        {(['served', 'not_served', 'left_before_service'] as const).map((o) => (
          <label key={o} className="radio">
            <input type="radio" name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} /> {t(`clerk.outcomes.${o}`)}
          </label>
        ))}
      </fieldset>
      {outcome !== 'served' && (
        <div className="field">
          <label htmlFor="finish-reason">{t('clerk.reason')}</label>
          <input id="finish-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} required={outcome === 'not_served'} />
        </div>
      )}
    </DialogFrame>
  );
}

function TransferForm({ state, ticket, mySubject, busy, onCancel, onSubmit }: { state: CentreQueueState; ticket: TicketView; mySubject: string; busy: boolean; onCancel(): void; onSubmit(c: VisitCommand): void }): ReactNode {
  const { t, i18n } = useTranslation();
  const queues = state.queues;
  const clerks = [...state.desks.values()].filter((d) => d.clerkId && d.clerkId !== mySubject && d.state !== 'closed');
  const [target, setTarget] = useState(queues.find((q) => q.id !== ticket.queueId)?.id ?? queues[0]?.id ?? '');
  const [placement, setPlacement] = useState<'first' | 'last' | 'original'>('first');
  return (
    <DialogFrame
      title={t('clerk.transferTitle')}
      busy={busy}
      submitLabel={t('clerk.transferConfirm')}
      onCancel={onCancel}
      onSubmit={() => onSubmit(target.startsWith('clerk:') ? { name: 'transfer', toClerkId: target.slice(6), placement } : { name: 'transfer', toQueueId: target, placement })}
    >
      <div className="field">
        <label htmlFor="transfer-target">{t('clerk.transferTo')}</label>
        <select id="transfer-target" value={target} onChange={(e) => setTarget(e.target.value)}>
          <optgroup label={t('clerk.queues')}>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.prefix} · {i18n.language === 'en' ? q.nameEn : q.nameLv}
              </option>
            ))}
          </optgroup>
          {clerks.length > 0 && (
            <optgroup label={t('clerk.clerks')}>
              {clerks.map((d) => (
                <option key={d.id} value={`clerk:${d.clerkId}`}>
                  {t('clerk.clerkAtDesk', { desk: d.number })}
                </option>
              ))}
            </optgroup>
          )}
        </select>
      </div>
      <fieldset>
        <legend>{t('clerk.placement')}</legend>
        {(['first', 'last', 'original'] as const).map((p) => (
          <label key={p} className="radio">
            <input type="radio" name="placement" value={p} checked={placement === p} onChange={() => setPlacement(p)} /> {t(`clerk.placements.${p}`)}
          </label>
        ))}
      </fieldset>
    </DialogFrame>
  );
}

function ParkForm({ busy, onCancel, onSubmit }: { busy: boolean; onCancel(): void; onSubmit(c: VisitCommand): void }): ReactNode {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <DialogFrame title={t('clerk.parkTitle')} busy={busy} submitLabel={t('clerk.park')} onCancel={onCancel} onSubmit={() => onSubmit({ name: 'park', reason: reason.trim() || undefined })}>
      <div className="field">
        <label htmlFor="park-reason">{t('clerk.parkReason')}</label>
        <input id="park-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
      </div>
    </DialogFrame>
  );
}

function ServiceForm({ services, serviceName, busy, onCancel, onSubmit }: { services: Map<string, ServiceInfo>; serviceName(code: string): string; busy: boolean; onCancel(): void; onSubmit(c: VisitCommand): void }): ReactNode {
  const { t } = useTranslation();
  const codes = [...services.keys()].sort();
  const [code, setCode] = useState(codes[0] ?? '');
  const [channel, setChannel] = useState('in_person');
  return (
    <DialogFrame title={t('clerk.addServiceTitle')} busy={busy} submitLabel={t('clerk.addService')} onCancel={onCancel} onSubmit={() => code && onSubmit({ name: 'services', serviceCode: code, channel })}>
      <div className="field">
        <label htmlFor="service-code">{t('clerk.service')}</label>
        <select id="service-code" value={code} onChange={(e) => setCode(e.target.value)}>
          {codes.map((c) => (
            <option key={c} value={c}>
              {serviceName(c)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="service-channel">{t('clerk.channel')}</label>
        <select id="service-channel" value={channel} onChange={(e) => setChannel(e.target.value)}>
          {['in_person', 'phone', 'back_office', 'assisted_eservice'].map((c) => (
            <option key={c} value={c}>
              {t(`clerk.channels.${c}`)}
            </option>
          ))}
        </select>
      </div>
    </DialogFrame>
  );
}
