import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EventEnvelopeDto, type EventEnvelope } from './envelope';
import type { EventDefinition, PayloadClass } from './event-definition';

export interface FieldViolation {
  field: string;
  rule: string;
  message: string;
}

/** Flattens class-validator errors into `field` (dotted path) / `rule` / `message` triples. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldViolation[] {
  const out: FieldViolation[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, rule, message });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export type ValidationOutcome<T> = { ok: true; value: T } | { ok: false; violations: FieldViolation[] };

/**
 * What to do with fields a class does not declare: `reject` them (producers, so that nothing
 * undeclared, personal data least of all, leaves a service) or `strip` them (consumers, so that a
 * producer may add an optional field to a `.v1` event without breaking older consumers; see
 * docs/decisions/0005-additive-event-changes.md).
 */
export interface ValidationOptions {
  unknownFields?: 'reject' | 'strip';
}

/** Validates a plain object against a class-validator class, rejecting unknown fields by default. */
export function validatePlain<T extends object>(
  cls: PayloadClass<T>,
  plain: unknown,
  options: ValidationOptions = {},
): ValidationOutcome<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, violations: [{ field: '', rule: 'isObject', message: 'must be a JSON object' }] };
  }
  const instance = plainToInstance(cls, plain) as T;
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: options.unknownFields !== 'strip' });
  return errors.length ? { ok: false, violations: flattenValidationErrors(errors) } : { ok: true, value: instance };
}

/** Validates a received envelope and, when its type is known, its payload. */
export function validateEnvelope<P extends object>(
  def: EventDefinition<P>,
  plain: unknown,
  options: ValidationOptions = {},
): ValidationOutcome<EventEnvelope<P>> {
  const envelope = validatePlain(EventEnvelopeDto, plain, options);
  if (!envelope.ok) return envelope;
  if (envelope.value.type !== def.subject) {
    return { ok: false, violations: [{ field: 'type', rule: 'equals', message: `type must be ${def.subject}` }] };
  }
  const payload = validatePlain(def.payload, envelope.value.payload, options);
  if (!payload.ok) {
    return { ok: false, violations: payload.violations.map((v) => ({ ...v, field: `payload.${v.field}` })) };
  }
  return { ok: true, value: { ...envelope.value, payload: payload.value } as EventEnvelope<P> };
}
