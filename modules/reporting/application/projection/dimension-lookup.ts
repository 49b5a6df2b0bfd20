import { Injectable, Logger } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { GetCentreQuery, GetInstitutionQuery, GetNetworkIndicatorsQuery, GetServiceQuery } from '@modules/network';
import { inList, jsonRows, sql, type SqlRunner } from '../../infrastructure/persistence/sql-fragment';

export interface CentreDetails {
  centreId: string;
  code: string | null;
  name: string | null;
  kind: string | null;
  municipalityAtvk: string | null;
  municipalityName: string | null;
  planningRegion: string | null;
  status: string | null;
  statusSince: string | null;
  generated: boolean;
}

export interface ServiceDetails {
  serviceCode: string;
  serviceId: string | null;
  institutionId: string | null;
  institutionCode: string;
  institutionName: string | null;
  nameLv: string | null;
  nameEn: string | null;
}

const TTL_MS = 10 * 60_000;
/** Network lookups in flight at once (each takes a connection from the shared pool). */
const CONCURRENCY = 4;

async function forEachLimited<T>(items: T[], fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

interface Cached<T> {
  value: T;
  at: number;
}

/**
 * Names and hierarchies (centre → municipality → planning region; service → institution) from
 * Network's public queries, cached in memory, and written into the dimension tables on first sight.
 */
@Injectable()
export class DimensionLookup {
  private readonly logger = new Logger(DimensionLookup.name);
  private readonly centres = new Map<string, Cached<CentreDetails | null>>();
  private readonly services = new Map<string, Cached<ServiceDetails>>();
  private readonly institutions = new Map<string, Cached<string | null>>();
  private regions?: Cached<Map<string, string>>;

  constructor(private readonly queries: QueryBus) {}

  /** Drops every cached answer (a rebuild starts from Network's current data). */
  forget(): void {
    this.centres.clear();
    this.services.clear();
    this.institutions.clear();
    this.regions = undefined;
  }

  /** Looks up many centres at once (a rebuild meets every CentreRegistered in a few pages). */
  async prefetchCentres(centreIds: string[]): Promise<void> {
    await forEachLimited([...new Set(centreIds)], (id) => this.centre(id));
  }

  async centre(centreId: string): Promise<CentreDetails | null> {
    const hit = this.centres.get(centreId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const view = await this.queries.execute(new GetCentreQuery(centreId));
    const value: CentreDetails | null = view
      ? {
          centreId,
          code: view.code,
          name: view.shortName,
          kind: view.kind,
          municipalityAtvk: view.municipalityAtvk,
          municipalityName: view.municipalityNameLv ?? null,
          planningRegion: await this.regionOf(view.municipalityAtvk),
          status: view.status,
          statusSince: view.statusSince,
          generated: view.generated,
        }
      : null;
    this.centres.set(centreId, { value, at: Date.now() });
    return value;
  }

  async service(serviceCode: string): Promise<ServiceDetails> {
    const hit = this.services.get(serviceCode);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const view = await this.queries.execute(new GetServiceQuery(serviceCode));
    // A code Network does not know still belongs to the institution its prefix names (VSAA-001).
    const value: ServiceDetails = view
      ? {
          serviceCode,
          serviceId: view.id,
          institutionId: view.institutionId,
          institutionCode: view.institutionCode,
          institutionName: await this.institutionName(view.institutionId),
          nameLv: view.nameLv,
          nameEn: view.nameEn,
        }
      : { serviceCode, serviceId: null, institutionId: null, institutionCode: serviceCode.split('-')[0] ?? serviceCode, institutionName: null, nameLv: null, nameEn: null };
    this.services.set(serviceCode, { value, at: Date.now() });
    return value;
  }

  async serviceById(serviceId: string): Promise<ServiceDetails | null> {
    const view = await this.queries.execute(new GetServiceQuery(serviceId));
    if (!view) return null;
    this.services.delete(view.code);
    return this.service(view.code);
  }

  /** Adds dimension rows for centres seen in facts before (or without) their CentreRegistered. */
  async ensureCentres(centreIds: string[], run: SqlRunner): Promise<void> {
    const ids = [...new Set(centreIds)];
    if (ids.length === 0) return;
    const known = new Set((await run<{ centre_id: string }>(sql`select centre_id from reporting.centre_dim where ${inList('centre_id', ids)}`)).map((r) => r.centre_id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length === 0) return;
    await this.prefetchCentres(missing);
    const rows = [];
    for (const id of missing) {
      const details = await this.centre(id);
      if (!details) this.logger.warn({ centreId: id }, 'centre unknown to Network; reported without names');
      rows.push(details ?? { centreId: id });
    }
    await run(sql`
      insert into reporting.centre_dim (centre_id, code, name, kind, municipality_atvk, municipality_name, planning_region, status, status_since, registered_status, generated)
      select r."centreId", r.code, r.name, r.kind, r."municipalityAtvk", r."municipalityName", r."planningRegion", r.status, r."statusSince", r.status, coalesce(r.generated, false)
        from jsonb_to_recordset(${jsonRows(rows)}) as r("centreId" uuid, code text, name text, kind text, "municipalityAtvk" text, "municipalityName" text, "planningRegion" text, status text, "statusSince" date, generated boolean)
      on conflict (centre_id) do nothing`);
  }

  async ensureServices(serviceCodes: string[], run: SqlRunner): Promise<void> {
    const codes = [...new Set(serviceCodes)];
    if (codes.length === 0) return;
    const known = new Set((await run<{ service_code: string }>(sql`select service_code from reporting.service_dim where ${inList('service_code', codes)}`)).map((r) => r.service_code));
    const missing = codes.filter((code) => !known.has(code));
    if (missing.length === 0) return;
    await forEachLimited(missing, (code) => this.service(code));
    const rows: ServiceDetails[] = [];
    for (const code of missing) rows.push(await this.service(code));
    await this.upsertServices(rows, run);
  }

  async upsertServices(rows: ServiceDetails[], run: SqlRunner): Promise<void> {
    if (rows.length === 0) return;
    await run(sql`
      insert into reporting.service_dim (service_code, service_id, institution_id, institution_code, institution_name, name_lv, name_en)
      select r."serviceCode", r."serviceId", r."institutionId", r."institutionCode", r."institutionName", r."nameLv", r."nameEn"
        from jsonb_to_recordset(${jsonRows(rows)}) as r("serviceCode" text, "serviceId" uuid, "institutionId" uuid, "institutionCode" text, "institutionName" text, "nameLv" text, "nameEn" text)
      on conflict (service_code) do update set service_id = excluded.service_id, institution_id = excluded.institution_id, institution_code = excluded.institution_code,
        institution_name = excluded.institution_name, name_lv = excluded.name_lv, name_en = excluded.name_en`);
  }

  private async regionOf(atvk: string): Promise<string | null> {
    const age = this.regions ? Date.now() - this.regions.at : Infinity;
    // An unknown municipality refreshes the map, at most once a minute.
    if (age > TTL_MS || (!this.regions!.value.has(atvk) && age > 60_000)) {
      const indicators = await this.queries.execute(new GetNetworkIndicatorsQuery());
      this.regions = { value: new Map(indicators.byMunicipality.map((m) => [m.atvk, m.planningRegion])), at: Date.now() };
    }
    return this.regions!.value.get(atvk) ?? null;
  }

  private async institutionName(institutionId: string): Promise<string | null> {
    const hit = this.institutions.get(institutionId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const view = await this.queries.execute(new GetInstitutionQuery(institutionId));
    this.institutions.set(institutionId, { value: view?.nameLv ?? null, at: Date.now() });
    return view?.nameLv ?? null;
  }
}
