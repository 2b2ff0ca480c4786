import { ServiceConfig } from '@pdmc/platform';

export class FundsConfig extends ServiceConfig {
  override HTTP_PORT = 3005;
  override MONGO_DB = 'pdmc_funds';
}
