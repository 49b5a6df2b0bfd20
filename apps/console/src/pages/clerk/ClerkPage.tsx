import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, command, errorText } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { ConnectionBadge, Notice, Spinner, useNow } from '../../lib/layout';
import { useCentreQueue } from '../../lib/queue';
import type { DeskView, Issued, TicketView } from '../../lib/queue-types';
import { QueueBoard } from './QueueBoard';
import { useCentres, useServices } from './use-clerk-data';
import { useShortcut, VisitPanel, type VisitCommand } from './VisitPanel';
import { VisitTimeline } from './VisitTimeline';
import './clerk.css';

const CENTRE_KEY = 'vpvkac.clerk.centre';
const CLOSED = ['finished', 'no_show', 'left'];

interface LastAction {
  ticket: TicketView;
  label: string;
}

/** The clerk's day in one tab: desk, live queues, call next, the current visit, undo. */
export default function ClerkPage(): ReactNode {
  const { t } = useTranslation();
  const { principal } = useSession();
  const centreIds = principal?.centreIds ?? [];
  const centres = useCentres(centreIds);
  const [centreId, setCentreId] = useState<string | null>(() => {
    const stored = window.sessionStorage.getItem(CENTRE_KEY);
    return stored && centreIds.includes(stored) ? stored : (centreIds[0] ?? null);
  });
  useEffect(() => {
    if (centreId) window.sessionStorage.setItem(CENTRE_KEY, centreId);
  }, [centreId]);

  if (centreIds.length === 0) {
    return (
      <section className="page narrow">
        <h1>{t('clerk.title')}</h1>
        <Notice kind="error">{t('clerk.noCentre')}</Notice>
      </section>
    );
  }
  const centreName = centres?.find((c) => c.id === centreId)?.shortName ?? '';
  return (
    <div className="page clerk-page">
      <div className="clerk-top row">
        <h1>
          {t('clerk.title')}
          {centreName && <span className="clerk-centre"> · {centreName}</span>}
        </h1>
        {centreIds.length > 1 && centres && (
          <div className="field inline">
            <label htmlFor="centre-select">{t('clerk.centre')}</label>
            <select id="centre-select" value={centreId ?? ''} onChange={(e) => setCentreId(e.target.value)}>
              {centres.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.shortName}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {centreId && <CentreConsole key={centreId} centreId={centreId} />}
    </div>
  );
}

function CentreConsole({ centreId }: { centreId: string }): ReactNode {
  const { t } = useTranslation();
  const { principal } = useSession();
  const me = principal!.subject;
  const queue = useCentreQueue(centreId);
  const services = useServices(centreId);
  const { state, status } = queue;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [lastAction, setLastAction] = useState<LastAction | null>(null);
  /** The visit this console last closed: its timings can still be corrected. */
  const [lastClosed, setLastClosed] = useState<TicketView | null>(null);
  const servingSince = useRef(new Map<string, number>());
  const now = useNow(1000);
  const minute = Math.floor(now / 60000);

  const myDesk: DeskView | null = useMemo(() => (state ? ([...state.desks.values()].find((d) => d.clerkId === me && d.state !== 'closed') ?? null) : null), [state, me]);
  const current: TicketView | null = useMemo(() => {
    if (!state || !myDesk) return null;
    const byDesk = [...state.tickets.values()].find((x) => x.deskId === myDesk.id && (x.status === 'called' || x.status === 'serving'));
    return byDesk ?? (myDesk.currentTicketId ? (state.tickets.get(myDesk.currentTicketId) ?? null) : null);
  }, [state, myDesk]);
  if (current?.status === 'serving' && !servingSince.current.has(current.id)) servingSince.current.set(current.id, Date.now());

  /** Runs a command; its answer is applied at once, the change event confirms it. */
  const run = useCallback(
    async (path: string, body: unknown, label: string | null): Promise<TicketView | DeskView | null> => {
      setBusy(true);
      setError(null);
      try {
        const result = await command<TicketView | DeskView>(`/api/v1/queue/${path}`, body);
        if ('number' in result && 'queueId' in result) {
          queue.applyTicket(result);
          if (CLOSED.includes(result.status)) setLastClosed(result);
          if (label) setLastAction(result.canUndo && result.canUndo.by === me ? { ticket: result, label } : null);
        }
        return result;
      } catch (e) {
        setError(errorText(e));
        if (e instanceof ApiError && e.status === 409) queue.resync();
        return null;
      } finally {
        setBusy(false);
      }
    },
    [queue, me],
  );

  const callNext = useCallback(async () => {
    if (!myDesk) return;
    const ticket = (await run(`desks/${myDesk.id}/call-next`, undefined, t('clerk.actions.call'))) as TicketView | null;
    if (ticket) setAnnounce(t('clerk.calledAnnounce', { number: ticket.number, desk: myDesk.number }));
  }, [myDesk, run, t]);

  const onVisit = useCallback(
    (c: VisitCommand) => {
      if (!current) return;
      const { name, ...body } = c;
      const hasBody = Object.keys(body).length > 0;
      void run(`tickets/${current.id}/${name}`, hasBody ? body : undefined, t(`clerk.actions.${name}`)).then((res) => {
        if (res) setAnnounce(t('clerk.doneAnnounce', { number: current.number, action: t(`clerk.actions.${name}`) }));
      });
    },
    [current, run, t],
  );

  /** A ticket for a visitor at the desk or on the phone (a clerk may set the priority). */
  const issueTicket = useCallback(
    async (body: { queueId: string; priority?: number }): Promise<string | null> => {
      const issued = (await run(`centres/${centreId}/tickets`, body, null)) as Issued | null;
      if (!issued) return null;
      queue.applyTicket(issued.ticket);
      setAnnounce(t('clerk.issue.done', { number: issued.ticket.number }));
      return issued.ticket.number;
    },
    [centreId, queue, run, t],
  );

  const undo = useCallback(async () => {
    if (!lastAction) return;
    const res = await run(`tickets/${lastAction.ticket.id}/undo`, undefined, null);
    if (res) {
      setAnnounce(t('clerk.undone', { number: lastAction.ticket.number }));
      setLastAction(null);
    }
  }, [lastAction, run, t]);

  useShortcut((code) => {
    if (code === 'KeyN' && myDesk && !current && !busy) void callNext();
    else if (code === 'KeyU' && lastAction) void undo();
    else return false;
    return true;
  });

  if (queue.error && !state) return <Notice kind="error">{t('clerk.joinRefused', { code: queue.error })}</Notice>;
  if (!state) return <Spinner />;

  const undoLeft = lastAction?.ticket.canUndo ? Math.ceil((new Date(lastAction.ticket.canUndo.until).getTime() - now) / 1000) : 0;
  const waitingTotal = state.queues.reduce((n, q) => n + q.waiting, 0);

  return (
    <div className="clerk-layout">
      <div className="clerk-side">
        <div className="row">
          <ConnectionBadge status={status} />
          <span className="seq" aria-hidden="true" data-seq={state.seq} />
        </div>
        <DeskPanel state={state} myDesk={myDesk} busy={busy} run={run} />
        {myDesk && myDesk.state === 'open' && !current && (
          <button type="button" className="btn btn-primary btn-huge" onClick={() => void callNext()} disabled={busy} aria-keyshortcuts="Alt+N">
            {t('clerk.callNext')} <kbd>Alt+N</kbd>
            <span className="btn-sub">{t('clerk.waitingCount', { count: waitingTotal })}</span>
          </button>
        )}
        {current && (
          <VisitPanel
            ticket={current}
            state={state}
            services={services}
            mySubject={me}
            busy={busy}
            servingSince={servingSince.current.get(current.id) ?? null}
            onCommand={onVisit}
            connection={status}
            onNotesSaved={queue.applyTicket}
          />
        )}
        {lastClosed && lastClosed.id !== current?.id && (
          <section className="last-visit" aria-labelledby="last-visit-title">
            <h2 id="last-visit-title">
              {t('clerk.timeline.lastVisit')}: {lastClosed.number} · {t(`clerk.statuses.${lastClosed.status}`, { defaultValue: lastClosed.status })}
            </h2>
            <VisitTimeline key={lastClosed.id} ticket={lastClosed} onChanged={(changed) => setLastClosed(changed)} />
          </section>
        )}
        {lastAction && undoLeft > 0 && (
          <div className="undo-bar" role="group" aria-label={t('clerk.undoGroup')}>
            <span>
              {lastAction.ticket.number}: {lastAction.label}
            </span>
            <button type="button" className="btn" onClick={() => void undo()} disabled={busy} aria-keyshortcuts="Alt+U">
              {t('clerk.undo', { seconds: undoLeft })} <kbd>Alt+U</kbd>
            </button>
          </div>
        )}
        {error && <Notice kind="error">{error}</Notice>}
        <IssuePanel queues={state.queues} busy={busy} onIssue={issueTicket} />
        <div className="visually-hidden" role="status" aria-live="polite">
          {announce}
        </div>
        <details className="shortcuts">
          <summary>{t('clerk.shortcuts')}</summary>
          <dl>
            {(['N', 'S', 'R', 'I', 'B', 'T', 'P', 'A', 'U'] as const).map((k) => (
              <div key={k}>
                <dt>
                  <kbd>Alt+{k}</kbd>
                </dt>
                <dd>{t(`clerk.keys.${k}`)}</dd>
              </div>
            ))}
          </dl>
        </details>
      </div>
      <QueueBoard
        state={state}
        minute={minute}
        canCall={!!myDesk && myDesk.state === 'open' && !current && !busy}
        myDeskId={myDesk?.id ?? null}
        onCall={(ticket) => void run(`desks/${myDesk!.id}/call`, { ticketId: ticket.id }, t('clerk.actions.call'))}
        onResume={(ticket) => void run(`tickets/${ticket.id}/resume`, { deskId: myDesk!.id }, t('clerk.actions.resume'))}
        onPriority={(ticket, level) => void run(`tickets/${ticket.id}/priority`, { priority: level }, t('clerk.actions.priority'))}
      />
    </div>
  );
}

function DeskPanel({ state, myDesk, busy, run }: { state: NonNullable<ReturnType<typeof useCentreQueue>['state']>; myDesk: DeskView | null; busy: boolean; run(path: string, body: unknown, label: string | null): Promise<unknown> }): ReactNode {
  const { t, i18n } = useTranslation();
  const desks = [...state.desks.values()].sort((a, b) => a.number.localeCompare(b.number, undefined, { numeric: true }));
  const free = desks.filter((d) => d.state === 'closed' || !d.clerkId);
  const [deskId, setDeskId] = useState(free[0]?.id ?? '');
  const [queueIds, setQueueIds] = useState<string[]>(state.queues.map((q) => q.id));

  if (!myDesk) {
    return (
      <form
        className="desk-panel"
        aria-labelledby="desk-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (deskId) void run(`desks/${deskId}/open`, { queueIds }, null);
        }}
      >
        <h2 id="desk-title">{t('clerk.openDesk')}</h2>
        <div className="field">
          <label htmlFor="desk-select">{t('clerk.desk')}</label>
          <select id="desk-select" value={deskId} onChange={(e) => setDeskId(e.target.value)}>
            {free.map((d) => (
              <option key={d.id} value={d.id}>
                {t('clerk.deskNumber', { number: d.number })}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('clerk.deskQueues')}</legend>
          {state.queues.map((q) => (
            <label key={q.id} className="checkbox">
              <input
                type="checkbox"
                checked={queueIds.includes(q.id)}
                onChange={(e) => setQueueIds(e.target.checked ? [...queueIds, q.id] : queueIds.filter((x) => x !== q.id))}
              />{' '}
              {q.prefix} · {i18n.language === 'en' ? q.nameEn : q.nameLv}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={busy || !deskId || queueIds.length === 0}>
          {t('clerk.openDeskButton')}
        </button>
      </form>
    );
  }
  return (
    <section className="desk-panel" aria-labelledby="desk-title">
      <h2 id="desk-title">
        {t('clerk.deskNumber', { number: myDesk.number })} · <span className="desk-state">{t(`clerk.deskStates.${myDesk.state}`)}</span>
      </h2>
      <div className="row">
        <label htmlFor="desk-state">{t('clerk.deskState')}</label>
        <select id="desk-state" value={myDesk.state} disabled={busy} onChange={(e) => void run(`desks/${myDesk.id}/state`, { state: e.target.value }, null)}>
          {['open', 'paused', 'break', 'back_office', 'closed'].map((s) => (
            <option key={s} value={s}>
              {t(`clerk.deskStates.${s}`)}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

/** Issue a ticket from the console: a queue and, when the visitor needs it, a priority level. */
function IssuePanel({ queues, busy, onIssue }: { queues: Array<{ id: string; prefix: string; nameLv: string; nameEn: string }>; busy: boolean; onIssue(body: { queueId: string; priority?: number }): Promise<string | null> }): ReactNode {
  const { t, i18n } = useTranslation();
  const [queueId, setQueueId] = useState(queues[0]?.id ?? '');
  const [priority, setPriority] = useState(0);
  const [issued, setIssued] = useState<string | null>(null);
  return (
    <details className="issue-panel">
      <summary>{t('clerk.issue.title')}</summary>
      <form
        aria-label={t('clerk.issue.title')}
        onSubmit={(e) => {
          e.preventDefault();
          void onIssue({ queueId, ...(priority > 0 ? { priority } : {}) }).then((number) => {
            setIssued(number);
            if (number) setPriority(0);
          });
        }}
      >
        <div className="field">
          <label htmlFor="issue-queue">{t('clerk.issue.queue')}</label>
          <select id="issue-queue" value={queueId} onChange={(e) => setQueueId(e.target.value)}>
            {queues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.prefix} · {i18n.language === 'en' ? q.nameEn : q.nameLv}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="issue-priority">{t('clerk.issue.priority')}</label>
          <select id="issue-priority" value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
            {[0, 1, 2].map((level) => (
              <option key={level} value={level}>
                {t(`clerk.issue.priority${level}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn" disabled={busy || !queueId}>
          {t('clerk.issue.submit')}
        </button>
      </form>
      {issued && (
        <p className="issued-number" data-number={issued}>
          {t('clerk.issue.done', { number: issued })}
        </p>
      )}
    </details>
  );
}
