import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadConfig } from './load-config';
import { ServiceConfig } from './service-config';

const valid = {
  MONGO_URL: 'mongodb://127.0.0.1:27017/',
  MONGO_DB: 'pdmc_test',
  NATS_URL: 'nats://127.0.0.1:4222',
  AUTH_ISSUER: 'https://idp.example.gov.cn/realms/centre',
  AUTH_AUDIENCE: 'pdmc',
  AUTH_JWKS_URL: 'https://idp.example.gov.cn/realms/centre/jwks.json',
};

describe('configuration', () => {
  it('reads variables, converts numbers and keeps defaults', () => {
    const config = loadConfig(ServiceConfig, { ...valid, HTTP_PORT: '3009' });
    expect(config.HTTP_PORT).toBe(3009);
    expect(config.LOG_LEVEL).toBe('info');
    expect(config.MAX_DELIVER).toBe(5);
  });

  it('stops on a missing address, naming the variable', () => {
    expect(() => loadConfig(ServiceConfig, { ...valid, NATS_URL: undefined })).toThrow(/NATS_URL/);
    expect(() => loadConfig(ServiceConfig, { ...valid, MONGO_URL: '' })).toThrow(/MONGO_URL/);
  });

  it('stops on malformed values, naming each variable and rule', () => {
    try {
      loadConfig(ServiceConfig, { ...valid, HTTP_PORT: 'eighty', LOG_LEVEL: 'loud', BUS_PREFIX: 'Has Space' });
      throw new Error('expected a ConfigurationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      const problems = (error as ConfigurationError).problems.join('\n');
      expect(problems).toMatch(/HTTP_PORT: .*isInt/);
      expect(problems).toMatch(/LOG_LEVEL: .*isIn/);
      expect(problems).toMatch(/BUS_PREFIX/);
    }
  });

  it('reads NATS_PASSWORD from NATS_PASSWORD_FILE, and names the variable when the file is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    writeFileSync(join(dir, 'pw'), 's3cret-from-file\n');
    expect(loadConfig(ServiceConfig, { ...valid, NATS_PASSWORD_FILE: join(dir, 'pw') }).NATS_PASSWORD).toBe('s3cret-from-file');
    expect(() => loadConfig(ServiceConfig, { ...valid, NATS_PASSWORD_FILE: join(dir, 'none') })).toThrow(/NATS_PASSWORD_FILE/);
  });

  it('accepts several NATS servers and refuses other schemes', () => {
    expect(loadConfig(ServiceConfig, { ...valid, NATS_URL: 'nats://a:4222,nats://b:4222' }).NATS_URL).toContain('b:4222');
    expect(() => loadConfig(ServiceConfig, { ...valid, NATS_URL: 'http://a:4222' })).toThrow(/NATS_URL/);
  });
});
