import { ServiceConfig } from '@pdmc/platform';

export class HandlingConfig extends ServiceConfig {
  override HTTP_PORT = 3003;
  override MONGO_DB = 'pdmc_handling';
}
