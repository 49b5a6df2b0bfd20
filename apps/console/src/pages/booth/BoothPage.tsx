// Clerk's video booth view: the citizen's side of a remote consultation in the centre. Request a
// specialist of an institution now (place in line and estimate while waiting, live over /remote),
// or open a booked session by its id; then the call and its end.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, post } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { CentrePicker, useMyCentres } from '../../lib/centres';
import { ConnectionBadge, Notice } from '../../lib/layout';
import { useSearchParams } from '../../lib/router';
import type { PageProps } from '../../lib/routes';
import { useSocket } from '../../lib/socket';
import { REMOTE_NS } from '../specialist/remote-i18n';
import type { RemoteClientEvents, RemoteRequest, RemoteServerEvents } from '../specialist/remote-types';
import { SessionPanel } from '../specialist/SessionPanel';
import '../specialist/remote.css';

interface Centre {
  id: string;
  nameLv: string;
  videoBooths: Array<{ id: string; name: string; active: boolean }>;
}
interface Institution {
  id: string;
  code: string;
  nameLv: string;
  nameEn: string;
  videoConsultations: boolean;
}
interface Service {
  code: string;
  nameLv: string;
  nameEn: string;
  channels: string;
}

export default function BoothPage(_props: PageProps): ReactNode {
  const { t, i18n } = useTranslation(REMOTE_NS);
  const en = i18n.language === 'en';
  const session = useSession();
  const search = useSearchParams();
  const { centreIds, centres } = useMyCentres<Centre>((e) => setError(errorText(e)));
  const [centreId, setCentreId] = useState(centreIds[0] ?? '');
  const [boothId, setBoothId] = useState('');
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [institution, setInstitution] = useState('');
  const [services, setServices] = useState<Service[]>([]);
  const [service, setService] = useState('');
  const [note, setNote] = useState('');
  const [request, setRequest] = useState<RemoteRequest | null>(null);
  const [sessionId, setSessionId] = useState<string | null>(search.get('session'));
  const [bookedId, setBookedId] = useState('');
  const [changed, setChanged] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<Institution[]>('/api/v1/network/institutions').then((list) => setInstitutions(list.filter((i) => i.videoConsultations)), (e: unknown) => setError(errorText(e)));
  }, [centreIds]);

  useEffect(() => {
    setService('');
    if (!institution) return setServices([]);
    get<Service[]>(`/api/v1/network/services?institution=${encodeURIComponent(institution)}&channel=remote_video`).then(setServices, (e: unknown) => setError(errorText(e)));
  }, [institution]);

  const refresh = useCallback(async (id: string) => {
    const r = await get<RemoteRequest>(`/api/v1/remote-official/requests/${id}`);
    setRequest(r);
    if (r.status === 'accepted' && r.sessionId) setSessionId(r.sessionId);
  }, []);

  const auth = useMemo(() => (session.token ? { token: session.token } : null), [session.token]);
  const { status } = useSocket<RemoteServerEvents, RemoteClientEvents>('/remote', auth, (socket) => {
    socket.on('request:changed', (r) => {
      setRequest((current) => {
        if (!current || current.id !== r.id) return current;
        if (r.status === 'accepted' && r.sessionId) setSessionId(r.sessionId);
        return r;
      });
    });
    socket.on('session:changed', () => setChanged((n) => n + 1));
  });

  // Position and estimate change as others are served: poll as well while waiting.
  const waitingId = request && (request.status === 'waiting' || request.status === 'ringing') ? request.id : null;
  useEffect(() => {
    if (!waitingId) return;
    const id = setInterval(() => void refresh(waitingId).catch(() => undefined), 5000);
    return () => clearInterval(id);
  }, [waitingId, refresh]);

  const ask = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      const r = await post<RemoteRequest>('/api/v1/remote-official/requests', {
        institutionCode: institution,
        serviceCode: service,
        centreId,
        ...(boothId ? { boothId } : {}),
        ...(note.trim() ? { sharedNote: note.trim() } : {}),
      });
      setRequest(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const centre = centres.find((c) => c.id === centreId);
  const reset = (): void => {
    setSessionId(null);
    setRequest(null);
    setNote('');
  };

  return (
    <section className="page booth-page" aria-labelledby="booth-title">
      <div className="page-head">
        <h1 id="booth-title">{t('boothTitle')}</h1>
        <ConnectionBadge status={status} />
      </div>
      {error && <Notice kind="error">{error}</Notice>}
      {sessionId ? (
        <SessionPanel sessionId={sessionId} side="booth" changed={changed} onClose={reset} />
      ) : request ? (
        <section className="card waiting" aria-labelledby="waiting-title" data-request-status={request.status}>
          <h2 id="waiting-title">{t('waitingTitle')}</h2>
          <p role="status">
            {t(`statuses.${request.status}`)}
            {request.position !== null && <> · {t('position', { position: request.position })}</>}
            {request.estimateSeconds !== null && <> · {t('estimate', { minutes: Math.max(1, Math.round(request.estimateSeconds / 60)) })}</>}
          </p>
          {request.status === 'abandoned' && (
            <>
              <Notice kind="info">{t('cancelled')}</Notice>
              <button type="button" className="btn" onClick={reset}>
                {t('newRequest')}
              </button>
            </>
          )}
        </section>
      ) : (
        <>
          <form
            className="card"
            aria-labelledby="ask-title"
            onSubmit={(e) => {
              e.preventDefault();
              void ask();
            }}
          >
            <h2 id="ask-title">{t('requestNow')}</h2>
            <CentrePicker id="booth-centre" label={t('centre')} centreIds={centreIds} centres={centres} value={centreId} onChange={setCentreId} />
            <p className="field">
              <label htmlFor="booth-booth">{t('booth')}</label>
              <select id="booth-booth" value={boothId} onChange={(e) => setBoothId(e.target.value)}>
                <option value="">{t('noBooth')}</option>
                {(centre?.videoBooths ?? [])
                  .filter((b) => b.active)
                  .map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
              </select>
            </p>
            <p className="field">
              <label htmlFor="booth-institution">{t('institution')}</label>
              <select id="booth-institution" value={institution} onChange={(e) => setInstitution(e.target.value)} required>
                <option value="">—</option>
                {institutions.map((i) => (
                  <option key={i.code} value={i.code}>
                    {i.code} — {en ? i.nameEn : i.nameLv}
                  </option>
                ))}
              </select>
            </p>
            <p className="field">
              <label htmlFor="booth-service">{t('service')}</label>
              <select id="booth-service" value={service} onChange={(e) => setService(e.target.value)} required>
                <option value="">—</option>
                {services.map((s) => (
                  <option key={s.code} value={s.code}>
                    {s.code} — {en ? s.nameEn : s.nameLv}
                  </option>
                ))}
              </select>
            </p>
            <p className="field">
              <label htmlFor="booth-note">{t('sharedNote')}</label>
              <textarea id="booth-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
            </p>
            <p>
              <button type="submit" className="btn btn-primary btn-large" disabled={busy || !institution || !service || !centreId}>
                {t('requestNow')}
              </button>
            </p>
          </form>
          <form
            className="card"
            aria-labelledby="booked-title"
            onSubmit={(e) => {
              e.preventDefault();
              if (bookedId.trim()) setSessionId(bookedId.trim());
            }}
          >
            <h2 id="booked-title">{t('openBooked')}</h2>
            <p className="field">
              <label htmlFor="booked-session">{t('sessionId')}</label>
              <input id="booked-session" value={bookedId} onChange={(e) => setBookedId(e.target.value)} pattern="[0-9a-fA-F-]{36}" />
            </p>
            <p>
              <button type="submit" className="btn">
                {t('open')}
              </button>
            </p>
          </form>
        </>
      )}
    </section>
  );
}
