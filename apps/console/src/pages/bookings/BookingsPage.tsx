// Clerk's video-consultation booking: choose a service with video consultations, find free slots at
// the clerk's centre (grouped by day, Riga time), hold and confirm one for a visitor, print the
// summary. A taken time (409 BOOKING.SLOT_TAKEN) shows the server's message and the next free times.
// Below: the centre's upcoming bookings for the chosen service (built from the specialists'
// agendas, the API has no per-centre list), each cancellable with a reason.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorText, get, post } from '../../lib/api';
import { CentrePicker, useMyCentres } from '../../lib/centres';
import { formatTime } from '../../lib/format';
import { locale } from '../../lib/i18n';
import { Notice } from '../../lib/layout';
import type { PageProps } from '../../lib/routes';
import { BOOKINGS_NS } from './bookings-i18n';
import './bookings.css';

interface Centre {
  id: string;
  nameLv: string;
  shortName?: string;
  videoBooths: Array<{ id: string; name: string; active: boolean }>;
}
interface ConsultationType {
  id: string;
  serviceCode: string;
  durationMinutes: number;
}
interface Service {
  code: string;
  nameLv: string;
  nameEn: string;
}
interface Specialist {
  id: string;
  displayName: string;
}
interface Slot {
  start: string;
  end: string;
  specialistIds: string[];
  boothIds: string[];
}
interface Booking {
  id: string;
  uid: string;
  serviceCode: string;
  specialistId: string;
  centreId: string;
  boothId: string;
  start: string;
  end: string;
  status: string;
  citizen?: { name?: string; maskedCode?: string } | null;
}

const CANCEL_REASONS = ['citizen_request', 'specialist_unavailable', 'centre_unavailable', 'duplicate', 'other'] as const;
const RIGA = 'Europe/Riga';

