// One remote session from either side: joins its video room (a fresh Janus token per join),
// follows its state (socket push + polling, which also moves it to `in_call`), reconnects an
// interrupted session, and ends it with an outcome.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, post } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { Notice } from '../../lib/layout';
import { REMOTE_NS } from './remote-i18n';
import { ACTIVE_STATUSES, SESSION_OUTCOMES, type RemoteSession } from './remote-types';
import { VideoCall, type JoinInfo } from './video-call';

export function SessionPanel({ sessionId, side, changed, onClose }: { sessionId: string; side: 'specialist' | 'booth'; changed: number; onClose: () => void }): ReactNode {
  const { t } = useTranslation(REMOTE_NS);
  const session = useSession();
  const [view, setView] = useState<RemoteSession | null>(null);
  const [join, setJoin] = useState<JoinInfo | null>(null);
  const [outcome, setOutcome] = useState<(typeof SESSION_OUTCOMES)[number]>('resolved');
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setView(await get<RemoteSession>(`/api/v1/remote-official/sessions/${sessionId}`));
    } catch (e) {
      setError(errorText(e));
    }
  }, [sessionId]);

  const doJoin = useCallback(async () => {
    try {
      setJoin(await post<JoinInfo>(`/api/v1/remote-official/sessions/${sessionId}/join`));
      await refresh();
    } catch (e) {
      setError(errorText(e));
    }
  }, [sessionId, refresh]);

  useEffect(() => {
    void doJoin();
  }, [doJoin]);

  useEffect(() => {
    void refresh();
  }, [refresh, changed]);

  const active = view ? ACTIVE_STATUSES.includes(view.status) : true;
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => void refresh(), 4000);
    return () => clearInterval(id);
  }, [active, refresh]);

  const end = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setView(await post<RemoteSession>(`/api/v1/remote-official/sessions/${sessionId}/end`, { outcome, ...(side === 'specialist' && notes ? { notes } : {}) }));
      setJoin(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const reopen = async (): Promise<void> => {
    setError(null);
    try {
      await post(`/api/v1/remote-official/sessions/${sessionId}/reopen`);
      setJoin(null);
      await doJoin();
    } catch (e) {
      setError(errorText(e));
    }
  };

  const ended = view && !ACTIVE_STATUSES.includes(view.status);
  const display = side === 'booth' ? 'VPVKAC' : (session.principal?.displayName ?? 'Speciālists');
  return (
    <section className="card session-panel" aria-labelledby="session-title" data-session-status={view?.status ?? ''}>
      <h2 id="session-title">{t('sessionTitle', { service: view?.serviceCode ?? '' })}</h2>
      <p>
        {t('sessionStatus')}: <strong data-testid="session-status">{view ? t(`statuses.${view.status}`) : '…'}</strong>
      </p>
      {error && <Notice kind="error">{error}</Notice>}
      {join && !ended && view?.status !== 'interrupted' && <VideoCall join={join} display={display} />}
      {view?.status === 'interrupted' && (
        <p>
          <button type="button" className="btn" onClick={() => void reopen()}>
            {t('reopen')}
          </button>
        </p>
      )}
      {ended ? (
        <>
          <Notice kind="info">{t('ended', { outcome: view.outcome ? t(`outcomes.${view.outcome}`) : t(`statuses.${view.status}`) })}</Notice>
          <p>
            <button type="button" className="btn btn-primary" onClick={onClose}>
              {t('close')}
            </button>
          </p>
        </>
      ) : (
        <form
          className="outcome-form"
          aria-labelledby="outcome-title"
          onSubmit={(e) => {
            e.preventDefault();
            void end();
          }}
        >
          <h3 id="outcome-title">{t('outcomeTitle')}</h3>
          <p className="field">
            <label htmlFor="session-outcome">{t('outcome')}</label>
            <select id="session-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as (typeof SESSION_OUTCOMES)[number])}>
              {SESSION_OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {t(`outcomes.${o}`)}
                </option>
              ))}
            </select>
          </p>
          {side === 'specialist' && (
            <p className="field">
              <label htmlFor="session-notes">{t('notes')}</label>
              <textarea id="session-notes" rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </p>
          )}
          <p>
            <button type="submit" className="btn btn-danger" disabled={busy}>
              {t('end')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
