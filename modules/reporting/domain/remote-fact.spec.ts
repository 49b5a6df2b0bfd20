import { remoteOutcomeOf } from './remote-fact';

describe('remote consultation outcomes', () => {
  const at = '2026-03-16T08:00:00Z';

  it('follows an on-demand request from waiting to completed, failed or abandoned', () => {
    expect(remoteOutcomeOf({ kind: 'on_demand' })).toBe('waiting');
    expect(remoteOutcomeOf({ kind: 'on_demand', acceptedAt: at })).toBe('in_progress');
    expect(remoteOutcomeOf({ kind: 'on_demand', acceptedAt: at, startedAt: at, endedAt: at })).toBe('completed');
    expect(remoteOutcomeOf({ kind: 'on_demand', acceptedAt: at, endedAt: at })).toBe('not_connected');
    expect(remoteOutcomeOf({ kind: 'on_demand', acceptedAt: at, startedAt: at, failedAt: at, endedAt: at })).toBe('failed');
    expect(remoteOutcomeOf({ kind: 'on_demand', abandonedAt: at })).toBe('abandoned');
  });

  it('lets a booking’s own fate (rescheduled, cancelled, no-show) win over its session', () => {
    expect(remoteOutcomeOf({ kind: 'booked' })).toBe('booked');
    expect(remoteOutcomeOf({ kind: 'booked', startedAt: at, endedAt: at })).toBe('completed');
    expect(remoteOutcomeOf({ kind: 'booked', cancelledAt: at })).toBe('cancelled');
    expect(remoteOutcomeOf({ kind: 'booked', noShowAt: at, abandonedAt: at })).toBe('no_show');
    expect(remoteOutcomeOf({ kind: 'booked', rescheduledAt: at, cancelledAt: at })).toBe('rescheduled');
  });
});
