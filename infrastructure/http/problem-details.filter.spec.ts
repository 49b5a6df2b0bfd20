import { Logger, type ArgumentsHost } from '@nestjs/common';
import { DomainError } from '@modules/shared-kernel';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A minimal HTTP host: the reply records what was sent. */
function host(): { host: ArgumentsHost; sent: { status?: number; body?: unknown; headers: Record<string, string> } } {
  const sent: { status?: number; body?: unknown; headers: Record<string, string> } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name] = value;
      return reply;
    },
    send(body: unknown) {
      sent.body = body;
      return reply;
    },
  };
  const request = { url: '/api/v1/queue/desks/d1/call-next?x=1', headers: { 'accept-language': 'en' } };
  const http = { getRequest: () => request, getResponse: () => reply };
  return { host: { getType: () => 'http', switchToHttp: () => http } as unknown as ArgumentsHost, sent };
}

describe('ProblemDetailsFilter logging', () => {
  let error: jest.SpyInstance;
  let warn: jest.SpyInstance;
  beforeEach(() => {
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('a domain’s deliberate 503 is answered with Retry-After and logged as a warning with its code only', () => {
    const { host: h, sent } = host();
    new ProblemDetailsFilter().catch(new DomainError('QUEUE.BUSY', 'unavailable', { lv: 'Aizņemts', en: 'Busy' }, [], { retryAfterSeconds: 1 }), h);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('1');
    expect(sent.body).toMatchObject({ code: 'QUEUE.BUSY', title: 'Busy', instance: '/api/v1/queue/desks/d1/call-next' });
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith({ code: 'QUEUE.BUSY', status: 503 }, 'request refused: unavailable');
  });

  it('an unexpected error is a 500 logged as an error with the exception', () => {
    const { host: h, sent } = host();
    const boom = new TypeError('boom');
    new ProblemDetailsFilter().catch(boom, h);
    expect(sent.status).toBe(500);
    expect(sent.body).toMatchObject({ code: 'SERVER.INTERNAL' });
    expect(error).toHaveBeenCalledWith({ err: boom, code: 'SERVER.INTERNAL' }, 'request failed');
  });

  it('client errors are not logged', () => {
    const { host: h, sent } = host();
    new ProblemDetailsFilter().catch(new DomainError('QUEUE.NOBODY_WAITING', 'conflict', { lv: 'Neviena', en: 'Nobody' }), h);
    expect(sent.status).toBe(409);
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });
});
