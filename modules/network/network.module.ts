import { Module } from '@nestjs/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { SeedNetworkDemoDataHandler } from './application/commands/seed-demo-data/seed-network-demo-data.handler';
import {
  AddVideoBoothHandler,
  AssignStaffHandler,
  ChangeCentreStatusHandler,
  EndStaffAssignmentHandler,
  RegisterCentreHandler,
  SetCentreServicesHandler,
  SetOpeningHoursHandler,
  UpdateCentreHandler,
} from './application/commands/centres/centre-command.handlers';
import {
  ImportServicesHandler,
  PublishServiceGuideHandler,
  RecordCooperationAgreementHandler,
  RegisterInstitutionHandler,
  RegisterServiceHandler,
} from './application/commands/catalogue/catalogue-command.handlers';
import { networkCalendarProvider } from './application/network-calendar';
import {
  GetCentreOpeningHoursHandler,
  GetCentresGeoJsonHandler,
  GetMunicipalityHandler,
  ListCentresHandler,
  ListMunicipalitiesHandler,
} from './application/queries/centre-query.handlers';
import {
  GetServiceGuideHandler,
  ListInstitutionsHandler,
  ListServiceGuideVersionsHandler,
  ListServicesHandler,
  SearchKnowledgeBaseHandler,
} from './application/queries/catalogue-query.handlers';
import { GetCentreStatusHistoryHandler, ListCentreStaffHandler, ListCooperationAgreementsHandler } from './application/queries/centre-internal-queries';
import { GetCentreOpeningRangesHandler } from './application/queries/centre-opening-ranges.handler';
import { GetNetworkIndicatorsHandler } from './application/queries/indicators-query.handler';
import { FindCentreIdsByEmailsHandler, GetCentreHandler, GetInstitutionHandler, GetServiceHandler, IsCentreOpenHandler } from './application/queries/network-read.handlers';
import { NETWORK_ENTITIES } from './infrastructure/persistence';
import { CatalogueAdminController } from './interface/http/catalogue-admin.controller';
import { CentresAdminController } from './interface/http/centres-admin.controller';
import { NetworkPublicController } from './interface/http/network-public.controller';

/** Network: municipalities, centres, opening hours, the service catalogue and the clerks' knowledge base. */
@Module({
  imports: [MikroOrmModule.forFeature(NETWORK_ENTITIES)],
  controllers: [NetworkPublicController, CentresAdminController, CatalogueAdminController],
  providers: [
    networkCalendarProvider,
    SeedNetworkDemoDataHandler,
    RegisterCentreHandler,
    UpdateCentreHandler,
    ChangeCentreStatusHandler,
    SetOpeningHoursHandler,
    SetCentreServicesHandler,
    AddVideoBoothHandler,
    AssignStaffHandler,
    EndStaffAssignmentHandler,
    RegisterInstitutionHandler,
    RegisterServiceHandler,
    ImportServicesHandler,
    PublishServiceGuideHandler,
    RecordCooperationAgreementHandler,
    ListMunicipalitiesHandler,
    GetMunicipalityHandler,
    ListCentresHandler,
    GetCentresGeoJsonHandler,
    GetCentreOpeningHoursHandler,
    ListInstitutionsHandler,
    ListServicesHandler,
    GetServiceGuideHandler,
    ListServiceGuideVersionsHandler,
    SearchKnowledgeBaseHandler,
    ListCentreStaffHandler,
    GetCentreStatusHistoryHandler,
    ListCooperationAgreementsHandler,
    GetNetworkIndicatorsHandler,
    GetCentreHandler,
    GetServiceHandler,
    GetInstitutionHandler,
    FindCentreIdsByEmailsHandler,
    IsCentreOpenHandler,
    GetCentreOpeningRangesHandler,
  ],
})
export class NetworkModule {}
