const HHMM = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

export function isHhmm(value: unknown): value is string {
  return typeof value === 'string' && HHMM.test(value);
}

/** Minutes since local midnight; assumes a valid 'HH:mm'. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

export function hhmmOf(minutes: number): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}
