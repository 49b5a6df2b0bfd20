import { Injectable, Module, RequestMethod, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import { MikroORM, RequestContext } from '@mikro-orm/postgresql';
import type { IncomingMessage } from 'node:http';

/**
 * Routes whose handlers never use the request's EntityManager: the walk-in queue keeps its state
 * in memory and forks an EntityManager explicitly when it must read the database (ADR 0008). A
 * request context forks one for every request whether it is used or not — about 4 % of the
 * server's CPU at the queue's peak rate — so these routes go without. (Using the global
 * EntityManager there would fail loudly: MikroORM refuses it outside a context.)
 */
export const WITHOUT_REQUEST_CONTEXT = ['/api/v1/queue/'];

export const needsRequestContext = (url: string | undefined): boolean => !WITHOUT_REQUEST_CONTEXT.some((prefix) => (url ?? '').startsWith(prefix));

/** MikroORM's request context (a forked EntityManager per request), except on WITHOUT_REQUEST_CONTEXT. */
@Injectable()
export class OrmRequestContextMiddleware implements NestMiddleware {
  constructor(private readonly orm: MikroORM) {}

  use(req: IncomingMessage & { originalUrl?: string }, _res: unknown, next: () => void): void {
    // Under Fastify the middleware engine strips the matched route from `url` (it is '/' here): the path is in `originalUrl`.
    if (needsRequestContext(req.originalUrl ?? req.url)) RequestContext.create(this.orm.em, next);
    else next();
  }
}

/** Registered instead of MikroOrmModule's own middleware (`registerRequestContext: false`). */
@Module({ providers: [OrmRequestContextMiddleware] })
export class OrmRequestContextModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(OrmRequestContextMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.ALL });
  }
}
