import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { PATTERN_EXTRAS_METADATA } from '@nestjs/microservices/constants';
import type { EventEnvelope } from '@pdmc/contracts';
import { Inbox } from '@pdmc/persistence';
import { Observable, from, lastValueFrom } from 'rxjs';

/**
 * The inbox option of an event handler: `@EventPattern(SUBJECT, { inbox: 'handling.open-case' })`
 * runs the handler only if that consumer has not handled the event's id yet, and records it
 * after the handler succeeded (see {@link Inbox.once}). The name is the consumer's key in
 * `processed_events`: keep it when a handler moves, or every event is handled once more.
 */
export interface EventPatternExtras {
  inbox?: string;
}

/** Applies the `inbox` option of `@EventPattern` handlers; installed for every service by `ServiceCoreModule`. */
@Injectable()
export class InboxInterceptor implements NestInterceptor {
  constructor(private readonly inbox: Inbox) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const extras = Reflect.getMetadata(PATTERN_EXTRAS_METADATA, context.getHandler()) as EventPatternExtras | undefined;
    const consumer = extras?.inbox;
    if (!consumer) return next.handle();
    const event = context.switchToRpc().getData<EventEnvelope>();
    return from(
      this.inbox.once(consumer, event, async () => {
        await lastValueFrom(next.handle(), { defaultValue: undefined });
      }),
    );
  }
}
