import { Query } from '@nestjs/cqrs';
import type { CentreView } from '../../contracts';
import type { DayHours } from '../../domain/opening-hours';

export interface CentreFilter {
  municipality?: string;
  service?: string;
  openNow?: boolean;
  hasVideoBooth?: boolean;
  status?: string[];
  kind?: string;
  q?: string;
  planningRegion?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export class ListCentresQuery extends Query<Page<CentreView>> {
  constructor(
    readonly filter: CentreFilter,
    readonly page: number,
    readonly pageSize: number,
    readonly at: Date,
  ) {
    super();
  }
}

export interface CentreOpeningHoursView {
  centreId: string;
  timeZone: string;
  weeklyDescription: { lv: string; en: string };
  spec: unknown;
  openNow: boolean;
  nextOpening: { opensAt: string; closesAt: string } | null;
  days: DayHours[];
}

export class GetCentreOpeningHoursQuery extends Query<CentreOpeningHoursView> {
  constructor(
    readonly centreId: string,
    readonly from: string,
    readonly to: string,
    readonly at: Date,
  ) {
    super();
  }
}

export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: Array<{
    type: 'Feature';
    id: string;
    geometry: { type: 'Point'; coordinates: [number, number] } | null;
    properties: Record<string, unknown>;
  }>;
}

export class GetCentresGeoJsonQuery extends Query<GeoJsonFeatureCollection> {
  constructor(
    readonly filter: CentreFilter,
    readonly at: Date,
  ) {
    super();
  }
}

export interface MunicipalityView {
  atvk: string;
  type: string;
  nameLv: string;
  nameEn: string;
  iso3166_2: string;
  varCode: string;
  planningRegion: string;
  hasVpvkac: boolean;
  centres: { active: number; registered: number };
}

export class ListMunicipalitiesQuery extends Query<MunicipalityView[]> {}

export class GetMunicipalityQuery extends Query<MunicipalityView> {
  constructor(readonly atvk: string) {
    super();
  }
}
