import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import type { Response } from 'express';
import {
  AccessDeniedError,
  ConflictError,
  InputRejectedError,
  NotFoundError,
} from '@biogate/contracts';

/**
 * One shape for every error answer: application refusals map to 400/403/404/409, and anything
 * unexpected is a 500 that leaks no detail and is logged.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException && /^Failed to decode param/.test(exception.message)) {
      // The router could not percent-decode a path segment: name the path, like any other 400.
      response.status(400).json({
        statusCode: 400,
        error: 'Bad Request',
        message: 'invalid request path',
        errors: [
          { path: 'params', message: 'expected valid percent-encoding (UTF-8) in the path' },
        ],
      });
      return;
    }
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const status = exception.getStatus();
      response
        .status(status)
        .json(typeof body === 'string' ? { statusCode: status, message: body } : body);
      return;
    }
    const refusal = errorAnswerOf(exception);
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

interface ErrorAnswer {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly errors?: readonly { path: string; message: string }[];
}

function errorAnswerOf(exception: unknown): ErrorAnswer | undefined {
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
