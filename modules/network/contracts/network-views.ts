/** Read models other modules and the API receive. Plain data, no ORM objects. */
export interface CentreView {
  id: string;
  code: string;
  nameLv: string;
  shortName: string;
  kind: string;
  municipalityAtvk: string;
  municipalityNameLv?: string;
  placeName: string;
  address: string;
  postcode: string;
  coordinates: { lat: number; lon: number } | null;
  phone: string;
  email: string;
  languages: string[];
  status: string;
  statusSince: string;
  generated: boolean;
  videoBooths: VideoBoothView[];
  serviceCodes: string[];
  openNow?: boolean;
}

export interface VideoBoothView {
  id: string;
  name: string;
  capacity: number;
  accessible: boolean;
  active: boolean;
}

export interface InstitutionView {
  id: string;
  code: string;
  nameLv: string;
  nameEn: string;
  regNo: string | null;
  videoConsultations: boolean;
  serviceCount?: number;
}

export interface ServiceView {
  id: string;
  code: string;
  institutionId: string;
  institutionCode: string;
  latvijaGovLvId: string | null;
  nameLv: string;
  nameEn: string;
  channels: 'in_person' | 'remote_video' | 'both';
  defaultDurationMin: number;
  /** The walk-in queue may take the visitor's name and personal code for this service (else none). */
  citizenIdentity: boolean;
  descriptionLv: string | null;
  descriptionEn: string | null;
}

export interface NetworkIndicators {
  asOf: string;
  centres: { registered: number; active: number; baseline: number; target: number; byStatus: Record<string, number> };
  newContactPoints: { registered: number; active: number; target: number };
  municipalitiesWithCentres: number;
  videoEquippedCentres: number;
  byMunicipality: Array<{ atvk: string; nameLv: string; planningRegion: string; registered: number; active: number; planned: number; contactPoints: number }>;
}
