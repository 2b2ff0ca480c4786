import { ValidationError } from 'class-validator';

// Where @nestjs/swagger keeps each property's `@ApiProperty` options (DECORATORS.API_MODEL_PROPERTIES).
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

/** Deeper than any body can be (the parser refuses more); a guard against cycles, nothing else. */
const MAX_WALK_DEPTH = 64;

function nullAllowed(owner: object, key: string): boolean {
  const options = Reflect.getMetadata(API_MODEL_PROPERTIES, Object.getPrototypeOf(owner), key) as { nullable?: boolean } | undefined;
  return options?.nullable === true;
}

function violation(property: string, constraints: Record<string, string>, children: ValidationError[] = []): ValidationError {
  const error = new ValidationError();
  error.property = property;
  error.constraints = constraints;
  error.children = children;
  return error;
}

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `String.prototype.isWellFormed`, which the ES2022 library typings do not declare. */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

function isDto(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto !== null && proto !== Object.prototype && proto !== Array.prototype;
}

/**
 * What class-validator lets through but the platform refuses, for a transformed DTO:
 * - `null` on a property whose `@ApiProperty` does not say `nullable: true`. `@IsOptional()`
 *   treats null as absent, so `{"escalated": null}` used to pass and be stored as null.
 * - text that is not well-formed Unicode (a lone UTF-16 surrogate): the store would replace it
 *   with U+FFFD, so what was acknowledged would not be what was kept.
 * Plain objects inside a DTO (free-form maps) are checked for text only.
 */
export function inputIntegrityErrors(value: unknown, depth = 0): ValidationError[] {
  if (value === null || typeof value !== 'object' || depth > MAX_WALK_DEPTH) return [];
  if (value instanceof Date) return [];
  const errors: ValidationError[] = [];
  const dto = isDto(value);
  for (const [key, child] of Object.entries(value)) {
    if (child === null) {
      if (dto && !nullAllowed(value, key)) errors.push(violation(key, { notNull: `${key} must not be null; leave it out instead` }));
    } else if (typeof child === 'string') {
      if (!isWellFormedText(child)) errors.push(violation(key, { wellFormedUnicode: `${key} must be well-formed Unicode text` }));
    } else if (typeof child === 'object') {
      const nested = inputIntegrityErrors(child, depth + 1);
      if (nested.length) errors.push(violation(key, {}, nested));
    }
  }
  return errors;
}
