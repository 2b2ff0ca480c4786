import { ServiceConfig } from '@pdmc/platform';

export class EmergencyConfig extends ServiceConfig {
  override HTTP_PORT = 3004;
  override MONGO_DB = 'pdmc_emergency';
}
