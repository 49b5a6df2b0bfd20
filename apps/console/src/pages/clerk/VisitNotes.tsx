import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorText, NETWORK_ERROR, newRequestId } from '../../lib/api';
import { formatTime } from '../../lib/format';
import type { TicketView } from '../../lib/queue-types';
import type { ConnectionStatus } from '../../lib/socket';

/** The server's limit (characters after trimming); the textarea stops at as many UTF-16 units. */
export const NOTES_MAX = 2000;
const SAVE_AFTER_MS = 1000;
const RETRY_EVERY_MS = 5000;

/** As the server stores them: one kind of line break, no surrounding white space. */
const normalise = (text: string): string => text.replace(/\r\n?/g, '\n').trim();

// Unsaved text per ticket, in this tab's memory only (never in storage: notes may hold personal
// data). It outlives the panel, so a visit that leaves and comes back keeps what was typed.
const drafts = new Map<string, string>();

type Phase = 'idle' | 'dirty' | 'saving' | 'saved' | 'offline' | 'error';

interface Props {
  ticket: TicketView;
  /** The console's realtime connection: coming back online retries an unsaved text at once. */
  connection: ConnectionStatus;
  /** The server's answer (the ticket with its new notes and version). */
  onSaved(ticket: TicketView): void;
}

/**
 * The visit's notes: saved about a second after typing stops and when the field loses focus,
 * with a visible state. Text that could not be saved (network) stays and is sent again when the
 * connection is back (same Idempotency-Key, so a save that did arrive is not applied twice).
 * A colleague's change replaces the text only while there is nothing unsaved here.
 */
