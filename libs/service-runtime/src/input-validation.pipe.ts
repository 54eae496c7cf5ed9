import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { InputRejectedError, validateInput } from '@biogate/contracts';

/**
 * A 400 names every bad field with what was expected, in the same words as the CLI.
 * Validates request bodies and query strings against their DTO class (class-validator), refusing
 * unknown fields and never coercing types. Route params are left to ParseUUIDPipe and friends.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const dto = metadata.metatype;
    if ((metadata.type !== 'body' && metadata.type !== 'query') || !isDtoClass(dto)) return value;
    const parsed = validateInput(dto, value, metadata.type === 'body' ? 'body' : 'query');
    if (!parsed.ok) throw new InputRejectedError(`invalid request ${metadata.type}`, parsed.errors);
    return parsed.value;
  }
}

function isDtoClass(metatype: unknown): metatype is new () => object {
  return (
    typeof metatype === 'function' &&
    ![String, Number, Boolean, Array, Object].includes(metatype as never)
  );
}
