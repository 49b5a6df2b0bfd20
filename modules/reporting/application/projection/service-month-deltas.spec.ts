import { ServiceMonthDeltas } from './service-month-deltas';

describe('ServiceMonthDeltas', () => {
  it('adds services and counts a visit once per cell, however many lines it has there', () => {
    const deltas = new ServiceMonthDeltas();
    deltas.add('2026-03-16', 'c1', ['VSAA-001', 'VSAA-001', 'VID-001'], ['in_person', 'in_person', 'consultation_only'], [1, 2, 1], 1);
    deltas.add('2026-03-20', 'c1', ['VSAA-001'], ['in_person'], [1], 1);
    expect(deltas.rows()).toEqual([
      { month: '2026-03-01', centreId: 'c1', serviceCode: 'VID-001', channel: 'consultation_only', services: 1, visits: 1 },
      { month: '2026-03-01', centreId: 'c1', serviceCode: 'VSAA-001', channel: 'in_person', services: 4, visits: 2 },
    ]);
    expect(deltas.centreRows()).toEqual([
      { month: '2026-03-01', centreId: 'c1', channel: 'consultation_only', services: 1, visits: 1 },
      { month: '2026-03-01', centreId: 'c1', channel: 'in_person', services: 4, visits: 2 },
    ]);
    // Per day (the day in `month`): the two visits stay apart.
    expect(deltas.dayRows()).toEqual([
      { month: '2026-03-16', centreId: 'c1', serviceCode: 'VID-001', channel: 'consultation_only', services: 1, visits: 1 },
      { month: '2026-03-16', centreId: 'c1', serviceCode: 'VSAA-001', channel: 'in_person', services: 3, visits: 1 },
      { month: '2026-03-20', centreId: 'c1', serviceCode: 'VSAA-001', channel: 'in_person', services: 1, visits: 1 },
    ]);
  });

  it('takes back a replaced visit’s lines and leaves out cells that do not change', () => {
    const deltas = new ServiceMonthDeltas();
    deltas.add('2026-03-16', 'c1', ['VSAA-001'], ['in_person'], [1], 1);
    deltas.add('2026-03-16', 'c1', ['VSAA-001', 'VID-002'], ['in_person', 'in_person'], [1, 2], -1);
    expect(deltas.rows()).toEqual([{ month: '2026-03-01', centreId: 'c1', serviceCode: 'VID-002', channel: 'in_person', services: -2, visits: -1 }]);
    expect(deltas.dayRows()).toEqual([{ month: '2026-03-16', centreId: 'c1', serviceCode: 'VID-002', channel: 'in_person', services: -2, visits: -1 }]);
  });
});
