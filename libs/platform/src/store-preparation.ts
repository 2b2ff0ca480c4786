import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { prepareCollections } from '@pdmc/persistence';

/**
 * Creates the service's collections and indexes before any other module's start-up code runs:
 * Nest calls the init hooks of global modules (ServiceCoreModule is one) before those of the
 * feature modules, which seed rule sets or read their state, and every model is compiled by
 * then. Bootstrap prepares again (a no-op by then) before consumers and HTTP start, for models
 * first registered during start-up.
 */
@Injectable()
export class StorePreparation implements OnModuleInit {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async onModuleInit(): Promise<void> {
    await this.connection.asPromise();
    await prepareCollections(this.connection);
  }
}
