import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Socket } from 'socket.io-client';
import { formatDate, formatTime } from '../../lib/format';
import { ConnectionBadge, useNow } from '../../lib/layout';
import type { CalledTicket, CounterState, DisplayClientToServerEvents, DisplayServerToClientEvents, DisplayState } from '../../lib/queue-types';
import { useHashParams } from '../../lib/router';
import { useSocket } from '../../lib/socket';
import { audioContext, playChime, speak, spokenNumber } from './chime';
import './display.css';

const HIGHLIGHT_MS = 10_000;
const SHOWN = 6;
/** A cheap safety net: a fresh state now and then, even if no event was missed. */
const RESYNC_MS = 60_000;

const callKey = (c: CalledTicket): string => `${c.number}|${c.deskNumber}|${c.at}`;

interface Call extends CalledTicket {
  seq: number;
  receivedAt: number;
}

/** The waiting-room display: no login, the board token in the URL fragment (#token=dsp_…). */
export default function DisplayPage(): ReactNode {
  const { t, i18n } = useTranslation();
  const hash = useHashParams();
  const token = hash.get('token');
  const speech = hash.get('speech') === '1';
  const [state, setState] = useState<DisplayState | null>(null);
  /** Set when this device is a counter display (registered with a desk). */
  const [counter, setCounter] = useState<CounterState | null>(null);
  const [calls, setCalls] = useState<Call[]>([]);
  const [soundOn, setSoundOn] = useState(() => audioContext()?.state === 'running');
  const now = useNow(1000);
  const speechRef = useRef(speech);
  /** Calls received live, by number and time: highlighted for a while wherever they are listed. */
  const highlighted = useRef(new Map<string, number>());
  speechRef.current = speech;

  const setup = useCallback((socket: Socket<DisplayServerToClientEvents, DisplayClientToServerEvents>) => {
    socket.on('display:state', (s) => {
      setState(s);
      // Calls the state already contains are dropped from the local list (they stay highlighted).
      setCalls((list) => list.filter((c) => c.seq > s.seq));
    });
    socket.on('display:called', (c) => {
      highlighted.current.set(callKey(c), Date.now());
      setCalls((list) => (list.some((x) => x.seq === c.seq) ? list : [{ ...c, receivedAt: Date.now() }, ...list].slice(0, SHOWN)));
      playChime();
      if (speechRef.current) speak(`${spokenNumber(c.number)}. ${c.deskNumber}. galds`, 'lv-LV');
    });
    // A counter display: the newest state of its desk (by seq); a chime on a call or recall there.
    const applyCounter = (c: CounterState): void => setCounter((prev) => (!prev || c.seq >= prev.seq ? c : prev));
    socket.on('counter:state', (c) => {
      applyCounter(c);
      if (c.chime) playChime();
    });
    const timer = setInterval(() => {
      if (socket.connected) socket.emit('display:sync', (s) => ('deskId' in s ? applyCounter(s) : setState(s)));
    }, RESYNC_MS);
    return () => clearInterval(timer);
  }, []);
  const auth = useMemo(() => (token ? { token } : null), [token]);
  const { status, error } = useSocket<DisplayServerToClientEvents, DisplayClientToServerEvents>('/display', auth, setup);

  useEffect(() => {
    if (counter) document.title = t('display.counter.title', { desk: counter.deskNumber });
    else document.title = state ? `${state.centreName} — ${t('display.title')}` : t('display.title');
  }, [state, counter, t]);

  if (!token) {
    return (
      <div className="display display-setup">
        <h1>{t('display.title')}</h1>
        <p>{t('display.noToken')}</p>
      </div>
    );
  }

  if (counter) return <CounterView counter={counter} online={status === 'online'} refused={!!error} now={now} />;

  const seen = new Set<string>();
  const shown: Array<CalledTicket & { highlight: boolean; key: string }> = [...calls, ...(state?.lastCalled ?? [])]
    .filter((c) => !seen.has(callKey(c)) && !!seen.add(callKey(c)))
    .slice(0, SHOWN)
    .map((c) => ({ ...c, highlight: now - (highlighted.current.get(callKey(c)) ?? 0) < HIGHLIGHT_MS, key: callKey(c) }));
  const [latest, ...earlier] = shown;

  return (
    <div className="display" lang={i18n.language}>
      <header className="display-header">
        <h1>{state?.centreName ?? t('display.title')}</h1>
        <div className="display-clock">
          <span className="display-time">{formatTime(now)}</span>
          <span className="display-date">{formatDate(now)}</span>
        </div>
      </header>
      <div className="display-body">
        <section className="display-calls" aria-labelledby="calls-title">
          <h2 id="calls-title">{t('display.called')}</h2>
          <div aria-live="assertive" aria-atomic="true">
            {latest ? (
              <div className={`call-latest${latest.highlight ? ' highlight' : ''}`} data-called-number={latest.number} data-desk={latest.deskNumber}>
                <span className="call-number">{latest.number}</span>
                <span className="call-arrow" aria-hidden="true">
                  →
                </span>
                <span className="call-desk">
                  <span className="call-desk-label">{t('display.desk')}</span> {latest.deskNumber}
                </span>
                <span className="visually-hidden">{t('display.announce', { number: latest.number, desk: latest.deskNumber })}</span>
              </div>
            ) : (
              <p className="display-empty">{t('display.noCalls')}</p>
            )}
          </div>
          {earlier.length > 0 && (
            <ol className="call-list" aria-label={t('display.earlier')}>
              {earlier.map((c) => (
                <li key={c.key} className={c.highlight ? 'highlight' : undefined}>
                  <span className="call-number">{c.number}</span>
                  <span className="call-desk">
                    {t('display.desk')} {c.deskNumber}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
        <section className="display-waiting" aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t('display.waiting')}</h2>
          <ul>
            {(state?.waiting ?? []).map((w) => (
              <li key={w.prefix} data-prefix={w.prefix}>
                <span className="waiting-prefix">{w.prefix}</span>
                <span className="waiting-name">{i18n.language === 'en' ? w.nameEn : w.nameLv}</span>
                <span className="waiting-count">{w.count}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
      <footer className="display-footer">
        {state?.message && <p className="display-message">{state.message}</p>}
        <div className="display-status">
          {status !== 'online' && <ConnectionBadge status={status} />}
          {error && <span>{t('display.refused')}</span>}
          {!soundOn && (
            <button
              type="button"
              className="btn btn-quiet"
              onClick={() => {
                void audioContext()
                  ?.resume()
                  .then(() => setSoundOn(true));
              }}
            >
              {t('display.enableSound')}
            </button>
          )}
        </div>
      </footer>
    </div>
  );
}

/**
 * A counter display above one desk: the desk's number and the ticket called to it, large enough to
 * read across the room; what the desk is doing when nobody is called (free, on a break, closed).
 */
function CounterView({ counter, online, refused, now }: { counter: CounterState; online: boolean; refused: boolean; now: number }): ReactNode {
  const { t, i18n } = useTranslation();
  const ticket = counter.ticket;
  const highlight = !!ticket?.calledAt && ticket.status === 'called' && now - new Date(ticket.calledAt).getTime() < HIGHLIGHT_MS;
  return (
    <div className="display counter" lang={i18n.language} data-desk={counter.deskNumber} data-state={counter.deskState}>
      <header className="counter-desk">
        <span className="counter-desk-label">{t('display.desk')}</span> <span className="counter-desk-number">{counter.deskNumber}</span>
      </header>
      <main aria-live="assertive" aria-atomic="true" className="counter-body">
        {ticket ? (
          <div className={`counter-ticket${highlight ? ' highlight' : ''}`} data-ticket={ticket.number} data-status={ticket.status}>
            <span className="counter-number">{ticket.number}</span>
            <span className="counter-status">{t(`display.counter.${ticket.status === 'called' ? 'called' : 'serving'}`)}</span>
          </div>
        ) : (
          <p className="counter-idle">{t(`display.counter.idle.${counter.deskState}`, { defaultValue: t('display.counter.idle.open') })}</p>
        )}
      </main>
      {(!online || refused) && <footer className="display-footer">{refused ? t('display.refused') : <ConnectionBadge status="offline" />}</footer>}
    </div>
  );
}
