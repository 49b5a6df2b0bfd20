import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyService } from './api-key.service';
import { AuthGuard } from './auth.guard';
import { DevIssuer } from './dev-issuer';
import { DevIssuerController } from './dev-issuer.controller';
import { TokenVerifier } from './token-verifier';

@Global()
@Module({
  controllers: [DevIssuerController],
  providers: [DevIssuer, TokenVerifier, ApiKeyService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [DevIssuer, TokenVerifier, ApiKeyService],
})
export class AuthModule {}
