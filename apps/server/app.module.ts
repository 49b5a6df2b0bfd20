import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { OrmRequestContextModule } from '@infrastructure/database/request-context.module';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { AppConfig } from '@infrastructure/config/app-config';
import { ormOptions } from '@infrastructure/database/orm-options';
import { AppLoggerModule } from '@infrastructure/logging/logger.module';
import { AuthModule } from '@infrastructure/auth/auth.module';
import { AuditModule } from '@infrastructure/audit/audit.module';
import { MessagingModule } from '@infrastructure/messaging/messaging.module';
import { ObservabilityModule } from '@infrastructure/observability/observability.module';
import { NetworkModule } from '@modules/network';
import { IntakeModule } from '@modules/intake';
import { SchedulingModule } from '@modules/scheduling';
import { ReportingModule } from '@modules/reporting';
import { RemoteOfficialModule } from '@modules/remote-official';
import { AppConfigModule } from './config.module';
import { DemoModule } from './demo/demo.module';

/** Composition only: platform parts plus the five bounded modules. */
@Module({})
export class AppModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.register(config, databaseUrl),
        MikroOrmModule.forRootAsync({
          driver: PostgreSqlDriver,
          useFactory: () => ({ ...ormOptions(databaseUrl, { pool: { min: 0, max: config.DATABASE_POOL_MAX, acquireTimeoutMillis: 30_000 } }), autoLoadEntities: true, registerRequestContext: false }),
        }),
        // MikroORM's request context on every route but the queue's (see the module).
        OrmRequestContextModule,
        CqrsModule.forRoot(),
        AppLoggerModule,
        ObservabilityModule,
        AuthModule,
        AuditModule,
        MessagingModule,
        NetworkModule,
        IntakeModule,
        SchedulingModule,
        RemoteOfficialModule,
        ReportingModule,
        DemoModule,
      ],
    };
  }
}
