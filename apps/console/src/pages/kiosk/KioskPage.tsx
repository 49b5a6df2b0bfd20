import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import QRCode from 'qrcode';
import { api, errorText, get, newRequestId } from '../../lib/api';
import { formatEstimate, formatTime } from '../../lib/format';
import { LanguageSwitch, Notice, Spinner } from '../../lib/layout';
import type { PageProps } from '../../lib/routes';
import type { Issued, TrackView } from '../../lib/queue-types';
import { useHashParams } from '../../lib/router';
import './kiosk.css';

interface Service {
  code: string;
  nameLv: string;
  nameEn: string;
  institutionCode: string;
  /** The queue may take the visitor's name and personal code for this service (optional for them). */
  citizenIdentity: boolean;
}
interface Institution {
  code: string;
  nameLv: string;
  nameEn: string;
}
interface Centre {
  id: string;
  shortName: string;
}

/** A coloured badge per service holder (decorative, no emoji font needed: the group's name is the label). */
const ICON_COLOURS = ['#0b4f9c', '#1d6b2f', '#9e3039', '#6a3d9a', '#7a4d00', '#00606b', '#3d4550'];
const iconColour = (code: string): string => ICON_COLOURS[[...code].reduce((n, c) => n + c.charCodeAt(0), 0) % ICON_COLOURS.length]!;
const BACK_TO_START_MS = 45_000;
/**
 * The queue's priority levels (modules/scheduling IssueTicketDto): 0 normal, 1 priority (seniors,
 * pregnant women, parents with small children), 2 high (disability). A kiosk may issue every level:
 * the visitor declares it, the clerk checks it at the desk.
 */
const PRIORITY_LEVELS = [0, 1, 2] as const;
type PriorityLevel = (typeof PRIORITY_LEVELS)[number];

