import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorKind } from '@modules/shared-kernel';
import { pickLanguage } from './language';
import { PROBLEM_CONTENT_TYPE, problem, type ProblemDetails } from './problem-details';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  unavailable: 503,
};

const BY_STATUS: Record<number, { code: string; lv: string; en: string }> = {
  400: { code: 'REQUEST.BAD_REQUEST', lv: 'Nepareizs pieprasījums', en: 'Bad request' },
  401: { code: 'AUTH.UNAUTHENTICATED', lv: 'Nepieciešama autentifikācija', en: 'Authentication required' },
  403: { code: 'AUTH.FORBIDDEN', lv: 'Piekļuve liegta', en: 'Access denied' },
  404: { code: 'REQUEST.NOT_FOUND', lv: 'Resurss nav atrasts', en: 'Resource not found' },
  405: { code: 'REQUEST.METHOD_NOT_ALLOWED', lv: 'Metode nav atļauta', en: 'Method not allowed' },
  406: { code: 'REQUEST.NOT_ACCEPTABLE', lv: 'Pieprasītais formāts nav pieejams', en: 'Not acceptable' },
  409: { code: 'REQUEST.CONFLICT', lv: 'Konflikts ar pašreizējo stāvokli', en: 'Conflict with the current state' },
  413: { code: 'REQUEST.BODY_TOO_LARGE', lv: 'Pieprasījums ir pārāk liels', en: 'Request body too large' },
  415: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', lv: 'Neatbalstīts satura tips', en: 'Unsupported media type' },
  422: { code: 'REQUEST.INVALID', lv: 'Nederīgi dati', en: 'Invalid data' },
  429: { code: 'REQUEST.TOO_MANY', lv: 'Pārāk daudz pieprasījumu', en: 'Too many requests' },
  503: { code: 'SERVICE.UNAVAILABLE', lv: 'Pakalpojums īslaicīgi nav pieejams', en: 'Service temporarily unavailable' },
};
const INTERNAL = { code: 'SERVER.INTERNAL', lv: 'Iekšēja kļūda', en: 'Internal server error' };

/** Turns every error into RFC 9457 problem+json in the caller's language (Latvian by default). */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const lang = pickLanguage(request.headers['accept-language']);
    const body = this.toProblem(exception, lang);
    body.instance = request.url.split('?')[0];
    // A domain's deliberate 503 (e.g. QUEUE.BUSY: retry later, nothing done) is an expected answer
    // under contention, already logged where it arose: a warning with its code, no stack trace.
    if (exception instanceof DomainError && body.status >= 500) this.logger.warn({ code: body.code, status: body.status }, 'request refused: unavailable');
    else if (body.status >= 500) this.logger.error({ err: exception, code: body.code }, 'request failed');
    const retryAfter = (body as { retryAfterSeconds?: number }).retryAfterSeconds;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(body.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }

  private toProblem(exception: unknown, lang: 'lv' | 'en'): ProblemDetails {
    if (exception instanceof DomainError) {
      const status = STATUS_BY_KIND[exception.kind];
      return problem(status, exception.code, exception.messages, lang, exception.fieldErrors, exception.extensions);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps Fastify's own errors (malformed JSON, body too large) and keeps them as the cause.
      const cause = (exception as { cause?: unknown }).cause;
      if (cause && typeof (cause as { code?: unknown }).code === 'string') return this.fromFastify(cause, status, lang);
      const known = BY_STATUS[status] ?? (status >= 500 ? INTERNAL : BY_STATUS[400]!);
      return problem(status, known.code, known, lang);
    }
    const fastifyStatus = (exception as { statusCode?: number }).statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) return this.fromFastify(exception, fastifyStatus, lang);
    return problem(500, INTERNAL.code, INTERNAL, lang);
  }

  /** Fastify's own errors: malformed JSON, body too large, wrong content type. */
  private fromFastify(error: unknown, status: number, lang: 'lv' | 'en'): ProblemDetails {
    const code = (error as { code?: string }).code;
    if (code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return problem(400, 'REQUEST.MALFORMED_JSON', { lv: 'Nederīgs JSON pieprasījuma saturā', en: 'Malformed JSON body' }, lang);
    }
    const known = BY_STATUS[status] ?? BY_STATUS[400]!;
    return problem(status, known.code, known, lang);
  }
}
