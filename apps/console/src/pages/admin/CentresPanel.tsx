// Centre management: find a centre, change its status (with the date and reason), replace its
// opening hours, add video booths, assign staff and end their assignments (StaffSection), register
// and revoke kiosks and displays (DevicesSection).
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, post, put } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { Notice, Spinner } from '../../lib/layout';
import { ADMIN_NS } from './admin-i18n';
import { DevicesSection } from './DevicesSection';
import { StaffSection } from './StaffSection';

interface Centre {
  id: string;
  code: string;
  nameLv: string;
  shortName: string;
  municipalityNameLv?: string;
  status: string;
  videoBooths: Array<{ id: string; name: string; active: boolean }>;
}
interface Hours {
  weeklyDescription: { lv: string; en: string };
  spec: unknown;
}

const STATUSES = ['planned', 'premises_ready', 'equipped', 'active', 'suspended', 'closed'];
const todayIso = (): string => new Date().toISOString().slice(0, 10);

export function CentresPanel(): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const [q, setQ] = useState('');
  const [list, setList] = useState<Centre[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = (): void => {
    setError(null);
    const p = new URLSearchParams({ pageSize: '25' });
    if (q.trim().length >= 2) p.set('q', q.trim());
    get<{ items: Centre[] }>(`/api/v1/network/centres?${p.toString()}`).then((r) => setList(r.items), (e: unknown) => setError(errorText(e)));
  };
  useEffect(search, []);

  return (
    <>
      <form
        className="row"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          search();
        }}
      >
        <p className="field">
          <label htmlFor="centre-q">{t('centres.search')}</label>
          <input id="centre-q" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </p>
        <p className="field field-button">
          <button type="submit" className="btn">
            {t('centres.searchButton')}
          </button>
        </p>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {!list ? (
        <Spinner />
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('centres.name')}</th>
              <th scope="col">{t('centres.municipality')}</th>
              <th scope="col">{t('centres.status')}</th>
              <th scope="col">{t('centres.booths')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('centres.select')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.nameLv}</th>
                <td>{c.municipalityNameLv ?? ''}</td>
                <td>{t(`centreStatus.${c.status}`, { defaultValue: c.status })}</td>
                <td>{c.videoBooths.length}</td>
                <td>
                  <button type="button" className="btn btn-small" aria-label={`${t('centres.select')}: ${c.nameLv}`} onClick={() => setSelected(c.id)}>
                    {t('centres.select')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {selected && <CentreDetails key={selected} id={selected} onChanged={search} />}
    </>
  );
}

function CentreDetails({ id, onChanged }: { id: string; onChanged: () => void }): ReactNode {
  const { t, i18n } = useTranslation(ADMIN_NS);
  const session = useSession();
  const manager = session.hasRole('network_admin', 'municipality_coordinator');
  const [centre, setCentre] = useState<Centre | null>(null);
  const [hours, setHours] = useState<Hours | null>(null);
  const [hoursText, setHoursText] = useState('');
  const [status, setStatus] = useState('active');
  const [effectiveOn, setEffectiveOn] = useState(todayIso());
  const [reason, setReason] = useState('');
  const [booth, setBooth] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (): void => {
    get<Centre>(`/api/v1/network/centres/${id}`).then((c) => {
      setCentre(c);
      setStatus(c.status);
    }, (e: unknown) => setError(errorText(e)));
    get<Hours>(`/api/v1/network/centres/${id}/opening-hours`).then((h) => {
      setHours(h);
      setHoursText(JSON.stringify(h.spec, null, 2));
    }, () => undefined);
  };
  useEffect(load, [id]);

  const act = async (fn: () => Promise<unknown>, done: string): Promise<void> => {
    setError(null);
    setMessage(null);
    try {
      await fn();
      setMessage(done);
      load();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!centre) return <Spinner />;
  return (
    <section className="card centre-details" aria-labelledby="centre-details-title">
      <h2 id="centre-details-title">{t('centres.details', { name: centre.nameLv })}</h2>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      <form
        aria-labelledby="status-title"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => post(`/api/v1/network/centres/${id}/status`, { status, effectiveOn, ...(reason ? { reason } : {}) }), t('centres.statusChanged'));
        }}
      >
        <h3 id="status-title">{t('centres.changeStatus')}</h3>
        <div className="row">
          <p className="field">
            <label htmlFor="c-status">{t('centres.newStatus')}</label>
            <select id="c-status" value={status} onChange={(e) => setStatus(e.target.value)} disabled={!manager}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`centreStatus.${s}`)}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor="c-effective">{t('centres.effectiveOn')}</label>
            <input id="c-effective" type="date" value={effectiveOn} onChange={(e) => setEffectiveOn(e.target.value)} disabled={!manager} />
          </p>
          <p className="field">
            <label htmlFor="c-reason">{t('centres.reason')}</label>
            <input id="c-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} disabled={!manager} />
          </p>
          <p className="field field-button">
            <button type="submit" className="btn" disabled={!manager}>
              {t('centres.apply')}
            </button>
          </p>
        </div>
      </form>
      <form
        aria-labelledby="hours-title"
        onSubmit={(e) => {
          e.preventDefault();
          let spec: unknown;
          try {
            spec = JSON.parse(hoursText);
          } catch (err) {
            setError((err as Error).message);
            return;
          }
          void act(() => put(`/api/v1/network/centres/${id}/opening-hours`, { openingHours: spec }), t('centres.hoursSaved'));
        }}
      >
        <h3 id="hours-title">{t('centres.hours')}</h3>
        {hours && <p>{i18n.language === 'en' ? hours.weeklyDescription.en : hours.weeklyDescription.lv}</p>}
        <p className="field">
          <label htmlFor="c-hours">{t('centres.hoursHelp')}</label>
          <textarea id="c-hours" rows={8} className="mono" value={hoursText} onChange={(e) => setHoursText(e.target.value)} disabled={!manager} />
        </p>
        <p>
          <button type="submit" className="btn" disabled={!manager}>
            {t('centres.saveHours')}
          </button>
        </p>
      </form>
      <form
        aria-labelledby="booths-title"
        onSubmit={(e) => {
          e.preventDefault();
          if (booth.trim()) void act(() => post(`/api/v1/network/centres/${id}/video-booths`, { name: booth.trim() }), t('centres.boothAdded')).then(() => setBooth(''));
        }}
      >
        <h3 id="booths-title">{t('centres.boothsTitle')}</h3>
        {centre.videoBooths.length === 0 ? <p>{t('centres.none')}</p> : <ul>{centre.videoBooths.map((b) => <li key={b.id}>{b.name}</li>)}</ul>}
        <div className="row">
          <p className="field">
            <label htmlFor="c-booth">{t('centres.boothName')}</label>
            <input id="c-booth" value={booth} maxLength={80} onChange={(e) => setBooth(e.target.value)} disabled={!manager} />
          </p>
          <p className="field field-button">
            <button type="submit" className="btn" disabled={!manager}>
              {t('centres.addBooth')}
            </button>
          </p>
        </div>
      </form>
      <StaffSection centreId={centre.id} manager={manager} />
      {/* Setting up a centre's queue devices is for network administrators (and the centre's own clerks, through the API). */}
      {session.hasRole('network_admin') && <DevicesSection centreId={centre.id} />}
    </section>
  );
}
