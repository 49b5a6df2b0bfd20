import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '@infrastructure/auth/access.decorator';
import type { OpenDataServices } from '../../contracts';
import { GetOpenDataServicesQuery } from '../../application/queries/reporting-queries';
import { exportAs } from './export-reply';
import { OPEN_DATA_SERVICES_SCHEMA } from './open-data-schema';
import { openDataTable } from './report-tables';
import { OpenDataQueryDto } from './reporting.dto';

/** Open data: aggregates anyone may use, with small cells suppressed. The schema is versioned and stable. */
@ApiTags('reporting (open data)')
@Public()
@Controller('api/v1/reporting/open-data')
export class OpenDataController {
  constructor(private readonly queries: QueryBus) {}

  @Get('services')
  @Header('cache-control', 'public, max-age=3600')
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOperation({ summary: 'Services provided per month × place (level) × service × channel; cells under the k-anonymity threshold suppressed' })
  async services(@Query() dto: OpenDataQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<OpenDataServices | Buffer> {
    const data = await this.queries.execute(new GetOpenDataServicesQuery(dto.from, dto.to, dto.level ?? 'municipality'));
    return exportAs(dto.format, reply, data, openDataTable, `vpvkac-services-${data.level}-${dto.from}-${dto.to}`);
  }

  @Get('services/schema')
  @Header('cache-control', 'public, max-age=86400')
  @ApiOperation({ summary: 'JSON Schema (draft 2020-12) of the open data on services, version 1' })
  schema(): typeof OPEN_DATA_SERVICES_SCHEMA {
    return OPEN_DATA_SERVICES_SCHEMA;
  }
}
