import type { ApplicationReport, DurationStats, FeedbackReport, OpenDataServices, RemoteSessionReport, SeriesKey, ServiceCountReport, WaitTimeReport } from '../../contracts';
import { APPLICATION_REPORT_STATES, FEEDBACK_QUESTIONS } from '../../domain';
import type { ExportColumn, ExportTable, ExportValue } from '../../infrastructure/export/table';

// Reports flattened for CSV and XLSX: one row per series and period, the key's fields as columns.

const keyColumns = (series: Array<{ key: SeriesKey }>): ExportColumn[] => Object.keys(series[0]?.key ?? {}).map((k) => ({ key: k, header: k }));

const durationColumns = (name: string): ExportColumn[] =>
  ['n', 'avgSeconds', 'medianSeconds', 'p90Seconds'].map((m) => ({ key: `${name}.${m}`, header: `${name}_${m.replace('Seconds', '_s')}` }));

const durationValues = (name: string, d: DurationStats): Record<string, ExportValue> => ({
  [`${name}.n`]: d.n,
  [`${name}.avgSeconds`]: d.avgSeconds,
  [`${name}.medianSeconds`]: d.medianSeconds,
  [`${name}.p90Seconds`]: d.p90Seconds,
});

export function serviceCountTable(report: ServiceCountReport): ExportTable {
  return {
    name: 'services',
    columns: [{ key: 'period', header: 'period' }, ...keyColumns(report.series), { key: 'services', header: 'services' }],
    rows: report.series.flatMap((s) => report.periods.flatMap((period, i) => (s.data[i] ? [{ period, ...s.key, services: s.data[i] }] : []))),
  };
}

export function waitTimeTable(report: WaitTimeReport): ExportTable {
  const measures = ['wait', 'walk', 'service', 'hold'] as const;
  return {
    name: 'wait-times',
    columns: [
      { key: 'period', header: 'period' },
      ...keyColumns(report.series),
      ...['visits', 'served', 'notServed', 'leftBeforeService', 'noShow', 'leftBeforeServiceRate', 'noShowRate'].map((k) => ({ key: k, header: k })),
      ...measures.flatMap(durationColumns),
    ],
    rows: report.series.flatMap((s) =>
      s.points
        .filter((p) => p.visits > 0)
        .map((p) => ({
          ...s.key,
          period: p.period,
          visits: p.visits,
          served: p.served,
          notServed: p.notServed,
          leftBeforeService: p.leftBeforeService,
          noShow: p.noShow,
          leftBeforeServiceRate: p.leftBeforeServiceRate,
          noShowRate: p.noShowRate,
          ...Object.assign({}, ...measures.map((m) => durationValues(m, p[m]))),
        })),
    ),
  };
}

export function feedbackTable(report: FeedbackReport): ExportTable {
  const answerColumns = FEEDBACK_QUESTIONS.flatMap((q) => (q.kind === 'yes_no' ? ['yes', 'no'] : q.options!.map((o) => o.value)).map((o) => ({ key: `${q.id}.${o}`, header: `${q.id}_${o}` })));
  return {
    name: 'feedback',
    columns: [
      { key: 'period', header: 'period' },
      ...keyColumns(report.series),
      { key: 'responses', header: 'responses' },
      { key: 'averageRating', header: 'averageRating' },
      ...[1, 2, 3, 4, 5].map((r) => ({ key: `rating${r}`, header: `rating_${r}` })),
      ...answerColumns,
    ],
    rows: report.series.flatMap((s) =>
      s.points
        .filter((p) => p.responses > 0)
        .map((p) => ({
          ...s.key,
          period: p.period,
          responses: p.responses,
          averageRating: p.averageRating,
          ...Object.fromEntries(p.ratings.map((n, i) => [`rating${i + 1}`, n])),
          ...Object.fromEntries(Object.entries(p.answers).flatMap(([q, options]) => Object.entries(options).map(([o, n]) => [`${q}.${o}`, n]))),
        })),
    ),
  };
}

export const OPEN_DATA_COLUMNS = [
  'month',
  'level',
  'planningRegion',
  'municipalityAtvk',
  'municipalityName',
  'centreCode',
  'centreName',
  'institutionCode',
  'serviceCode',
  'serviceNameLv',
  'channel',
  'services',
  'visits',
  'suppressed',
] as const;

export function openDataTable(data: OpenDataServices): ExportTable {
  return {
    name: 'services',
    columns: OPEN_DATA_COLUMNS.map((k) => ({ key: k, header: k })),
    rows: data.rows.map((r) => ({ ...r })),
  };
}

export function applicationTable(report: ApplicationReport): ExportTable {
  const counts = ['submitted', 'delivered', 'answered', 'awaitingAnswer', 'answeredWithinTarget', 'withinTargetShare'] as const;
  const durations = ['deliveryLatency', 'responseWorkingTime', 'decisionWorkingTime'] as const;
  return {
    name: 'applications',
    columns: [
      { key: 'period', header: 'period' },
      ...keyColumns(report.series),
      ...counts.map((k) => ({ key: k, header: k })),
      ...APPLICATION_REPORT_STATES.map((s) => ({ key: `state.${s}`, header: `state_${s}` })),
      ...durations.flatMap(durationColumns),
    ],
    rows: report.series.flatMap((s) =>
      s.points
        .filter((p) => p.submitted > 0)
        .map((p) => ({
          ...s.key,
          period: p.period,
          ...Object.fromEntries(counts.map((k) => [k, p[k]])),
          ...Object.fromEntries(APPLICATION_REPORT_STATES.map((st) => [`state.${st}`, p.byState[st] ?? 0])),
          ...Object.assign({}, ...durations.map((d) => durationValues(d, p[d]))),
        })),
    ),
  };
}

export function remoteSessionTable(report: RemoteSessionReport): ExportTable {
  const counts = ['booked', 'bookingsCancelled', 'bookingsNoShow', 'bookingsRescheduled', 'onDemand', 'answered', 'completed', 'failed', 'notConnected', 'abandoned'] as const;
  const durations = ['timeToAnswer', 'callDuration', 'sessionDuration'] as const;
  return {
    name: 'remote-sessions',
    columns: [{ key: 'period', header: 'period' }, ...keyColumns(report.series), ...counts.map((k) => ({ key: k, header: k })), ...durations.flatMap(durationColumns)],
    rows: report.series.flatMap((s) =>
      s.points
        .filter((p) => counts.some((k) => p[k] > 0))
        .map((p) => ({
          ...s.key,
          period: p.period,
          ...Object.fromEntries(counts.map((k) => [k, p[k]])),
          ...Object.assign({}, ...durations.map((d) => durationValues(d, p[d]))),
        })),
    ),
  };
}
