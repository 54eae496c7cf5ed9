import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
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

interface PathParamFormat {
  readonly pattern: RegExp;
  readonly expectation: string;
}

const FORMATS = {
  uuid: { pattern: UUID, expectation: 'a UUID' },
  airport: { pattern: /^[A-Z]{3}$/, expectation: 'a 3-letter IATA airport code' },
  carrier: { pattern: /^[A-Z0-9]{2}$/, expectation: 'a 2-character IATA airline code' },
  pnr: { pattern: /^[A-Z0-9]{6}$/, expectation: 'a 6-character record locator' },
  personalIdNumber: {
    pattern: /^\d{12}$/,
    expectation: 'a 12-digit personal identification number',
  },
} as const satisfies Record<string, PathParamFormat>;

export type PathParamKind = keyof typeof FORMATS;

function oneOf(values: readonly string[]): PathParamFormat {
  return {
    pattern: new RegExp(`^(?:${values.join('|')})$`),
    expectation: `one of ${values.join(', ')}`,
  };
}

/** The path parameters the services take: one format each, for the pipe and for OpenAPI. */
export const PATH_PARAMS = {
  ...(Object.fromEntries(
    Object.entries(FORMATS).map(([kind, format]) => [
      kind,
      () => new PathParamPipe(format.pattern, format.expectation),
    ]),
  ) as Record<PathParamKind, () => PathParamPipe>),
  outage: (values: readonly string[]) => {
    const format = oneOf(values);
    return new PathParamPipe(format.pattern, format.expectation);
  },
};

/** The OpenAPI description of a path parameter, from the same format its pipe checks. */
export function ApiPathParam(
  name: string,
  kind: PathParamKind | readonly string[],
): MethodDecorator {
  const format = typeof kind === 'string' ? FORMATS[kind] : oneOf(kind);
  return ApiParam({
    name,
    required: true,
    description: format.expectation,
    schema: { type: 'string', pattern: format.pattern.source },
  });
}
