// Dates, times, durations and numbers in the current language (Latvian rules by default).
import i18n, { locale } from './i18n';

export function formatTime(iso: string | number | Date, seconds = false): string {
  return new Intl.DateTimeFormat(locale(), { hour: '2-digit', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}), timeZone: 'Europe/Riga' }).format(new Date(iso));
}

export function formatDate(iso: string | number | Date): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'long', timeZone: 'Europe/Riga' }).format(new Date(iso));
}

/** 75 s → "1:15"; 3700 s → "1:01:40". */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  return `${h > 0 ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}

/** Whole minutes since `iso`, with a Latvian/English plural ("1 minūte", "5 minūtes"). */
export function minutesSince(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60000));
  return i18n.t('common.minutes', { count: minutes });
}

/** An estimate range in minutes: "5–10 min", "vairāk nekā 30 min". */
export function formatEstimate(e: { minMinutes: number; maxMinutes: number | null } | null): string {
  if (!e) return i18n.t('common.unknown');
  if (e.maxMinutes === null) return i18n.t('common.estimateOpen', { min: e.minMinutes });
  return i18n.t('common.estimateRange', { min: e.minMinutes, max: e.maxMinutes });
}

export function formatNumber(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}
