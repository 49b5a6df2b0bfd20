import { Controller, Get, NotFoundException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from './access.decorator';
import { DevIssuer } from './dev-issuer';

/** OpenID discovery and JWKS of the demo issuer (404 when a real issuer is configured). */
@ApiExcludeController()
@Controller('auth')
export class DevIssuerController {
  constructor(private readonly issuer: DevIssuer) {}

  @Public()
  @Get('.well-known/openid-configuration')
  discovery(): Record<string, unknown> {
    if (!this.issuer.enabled) throw new NotFoundException();
    return {
      issuer: this.issuer.issuer,
      jwks_uri: `${this.issuer.issuer}/jwks.json`,
      id_token_signing_alg_values_supported: ['ES256'],
      token_endpoint: `${this.issuer.issuer.replace(/\/auth$/, '')}/api/v1/auth/demo-token`,
    };
  }

  @Public()
  @Get('jwks.json')
  jwks(): unknown {
    if (!this.issuer.enabled) throw new NotFoundException();
    return this.issuer.jwks();
  }
}
