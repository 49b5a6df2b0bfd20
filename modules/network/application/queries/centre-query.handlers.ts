import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Inject } from '@nestjs/common';
import { notFound, type LatvianCalendar } from '@modules/shared-kernel';
import type { CentreView } from '../../contracts';
import { Centre, VideoBooth } from '../../domain/centre';
import { Municipality } from '../../domain/municipality';
import { describeWeekly, isOpenAt, nextOpening, openingHoursForRange, timeZoneOf } from '../../domain/opening-hours';
import { toCentreView } from '../mappers';
import { NETWORK_CALENDAR } from '../network-calendar';
import { loadCentre } from './centre-lookup';
import {
  GetCentreOpeningHoursQuery,
  GetCentresGeoJsonQuery,
  GetMunicipalityQuery,
  ListCentresQuery,
  ListMunicipalitiesQuery,
  type CentreFilter,
  type CentreOpeningHoursView,
  type GeoJsonFeatureCollection,
  type MunicipalityView,
  type Page,
} from './centre-queries';

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Centres matching the filter, with booths, sorted by municipality then name; openNow is evaluated in memory. */
async function findCentres(em: EntityManager, filter: CentreFilter, at: Date, calendar: LatvianCalendar): Promise<CentreView[]> {
  const where: FilterQuery<Centre> = {};
  if (filter.municipality) where.municipalityAtvk = filter.municipality;
  if (filter.status?.length) where.status = { $in: filter.status as Centre['status'][] };
  if (filter.kind) where.kind = filter.kind as Centre['kind'];
  if (filter.service) where.serviceCodes = { $contains: [filter.service] };
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    where.$or = [{ shortName: { $ilike: like } }, { nameLv: { $ilike: like } }, { placeName: { $ilike: like } }, { address: { $ilike: like } }];
  }
  const municipalities = await em.find(Municipality, filter.planningRegion ? { planningRegion: filter.planningRegion } : {});
  if (filter.planningRegion) where.municipalityAtvk = { $in: municipalities.map((m) => m.atvk), ...(filter.municipality ? { $eq: filter.municipality } : {}) };
  const names = new Map(municipalities.map((m) => [m.atvk, m.nameLv]));
  const centres = await em.find(Centre, where, { orderBy: { municipalityAtvk: 'asc', shortName: 'asc' } });
  const booths = await em.find(VideoBooth, { centreId: { $in: centres.map((c) => c.id) }, active: true });
  const boothsByCentre = new Map<string, VideoBooth[]>();
  for (const b of booths) boothsByCentre.set(b.centreId, [...(boothsByCentre.get(b.centreId) ?? []), b]);
  let views = centres.map((c) => ({
    ...toCentreView(c, boothsByCentre.get(c.id) ?? [], names.get(c.municipalityAtvk)),
    openNow: c.status === 'active' && isOpenAt(c.openingHours, at, calendar),
  }));
  if (filter.hasVideoBooth !== undefined) views = views.filter((v) => v.videoBooths.length > 0 === filter.hasVideoBooth);
  if (filter.openNow !== undefined) views = views.filter((v) => v.openNow === filter.openNow);
  return views;
}

@QueryHandler(ListCentresQuery)
export class ListCentresHandler implements IQueryHandler<ListCentresQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(NETWORK_CALENDAR) private readonly calendar: LatvianCalendar,
  ) {}

  async execute(q: ListCentresQuery): Promise<Page<CentreView>> {
    const all = await findCentres(this.em.fork(), q.filter, q.at, this.calendar);
    const start = (q.page - 1) * q.pageSize;
    return { items: all.slice(start, start + q.pageSize), total: all.length, page: q.page, pageSize: q.pageSize };
  }
}

