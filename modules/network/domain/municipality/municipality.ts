/** A Latvian municipality after the 2021 reform (state city or novads). */
export class Municipality {
  atvk!: string;
  type!: 'valstspilseta' | 'novads';
  nameLv!: string;
  nameEn!: string;
  iso3166_2!: string;
  varCode!: string;
  planningRegion!: string;
  hasVpvkac!: boolean;
}
