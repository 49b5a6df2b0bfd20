import { ABANDON_AFTER_MINUTES, isAbandonedAt, isWithinJoinWindow, joinWindow } from './remote-session-rules';

const at = (iso: string): Date => new Date(iso);

describe('booked session join window', () => {
  const window = joinWindow(at('2026-12-01T08:00:00Z'), at('2026-12-01T08:30:00Z'));

  it('opens 10 minutes before the start and closes 15 minutes after the end', () => {
    expect(window.opensAt.toISOString()).toBe('2026-12-01T07:50:00.000Z');
    expect(window.closesAt.toISOString()).toBe('2026-12-01T08:45:00.000Z');
    expect(isWithinJoinWindow(window, at('2026-12-01T07:49:59Z'))).toBe(false);
    expect(isWithinJoinWindow(window, at('2026-12-01T07:50:00Z'))).toBe(true);
    expect(isWithinJoinWindow(window, at('2026-12-01T08:44:59Z'))).toBe(true);
    expect(isWithinJoinWindow(window, at('2026-12-01T08:45:00Z'))).toBe(false);
  });
});

describe('abandonment', () => {
  const accepted = at('2026-12-01T08:00:00Z');
  const later = (minutes: number): Date => new Date(accepted.getTime() + minutes * 60_000);

  it('abandons an on-demand room nobody joined after the limit, counted from acceptance', () => {
    const s = { status: 'room_ready', startedAt: null, scheduledStart: null, acceptedAt: accepted };
    expect(isAbandonedAt(s, later(ABANDON_AFTER_MINUTES - 1))).toBe(false);
    expect(isAbandonedAt(s, later(ABANDON_AFTER_MINUTES))).toBe(true);
  });

  it('counts a booked session from its booked start, not from when it was opened', () => {
    const s = { status: 'scheduled', startedAt: null, scheduledStart: later(60), acceptedAt: accepted };
    expect(isAbandonedAt(s, later(60 + ABANDON_AFTER_MINUTES - 1))).toBe(false);
    expect(isAbandonedAt(s, later(60 + ABANDON_AFTER_MINUTES))).toBe(true);
  });

  it('never abandons a session that started or is in another state', () => {
    expect(isAbandonedAt({ status: 'room_ready', startedAt: later(1), scheduledStart: null, acceptedAt: accepted }, later(600))).toBe(false);
    expect(isAbandonedAt({ status: 'in_call', startedAt: null, scheduledStart: null, acceptedAt: accepted }, later(600))).toBe(false);
    expect(isAbandonedAt({ status: 'ended', startedAt: null, scheduledStart: null, acceptedAt: accepted }, later(600))).toBe(false);
  });
});
