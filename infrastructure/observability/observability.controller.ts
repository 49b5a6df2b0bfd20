import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorator';
import { MetricsService } from './metrics.service';

@ApiTags('operations')
@Controller()
export class ObservabilityController {
  constructor(
    private readonly em: EntityManager,
    private readonly metrics: MetricsService,
  ) {}

  @Public()
  @Get('health/live')
  @ApiOperation({ summary: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('health/ready')
  @ApiOperation({ summary: 'The database is reachable (503 otherwise)' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<{ status: string; checks: Record<string, string> }> {
    try {
      await this.em.getConnection().execute('select 1');
      return { status: 'ok', checks: { database: 'ok' } };
    } catch {
      void reply.status(503);
      return { status: 'unavailable', checks: { database: 'unreachable' } };
    }
  }

  @Public()
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  async scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
