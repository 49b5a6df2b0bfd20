// Health of deliveries to institutions: counts by state, the failing and dead ones with their last
// error, and manual redelivery (administrators).
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText, get, post } from '../../lib/api';
import { useSession } from '../../lib/auth';
import { formatDate, formatTime } from '../../lib/format';
import { Notice, Spinner } from '../../lib/layout';
import { ADMIN_NS } from './admin-i18n';

interface Delivery {
  id: string;
  applicationId: string;
  kind: string;
  /** What is delivered: the application itself, or the notice that it was withdrawn. */
  event?: string;
  status: string;
  attempts: number;
  lastError: string | null;
  lastHttpStatus: number | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export function DeliveriesPanel(): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const session = useSession();
  const canRedeliver = session.hasRole('network_admin');
  const [all, setAll] = useState<Delivery[] | null>(null);
  const [dead, setDead] = useState<Delivery[] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = (): void => {
    get<Delivery[]>('/api/v1/intake/deliveries?limit=500').then(setAll, (e: unknown) => setError(errorText(e)));
    get<Delivery[]>('/api/v1/intake/dead-letters?limit=200').then(setDead, (e: unknown) => setError(errorText(e)));
  };
  useEffect(load, []);

  const redeliver = async (id: string): Promise<void> => {
    setError(null);
    try {
      await post(`/api/v1/intake/deliveries/${id}/redeliver`);
      setMessage(t('deliveries.redelivered'));
      load();
    } catch (e) {
      setError(errorText(e));
    }
  };

  if (!all || !dead) return error ? <Notice kind="error">{error}</Notice> : <Spinner />;
  const pending = all.filter((d) => d.status === 'pending');
  const failing = pending.filter((d) => d.attempts > 0);
  const delivered = all.filter((d) => d.status === 'delivered');
  const cancelled = all.filter((d) => d.status === 'cancelled');
  const rows = [...dead, ...failing];
  return (
    <>
      {error && <Notice kind="error">{error}</Notice>}
      {message && <Notice kind="success">{message}</Notice>}
      <h2>{t('deliveries.summary')}</h2>
      <dl className="kpi-grid delivery-summary">
        <div className="kpi-card">
          <dt>{t('deliveries.pending')}</dt>
          <dd data-testid="deliveries-pending">{pending.length}</dd>
        </div>
        <div className="kpi-card">
          <dt>{t('deliveries.failing')}</dt>
          <dd data-testid="deliveries-failing">{failing.length}</dd>
        </div>
        <div className="kpi-card">
          <dt>{t('deliveries.dead')}</dt>
          <dd data-testid="deliveries-dead">{dead.length}</dd>
        </div>
        <div className="kpi-card">
          <dt>{t('deliveries.delivered')}</dt>
          <dd>{delivered.length}</dd>
        </div>
        <div className="kpi-card">
          <dt>{t('deliveries.cancelled')}</dt>
          <dd data-testid="deliveries-cancelled">{cancelled.length}</dd>
        </div>
      </dl>
      <p>
        <button type="button" className="btn" onClick={load}>
          {t('deliveries.refresh')}
        </button>
      </p>
      {rows.length === 0 ? (
        <p>{t('deliveries.none')}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t('deliveries.application')}</th>
              <th scope="col">{t('deliveries.kind')}</th>
              <th scope="col">{t('deliveries.status')}</th>
              <th scope="col">{t('deliveries.attempts')}</th>
              <th scope="col">{t('deliveries.lastError')}</th>
              <th scope="col">{t('deliveries.nextAttempt')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('deliveries.redeliver')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((d) => (
              <tr key={d.id}>
                <th scope="row" className="mono">
                  {d.applicationId.slice(0, 8)}
                </th>
                <td>
                  {t(`deliveries.kinds.${d.kind}`, { defaultValue: d.kind })}
                  {d.event === 'application.withdrawn' && ` · ${t('deliveries.withdrawalNotice')}`}
                </td>
                <td data-status={d.status}>{t(`deliveries.statuses.${d.status}`, { defaultValue: d.status })}</td>
                <td>{d.attempts}</td>
                <td>{[d.lastHttpStatus, d.lastError].filter(Boolean).join(' ')}</td>
                <td>{d.nextAttemptAt ? `${formatDate(d.nextAttemptAt)} ${formatTime(d.nextAttemptAt)}` : '—'}</td>
                <td>
                  {canRedeliver && (
                    <button type="button" className="btn btn-small" onClick={() => void redeliver(d.id)} aria-label={`${t('deliveries.redeliver')}: ${d.applicationId.slice(0, 8)}`}>
                      {t('deliveries.redeliver')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
