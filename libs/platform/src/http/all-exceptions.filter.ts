import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import { STATUS_CODES } from 'node:http';
import { type ApiErrorBody, DomainError } from './api-error';
import { acceptCorrelationId } from '../logging/correlation';

/** `413` -> `PAYLOAD_TOO_LARGE`, `415` -> `UNSUPPORTED_MEDIA_TYPE`, ... */
function httpCode(status: number): string {
  return (STATUS_CODES[status] ?? 'ERROR').toUpperCase().replace(/[^A-Z]+/g, '_');
}

// Nest turns Fastify's body-parser errors into plain HttpExceptions and drops their codes,
// so a JSON syntax error is recognised by its message.
const JSON_SYNTAX = /valid JSON|JSON at position|Unexpected (end|token)/i;

/**
 * Turns every HTTP error into the shared JSON shape. Unexpected errors are logged with their
 * stack and answered as a bare 500, so internals never leak to the caller.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void | Observable<never> {
    // Event handlers (the microservice inherits this filter): hand the error to the transport
    // unchanged, so it can retry and, in the end, dead-letter the message with its real cause.
    if (host.getType() !== 'http') return throwError(() => exception);
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest & { correlationId?: string }>();
    const reply = ctx.getResponse<FastifyReply>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? exception : String(exception));
    }
    // The route may have set another content type (an HTML notice, say); errors are always JSON.
    reply
      .header('x-correlation-id', body.correlationId)
      .header('content-type', 'application/json; charset=utf-8')
      .status(body.statusCode)
      .send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest & { correlationId?: string }): ApiErrorBody {
    const correlationId = request.correlationId ?? acceptCorrelationId(request.headers?.['x-correlation-id']);
    const path = (request.url ?? '').split('?')[0];
    const base = (status: number, code: string, message: string): ApiErrorBody => ({
      statusCode: status,
      error: STATUS_CODES[status] ?? 'Error',
      code,
      message,
      correlationId,
      path,
    });

    if (exception instanceof DomainError) {
      return { ...base(exception.status, exception.code, exception.message), ...(exception.details ? { details: exception.details } : {}) };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        status === HttpStatus.NOT_FOUND && exception.message.startsWith('Cannot ')
          ? `No route ${request.method} ${path}`
          : typeof response === 'object' && response && 'message' in response
            ? [response.message].flat().join('; ')
            : exception.message;
      const code =
        status === HttpStatus.BAD_REQUEST && typeof response === 'string' && JSON_SYNTAX.test(response)
          ? 'MALFORMED_JSON'
          : typeof response === 'object' && response && 'code' in response && typeof response.code === 'string'
            ? response.code
            : httpCode(status);
      return base(status, code, message);
    }
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      return base(fastifyError.statusCode, httpCode(fastifyError.statusCode), fastifyError.message ?? 'Bad request');
    }
    return base(500, 'INTERNAL_ERROR', 'Internal server error');
  }
}
