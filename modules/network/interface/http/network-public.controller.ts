import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@infrastructure/auth/access.decorator';
import { notFound } from '@modules/shared-kernel';
import { GetInstitutionQuery, GetNetworkIndicatorsQuery, GetServiceQuery, type CentreView, type InstitutionView, type NetworkIndicators, type ServiceView } from '../../contracts';
import { ListInstitutionsQuery, ListServicesQuery } from '../../application/queries/catalogue-queries';
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
} from '../../application/queries/centre-queries';
import { GetCentreQuery } from '../../contracts';
import { CentreFilterDto, OpeningHoursRangeDto, ServiceFilterDto } from './network.dto';
import { openingHoursRange } from './local-dates';

const toFilter = (dto: CentreFilterDto): CentreFilter => ({
  municipality: dto.municipality,
  service: dto.service,
  openNow: dto.openNow,
  hasVideoBooth: dto.hasVideoBooth,
  status: dto.status,
  kind: dto.kind,
  q: dto.q,
  planningRegion: dto.planningRegion,
});

/** Open data for portals: no login, no personal data. */
@ApiTags('network (public)')
@Public()
@Controller('api/v1/network')
export class NetworkPublicController {
  constructor(private readonly queries: QueryBus) {}

  @Get('municipalities')
  @ApiOperation({ summary: 'The 42 municipalities with their centre counts' })
  municipalities(): Promise<MunicipalityView[]> {
    return this.queries.execute(new ListMunicipalitiesQuery());
  }

  @Get('municipalities/:atvk')
  @ApiOperation({ summary: 'One municipality by ATVK code' })
  municipality(@Param('atvk') atvk: string): Promise<MunicipalityView> {
    return this.queries.execute(new GetMunicipalityQuery(atvk));
  }

  @Get('centres')
  @ApiOperation({ summary: 'Centres with filters (municipality, service, open now, video booth, status, kind, text)' })
  centres(@Query() dto: CentreFilterDto): Promise<Page<CentreView>> {
    return this.queries.execute(new ListCentresQuery(toFilter(dto), dto.page ?? 1, dto.pageSize ?? 50, new Date()));
  }

  @Get('centres.geojson')
  @Header('content-type', 'application/geo+json; charset=utf-8')
  @ApiOperation({ summary: 'Centres as a GeoJSON FeatureCollection (same filters)' })
  geojson(@Query() dto: CentreFilterDto): Promise<GeoJsonFeatureCollection> {
    return this.queries.execute(new GetCentresGeoJsonQuery(toFilter(dto), new Date()));
  }

  @Get('centres/:id')
  @ApiOperation({ summary: 'One centre by id or code' })
  async centre(@Param('id') id: string): Promise<CentreView> {
    const view = await this.queries.execute(new GetCentreQuery(id));
    if (!view) throw notFound('NETWORK.CENTRE_NOT_FOUND', 'Centrs nav atrasts', 'Centre not found');
    return view;
  }

  @Get('centres/:id/opening-hours')
  @ApiOperation({ summary: 'Effective opening hours per day (holidays, seasons, exceptions applied), open now, next opening' })
  openingHours(@Param('id') id: string, @Query() dto: OpeningHoursRangeDto): Promise<CentreOpeningHoursView> {
    const now = new Date();
    const { from, to } = openingHoursRange(dto.from, dto.to, now);
    return this.queries.execute(new GetCentreOpeningHoursQuery(id, from, to, now));
  }

  @Get('institutions')
  @ApiOperation({ summary: 'Service holders (state institutions)' })
  institutions(): Promise<InstitutionView[]> {
    return this.queries.execute(new ListInstitutionsQuery());
  }

  @Get('institutions/:id')
  @ApiOperation({ summary: 'One institution by id or code' })
  async institution(@Param('id') id: string): Promise<InstitutionView> {
    const view = await this.queries.execute(new GetInstitutionQuery(id));
    if (!view) throw notFound('NETWORK.INSTITUTION_NOT_FOUND', 'Iestāde nav atrasta', 'Institution not found');
    return view;
  }

  @Get('services')
  @ApiOperation({ summary: 'Service catalogue (filters: institution, channel, text, centre)' })
  services(@Query() dto: ServiceFilterDto): Promise<ServiceView[]> {
    return this.queries.execute(new ListServicesQuery({ ...dto }));
  }

  @Get('services/:id')
  @ApiOperation({ summary: 'One service by id or code' })
  async service(@Param('id') id: string): Promise<ServiceView> {
    const view = await this.queries.execute(new GetServiceQuery(id));
    if (!view) throw notFound('NETWORK.SERVICE_NOT_FOUND', 'Pakalpojums nav atrasts', 'Service not found');
    return view;
  }

  @Get('kpis')
  @ApiOperation({ summary: 'Roll-out indicators: centres registered vs 315, new contact points vs 99, per municipality' })
  kpis(): Promise<NetworkIndicators> {
    return this.queries.execute(new GetNetworkIndicatorsQuery());
  }
}
