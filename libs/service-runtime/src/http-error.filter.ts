import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import {
  AccessDeniedError,
  ConflictError,
  InputRejectedError,
  NotFoundError,
} from '@biogate/contracts';

interface BodyParserError {
  status?: number;
  type?: string;
  message?: string;
}

/**
 * One shape for every error answer: application refusals map to 400/403/404/409, and anything
 * unexpected is a 500 that leaks no detail and is logged.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      response
        .status(status)
        .json(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    const refusal = applicationRefusal(exception);
    if (refusal !== undefined) {
      response.status(refusal.statusCode).json(refusal);
      return;
    }
    this.logger.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    response
      .status(500)
      .json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}

interface Refusal {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly errors?: readonly { path: string; message: string }[];
}

function applicationRefusal(exception: unknown): Refusal | undefined {
  if (exception instanceof InputRejectedError) {
    return {
      statusCode: 400,
      error: 'Bad Request',
      message: exception.message,
      errors: exception.errors,
    };
  }
  if (exception instanceof AccessDeniedError) {
    return { statusCode: 403, error: 'Forbidden', message: exception.message };
  }
  if (exception instanceof NotFoundError) {
    return { statusCode: 404, error: 'Not Found', message: exception.message };
  }
  if (exception instanceof ConflictError) {
    return { statusCode: 409, error: 'Conflict', message: exception.message };
  }
  return undefined;
}

/**
 * Express error middleware placed right after the JSON body parser, whose failures never reach
 * Nest's filters: a body that is not JSON is a 400, one over the limit a 413.
 */
export function bodyParserErrors(
  error: unknown,
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.parse.failed') {
    response.status(400).json({
      statusCode: 400,
      error: 'Bad Request',
      message: `the request body is not valid JSON: ${parserError.message ?? ''}`,
    });
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
  next(error);
}
