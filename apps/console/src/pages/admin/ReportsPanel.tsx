// Report charts (Chart.js, tree-shaken) with filters, each with its numbers as a table for screen
// readers, and downloads of the same reports as CSV or XLSX.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';
import { errorText, get } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { locale } from '../../lib/i18n';
import { Notice, Spinner } from '../../lib/layout';
import { ADMIN_NS } from './admin-i18n';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

interface ServiceReport {
  periods: string[];
  series: Array<{ label: string; data: number[]; total: number }>;
  totals: { services: number };
}
interface WaitReport {
  periods: string[];
  series: Array<{ label: string; points: Array<{ period: string; wait: { medianSeconds: number | null } }> }>;
}
interface ClerkReport {
  series: Array<{ key: { clerkId?: string | null }; points: Array<{ visits: number; served: number; wait: { medianSeconds: number | null }; service: { medianSeconds: number | null } }> }>;
}
interface FeedbackReport {
  periods: string[];
  series: Array<{ label: string; points: Array<{ period: string; responses: number; ratings: number[] }> }>;
}
interface Institution {
  code: string;
  nameLv: string;
  nameEn: string;
}

const COLOURS = ['#0b5cad', '#1b6e3a', '#8a5a00', '#a4262c', '#5b3f8c', '#00707a'];
const isoDay = (d: Date): string => d.toISOString().slice(0, 10);

