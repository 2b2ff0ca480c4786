import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Min } from 'class-validator';

/**
 * The envelope every integration event travels in. `id` is the event's identity across
 * retries (JetStream de-duplication `msgID`, consumers' idempotency key); `type` equals the
 * logical subject, e.g. `intake.petition.registered.v1`.
 */
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  producer: string;
  correlationId: string;
  causationId?: string;
  /**
   * The aggregate (petition, case, ...) this event belongs to, and its place in that aggregate's
   * events: 1, 2, 3, ... with no gaps, so a consumer can apply them in order or see one missing.
   * Optional and additive (decision 0017): producers set both from the document's version in
   * the write that stores the event.
   */
  aggregateId?: string;
  sequence?: number;
  payload: P;
}

/** Validation class for the envelope fields; the payload is validated by its own class. */
export class EventEnvelopeDto implements EventEnvelope<Record<string, unknown>> {
  @IsUUID()
  id!: string;

  @IsString()
  @IsNotEmpty()
  type!: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  version!: number;

  @IsDateString()
  occurredAt!: string;

  @IsString()
  @IsNotEmpty()
  producer!: string;

  @IsString()
  @IsNotEmpty()
  correlationId!: string;

  @IsOptional()
  @IsString()
  causationId?: string;

  @IsOptional()
  @IsString()
  @IsNotEmpty()
  aggregateId?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  sequence?: number;

  @IsObject()
  payload!: Record<string, unknown>;
}
