// A centre's kiosks and displays: register one (its link, with the token, is shown once — the
// server keeps only a hash), see which exist, and revoke a lost, stolen or replaced one at once.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorText, get, post } from '../../lib/api';
import { formatDate, formatTime } from '../../lib/format';
import { Notice, Spinner } from '../../lib/layout';
import { ADMIN_NS } from './admin-i18n';

export interface Device {
  id: string;
  kind: 'display' | 'kiosk';
  name: string;
  deskId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** What the form registers: a waiting-room board, a counter display (a display at one desk), or a kiosk. */
type Kind = 'board' | 'counter' | 'kiosk';
const KINDS: Kind[] = ['board', 'counter', 'kiosk'];

const formatDateTime = (iso: string): string => `${formatDate(iso)} ${formatTime(iso)}`;
const kindOf = (d: Device): Kind => (d.kind === 'kiosk' ? 'kiosk' : d.deskId ? 'counter' : 'board');

export function DevicesSection({ centreId }: { centreId: string }): ReactNode {
  const { t } = useTranslation(ADMIN_NS);
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [desks, setDesks] = useState<Array<{ id: string; number: string }>>([]);
  const [kind, setKind] = useState<Kind>('board');
  const [name, setName] = useState('');
  const [deskId, setDeskId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `/api/v1/queue/centres/${encodeURIComponent(centreId)}/devices`;

  const load = (): void => {
    get<Device[]>(base).then(setDevices, (e: unknown) => {
      setDevices([]);
      setError(errorText(e));
    });
  };
  useEffect(load, [base]);
  useEffect(() => {
    get<{ desks: Array<{ id: string; number: string }> }>(`/api/v1/queue/centres/${encodeURIComponent(centreId)}/state`).then(
      (s) => setDesks(s.desks),
      () => setDesks([]),
    );
  }, [centreId]);

  const deskNumber = (id: string | null): string => (id ? (desks.find((d) => d.id === id)?.number ?? '?') : '—');

  const register = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setMessage(null);
    setLink(null);
    try {
      const body = { kind: kind === 'kiosk' ? 'kiosk' : 'display', name: name.trim(), ...(kind === 'counter' ? { deskId } : {}) };
      const created = await post<{ id: string; token: string }>(base, body);
      const origin = window.location.origin;
      setLink(kind === 'kiosk' ? `${origin}/kiosk/${centreId}#token=${created.token}` : `${origin}/display#token=${created.token}`);
      setMessage(t('devices.registered', { name: body.name }));
      setName('');
      load();
    } catch (err) {
      const fieldError = err instanceof ApiError ? err.problem.errors?.[0]?.message : undefined;
      setError(fieldError ? `${errorText(err).replace(/[.!]?$/, '.')} ${fieldError}` : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (d: Device): Promise<void> => {
    setError(null);
    setMessage(null);
    setLink(null);
    try {
      await api<void>('DELETE', `${base}/${encodeURIComponent(d.id)}`);
      setMessage(t('devices.revoked', { name: d.name }));
      load();
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section className="devices-section" aria-labelledby="devices-title">
      <h3 id="devices-title">{t('devices.title')}</h3>
      {error && <Notice kind="error">{error}</Notice>}
      {message && (
        <Notice kind="success">
          {message}
          {link && (
            <>
              {' '}
              {t('devices.linkOnce')}{' '}
              <a href={link} className="mono device-link">
                {link}
              </a>
            </>
          )}
        </Notice>
      )}
      {devices === null ? (
        <Spinner />
      ) : devices.length === 0 ? (
        <p>{t('devices.none')}</p>
      ) : (
        <table className="data-table devices-table">
          <thead>
            <tr>
              <th scope="col">{t('devices.name')}</th>
              <th scope="col">{t('devices.kind')}</th>
              <th scope="col">{t('devices.desk')}</th>
              <th scope="col">{t('devices.registeredAt')}</th>
              <th scope="col">{t('devices.state')}</th>
              <th scope="col">{t('devices.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} data-device={d.id}>
                <th scope="row">{d.name}</th>
                <td>{t(`devices.kinds.${kindOf(d)}`)}</td>
                <td>{deskNumber(d.deskId)}</td>
                <td>{formatDateTime(d.createdAt)}</td>
                <td className="device-state">{d.revokedAt ? t('devices.revokedAt', { when: formatDateTime(d.revokedAt) }) : t('devices.active')}</td>
                <td>
                  {!d.revokedAt && (
                    <button type="button" className="btn btn-small btn-danger" aria-label={t('devices.revokeLabel', { name: d.name })} aria-describedby="devices-revoke-help" onClick={() => void revoke(d)}>
                      {t('devices.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {devices !== null && devices.some((d) => !d.revokedAt) && (
        <p id="devices-revoke-help" className="muted">
          {t('devices.revokeHelp')}
        </p>
      )}
      <form className="devices-form" aria-labelledby="devices-register-title" onSubmit={(e) => void register(e)}>
        <h4 id="devices-register-title">{t('devices.registerTitle')}</h4>
        <div className="row">
          <p className="field">
            <label htmlFor="device-kind">{t('devices.kind')}</label>
            <select id="device-kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`devices.kinds.${k}`)}
                </option>
              ))}
            </select>
          </p>
          <p className="field">
            <label htmlFor="device-name">{t('devices.name')}</label>
            <input id="device-name" value={name} required minLength={2} maxLength={80} autoComplete="off" onChange={(e) => setName(e.target.value)} />
          </p>
          {kind === 'counter' && (
            <p className="field">
              <label htmlFor="device-desk">{t('devices.desk')}</label>
              <select id="device-desk" value={deskId} required onChange={(e) => setDeskId(e.target.value)}>
                <option value="">{t('devices.chooseDesk')}</option>
                {desks.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.number}
                  </option>
                ))}
              </select>
            </p>
          )}
        </div>
        <p>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('devices.register')}
          </button>
        </p>
      </form>
    </section>
  );
}
