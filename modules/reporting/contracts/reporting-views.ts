/** What a series is about: the values of the requested groupBy dimensions (ids and codes) and their names. */
export type SeriesKey = Record<string, string | number | null>;

export interface ReportHeader {
  from: string;
  to: string;
  interval: 'day' | 'week' | 'month' | 'total';
  groupBy: string[];
  /** First local date (Europe/Riga) of each period; every series has one value per period. */
  periods: string[];
}

/** Services provided (visits that ended served; quantities summed), chart-ready: `data[i]` belongs to `periods[i]`. */
export interface ServiceCountReport extends ReportHeader {
  series: Array<{ key: SeriesKey; label: string; data: number[]; total: number }>;
  totals: { services: number };
}

export interface DurationStats {
  /** Visits the measure was taken from (left out: inaccurate periods, and see the report's notes). */
  n: number;
  avgSeconds: number | null;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface WaitTimePoint {
  period: string;
  visits: number;
  served: number;
  notServed: number;
  leftBeforeService: number;
  noShow: number;
  leftBeforeServiceRate: number | null;
  noShowRate: number | null;
  wait: DurationStats;
  walk: DurationStats;
  service: DurationStats;
  hold: DurationStats;
}

export interface WaitTimeReport extends ReportHeader {
  series: Array<{ key: SeriesKey; label: string; points: WaitTimePoint[] }>;
  /**
   * How medians and p90 were computed: `exact` (percentile_cont over every visit of the slice) or,
   * for slices of more than REPORTING_EXACT_PERCENTILE_LIMIT visits (default 50,000) over whole
   * months, `histogram` (merged monthly histograms: within `maxRelativeError`, 1 %, of the exact value).
   */
  percentiles: { method: 'exact' | 'histogram'; maxRelativeError: number };
  notes: string[];
}

export interface FeedbackPoint {
  period: string;
  responses: number;
  averageRating: number | null;
  ratings: [number, number, number, number, number];
  answers: Record<string, Record<string, number>>;
}

export interface FeedbackReport extends ReportHeader {
  series: Array<{ key: SeriesKey; label: string; points: FeedbackPoint[] }>;
}

export interface RollOutIndicator {
  registered: number;
  active: number;
  baseline: number | null;
  target: number | null;
  /** Share of the way from baseline to target (0–1), when both are known. */
  progress: number | null;
}

export interface KpiReport {
  asOf: string;
  scope: { municipalityAtvk: string | null };
  centres: RollOutIndicator & { byStatus: Record<string, number> };
  newContactPoints: RollOutIndicator;
  /** E-forms configured for re-use (0 → 5): forms with a published version, from Intake's EFormPublished. */
  reusableEforms: { configured: number; baseline: number; target: number; source: string };
  /** Month by month, as of each month's last day. */
  series: { periods: string[]; registered: number[]; active: number[]; contactPoints: number[] };
  byMunicipality: Array<{ atvk: string; name: string | null; planningRegion: string | null; registered: number; active: number; contactPoints: number }>;
  /** Network's own count now, for comparison with the projection. */
  network: { registered: number; active: number; contactPoints: number };
}

export interface OpenDataServiceRow {
  month: string;
  level: 'centre' | 'municipality' | 'region' | 'national';
  planningRegion: string | null;
  municipalityAtvk: string | null;
  municipalityName: string | null;
  centreCode: string | null;
  centreName: string | null;
  institutionCode: string;
  serviceCode: string;
  serviceNameLv: string | null;
  channel: string;
  /** Services provided; null when suppressed. */
  services: number | null;
  /** Visits behind them; null when suppressed. */
  visits: number | null;
  suppressed: boolean;
}

export interface OpenDataServices {
  schema: string;
  version: 1;
  license: string;
  from: string;
  to: string;
  level: OpenDataServiceRow['level'];
  smallCellThreshold: number;
  generatedAt: string;
  rows: OpenDataServiceRow[];
}

/** Applications (Intake), by the day they were submitted: what became of them and how fast. */
export interface ApplicationPoint {
  period: string;
  /** Applications submitted in the period (the cohort the other figures describe). */
  submitted: number;
  /** Where the cohort is now: queued (not delivered yet), delivered, accepted, in_progress, decided, closed. */
  byState: Record<string, number>;
  delivered: number;
  /** Submitted → delivered to the institution (seconds of real time). */
  deliveryLatency: DurationStats;
  /** Delivered applications the institution has answered (its first status report). */
  answered: number;
  /** Delivered applications not answered yet. */
  awaitingAnswer: number;
  /** Delivery → the institution's first status, in working seconds (Latvian calendar, 08:30–17:00 with lunch). */
  responseWorkingTime: DurationStats;
  /** Delivery → decision, in working seconds. */
  decisionWorkingTime: DurationStats;
  /** Answers given within the institution's target (working hours, see `targets`). */
  answeredWithinTarget: number;
  /** answeredWithinTarget / answered. */
  withinTargetShare: number | null;
}

export interface ApplicationReport extends ReportHeader {
  series: Array<{ key: SeriesKey; label: string; points: ApplicationPoint[] }>;
  /** Target for the first answer, in working hours: the default and per-institution overrides. */
  targets: { defaultWorkingHours: number; byInstitution: Record<string, number> };
  notes: string[];
}

/** Remote consultations (RemoteOfficial and video bookings), by the day they were requested or booked for. */
export interface RemoteSessionPoint {
  period: string;
  /** Video-consultation bookings for the period (not counting ones replaced by a reschedule). */
  booked: number;
  bookingsCancelled: number;
  bookingsNoShow: number;
  bookingsRescheduled: number;
  /** On-demand requests from the centres' line. */
  onDemand: number;
  /** On-demand requests a specialist accepted. */
  answered: number;
  /** Sessions that ended after both participants joined (counted as services, channel remote_video). */
  completed: number;
  /** Sessions whose video failed. */
  failed: number;
  /** Sessions ended before both participants joined. */
  notConnected: number;
  /** Nobody took part: a request withdrawn before an answer, or a session nobody joined. */
  abandoned: number;
  /** On-demand: from the request to a specialist's acceptance (seconds). */
  timeToAnswer: DurationStats;
  /** Completed sessions: from both joined to the end (seconds). */
  callDuration: DurationStats;
  /** Ended sessions: from acceptance (or opening) to the end (seconds). */
  sessionDuration: DurationStats;
}

export interface RemoteSessionReport extends ReportHeader {
  series: Array<{ key: SeriesKey; label: string; points: RemoteSessionPoint[] }>;
  notes: string[];
}
