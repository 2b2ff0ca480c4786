import { Controller, Get, Header, HttpCode, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { Public } from '@pdmc/auth';
import { BUS, type Bus } from '@pdmc/messaging';
import { DeadLettersService } from '../dead-letters/dead-letters.service';
import { OutboxRelayService } from '../outbox-relay.service';
import { SERVICE_NAME } from '../service-core.tokens';

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(
    @Inject(SERVICE_NAME) private readonly service: string,
    @InjectConnection() private readonly connection: Connection,
    @Inject(BUS) private readonly bus: Bus,
    private readonly deadLetters: DeadLettersService,
    private readonly outbox: OutboxRelayService,
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
  async ready(): Promise<{
    status: 'ready';
    service: string;
    checks: Record<string, 'up' | 'down'>;
    details: { deadLetters: { count: number; oldestAgeSeconds: number } | null };
  }> {
    const mongo = await this.pingMongo();
    const nats = this.bus.isConnected();
    const checks = { mongodb: mongo ? 'up' : 'down', nats: nats ? 'up' : 'down' } as const;
    if (!mongo || !nats) {
      throw new ServiceUnavailableException(`Not ready: mongodb ${checks.mongodb}, nats ${checks.nats}`);
    }
    // Dead letters need an operator, not a restart: shown, never a reason to report not ready.
    const deadLetters = (await this.deadLetters.stats()) ?? null;
    return { status: 'ready', service: this.service, checks, details: { deadLetters } };
  }

  /** Prometheus text: dead letters waiting for an operator and the outbox relay's counters. */
  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Delivery metrics in the Prometheus text format.' })
  async metrics(): Promise<string> {
    const label = `{service="${this.service}"}`;
    const lines: string[] = [];
    const gauge = (name: string, help: string, value: number | undefined, type = 'gauge'): void => {
      if (value === undefined) return;
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, `${name}${label} ${value}`);
    };
    const dead = await this.deadLetters.stats();
    gauge('pdmc_dead_letters', 'Dead letters of this service waiting for an operator.', dead?.count);
    gauge('pdmc_dead_letter_oldest_age_seconds', 'Age of the oldest dead letter of this service.', dead?.oldestAgeSeconds);
    const outbox = this.outbox.stats();
    gauge('pdmc_outbox_published_total', 'Events the outbox relay published.', outbox?.published, 'counter');
    gauge('pdmc_outbox_failed_total', 'Outbox publishes that failed and were left for a later pass.', outbox?.failed, 'counter');
    gauge('pdmc_outbox_parked_total', 'Outbox entries parked after repeated failures (each one alerted).', outbox?.parked, 'counter');
    gauge('pdmc_outbox_last_pass_documents', 'Documents the last relay pass read.', outbox?.lastPassDocuments);
    gauge('pdmc_outbox_last_pass_ms', 'Duration of the last relay pass.', outbox?.lastPassMs);
    return `${lines.join('\n')}\n`;
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
