import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import { ApiError, errorText, get } from '../../lib/api';
import { formatEstimate, formatTime } from '../../lib/format';
import { ConnectionBadge, LanguageSwitch, Notice, Spinner } from '../../lib/layout';
import type { PageProps } from '../../lib/routes';
import type { TrackClientToServerEvents, TrackServerToClientEvents, TrackView } from '../../lib/queue-types';
import { useSocket } from '../../lib/socket';
import './track.css';

/** "My place in line" on the citizen's phone: /track/<trackingToken> (the ticket's QR code). */
export default function TrackPage({ params }: PageProps): ReactNode {
  const { t } = useTranslation();
  const token = params.token ?? '';
  const [view, setView] = useState<TrackView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lastStatus = useRef<string | null>(null);

  // Views carry the centre's seq: an older one (a GET answered before a pushed update) never replaces a newer one.
  const take = useCallback((v: TrackView) => setView((prev) => (prev && prev.seq > v.seq ? prev : v)), []);

  const load = useCallback(() => {
    get<TrackView>(`/api/v1/queue/track/${encodeURIComponent(token)}`, { anonymous: true })
      .then((v) => {
        take(v);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError && e.status === 404 ? t('track.notFound') : errorText(e)));
  }, [token, t, take]);
  useEffect(load, [load]);

  const setup = useCallback(
    (socket: Socket<TrackServerToClientEvents, TrackClientToServerEvents>) => {
      socket.on('track:update', take);
      // After a reconnect, updates may have been missed: read the current state once.
      socket.on('connect', load);
    },
    [load, take],
  );
  const auth = useMemo(() => (token ? { token } : null), [token]);
  const { status } = useSocket<TrackServerToClientEvents, TrackClientToServerEvents>('/track', auth, setup);

  // Buzz the phone when called.
  useEffect(() => {
    if (view?.status === 'called' && lastStatus.current !== 'called') navigator.vibrate?.([300, 150, 300]);
    lastStatus.current = view?.status ?? null;
  }, [view?.status]);

  return (
    <div className="track">
      <header className="track-header">
        <span className="track-brand">{view?.centreName ?? t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <h1 className="track-title">{t('track.title')}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {!view && !error && <Spinner />}
      {view && (
        <>
          <section className={`track-card track-${view.status}`} aria-labelledby="track-number" data-status={view.status}>
            <p className="track-label" id="track-number-label">
              {t('track.yourNumber')}
            </p>
            <p className="track-number" id="track-number" aria-describedby="track-number-label">
              {view.number}
            </p>
            <div role="status" aria-live="assertive" aria-atomic="true" className="track-state">
              <TrackState view={view} />
            </div>
          </section>
          <p className="track-updated">
            {t('track.updated', { time: formatTime(view.updatedAt) })} · <ConnectionBadge status={status} />
          </p>
        </>
      )}
    </div>
  );
}

function TrackState({ view }: { view: TrackView }): ReactNode {
  const { t } = useTranslation();
  switch (view.status) {
    case 'waiting':
      return (
        <>
          <p className="track-ahead">{view.position === 0 ? t('track.next') : t('track.ahead', { count: view.position ?? 0 })}</p>
          <p className="track-estimate">
            {t('track.estimate')}: <strong>{formatEstimate(view.estimate)}</strong>
          </p>
        </>
      );
    case 'called':
      return <p className="track-call-msg">{view.deskNumber ? t('track.calledTo', { desk: view.deskNumber }) : t('track.called')}</p>;
    case 'serving':
      return <p>{t('track.serving')}</p>;
    case 'parked':
      return <p>{t('track.parked')}</p>;
    default:
      return <p>{t('track.closed')}</p>;
  }
}
