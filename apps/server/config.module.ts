import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from '@infrastructure/config/app-config';
import { DATABASE_URL } from '@infrastructure/database/database-url.token';

/** Makes the validated configuration and the resolved database URL injectable everywhere. */
@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [AppConfig, DATABASE_URL],
    };
  }
}