/** YYYY-MM-DD of an instant in Riga. */
const rigaDate = (d: Date | string): string => new Intl.DateTimeFormat('en-CA', { timeZone: RIGA, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(d));
const addDays = (ymd: string, days: number): string => new Date(Date.parse(`${ymd}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const dayTitle = (iso: string): string => new Intl.DateTimeFormat(locale(), { weekday: 'long', day: 'numeric', month: 'long', timeZone: RIGA }).format(new Date(iso));
const whenText = (b: { start: string; end: string }): string => `${dayTitle(b.start)} ${formatTime(b.start)}–${formatTime(b.end)}`;

export default function BookingsPage(_props: PageProps): ReactNode {
  const { t, i18n } = useTranslation(BOOKINGS_NS);
  const en = i18n.language === 'en';
  const { centreIds, centres } = useMyCentres<Centre>((e) => setError(errorText(e)));
  const today = rigaDate(new Date());
  const [centreId, setCentreId] = useState(centreIds[0] ?? '');
  const [types, setTypes] = useState<ConsultationType[] | null>(null);
  const [services, setServices] = useState<Map<string, Service>>(new Map());
  const [serviceCode, setServiceCode] = useState('');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(addDays(today, 6));
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [specialists, setSpecialists] = useState<Specialist[]>([]);
  const [picked, setPicked] = useState<Slot | null>(null);
  const [specialistId, setSpecialistId] = useState('any');
  const [citizenName, setCitizenName] = useState('');
  const [maskedCode, setMaskedCode] = useState('');
  const [taken, setTaken] = useState<{ message: string; next: Slot[] } | null>(null);
  const [confirmed, setConfirmed] = useState<Booking | null>(null);
  const [upcoming, setUpcoming] = useState<Booking[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const takenRef = useRef<HTMLDivElement>(null);
  const formRef = useRef<HTMLHeadingElement>(null);
  const confirmedRef = useRef<HTMLHeadingElement>(null);
  const upcomingRef = useRef<HTMLHeadingElement>(null);
  const [focusTarget, setFocusTarget] = useState<'result' | 'taken' | 'form' | 'confirmed' | 'upcoming' | null>(null);

  useEffect(() => {
    get<ConsultationType[]>('/api/v1/scheduling/consultation-types').then(
      (list) => setTypes([...list].sort((a, b) => a.serviceCode.localeCompare(b.serviceCode))),
      (e: unknown) => setError(errorText(e)),
    );
    get<Service[]>('/api/v1/network/services?channel=remote_video').then(
      (list) => setServices(new Map(list.map((s) => [s.code, s]))),
      () => undefined, // names are a nicety: the codes are shown anyway
    );
  }, [centreIds]);

  useEffect(() => {
    setSpecialists([]);
    if (!serviceCode) return;
    get<Specialist[]>(`/api/v1/scheduling/specialists?serviceCode=${encodeURIComponent(serviceCode)}`).then(setSpecialists, (e: unknown) => setError(errorText(e)));
  }, [serviceCode]);

  // Focus follows the result of the last action (slots, the clash, the booking form, the confirmation).
  useEffect(() => {
    if (!focusTarget) return;
    ({ result: resultRef, taken: takenRef, form: formRef, confirmed: confirmedRef, upcoming: upcomingRef })[focusTarget].current?.focus();
    setFocusTarget(null);
  }, [focusTarget, slots, taken, picked, confirmed, upcoming]);

  const loadUpcoming = useCallback(async (): Promise<void> => {
    if (!serviceCode || !centreId || specialists.length === 0) return setUpcoming([]);
    const now = Date.now();
    const lists = await Promise.all(
      specialists.map((s) => get<Booking[]>(`/api/v1/scheduling/specialists/${s.id}/bookings?from=${rigaDate(new Date())}&to=${addDays(rigaDate(new Date()), 6)}`).catch(() => [] as Booking[])),
    );
    setUpcoming(
      lists
        .flat()
        .filter((b) => b.centreId === centreId && b.serviceCode === serviceCode && b.status === 'confirmed' && Date.parse(b.end) > now)
        .sort((a, b) => a.start.localeCompare(b.start)),
    );
  }, [serviceCode, centreId, specialists]);

  useEffect(() => {
    void loadUpcoming().catch(() => undefined);
  }, [loadUpcoming]);

  const centre = centres.find((c) => c.id === centreId);
  const boothName = (id: string): string => centre?.videoBooths.find((b) => b.id === id)?.name ?? id;
  const specialistName = (id: string): string | undefined => specialists.find((s) => s.id === id)?.displayName;
  const serviceName = (code: string): string => {
    const s = services.get(code);
    return s ? `${code} — ${en ? s.nameEn : s.nameLv}` : code;
  };

  const search = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setPicked(null);
    setTaken(null);
    setConfirmed(null);
    try {
      const q = new URLSearchParams({ serviceCode, centreId, from, to });
      const r = await get<{ slots: Slot[] }>(`/api/v1/scheduling/slots?${q.toString()}`);
      setSlots(r.slots);
      setFocusTarget('result');
    } catch (e) {
      setSlots(null);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = (slot: Slot): void => {
    setPicked(slot);
    setTaken(null);
    setError(null);
    setFieldError(null);
    setSpecialistId('any');
    setFocusTarget('form');
  };

  const book = async (): Promise<void> => {
    if (!picked) return;
    setBusy(true);
    setError(null);
    setFieldError(null);
    setTaken(null);
    try {
      const citizen = { ...(citizenName.trim() && { name: citizenName.trim() }), ...(maskedCode.trim() && { maskedCode: maskedCode.trim() }) };
      const held = await post<Booking>('/api/v1/scheduling/holds', {
        serviceCode,
        centreId,
        start: picked.start,
        specialistId,
        ...(Object.keys(citizen).length > 0 && { citizen }),
      });
      const done = await post<Booking>(`/api/v1/scheduling/bookings/${held.id}/confirm`);
      setConfirmed(done);
      setPicked(null);
      setSlots(null);
      setCitizenName('');
      setMaskedCode('');
      setFocusTarget('confirmed');
      void loadUpcoming().catch(() => undefined);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'BOOKING.SLOT_TAKEN') {
        const next = Array.isArray(e.problem.nextFreeSlots) ? (e.problem.nextFreeSlots as Slot[]) : [];
        setTaken({ message: e.problem.title, next });
        setPicked(null);
        setFocusTarget('taken');
      } else if (e instanceof ApiError && e.fieldError('citizen.maskedCode')) {
        setFieldError(e.fieldError('citizen.maskedCode') ?? e.problem.title);
      } else if (e instanceof ApiError && e.code === 'BOOKING.UNMASKED_PERSONAL_CODE') {
        setFieldError(e.problem.title);
      } else {
        setError(errorText(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const byDay = useMemo(() => {
    const days = new Map<string, Slot[]>();
    for (const s of slots ?? []) {
      const key = rigaDate(s.start);
      days.set(key, [...(days.get(key) ?? []), s]);
    }
    return [...days.entries()];
  }, [slots]);

  const slotButton = (s: Slot): ReactNode => {
    const free = t('freeSpecialists', { count: s.specialistIds.length });
    return (
      <li key={s.start}>
        <button type="button" className="btn slot-btn" onClick={() => pick(s)} data-start={s.start}>
          <span className="visually-hidden">{dayTitle(s.start)} </span>
          <span className="slot-time">{formatTime(s.start)}</span>
          <span className="visually-hidden">, </span>
          <span className="slot-free">{free}</span>
        </button>
      </li>
    );
  };

  if (centreIds.length === 0) {
    return (
      <section className="page">
        <h1>{t('title')}</h1>
        <Notice kind="info">{t('noCentre')}</Notice>
      </section>
    );
  }

  return (
    <section className="page bookings-page" aria-labelledby="bookings-title">
      <h1 id="bookings-title">{t('title')}</h1>
      {error && <Notice kind="error">{error}</Notice>}

      {confirmed ? (
        <BookingSummary
          booking={confirmed}
          headingRef={confirmedRef}
          centreName={centre?.shortName ?? centre?.nameLv ?? confirmed.centreId}
          serviceName={serviceName(confirmed.serviceCode)}
          specialistName={specialistName(confirmed.specialistId)}
          boothName={boothName(confirmed.boothId)}
          onNew={() => {
            setConfirmed(null);
            void search();
          }}
          onCancelled={(b) => {
            setConfirmed(b);
            setFocusTarget('confirmed');
            void loadUpcoming().catch(() => undefined);
          }}
        />
      ) : (
        <>
          <form
            className="card no-print"
            aria-labelledby="bookings-search-title"
            onSubmit={(e) => {
              e.preventDefault();
              void search();
            }}
          >
            <h2 id="bookings-search-title">{t('searchTitle')}</h2>
            {types !== null && types.length === 0 && <Notice kind="info">{t('noTypes')}</Notice>}
            <div className="booking-search-fields">
              <CentrePicker id="bk-centre" label={t('centre')} centreIds={centreIds} centres={centres} value={centreId} onChange={setCentreId} />
              <p className="field">
                <label htmlFor="bk-service">{t('service')}</label>
                <select id="bk-service" value={serviceCode} onChange={(e) => setServiceCode(e.target.value)} required>
                  <option value="">{t('chooseService')}</option>
                  {(types ?? []).map((ct) => (
                    <option key={ct.id} value={ct.serviceCode}>
                      {serviceName(ct.serviceCode)} ({ct.durationMinutes} min)
                    </option>
                  ))}
                </select>
              </p>
              <p className="field">
                <label htmlFor="bk-from">{t('from')}</label>
                <input id="bk-from" type="date" value={from} min={today} onChange={(e) => setFrom(e.target.value)} required />
              </p>
              <p className="field">
                <label htmlFor="bk-to">{t('to')}</label>
                <input id="bk-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} required />
              </p>
            </div>
            <p>
              <button type="submit" className="btn btn-primary" disabled={busy || !serviceCode || !centreId || !from || !to}>
                {busy && !picked ? t('searching') : t('search')}
              </button>
            </p>
          </form>

          {taken && (
            <div className="card taken" ref={takenRef} tabIndex={-1} aria-labelledby="bk-taken-title" role="group">
              <h2 id="bk-taken-title">{t('takenTitle')}</h2>
              <Notice kind="error">{taken.message}</Notice>
              <h3>{t('nextFree')}</h3>
              {taken.next.length === 0 ? <p>{t('noNextFree')}</p> : <ul className="slot-list">{taken.next.map(slotButton)}</ul>}
            </div>
          )}

          {picked ? (
            <form
              className="card booking-form"
              aria-labelledby="bk-form-title"
              onSubmit={(e) => {
                e.preventDefault();
                void book();
              }}
            >
              <h2 id="bk-form-title" ref={formRef} tabIndex={-1}>
                {t('bookTitle', { when: whenText(picked) })}
              </h2>
              <p className="field">
                <label htmlFor="bk-specialist">{t('specialist')}</label>
                <select id="bk-specialist" value={specialistId} onChange={(e) => setSpecialistId(e.target.value)}>
                  <option value="any">{t('anySpecialist')}</option>
                  {picked.specialistIds.map((id) => (
                    <option key={id} value={id}>
                      {specialistName(id) ?? id}
                    </option>
                  ))}
                </select>
              </p>
              <p className="field">
                <label htmlFor="bk-name">{t('citizenName')}</label>
                <input id="bk-name" value={citizenName} maxLength={200} autoComplete="off" onChange={(e) => setCitizenName(e.target.value)} />
              </p>
              <p className="field">
                <label htmlFor="bk-code">{t('maskedCode')}</label>
                <input
                  id="bk-code"
                  value={maskedCode}
                  maxLength={20}
                  autoComplete="off"
                  placeholder="123456-*****"
                  aria-describedby={fieldError ? 'bk-code-hint bk-code-error' : 'bk-code-hint'}
                  aria-invalid={fieldError ? true : undefined}
                  onChange={(e) => setMaskedCode(e.target.value)}
                />
                <span id="bk-code-hint" className="hint">
                  {t('maskedCodeHint')}
                </span>
                {fieldError && (
                  <span id="bk-code-error" className="field-error" role="alert">
                    {fieldError}
                  </span>
                )}
              </p>
              <p className="row">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy ? t('booking') : t('book')}
                </button>
                <button type="button" className="btn btn-quiet" onClick={() => setPicked(null)}>
                  {t('back')}
                </button>
              </p>
            </form>
          ) : (
            slots && (
              <section className="card" aria-labelledby="bk-slots-title">
                <h2 id="bk-slots-title" ref={resultRef} tabIndex={-1}>
                  {t('slotsTitle')}
                </h2>
                <p role="status">{slots.length === 0 ? t('noSlots') : t('slotsFound', { count: slots.length })}</p>
                {byDay.map(([day, list]) => (
                  <section key={day} className="slot-day" aria-labelledby={`bk-day-${day}`}>
                    <h3 id={`bk-day-${day}`}>{dayTitle(list[0]!.start)}</h3>
                    <ul className="slot-list">{list.map(slotButton)}</ul>
                  </section>
                ))}
              </section>
            )
          )}
        </>
      )}

      {serviceCode && (
        <UpcomingList
          bookings={upcoming}
          headingRef={upcomingRef}
          specialistName={specialistName}
          boothName={boothName}
          onCancelled={(b) => {
            if (confirmed?.id === b.id) setConfirmed(b);
            void loadUpcoming()
              .catch(() => undefined)
              .finally(() => setFocusTarget('upcoming'));
          }}
        />
      )}
    </section>
  );
}

function BookingSummary(props: {
  booking: Booking;
  headingRef: RefObject<HTMLHeadingElement | null>;
  centreName: string;
  serviceName: string;
  specialistName: string | undefined;
  boothName: string;
  onNew: () => void;
  onCancelled: (b: Booking) => void;
}): ReactNode {
  const { t } = useTranslation(BOOKINGS_NS);
  const b = props.booking;
  return (
    <section className="card booking-summary" aria-labelledby="bk-confirmed-title" data-booking-id={b.id} data-status={b.status}>
      <p className="print-only">{t('printHeader')}</p>
      <h2 id="bk-confirmed-title" ref={props.headingRef} tabIndex={-1}>
        {b.status === 'confirmed' ? t('confirmedTitle') : t(`statuses.${b.status}`)}
      </h2>
      <dl className="booking-facts">
        <dt>{t('when')}</dt>
        <dd>{whenText(b)}</dd>
        <dt>{t('service')}</dt>
        <dd>{props.serviceName}</dd>
        <dt>{t('centre')}</dt>
        <dd>{props.centreName}</dd>
        <dt>{t('booth')}</dt>
        <dd>{props.boothName}</dd>
        {props.specialistName && (
          <>
            <dt>{t('specialist')}</dt>
            <dd>{props.specialistName}</dd>
          </>
        )}
        {b.citizen?.name && (
          <>
            <dt>{t('citizen')}</dt>
            <dd>
              {b.citizen.name}
              {b.citizen.maskedCode ? `, ${b.citizen.maskedCode}` : ''}
            </dd>
          </>
        )}
        <dt>{t('status')}</dt>
        <dd>{t(`statuses.${b.status}`)}</dd>
        <dt>{t('reference')}</dt>
        <dd className="mono">{b.id}</dd>
      </dl>
      <p className="row no-print">
        <button type="button" className="btn btn-primary" onClick={() => window.print()}>
          {t('print')}
        </button>
        <button type="button" className="btn" onClick={props.onNew}>
          {t('newBooking')}
        </button>
      </p>
      {b.status === 'confirmed' && <CancelForm booking={b} onCancelled={props.onCancelled} />}
    </section>
  );
}

function CancelForm({ booking, onCancelled }: { booking: Booking; onCancelled: (b: Booking) => void }): ReactNode {
  const { t } = useTranslation(BOOKINGS_NS);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [code, setCode] = useState<(typeof CANCEL_REASONS)[number]>('citizen_request');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idp = `bk-cancel-${booking.id}`;
  if (!open) {
    return (
      <p className="no-print">
        <button type="button" className="btn btn-danger" onClick={() => setOpen(true)} aria-label={`${t('cancel')}: ${whenText(booking)}`}>
          {t('cancel')}
        </button>
      </p>
    );
  }
  return (
    <form
      className="cancel-form no-print"
      aria-label={`${t('cancel')}: ${whenText(booking)}`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        post<Booking>(`/api/v1/scheduling/bookings/${booking.id}/cancel`, { reason: reason.trim(), reasonCode: code })
          .then(onCancelled, (err: unknown) => setError(errorText(err)))
          .finally(() => setBusy(false));
      }}
    >
      {error && <Notice kind="error">{error}</Notice>}
      <p className="field">
        <label htmlFor={`${idp}-code`}>{t('cancelReasonCode')}</label>
        <select id={`${idp}-code`} value={code} onChange={(e) => setCode(e.target.value as (typeof CANCEL_REASONS)[number])}>
          {CANCEL_REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`reasons.${r}`)}
            </option>
          ))}
        </select>
      </p>
      <p className="field">
        <label htmlFor={`${idp}-reason`}>{t('cancelReason')}</label>
        <input id={`${idp}-reason`} value={reason} maxLength={500} required autoFocus onChange={(e) => setReason(e.target.value)} />
      </p>
      <p className="row">
        <button type="submit" className="btn btn-danger" disabled={busy || !reason.trim()}>
          {t('confirmCancel')}
        </button>
        <button type="button" className="btn btn-quiet" onClick={() => setOpen(false)}>
          {t('back')}
        </button>
      </p>
    </form>
  );
}

function UpcomingList(props: {
  bookings: Booking[];
  headingRef: RefObject<HTMLHeadingElement | null>;
  specialistName: (id: string) => string | undefined;
  boothName: (id: string) => string;
  onCancelled: (b: Booking) => void;
}): ReactNode {
  const { t } = useTranslation(BOOKINGS_NS);
  return (
    <section className="card no-print" aria-labelledby="bk-upcoming-title">
      <h2 id="bk-upcoming-title" ref={props.headingRef} tabIndex={-1}>
        {t('upcomingTitle')}
      </h2>
      {props.bookings.length === 0 ? (
        <p>{t('upcomingEmpty')}</p>
      ) : (
        <ul className="upcoming-list" data-testid="upcoming-bookings">
          {props.bookings.map((b) => (
            <li key={b.id} data-booking-id={b.id}>
              <span>
                {whenText(b)} · {b.serviceCode} · {props.specialistName(b.specialistId) ?? '—'} · {props.boothName(b.boothId)}
              </span>
              <CancelForm booking={b} onCancelled={props.onCancelled} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
