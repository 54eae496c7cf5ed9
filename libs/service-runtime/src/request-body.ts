import type { NextFunction, Request, Response } from 'express';
import { describeValue, parseJsonText } from '@biogate/contracts';

interface BodyParserError {
  status?: number;
  type?: string;
  message?: string;
  body?: unknown;
}

function refuse(response: Response, status: number, message: string): void {
  const error = status === 415 ? 'Unsupported Media Type' : 'Bad Request';
  response.status(status).json({ statusCode: status, error, message });
}

/**
 * Before the JSON body parser: a request that carries a body must send it as UTF-8 JSON,
 * unencoded. Anything else is a 415 that names what was sent, never a 500 from the parser.
 */
export function requireJsonBody(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined ||
    (request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0');
  if (!hasBody) {
    next();
    return;
  }
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity') {
    refuse(
      response,
      415,
      `Content-Encoding ${describeValue(encoding)} is not accepted; send the JSON body unencoded`,
    );
    return;
  }
  const contentType = request.headers['content-type'];
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';').map((p) => p.trim());
  if (mediaType.toLowerCase() !== 'application/json') {
    refuse(
      response,
      415,
      `expected a JSON body (Content-Type: application/json), got ${contentType === undefined ? 'no Content-Type' : `Content-Type ${describeValue(contentType)}`}`,
    );
    return;
  }
  const charset = parameters
    .map((p) => /^charset\s*=\s*"?([^";]*)"?$/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  if (charset !== undefined && !/^utf-?8$/i.test(charset)) {
    refuse(
      response,
      415,
      `expected a UTF-8 JSON body, got charset ${describeValue(charset)}; send charset=utf-8 or none`,
    );
    return;
  }
  next();
}

/**
 * Express error middleware right after the JSON body parser, whose failures never reach Nest's
 * filters: a body that is not JSON is a 400 with its line and column, one over the limit a 413,
 * and any other refusal of the parser keeps its 4xx status.
 */
export function bodyParserErrors(
  error: unknown,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    const text = typeof parserError.body === 'string' ? parserError.body : '';
    const parsed = parseJsonText(text);
    const where = parsed.ok ? (parserError.message ?? '') : (parsed.errors[0]?.message ?? '');
    refuse(response, 400, `the request body is not valid JSON: ${where}`);
    return;
  }
  if (parserError.type === 'entity.too.large') {
    response.status(413).json({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'the request body is larger than the 100 kB limit',
    });
    return;
  }
  const status = parserError.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    refuse(
      response,
      status === 415 ? 415 : 400,
      `the request body cannot be read: ${parserError.message ?? parserError.type ?? 'unreadable'}`,
    );
    return;
  }
  next(error);
}
