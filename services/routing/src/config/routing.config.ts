import { ServiceConfig } from '@pdmc/platform';

export class RoutingConfig extends ServiceConfig {
  override HTTP_PORT = 3002;
  override MONGO_DB = 'pdmc_routing';
}
