import type { Centre, VideoBooth } from '../domain/centre';
import type { Institution, Service } from '../domain/catalogue';
import type { CentreView, InstitutionView, ServiceView, VideoBoothView } from '../contracts';

export const toBoothView = (b: VideoBooth): VideoBoothView => ({ id: b.id, name: b.name, capacity: b.capacity, accessible: b.accessible, active: b.active });

export const toCentreView = (c: Centre, booths: VideoBooth[], municipalityNameLv?: string): CentreView => ({
  id: c.id,
  code: c.code,
  nameLv: c.nameLv,
  shortName: c.shortName,
  kind: c.kind,
  municipalityAtvk: c.municipalityAtvk,
  municipalityNameLv,
  placeName: c.placeName,
  address: c.address,
  postcode: c.postcode,
  coordinates: c.lat != null && c.lon != null ? { lat: c.lat, lon: c.lon } : null,
  phone: c.phone,
  email: c.email,
  languages: c.languages,
  status: c.status,
  statusSince: c.statusSince,
  generated: c.generated,
  videoBooths: booths.map(toBoothView),
  serviceCodes: c.serviceCodes,
});

export const toInstitutionView = (i: Institution, serviceCount?: number): InstitutionView => ({
  id: i.id,
  code: i.code,
  nameLv: i.nameLv,
  nameEn: i.nameEn,
  regNo: i.regNo ?? null,
  videoConsultations: i.videoConsultations,
  serviceCount,
});

export const toServiceView = (s: Service, institutionCode: string): ServiceView => ({
  id: s.id,
  code: s.code,
  institutionId: s.institutionId,
  institutionCode,
  latvijaGovLvId: s.latvijaGovLvId ?? null,
  nameLv: s.nameLv,
  nameEn: s.nameEn,
  channels: s.channels,
  defaultDurationMin: s.defaultDurationMin,
  citizenIdentity: s.citizenIdentity,
  descriptionLv: s.descriptionLv ?? null,
  descriptionEn: s.descriptionEn ?? null,
});
