// Administration dashboard: KPIs against the mission's targets and the map of centres, report
// charts with filters and exports, centre management, e-form versions, and the health of
// deliveries to institutions. Sections are tabs (keyboard: arrow keys move between them).
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { formatDate, formatNumber } from '../../lib/format';
import { Notice, Spinner } from '../../lib/layout';
import type { PageProps } from '../../lib/routes';
import { ADMIN_NS } from './admin-i18n';
import { CentresMap, type CentreFeature } from './CentresMap';
import { CentresPanel } from './CentresPanel';
import { DeliveriesPanel } from './DeliveriesPanel';
import { EFormsPanel } from './EFormsPanel';
import { ReportsPanel } from './ReportsPanel';
import './admin.css';

interface KpiReport {
  asOf: string;
  centres: { registered: number; active: number; target: number | null; progress: number | null };
  newContactPoints: { registered: number; active: number; target: number | null; progress: number | null };
  reusableEforms: { configured: number; baseline: number; target: number };
}

type Tab = 'overview' | 'reports' | 'centres' | 'eforms' | 'deliveries';

export default function AdminPage(_props: PageProps): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const session = useSession();
  const tabs: Tab[] = ['overview', 'reports', 'centres', 'eforms'];
  if (session.hasRole('network_admin', 'auditor')) tabs.push('deliveries');
  const [tab, setTab] = useState<Tab>('overview');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});

  const onKey = (e: KeyboardEvent<HTMLDivElement>): void => {
    const i = tabs.indexOf(tab);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    setTab(tabs[next]!);
    refs.current[tabs[next]!]?.focus();
  };

  return (
    <section className="page admin-page" aria-labelledby="admin-title">
      <h1 id="admin-title">{t('title')}</h1>
      <div role="tablist" aria-label={t('tabsLabel')} className="tabs" onKeyDown={onKey}>
        {tabs.map((id) => (
          <button
            key={id}
            ref={(el) => {
              refs.current[id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${id}`}
            aria-selected={tab === id}
            aria-controls={`panel-${id}`}
            tabIndex={tab === id ? 0 : -1}
            className={`tab${tab === id ? ' tab-selected' : ''}`}
            onClick={() => setTab(id)}
          >
            {t(`tabs.${id}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {tab === 'overview' && <Overview />}
        {tab === 'reports' && <ReportsPanel />}
        {tab === 'centres' && <CentresPanel />}
        {tab === 'eforms' && <EFormsPanel />}
        {tab === 'deliveries' && <DeliveriesPanel />}
      </div>
    </section>
  );
}

function Indicator({ id, title, value, target, note }: { id: string; title: string; value: number; target: number | null; note?: string }): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const percent = target ? Math.min(100, Math.round((value / target) * 100)) : null;
  return (
    <div className="kpi-card" data-kpi={id}>
      <h3 id={`kpi-${id}`}>{title}</h3>
      <p className="kpi-value">
        <span data-testid={`kpi-${id}-value`}>{formatNumber(value)}</span>
        {target !== null && <span className="kpi-target"> / {formatNumber(target)}</span>}
      </p>
      {percent !== null && (
        <>
          <progress max={100} value={percent} aria-labelledby={`kpi-${id}`} />
          <p className="muted">{t('kpi.progress', { percent })}</p>
        </>
      )}
      {note && <p className="muted">{note}</p>}
    </div>
  );
}

function Overview(): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const [kpis, setKpis] = useState<KpiReport | null>(null);
  const [features, setFeatures] = useState<CentreFeature[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<KpiReport>('/api/v1/reporting/kpis').then(setKpis, (e: unknown) => setError(errorText(e)));
    get<{ features: CentreFeature[] }>('/api/v1/network/centres.geojson').then((g) => setFeatures(g.features), (e: unknown) => setError(errorText(e)));
  }, []);

  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      <section aria-labelledby="kpi-title">
        <h2 id="kpi-title">{t('kpi.title')}</h2>
        {!kpis ? (
          <Spinner />
        ) : (
          <>
            <div className="kpi-grid">
              <Indicator id="centres" title={t('kpi.centres')} value={kpis.centres.registered} target={kpis.centres.target ?? 315} note={t('kpi.active', { active: kpis.centres.active })} />
              <Indicator id="contact-points" title={t('kpi.contactPoints')} value={kpis.newContactPoints.registered} target={kpis.newContactPoints.target ?? 99} note={t('kpi.active', { active: kpis.newContactPoints.active })} />
              <Indicator id="eforms" title={t('kpi.eforms')} value={kpis.reusableEforms.configured} target={kpis.reusableEforms.target} />
            </div>
            <p className="muted">{t('kpi.asOf', { date: formatDate(kpis.asOf) })}</p>
          </>
        )}
      </section>
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t('map.heading')}</h2>
        {features ? <CentresMap features={features} /> : <Spinner />}
      </section>
    </>
  );
}
