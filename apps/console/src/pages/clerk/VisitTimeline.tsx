import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { command, errorText, get } from '../../lib/api';
import { formatDuration, formatTime } from '../../lib/format';
import { Notice } from '../../lib/layout';
import type { TicketDetailView, TicketView } from '../../lib/queue-types';

interface Props {
  /** The visit; its `version` changing (a command, a colleague's change) reloads the details. */
  ticket: Pick<TicketView, 'id' | 'number' | 'version'>;
  /** The server's answer to a mark, so the console's copy of the ticket follows at once. */
  onChanged?(ticket: TicketView): void;
}

/**
 * Who the visitor is (when given at issue) and the visit's timings, one row per state, each of
 * which a clerk may mark as wrong (e.g. a service left running after the visitor had gone) so
 * reports leave it out — also after the visit has ended, when it is most often noticed.
 */
export function VisitTimeline({ ticket, onChanged }: Props): ReactNode {
  const { t } = useTranslation();
  const [detail, setDetail] = useState<TicketDetailView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [marking, setMarking] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let live = true;
    get<TicketDetailView>(`/api/v1/queue/tickets/${ticket.id}`).then(
      (d) => live && (setDetail(d), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, [ticket.id, ticket.version, reloads]);

  const mark = useCallback(
    async (periodId: string) => {
      setMarking(periodId);
      setError(null);
      try {
        const changed = await command<TicketView>(`/api/v1/queue/tickets/${ticket.id}/periods/${periodId}/inaccurate`);
        onChanged?.(changed);
        setReloads((n) => n + 1);
      } catch (e) {
        setError(errorText(e));
      } finally {
        setMarking(null);
      }
    },
    [ticket.id, onChanged],
  );

  const citizen = detail?.citizen;
  return (
    <div className="visit-timeline" data-ticket={ticket.number}>
      {citizen && (citizen.name || citizen.personalCodeMasked) && (
        <p className="visit-citizen">
          <span className="label">{t('clerk.timeline.citizen')}:</span> {[citizen.name, citizen.personalCodeMasked].filter(Boolean).join(', ')}
        </p>
      )}
      <details>
        <summary>{t('clerk.timeline.title', { number: ticket.number })}</summary>
        {error && <Notice kind="error">{error}</Notice>}
        {detail && (
          <div className="timeline-scroll">
            <table className="timeline-table">
              <caption className="visually-hidden">{t('clerk.timeline.title', { number: ticket.number })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('clerk.timeline.state')}</th>
                  <th scope="col">{t('clerk.timeline.from')}</th>
                  <th scope="col">{t('clerk.timeline.duration')}</th>
                  <th scope="col">{t('clerk.timeline.desk')}</th>
                  <th scope="col">{t('clerk.timeline.accuracy')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.periods.map((p) => (
                  <tr key={p.id} data-period={p.state} data-accurate={p.accurate}>
                    <th scope="row">{t(`clerk.timeline.states.${p.state}`, { defaultValue: p.state })}</th>
                    <td>{formatTime(p.startedAt, true)}</td>
                    <td>{p.endedAt ? formatDuration(new Date(p.endedAt).getTime() - new Date(p.startedAt).getTime()) : t('clerk.timeline.ongoing')}</td>
                    <td>{p.deskNumber ?? '—'}</td>
                    <td>
                      {p.accurate ? (
                        <button
                          type="button"
                          className="btn btn-quiet btn-small"
                          disabled={marking !== null}
                          onClick={() => void mark(p.id)}
                          aria-label={t('clerk.timeline.markLabel', { state: t(`clerk.timeline.states.${p.state}`, { defaultValue: p.state }), time: formatTime(p.startedAt, true) })}
                        >
                          {t('clerk.timeline.mark')}
                        </button>
                      ) : (
                        <span className="inaccurate">{t('clerk.timeline.marked')}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p className="hint">{t('clerk.timeline.help')}</p>
      </details>
    </div>
  );
}