@QueryHandler(GetCentresGeoJsonQuery)
export class GetCentresGeoJsonHandler implements IQueryHandler<GetCentresGeoJsonQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(NETWORK_CALENDAR) private readonly calendar: LatvianCalendar,
  ) {}

  async execute(q: GetCentresGeoJsonQuery): Promise<GeoJsonFeatureCollection> {
    const centres = await findCentres(this.em.fork(), q.filter, q.at, this.calendar);
    return {
      type: 'FeatureCollection',
      features: centres.map((c) => ({
        type: 'Feature',
        id: c.id,
        // GeoJSON order is [longitude, latitude] (RFC 7946).
        geometry: c.coordinates ? { type: 'Point', coordinates: [c.coordinates.lon, c.coordinates.lat] } : null,
        properties: {
          code: c.code,
          name: c.shortName,
          fullName: c.nameLv,
          kind: c.kind,
          status: c.status,
          municipalityAtvk: c.municipalityAtvk,
          municipality: c.municipalityNameLv,
          address: c.address,
          phone: c.phone,
          email: c.email,
          videoBooths: c.videoBooths.length,
          openNow: c.openNow,
          generated: c.generated,
        },
      })),
    };
  }
}

@QueryHandler(GetCentreOpeningHoursQuery)
export class GetCentreOpeningHoursHandler implements IQueryHandler<GetCentreOpeningHoursQuery> {
  constructor(
    private readonly em: EntityManager,
    @Inject(NETWORK_CALENDAR) private readonly calendar: LatvianCalendar,
  ) {}

  async execute(q: GetCentreOpeningHoursQuery): Promise<CentreOpeningHoursView> {
    const { centre } = await loadCentre(this.em.fork(), q.centreId);
    const spec = centre.openingHours;
    const active = centre.status === 'active';
    const next = active ? nextOpening(spec, q.at, this.calendar) : null;
    return {
      centreId: centre.id,
      timeZone: timeZoneOf(spec),
      weeklyDescription: { lv: describeWeekly(spec, 'lv'), en: describeWeekly(spec, 'en') },
      spec,
      openNow: active && isOpenAt(spec, q.at, this.calendar),
      nextOpening: next ? { opensAt: next.opensAt.toISOString(), closesAt: next.closesAt.toISOString() } : null,
      days: openingHoursForRange(spec, q.from, q.to, this.calendar),
    };
  }
}

async function municipalityViews(em: EntityManager, atvk?: string): Promise<MunicipalityView[]> {
  const municipalities = await em.find(Municipality, atvk ? { atvk } : {}, { orderBy: { type: 'desc', nameLv: 'asc' } });
  const counts = await em.getConnection().execute<Array<{ atvk: string; active: string; registered: string }>>(
    `select municipality_atvk as atvk, count(*) filter (where status = 'active') as active, count(*) filter (where status <> 'closed') as registered
       from network.centre group by municipality_atvk`,
  );
  const byAtvk = new Map(counts.map((c) => [c.atvk, c]));
  return municipalities.map((m) => ({
    atvk: m.atvk,
    type: m.type,
    nameLv: m.nameLv,
    nameEn: m.nameEn,
    iso3166_2: m.iso3166_2,
    varCode: m.varCode,
    planningRegion: m.planningRegion,
    hasVpvkac: m.hasVpvkac,
    centres: { active: Number(byAtvk.get(m.atvk)?.active ?? 0), registered: Number(byAtvk.get(m.atvk)?.registered ?? 0) },
  }));
}

@QueryHandler(ListMunicipalitiesQuery)
export class ListMunicipalitiesHandler implements IQueryHandler<ListMunicipalitiesQuery> {
  constructor(private readonly em: EntityManager) {}

  execute(): Promise<MunicipalityView[]> {
    return municipalityViews(this.em.fork());
  }
}

@QueryHandler(GetMunicipalityQuery)
export class GetMunicipalityHandler implements IQueryHandler<GetMunicipalityQuery> {
  constructor(private readonly em: EntityManager) {}

  async execute(q: GetMunicipalityQuery): Promise<MunicipalityView> {
    const [view] = await municipalityViews(this.em.fork(), q.atvk);
    if (!view) throw notFound('NETWORK.MUNICIPALITY_NOT_FOUND', 'Pašvaldība nav atrasta', 'Municipality not found');
    return view;
  }
}
