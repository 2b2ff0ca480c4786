import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { ValidationFailedError } from './api-error';

/** Path parameter that must be a UUID; failures use the shared 400 shape naming the parameter. */
@Injectable()
export class UuidParamPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value;
    const field = metadata.data ?? 'id';
    throw new ValidationFailedError([{ field, rule: 'isUUID', message: `${field} must be a UUID` }]);
  }
}
