import { Controller, Get, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Public } from '@pdmc/auth';
import { BUS, type Bus } from '@pdmc/messaging';
import { SERVICE_NAME } from '../service-core.tokens';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @InjectConnection() private readonly connection: Connection,
    @Inject(BUS) private readonly bus: Bus,
  ) {}

  /** Liveness: the process answers. */
  @Get('health')
  @ApiOkResponse({ description: 'The process is alive.' })
  health(): { status: 'ok'; service: string } {
    return { status: 'ok', service: this.service };
  }

  /** Readiness: MongoDB answers a ping and the NATS connection is up. */
  @Get('ready')
  @HttpCode(200)
  @ApiOkResponse({ description: 'MongoDB and NATS are reachable.' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is unreachable.' })
  async ready(): Promise<{ status: 'ready'; service: string; checks: Record<string, 'up' | 'down'> }> {
    const mongo = await this.pingMongo();
    const nats = this.bus.isConnected();
    const checks = { mongodb: mongo ? 'up' : 'down', nats: nats ? 'up' : 'down' } as const;
    if (!mongo || !nats) {
      throw new ServiceUnavailableException(`Not ready: mongodb ${checks.mongodb}, nats ${checks.nats}`);
    }
    return { status: 'ready', service: this.service, checks };
  }

  private async pingMongo(): Promise<boolean> {
    try {
      if (this.connection.readyState !== 1 || !this.connection.db) return false;
      await this.connection.db.admin().command({ ping: 1 });
      return true;
    } catch {
      return false;
    }
  }
}
