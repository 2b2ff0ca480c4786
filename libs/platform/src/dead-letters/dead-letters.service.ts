import { Inject, Injectable } from '@nestjs/common';
import { BUS, DeadLetters, type Bus, type DeadLetterStats } from '@pdmc/messaging';
import { SERVICE_NAME } from '../service-core.tokens';

/** This service's dead letters (see `DeadLetters` in @pdmc/messaging), with a short-lived count. */
@Injectable()
export class DeadLettersService {
  readonly letters: DeadLetters;
  private cached?: { at: number; stats: DeadLetterStats };

  constructor(@Inject(BUS) bus: Bus, @Inject(SERVICE_NAME) service: string) {
    this.letters = new DeadLetters(bus, service);
  }

  /**
   * Count and oldest age; cached for 5 s so that frequent scrapes and readiness probes cost the
   * broker at most two requests per 5 s. Undefined while NATS cannot answer.
   */
  async stats(): Promise<DeadLetterStats | undefined> {
    if (this.cached && Date.now() - this.cached.at < 5_000) return this.cached.stats;
    try {
      const stats = await this.letters.stats();
      this.cached = { at: Date.now(), stats };
      return stats;
    } catch {
      return undefined;
    }
  }

  forget(): void {
    this.cached = undefined;
  }
}
