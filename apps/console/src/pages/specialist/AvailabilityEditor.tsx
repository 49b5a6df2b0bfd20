// The specialist's week: working intervals per weekday, absences, holiday rule (PUT replaces all).
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, put } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { Notice, Spinner } from '../../lib/layout';
import { REMOTE_NS } from './remote-i18n';

interface Interval {
  from: string;
  to: string;
}
interface Absence {
  id?: string;
  from: string;
  to: string;
  handOffToSpecialistId?: string;
}
interface Schedule {
  timeZone?: string;
  weekly: Record<string, Interval[]>;
  overrides?: Array<{ date: string; intervals?: Interval[]; closed?: boolean }>;
  absences?: Absence[];
  followsPublicHolidays?: boolean;
  shortenBeforeHolidays?: boolean;
}
interface Specialist {
  id: string;
  userId: string;
  displayName: string;
}

// <input type="datetime-local"> works in local wall-clock time; the API wants instants.
const toLocalInput = (iso: string): string => {
  const d = new Date(iso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

export function AvailabilityEditor(): ReactNode {
  const { t } = useTranslation(REMOTE_NS);
  const session = useSession();
  const [specialist, setSpecialist] = useState<Specialist | null | undefined>(undefined);
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const weekdays = t('weekdays', { returnObjects: true }) as string[];

  useEffect(() => {
    const p = session.principal;
    if (!p?.institutionId) {
      setSpecialist(null);
      return;
    }
    get<Specialist[]>(`/api/v1/scheduling/specialists?institutionId=${p.institutionId}`)
      .then(async (list) => {
        const me = list.find((s) => s.userId === p.subject) ?? null;
        setSpecialist(me);
        if (me) {
          const s = await get<Schedule | null>(`/api/v1/scheduling/specialists/${me.id}/availability`);
          setSchedule({
            weekly: s?.weekly ?? {},
            overrides: s?.overrides ?? [],
            absences: (s?.absences ?? []).map((a) => ({ ...a, from: toLocalInput(a.from), to: toLocalInput(a.to) })),
            followsPublicHolidays: s?.followsPublicHolidays ?? true,
            shortenBeforeHolidays: s?.shortenBeforeHolidays ?? false,
            timeZone: s?.timeZone,
          });
        }
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, [session.principal]);

  if (specialist === undefined) return <Spinner />;
  if (specialist === null)
    return (
      <section className="card" aria-labelledby="availability-title">
        <h2 id="availability-title">{t('availability')}</h2>
        <p>{t('noSpecialist')}</p>
      </section>
    );
  if (!schedule) return error ? <Notice kind="error">{error}</Notice> : <Spinner />;

  const setDay = (day: number, intervals: Interval[]): void => {
    setSaved(false);
    setSchedule({ ...schedule, weekly: { ...schedule.weekly, [String(day)]: intervals } });
  };
  const setAbsences = (absences: Absence[]): void => {
    setSaved(false);
    setSchedule({ ...schedule, absences });
  };

  const save = async (): Promise<void> => {
    setError(null);
    try {
      const weekly: Record<string, Interval[]> = {};
      for (const [day, intervals] of Object.entries(schedule.weekly)) if (intervals.length > 0) weekly[day] = intervals;
      await put(`/api/v1/scheduling/specialists/${specialist.id}/availability`, {
        weekly,
        overrides: schedule.overrides,
        absences: (schedule.absences ?? []).filter((a) => a.from && a.to).map((a) => ({ ...a, from: new Date(a.from).toISOString(), to: new Date(a.to).toISOString() })),
        followsPublicHolidays: schedule.followsPublicHolidays,
        shortenBeforeHolidays: schedule.shortenBeforeHolidays,
        ...(schedule.timeZone ? { timeZone: schedule.timeZone } : {}),
      });
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="card availability" aria-labelledby="availability-title">
      <h2 id="availability-title">
        {t('availability')} — {specialist.displayName}
      </h2>
      {error && <Notice kind="error">{error}</Notice>}
      {saved && <Notice kind="success">{t('saved')}</Notice>}
      <table className="week-table">
        <caption className="visually-hidden">{t('availability')}</caption>
        <tbody>
          {weekdays.map((name, i) => {
            const day = i + 1;
            const intervals = schedule.weekly[String(day)] ?? [];
            return (
              <tr key={day}>
                <th scope="row">{name}</th>
                <td>
                  {intervals.length === 0 && <span className="muted">{t('dayOff')}</span>}
                  {intervals.map((iv, j) => (
                    <span key={j} className="interval">
                      <label>
                        <span className="visually-hidden">
                          {name} {t('from')}
                        </span>
                        <input type="time" value={iv.from} onChange={(e) => setDay(day, intervals.map((x, k) => (k === j ? { ...x, from: e.target.value } : x)))} />
                      </label>
                      –
                      <label>
                        <span className="visually-hidden">
                          {name} {t('to')}
                        </span>
                        <input type="time" value={iv.to} onChange={(e) => setDay(day, intervals.map((x, k) => (k === j ? { ...x, to: e.target.value } : x)))} />
                      </label>
                      <button type="button" className="btn btn-small btn-quiet" aria-label={`${t('removeInterval')}: ${name} ${iv.from}–${iv.to}`} onClick={() => setDay(day, intervals.filter((_, k) => k !== j))}>
                        ✕
                      </button>
                    </span>
                  ))}
                  <button type="button" className="btn btn-small" aria-label={`${t('addInterval')}: ${name}`} onClick={() => setDay(day, [...intervals, { from: '09:00', to: '16:00' }])}>
                    +
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="field-inline">
        <input id="follows-holidays" type="checkbox" checked={!!schedule.followsPublicHolidays} onChange={(e) => setSchedule({ ...schedule, followsPublicHolidays: e.target.checked })} />
        <label htmlFor="follows-holidays">{t('followsHolidays')}</label>
      </p>
      <h3>{t('absences')}</h3>
      {(schedule.absences ?? []).length === 0 && <p>{t('noAbsences')}</p>}
      <ul className="absences">
        {(schedule.absences ?? []).map((a, i) => (
          <li key={a.id ?? i}>
            <label>
              {t('from')} <input type="datetime-local" value={a.from} onChange={(e) => setAbsences((schedule.absences ?? []).map((x, k) => (k === i ? { ...x, from: e.target.value } : x)))} />
            </label>{' '}
            <label>
              {t('to')} <input type="datetime-local" value={a.to} onChange={(e) => setAbsences((schedule.absences ?? []).map((x, k) => (k === i ? { ...x, to: e.target.value } : x)))} />
            </label>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setAbsences((schedule.absences ?? []).filter((_, k) => k !== i))}>
              {t('removeInterval')}
            </button>
          </li>
        ))}
      </ul>
      <p className="form-actions">
        <button type="button" className="btn" onClick={() => setAbsences([...(schedule.absences ?? []), { from: '', to: '' }])}>
          {t('addAbsence')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('save')}
        </button>
      </p>
    </section>
  );
}