export function VisitNotes({ ticket, connection, onSaved }: Props): ReactNode {
  const { t } = useTranslation();
  const ticketId = ticket.id;
  const server = ticket.notes ?? '';
  const [text, setText] = useState(() => drafts.get(ticketId) ?? server);
  const [phase, setPhase] = useState<Phase>(() => (drafts.has(ticketId) && normalise(drafts.get(ticketId)!) !== server ? 'dirty' : server ? 'saved' : 'idle'));
  const [message, setMessage] = useState('');
  const [savedAt, setSavedAt] = useState<string | null>(ticket.notesUpdatedAt ?? null);

  const textRef = useRef(text);
  /** What the server holds, as far as this panel knows. */
  const savedRef = useRef(server);
  const inFlight = useRef(false);
  const again = useRef(false);
  /** The attempt a network failure interrupted: retried with the same key. */
  const attempt = useRef<{ text: string; key: string } | null>(null);
  const debounce = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retry = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mounted = useRef(true);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  const clearTimers = (): void => {
    if (debounce.current) clearTimeout(debounce.current);
    if (retry.current) clearTimeout(retry.current);
    debounce.current = retry.current = null;
  };

  const save = useCallback(async (): Promise<void> => {
    clearTimers();
    if (inFlight.current) {
      again.current = true;
      return;
    }
    const wanted = normalise(textRef.current);
    if (wanted === savedRef.current) {
      drafts.delete(ticketId);
      attempt.current = null;
      if (mounted.current) setPhase((p) => (p === 'dirty' || p === 'offline' || p === 'saving' ? (wanted ? 'saved' : 'idle') : p));
      return;
    }
    const key = attempt.current?.text === wanted ? attempt.current.key : newRequestId();
    attempt.current = { text: wanted, key };
    inFlight.current = true;
    if (mounted.current) setPhase((p) => (p === 'offline' ? p : 'saving'));
    try {
      const answer = await api<TicketView>('PUT', `/api/v1/queue/tickets/${ticketId}/notes`, { body: { notes: wanted }, idempotencyKey: key });
      attempt.current = null;
      // A retried request's stored answer leaves the notes out: then they are what was sent.
      const notes = answer.notes === undefined ? wanted : (answer.notes ?? '');
      savedRef.current = notes;
      onSavedRef.current({ ...answer, notes: notes || null, notesUpdatedAt: answer.notesUpdatedAt ?? new Date().toISOString() });
      if (normalise(textRef.current) === notes) drafts.delete(ticketId);
      if (mounted.current) {
        setSavedAt(answer.notesUpdatedAt ?? new Date().toISOString());
        setPhase(normalise(textRef.current) === notes ? (notes ? 'saved' : 'idle') : 'dirty');
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === NETWORK_ERROR) {
        if (mounted.current) {
          setPhase('offline');
          retry.current = setTimeout(() => void save(), RETRY_EVERY_MS);
        }
      } else {
        attempt.current = null;
        if (mounted.current) {
          setPhase('error');
          setMessage(e instanceof ApiError ? (e.fieldError('notes') ?? errorText(e)) : errorText(e));
        }
      }
    } finally {
      inFlight.current = false;
      if (again.current) {
        again.current = false;
        if (mounted.current) void save();
      }
    }
  }, [ticketId]);

  // A text left unsaved earlier (e.g. the panel went away while offline) is sent again.
  useEffect(() => {
    mounted.current = true;
    if (normalise(textRef.current) !== savedRef.current) debounce.current = setTimeout(() => void save(), SAVE_AFTER_MS);
    return () => {
      mounted.current = false;
      clearTimers();
      // Leaving with unsaved text (e.g. the visit moved on): one last try, no state updates.
      if (!inFlight.current && normalise(textRef.current) !== savedRef.current) void save();
    };
  }, [save]);

  // The connection is back: send what is waiting now rather than at the next retry.
  useEffect(() => {
    if (connection === 'online' && phase === 'offline') void save();
  }, [connection, phase, save]);
  useEffect(() => {
    const online = (): void => void save();
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [save]);

  // A colleague (or another tab) changed the notes: take them unless something here is unsaved.
  useEffect(() => {
    if (ticket.notes === undefined) return;
    const incoming = ticket.notes ?? '';
    if (incoming === savedRef.current) return;
    const dirty = normalise(textRef.current) !== savedRef.current;
    savedRef.current = incoming;
    setSavedAt(ticket.notesUpdatedAt ?? null);
    if (!dirty && !inFlight.current) {
      textRef.current = incoming;
      setText(incoming);
      setPhase(incoming ? 'saved' : 'idle');
    }
  }, [ticket.notes, ticket.notesUpdatedAt]);

  const onChange = (value: string): void => {
    textRef.current = value;
    setText(value);
    if (normalise(value) !== savedRef.current) drafts.set(ticketId, value);
    else drafts.delete(ticketId);
    setPhase((p) => (p === 'offline' || p === 'saving' ? p : 'dirty'));
    if (debounce.current) clearTimeout(debounce.current);
    debounce.current = setTimeout(() => void save(), SAVE_AFTER_MS);
  };

  const stateText: Record<Phase, string> = {
    idle: '',
    dirty: t('clerk.notes.saving'),
    saving: t('clerk.notes.saving'),
    saved: savedAt ? t('clerk.notes.savedAt', { time: formatTime(savedAt) }) : t('clerk.notes.saved'),
    offline: t('clerk.notes.offline'),
    error: t('clerk.notes.error', { message }),
  };
  const count = [...text].length;

  return (
    <div className="field visit-notes">
      <label htmlFor={`visit-notes-${ticketId}`}>{t('clerk.notes.label')}</label>
      <textarea
        id={`visit-notes-${ticketId}`}
        value={text}
        rows={4}
        maxLength={NOTES_MAX}
        aria-describedby={`visit-notes-help-${ticketId} visit-notes-count-${ticketId}`}
        aria-invalid={phase === 'error' || undefined}
        onChange={(e) => onChange(e.target.value)}
        onBlur={() => void save()}
      />
      <div className="visit-notes-meta">
        <span id={`visit-notes-help-${ticketId}`}>{t('clerk.notes.help')}</span>
        <span id={`visit-notes-count-${ticketId}`}>{t('clerk.notes.count', { n: count, max: NOTES_MAX })}</span>
      </div>
      <div className={`visit-notes-state notes-${phase}`} role="status" aria-live="polite" data-state={phase}>
        {stateText[phase]}
        {phase === 'error' && (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => void save()}>
            {t('clerk.notes.retry')}
          </button>
        )}
      </div>
    </div>
  );
}
