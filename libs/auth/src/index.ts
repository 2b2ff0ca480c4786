export * from './roles';
export * from './authentication-error';
export * from './principal';
export * from './token-verifier';
export * from './nest/auth.decorators';
export * from './nest/auth.guard';
export * from './nest/auth.module';
export * from './dev/dev-token-issuer';