function ChartBox({ id, title, config, rows }: { id: string; title: string; config: ChartConfiguration; rows: Array<[string, string]> }): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, locale: locale(), ...config.options } });
    return () => chart.destroy();
  }, [config]);
  return (
    <figure className="chart-box" data-chart={id}>
      <figcaption>
        <h3>{title}</h3>
      </figcaption>
      <div className="chart-canvas">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{t('charts.tableSummary')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('charts.period')}</th>
              <th scope="col">{t('charts.value')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([k, v], i) => (
              <tr key={i}>
                <th scope="row">{k}</th>
                <td>{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export function ReportsPanel(): ReactNode {
  const { t, i18n } = useTranslation(ADMIN_NS);
  const session = useSession();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 29 * 86400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [interval, setInterval_] = useState<'day' | 'week' | 'month'>('day');
  const [institution, setInstitution] = useState('');
  const [institutions, setInstitutions] = useState<Institution[]>([]);
  const [query, setQuery] = useState('');
  const [services, setServices] = useState<ServiceReport | null>(null);
  const [waits, setWaits] = useState<WaitReport | null>(null);
  const [feedback, setFeedback] = useState<FeedbackReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  const params = (): string => {
    const p = new URLSearchParams({ from, to, interval });
    if (institution) p.set('institution', institution);
    return p.toString();
  };

  const load = (): void => {
    const q = params();
    setQuery(q);
    setError(null);
    setServices(null);
    setWaits(null);
    setFeedback(null);
    get<ServiceReport>(`/api/v1/reporting/services?${q}`).then(setServices, (e: unknown) => setError(errorText(e)));
    get<WaitReport>(`/api/v1/reporting/wait-times?${q}`).then(setWaits, (e: unknown) => setError(errorText(e)));
    const fq = new URLSearchParams(q);
    fq.set('interval', 'total');
    get<FeedbackReport>(`/api/v1/reporting/feedback?${fq.toString()}`).then(setFeedback, (e: unknown) => setError(errorText(e)));
  };

  useEffect(() => {
    get<Institution[]>('/api/v1/network/institutions').then(setInstitutions, () => undefined);
    load();
  }, []);

  const download = async (report: string, format: 'csv' | 'xlsx'): Promise<void> => {
    setError(null);
    try {
      const res = await fetch(`/api/v1/reporting/${report}?${query}&format=${format}`, { headers: { authorization: `Bearer ${session.token ?? ''}` } });
      if (!res.ok) throw new Error(res.statusText);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${report}-${from}-${to}.${format}`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const serviceConfig: ChartConfiguration | null = services
    ? {
        type: 'bar',
        data: {
          labels: services.periods,
          datasets: [...services.series]
            .sort((a, b) => b.total - a.total)
            .slice(0, 6)
            .map((s, i) => ({ label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length] })),
        },
        options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
      }
    : null;
  const waitSeries = waits?.series[0];
  const waitConfig: ChartConfiguration | null = waits
    ? {
        type: 'line',
        data: {
          labels: waits.periods,
          datasets: waits.series.slice(0, 6).map((s, i) => ({
            label: s.label,
            data: s.points.map((p) => (p.wait.medianSeconds === null ? null : Math.round(p.wait.medianSeconds / 6) / 10)),
            borderColor: COLOURS[i % COLOURS.length],
            backgroundColor: COLOURS[i % COLOURS.length],
          })),
        },
        options: { scales: { y: { beginAtZero: true, title: { display: true, text: t('charts.minutes') } } } },
      }
    : null;
  const ratings = feedback?.series.reduce<number[]>((acc, s) => {
    for (const p of s.points) p.ratings.forEach((n, i) => (acc[i] = (acc[i] ?? 0) + n));
    return acc;
  }, [0, 0, 0, 0, 0]);
  const feedbackConfig: ChartConfiguration | null = ratings
    ? {
        type: 'bar',
        data: { labels: [1, 2, 3, 4, 5].map((n) => t('charts.rating', { n })), datasets: [{ label: t('charts.responses'), data: ratings, backgroundColor: '#0b5cad' }] },
        options: { scales: { y: { beginAtZero: true } } },
      }
    : null;

  return (
    <>
      <form
        className="filters card"
        aria-labelledby="filters-title"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <h2 id="filters-title">{t('filters.title')}</h2>
        <div className="row">
          <p className="field">
            <label htmlFor="f-from">{t('filters.from')}</label>
            <input id="f-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </p>
          <p className="field">
            <label htmlFor="f-to">{t('filters.to')}</label>
            <input id="f-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </p>
          <p className="field">
            <label htmlFor="f-interval">{t('filters.interval')}</label>
            <select id="f-interval" value={interval} onChange={(e) => setInterval_(e.target.value as 'day' | 'week' | 'month')}>
              {(['day', 'week', 'month'] as const).map((v) => (
                <option key={v} value={v}>
                  {t(`filters.intervals.${v}`)}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor="f-institution">{t('filters.institution')}</label>
            <select id="f-institution" value={institution} onChange={(e) => setInstitution(e.target.value)}>
              <option value="">{t('filters.all')}</option>
              {institutions.map((i) => (
                <option key={i.code} value={i.code}>
                  {i.code} — {i18n.language === 'en' ? i.nameEn : i.nameLv}
                </option>
              ))}
            </select>
          </p>
          <p className="field field-button">
            <button type="submit" className="btn btn-primary">
              {t('filters.apply')}
            </button>
          </p>
        </div>
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      <div className="chart-grid">
        {serviceConfig && services ? (
          <div>
            <ChartBox id="services" title={t('charts.services')} config={serviceConfig} rows={services.periods.map((p, i) => [p, String(services.series.reduce((n, s) => n + (s.data[i] ?? 0), 0))])} />
            <p data-testid="services-total">{services.totals.services === 0 ? t('charts.empty') : t('charts.servicesTotal', { total: services.totals.services })}</p>
          </div>
        ) : (
          <Spinner />
        )}
        {waitConfig && waits ? (
          <ChartBox id="wait-times" title={t('charts.waitTimes')} config={waitConfig} rows={(waitSeries?.points ?? []).map((p) => [p.period, p.wait.medianSeconds === null ? '—' : String(Math.round(p.wait.medianSeconds / 60))])} />
        ) : (
          <Spinner />
        )}
        {feedbackConfig && ratings ? <ChartBox id="feedback" title={t('charts.feedback')} config={feedbackConfig} rows={ratings.map((n, i) => [t('charts.rating', { n: i + 1 }), String(n)])} /> : <Spinner />}
      </div>
      {session.hasRole('network_admin', 'auditor', 'municipality_coordinator') && <ClerkFigures query={query} />}
      <section className="card" aria-labelledby="exports-title">
        <h2 id="exports-title">{t('exports.title')}</h2>
        <ul className="exports">
          {(
            [
              ['services', t('charts.services')],
              ['wait-times', t('charts.waitTimes')],
              ['feedback', t('charts.feedback')],
            ] as const
          ).map(([report, name]) =>
            (['csv', 'xlsx'] as const).map((format) => (
              <li key={`${report}-${format}`}>
                <a
                  href={`/api/v1/reporting/${report}?${query}&format=${format}`}
                  onClick={(e) => {
                    e.preventDefault();
                    void download(report, format);
                  }}
                >
                  {t('exports.download', { report: name, format: format.toUpperCase() })}
                </a>
              </li>
            )),
          )}
        </ul>
      </section>
    </>
  );
}

const minutesOf = (seconds: number | null): string => (seconds === null ? '—' : (Math.round(seconds / 6) / 10).toLocaleString(locale()));

/**
 * Wait and service times per clerk (ADR 0012): staff data, so fetched only when asked for (each
 * answered request is an audited read), for the filters' period and institution.
 */
function ClerkFigures({ query }: { query: string }): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const [report, setReport] = useState<ClerkReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setReport(null), [query]);
  const show = (): void => {
    const q = new URLSearchParams(query);
    q.set('interval', 'total');
    q.set('groupBy', 'clerk');
    setBusy(true);
    setError(null);
    get<ClerkReport>(`/api/v1/reporting/wait-times?${q.toString()}`)
      .then(setReport, (e: unknown) => setError(errorText(e)))
      .finally(() => setBusy(false));
  };
  const rows = (report?.series ?? []).map((s) => ({ clerk: s.key.clerkId ?? null, ...s.points[0]! })).sort((a, b) => b.visits - a.visits);
  return (
    <section className="card clerk-figures" aria-labelledby="clerk-figures-title">
      <h2 id="clerk-figures-title">{t('clerks.title')}</h2>
      <p className="hint">{t('clerks.help')}</p>
      {!report && (
        <button type="button" className="btn" onClick={show} disabled={busy || !query}>
          {t('clerks.show')}
        </button>
      )}
      {error && <Notice kind="error">{error}</Notice>}
      {report &&
        (rows.length === 0 ? (
          <p>{t('clerks.empty')}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t('clerks.clerk')}</th>
                <th scope="col">{t('clerks.visits')}</th>
                <th scope="col">{t('clerks.served')}</th>
                <th scope="col">{t('clerks.wait')}</th>
                <th scope="col">{t('clerks.service')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.clerk ?? '-'} data-clerk={r.clerk ?? ''}>
                  <th scope="row">{r.clerk ?? t('clerks.never')}</th>
                  <td>{r.visits}</td>
                  <td>{r.served}</td>
                  <td>{minutesOf(r.wait.medianSeconds)}</td>
                  <td>{minutesOf(r.service.medianSeconds)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