/** The ticket kiosk: /kiosk/<centreId>#token=ksk_… — a service in one touch, a priority level optional (normal by default). */
export default function KioskPage({ params }: PageProps): ReactNode {
  const { t, i18n } = useTranslation();
  const centreId = params.centreId ?? '';
  const token = useHashParams().get('token');
  const [centre, setCentre] = useState<Centre | null>(null);
  const [services, setServices] = useState<Service[] | null>(null);
  const [institutions, setInstitutions] = useState<Map<string, Institution>>(new Map());
  const [priority, setPriority] = useState<PriorityLevel>(0);
  const [issued, setIssued] = useState<{ issued: Issued; service: Service; track: TrackView | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A service that may take who the visitor is: they may say it (or not) before the ticket. */
  const [asking, setAsking] = useState<Service | null>(null);
  const en = i18n.language === 'en';

  useEffect(() => {
    const c = encodeURIComponent(centreId);
    Promise.all([
      get<Centre>(`/api/v1/network/centres/${c}`, { anonymous: true }),
      get<Service[]>(`/api/v1/network/services?centre=${c}&channel=in_person`, { anonymous: true }),
      get<Institution[]>('/api/v1/network/institutions', { anonymous: true }),
    ])
      .then(([centreView, list, insts]) => {
        setCentre(centreView);
        setServices(list);
        setInstitutions(new Map(insts.map((i) => [i.code, i])));
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [centreId]);

  // A level chosen by someone who walked away without a ticket does not carry over to the next visitor.
  useEffect(() => {
    if (priority === 0) return undefined;
    const timer = setTimeout(() => setPriority(0), BACK_TO_START_MS);
    return () => clearTimeout(timer);
  }, [priority]);

  const groups = useMemo(() => {
    const map = new Map<string, Service[]>();
    for (const s of services ?? []) map.set(s.institutionCode, [...(map.get(s.institutionCode) ?? []), s]);
    return [...map.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [services]);

  const take = async (service: Service, citizen?: { name?: string; personalCode?: string }): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      const result = await api<Issued>('POST', `/api/v1/queue/centres/${encodeURIComponent(centreId)}/tickets`, {
        anonymous: true,
        headers: { 'x-device-token': token ?? '' },
        idempotencyKey: newRequestId(),
        body: { serviceCode: service.code, priority, ...(citizen ? { citizen } : {}) },
      });
      const track = await get<TrackView>(`/api/v1/queue/track/${encodeURIComponent(result.trackingToken)}`, { anonymous: true }).catch(() => null);
      setIssued({ issued: result, service, track });
      setAsking(null);
      setPriority(0);
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };
  const choose = (service: Service): void => {
    if (service.citizenIdentity) setAsking(service);
    else void take(service);
  };

  if (!token) {
    return (
      <div className="kiosk">
        <h1>{t('kiosk.title')}</h1>
        <Notice kind="error">{t('kiosk.noToken')}</Notice>
      </div>
    );
  }
  if (asking) {
    return (
      <IdentityStep
        serviceName={en ? asking.nameEn : asking.nameLv}
        busy={busy}
        error={error}
        onSubmit={(citizen) => take(asking, citizen)}
        onBack={() => {
          setAsking(null);
          setError(null);
        }}
      />
    );
  }
  if (issued) return <TicketScreen issued={issued.issued} serviceName={en ? issued.service.nameEn : issued.service.nameLv} track={issued.track} onDone={() => setIssued(null)} />;

  return (
    <div className="kiosk">
      <header className="kiosk-header">
        <h1>{centre ? t('kiosk.welcome', { centre: centre.shortName }) : t('kiosk.title')}</h1>
        <LanguageSwitch />
      </header>
      <p className="kiosk-lead">{t('kiosk.choose')}</p>
      <fieldset className="kiosk-priority" aria-describedby="kiosk-priority-note">
        <legend>{t('kiosk.priorityLegend')}</legend>
        <div className="kiosk-priority-options">
          {PRIORITY_LEVELS.map((level) => (
            <label key={level} className="kiosk-priority-option" data-level={level}>
              <input
                type="radio"
                name="kiosk-priority"
                value={level}
                checked={priority === level}
                onChange={() => setPriority(level)}
                aria-labelledby={`kiosk-priority-${level}`}
                aria-describedby={`kiosk-priority-${level}-help`}
              />
              <span>
                <strong id={`kiosk-priority-${level}`}>{t(`kiosk.priority${level}`)}</strong>
                <span id={`kiosk-priority-${level}-help`} className="kiosk-priority-help">
                  {t(`kiosk.priority${level}Help`)}
                </span>
              </span>
            </label>
          ))}
        </div>
        <p id="kiosk-priority-note" className="kiosk-priority-note">
          {t('kiosk.priorityNote')}
        </p>
      </fieldset>
      {error && <Notice kind="error">{error}</Notice>}
      {!services && !error && <Spinner />}
      {groups.map(([code, list]) => {
        const inst = institutions.get(code);
        return (
          <section key={code} className="kiosk-group" aria-labelledby={`g-${code}`}>
            <h2 id={`g-${code}`}>
              <span className="kiosk-icon" aria-hidden="true" style={{ background: iconColour(code) }}>
                {code}
              </span>{' '}
              {inst ? (en ? inst.nameEn : inst.nameLv) : code}
            </h2>
            <div className="kiosk-services">
              {list.map((s) => (
                <button key={s.code} type="button" className="kiosk-service" disabled={busy} onClick={() => choose(s)}>
                  {en ? s.nameEn : s.nameLv}
                </button>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}

function TicketScreen({ issued, serviceName, track, onDone }: { issued: Issued; serviceName: string; track: TrackView | null; onDone(): void }): ReactNode {
  const { t } = useTranslation();
  const [qr, setQr] = useState<string | null>(null);
  const url = `${window.location.origin}/track/${encodeURIComponent(issued.trackingToken)}`;
  const doneRef = useRef(onDone);
  doneRef.current = onDone;
  useEffect(() => {
    QRCode.toDataURL(url, { margin: 1, width: 240, errorCorrectionLevel: 'M' })
      .then(setQr)
      .catch(() => setQr(null));
  }, [url]);
  useEffect(() => {
    const timer = setTimeout(() => doneRef.current(), BACK_TO_START_MS);
    return () => clearTimeout(timer);
  }, []);
  const ahead = track?.position ?? issued.ticket.position;
  return (
    <div className="kiosk kiosk-done">
      <section className="ticket" aria-labelledby="ticket-title" data-ticket={issued.ticket.number} data-priority={issued.ticket.priority}>
        <h1 id="ticket-title" className="ticket-heading">
          {t('kiosk.yourNumber')}
        </h1>
        <p className="ticket-number-big">{issued.ticket.number}</p>
        {issued.ticket.priority > 0 && (
          <p className="ticket-priority" data-level={issued.ticket.priority}>
            {t(issued.ticket.priority >= 2 ? 'kiosk.ticketPriority2' : 'kiosk.ticketPriority1')}
          </p>
        )}
        <p className="ticket-service">{serviceName}</p>
        {ahead !== null && ahead !== undefined && <p className="ticket-ahead">{ahead === 0 ? t('kiosk.next') : t('kiosk.ahead', { count: ahead })}</p>}
        {track?.estimate && <p className="ticket-estimate">{t('kiosk.estimate', { range: formatEstimate(track.estimate) })}</p>}
        {qr && <img className="ticket-qr" src={qr} alt={t('kiosk.qrAlt')} width={240} height={240} />}
        <p className="ticket-hint">{t('kiosk.qrHint')}</p>
        <p className="ticket-time">
          {track?.centreName ? `${track.centreName} · ` : ''}
          {formatTime(issued.ticket.issuedAt)}
        </p>
      </section>
      <div className="kiosk-actions no-print">
        <button type="button" className="btn btn-large" onClick={() => window.print()}>
          {t('kiosk.print')}
        </button>
        <button type="button" className="btn btn-primary btn-large" onClick={onDone}>
          {t('kiosk.done')}
        </button>
      </div>
    </div>
  );
}

/**
 * For a service whose clerk can prepare the case (the catalogue's citizenIdentity): the visitor
 * may give their name and personal code — or go on without. What they type is never shown on the
 * waiting-room display or the ticket, only to the centre's clerks (the code masked), and the form
 * clears itself when left alone.
 */
function IdentityStep({ serviceName, busy, error, onSubmit, onBack }: { serviceName: string; busy: boolean; error: string | null; onSubmit(citizen?: { name?: string; personalCode?: string }): Promise<boolean>; onBack(): void }): ReactNode {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const backRef = useRef(onBack);
  backRef.current = onBack;
  useEffect(() => {
    const timer = setTimeout(() => backRef.current(), BACK_TO_START_MS);
    return () => clearTimeout(timer);
  }, [name, code]);
  const given = { ...(name.trim() ? { name: name.trim() } : {}), ...(code.trim() ? { personalCode: code.trim() } : {}) };
  return (
    <div className="kiosk kiosk-identity">
      <h1>{serviceName}</h1>
      <form
        aria-labelledby="identity-title"
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit(Object.keys(given).length > 0 ? given : undefined);
        }}
      >
        <h2 id="identity-title">{t('kiosk.identity.title')}</h2>
        <p className="kiosk-identity-lead">{t('kiosk.identity.lead')}</p>
        <div className="field">
          <label htmlFor="identity-name">{t('kiosk.identity.name')}</label>
          <input id="identity-name" value={name} maxLength={200} autoComplete="off" onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="identity-code">{t('kiosk.identity.code')}</label>
          <input id="identity-code" value={code} maxLength={20} inputMode="numeric" autoComplete="off" aria-describedby="identity-code-help" onChange={(e) => setCode(e.target.value)} />
          <span id="identity-code-help" className="hint">
            {t('kiosk.identity.codeHelp')}
          </span>
        </div>
        {error && <Notice kind="error">{error}</Notice>}
        <div className="kiosk-actions">
          <button type="submit" className="btn btn-primary btn-large" disabled={busy || Object.keys(given).length === 0}>
            {t('kiosk.identity.submit')}
          </button>
          <button type="button" className="btn btn-large" disabled={busy} onClick={() => void onSubmit(undefined)}>
            {t('kiosk.identity.skip')}
          </button>
          <button type="button" className="btn btn-quiet btn-large" disabled={busy} onClick={onBack}>
            {t('kiosk.identity.back')}
          </button>
        </div>
        <p className="hint">{t('kiosk.identity.privacy')}</p>
      </form>
    </div>
  );
}
