// Today's booked consultations of the calling specialist: the bookings from Scheduling
// (GET /api/v1/scheduling/specialists/me/bookings, today in Europe/Riga) joined by booking id with
// their video sessions from RemoteOfficial (GET /api/v1/remote-official/booked-sessions). "Join"
// opens the session once its join window is open; before that the window's opening time is shown.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { Notice, useNow } from '../../lib/layout';
import { REMOTE_NS } from './remote-i18n';
import type { RemoteSession, SpecialistBooking } from './remote-types';

/** Session states in which the specialist can (re)join the room. */
const JOINABLE: ReadonlyArray<RemoteSession['status']> = ['scheduled', 'room_ready', 'participants_joined', 'in_call', 'interrupted'];
/** Bookings worth showing in the day's agenda (holds and replaced bookings are not sessions). */
const SHOWN: ReadonlyArray<SpecialistBooking['status']> = ['confirmed', 'completed', 'no_show', 'cancelled'];

interface Row {
  booking: SpecialistBooking;
  session: RemoteSession | null;
}

export function BookedToday({ changed, onJoin }: { changed: number; onJoin: (sessionId: string) => void }): ReactNode {
  const { t } = useTranslation(REMOTE_NS);
  const now = useNow(1000);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const bookings = (await get<SpecialistBooking[]>('/api/v1/scheduling/specialists/me/bookings')).filter((b) => SHOWN.includes(b.status));
      let sessions: RemoteSession[] = [];
      if (bookings.length > 0) {
        const from = bookings[0]!.start;
        const to = new Date(new Date(bookings[bookings.length - 1]!.start).getTime() + 1).toISOString();
        sessions = await get<RemoteSession[]>(`/api/v1/remote-official/booked-sessions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`);
      }
      const byBooking = new Map(sessions.map((s) => [s.bookingId, s]));
      setRows(bookings.map((booking) => ({ booking, session: byBooking.get(booking.id) ?? null })));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load, changed]);
  useEffect(() => {
    const id = setInterval(() => void load(), 60_000);
    return () => clearInterval(id);
  }, [load]);

  return (
    <section className="card" aria-labelledby="booked-title">
      <h2 id="booked-title">{t('bookedToday')}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {rows === null ? null : rows.length === 0 ? (
        <p>{t('bookedNone')}</p>
      ) : (
        <ol className="booked-list" data-testid="booked-today">
          {rows.map(({ booking, session }) => {
            const time = `${formatTime(booking.start)}–${formatTime(booking.end)}`;
            const canJoin = booking.status === 'confirmed' && session !== null && JOINABLE.includes(session.status);
            const opensAt = session?.joinOpensAt ? new Date(session.joinOpensAt).getTime() : null;
            const open = canJoin && (opensAt === null || now >= opensAt);
            return (
              <li key={booking.id} data-booking-id={booking.id}>
                <strong>{time}</strong> {booking.serviceCode} ·{' '}
                {session && booking.status === 'confirmed' ? t(`statuses.${session.status}`) : t(`bookingStatuses.${booking.status}`)}
                {canJoin && (
                  <>
                    {' '}
                    <button type="button" className="btn btn-small btn-primary" disabled={!open} onClick={() => onJoin(session.id)} aria-label={`${t('join')}: ${booking.serviceCode} ${time}`}>
                      {t('join')}
                    </button>
                    {!open && opensAt !== null && <span className="muted"> {t('joinOpensAt', { time: formatTime(opensAt) })}</span>}
                  </>
                )}
                {booking.status === 'confirmed' && !session && <span className="muted"> {t('noSessionYet')}</span>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
