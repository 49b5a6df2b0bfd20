const nullableString = { type: ['string', 'null'] } as const;
const nullableCount = { type: ['integer', 'null'], minimum: 0 } as const;

/**
 * The published, stable schema of GET /api/v1/reporting/open-data/services (version 1). Fields are
 * only ever added; a breaking change gets a new version and path.
 */
export const OPEN_DATA_SERVICES_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: '/api/v1/reporting/open-data/services/schema',
  title: 'VPVKAC services provided (open data), version 1',
  description:
    'Services provided at the State and Municipal Unified Customer Service Centres (VPVKAC), per month, place, service and channel. ' +
    'Counts are of services provided in visits that ended served (quantities summed) and of the visits behind them. ' +
    'A cell with fewer visits than smallCellThreshold is suppressed (services and visits null, suppressed true); so that it cannot be ' +
    'recovered from the level above, one more cell of the same group may be suppressed too. No totals are published: sum the cells you need. ' +
    'Months are calendar months in Europe/Riga. CSV (?format=csv) has the same columns as rows[] below, UTF-8 with BOM.',
  type: 'object',
  required: ['schema', 'version', 'license', 'from', 'to', 'level', 'smallCellThreshold', 'generatedAt', 'rows'],
  properties: {
    schema: { type: 'string' },
    version: { const: 1 },
    license: { type: 'string' },
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
    level: { enum: ['centre', 'municipality', 'region', 'national'] },
    smallCellThreshold: { type: 'integer', minimum: 2 },
    generatedAt: { type: 'string', format: 'date-time' },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['month', 'level', 'planningRegion', 'municipalityAtvk', 'municipalityName', 'centreCode', 'centreName', 'institutionCode', 'serviceCode', 'serviceNameLv', 'channel', 'services', 'visits', 'suppressed'],
        properties: {
          month: { type: 'string', pattern: '^\\d{4}-\\d{2}$', description: 'Calendar month, YYYY-MM' },
          level: { enum: ['centre', 'municipality', 'region', 'national'] },
          planningRegion: { ...nullableString, description: 'Planning region (null at national level)' },
          municipalityAtvk: { ...nullableString, description: 'ATVK code of the municipality (centre and municipality levels)' },
          municipalityName: nullableString,
          centreCode: { ...nullableString, description: 'Centre code (centre level only)' },
          centreName: nullableString,
          institutionCode: { type: 'string', description: 'Code of the institution that owns the service (e.g. VSAA)' },
          serviceCode: { type: 'string', description: 'Service code in the national catalogue (e.g. VSAA-001)' },
          serviceNameLv: nullableString,
          channel: { enum: ['in_person', 'remote_video', 'application_forwarded', 'consultation_only'] },
          services: { ...nullableCount, description: 'Services provided; null when suppressed' },
          visits: { ...nullableCount, description: 'Visits in which they were provided; null when suppressed' },
          suppressed: { type: 'boolean' },
        },
      },
    },
  },
} as const;
