import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TokenVerifier } from '../token-verifier';
import { AuthGuard } from './auth.guard';

/** Options of {@link AuthModule.forRoot}. */
export interface AuthModuleOptions {
  issuer: string;
  audience: string;
  jwksUrl: string;
  clockToleranceSec?: number;
}

/**
 * Staff authentication for a service: provides {@link TokenVerifier} and installs
 * {@link AuthGuard} for every route, so routes are closed unless they declare otherwise.
 */
@Global()
@Module({})
export class AuthModule {
  static forRoot(options: AuthModuleOptions): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: TokenVerifier, useFactory: () => new TokenVerifier(options) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [TokenVerifier],
    };
  }
}
