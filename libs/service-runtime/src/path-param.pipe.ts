import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { describeValue, InputRejectedError } from '@biogate/contracts';

/**
 * A path parameter checked against its format before anything reads it: a 400 that names
 * `params.<name>` and says what was expected (a NUL byte, a 10 kB value or a malformed id never
 * reaches a handler or the database).
 */
@Injectable()
export class PathParamPipe implements PipeTransform<string, string> {
  constructor(
    private readonly format: RegExp,
    private readonly expectation: string,
  ) {}

  transform(value: string, metadata: ArgumentMetadata): string {
    if (typeof value === 'string' && this.format.test(value)) return value;
    const path = `params.${metadata.data ?? 'path'}`;
    throw new InputRejectedError('invalid request path', [
      { path, message: `expected ${this.expectation}, got ${describeValue(value)}` },
    ]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The path parameters the services take, one format each. */
export const PATH_PARAMS = {
  uuid: () => new PathParamPipe(UUID, 'a UUID'),
  airport: () => new PathParamPipe(/^[A-Z]{3}$/, 'a 3-letter IATA airport code'),
  carrier: () => new PathParamPipe(/^[A-Z0-9]{2}$/, 'a 2-character IATA airline code'),
  pnr: () => new PathParamPipe(/^[A-Z0-9]{6}$/, 'a 6-character record locator'),
  personalIdNumber: () =>
    new PathParamPipe(/^\d{12}$/, 'a 12-digit personal identification number'),
  outage: (values: readonly string[]) =>
    new PathParamPipe(new RegExp(`^(?:${values.join('|')})$`), `one of ${values.join(', ')}`),
} as const;
