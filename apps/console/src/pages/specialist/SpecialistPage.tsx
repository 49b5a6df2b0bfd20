// Specialist console: the institution's on-demand line live over /remote, a ringing call to answer,
// today's booked consultations (join when the window opens), the video session with its outcome
// form, and the specialist's own weekly hours and absences.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, post } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { formatTime } from '../../lib/format';
import { ConnectionBadge, Notice, useNow } from '../../lib/layout';
import type { PageProps } from '../../lib/routes';
import { useSocket } from '../../lib/socket';
import { AvailabilityEditor } from './AvailabilityEditor';
import { BookedToday } from './BookedToday';
import { REMOTE_NS } from './remote-i18n';
import type { RemoteClientEvents, RemoteRequest, RemoteServerEvents, RemoteSession } from './remote-types';
import { SessionPanel } from './SessionPanel';
import './remote.css';

export default function SpecialistPage(_props: PageProps): ReactNode {
  const { t } = useTranslation(REMOTE_NS);
  const session = useSession();
  const now = useNow(1000);
  const [line, setLine] = useState<RemoteRequest[]>([]);
  const [ringing, setRinging] = useState<RemoteRequest | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [changed, setChanged] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const loadLine = useCallback(async () => {
    try {
      setLine(await get<RemoteRequest[]>('/api/v1/remote-official/requests'));
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  const auth = useMemo(() => (session.token ? { token: session.token } : null), [session.token]);
  const { status } = useSocket<RemoteServerEvents, RemoteClientEvents>('/remote', auth, (socket) => {
    socket.on('connect', () => void loadLine());
    socket.on('line:changed', (l) => setLine(l.waiting));
    socket.on('session:changed', () => setChanged((n) => n + 1));
  });

  useEffect(() => {
    void loadLine();
  }, [loadLine]);

  // A ringing call that timed out goes back to the line.
  const ringingLeft = ringing?.ringingUntil ? Math.max(0, Math.ceil((new Date(ringing.ringingUntil).getTime() - now) / 1000)) : null;
  useEffect(() => {
    if (ringing && ringingLeft === 0) setRinging(null);
  }, [ringing, ringingLeft]);

  const takeNext = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setRinging(await post<RemoteRequest>('/api/v1/remote-official/requests/next'));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const accept = async (requestId: string): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const s = await post<RemoteSession>(`/api/v1/remote-official/requests/${requestId}/accept`);
      setRinging(null);
      setSessionId(s.id);
    } catch (e) {
      setError(errorText(e));
      void loadLine();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="page specialist-page" aria-labelledby="specialist-title">
      <div className="page-head">
        <h1 id="specialist-title">{t('specialistTitle')}</h1>
        <ConnectionBadge status={status} />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {sessionId ? (
        <SessionPanel sessionId={sessionId} side="specialist" changed={changed} onClose={() => setSessionId(null)} />
      ) : (
        <>
          {ringing && (
            <div className="card ringing" role="alert" aria-live="assertive">
              <h2>{t('ringing', { service: ringing.serviceCode })}</h2>
              {ringing.sharedNote && (
                <p>
                  {t('note')}: {ringing.sharedNote}
                </p>
              )}
              {ringingLeft !== null && <p>{t('ringingFor', { seconds: ringingLeft })}</p>}
              <button type="button" className="btn btn-primary btn-large" disabled={busy} onClick={() => void accept(ringing.id)}>
                {t('accept')}
              </button>
            </div>
          )}
          <section className="card" aria-labelledby="line-title">
            <h2 id="line-title">
              {t('line')} ({line.length})
            </h2>
            <p>
              <button type="button" className="btn btn-primary" disabled={busy || line.length === 0 || !!ringing} onClick={() => void takeNext()}>
                {t('takeNext')}
              </button>
            </p>
            {line.length === 0 ? (
              <p>{t('lineEmpty')}</p>
            ) : (
              <ol className="remote-line" data-testid="remote-line">
                {line.map((r) => (
                  <li key={r.id} data-request-id={r.id}>
                    <strong>{r.serviceCode}</strong> — {t('waitingSince', { time: formatTime(r.requestedAt) })} · {t(`statuses.${r.status}`)}
                    {r.sharedNote && <span className="note"> · {r.sharedNote}</span>}{' '}
                    <button type="button" className="btn btn-small" disabled={busy} onClick={() => void accept(r.id)} aria-label={`${t('accept')}: ${r.serviceCode} ${formatTime(r.requestedAt)}`}>
                      {t('accept')}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </section>
          <BookedToday changed={changed} onJoin={setSessionId} />
          <AvailabilityEditor />
        </>
      )}
    </section>
  );
}
