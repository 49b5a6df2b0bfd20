import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS, loggablePath } from './logger.module';

function capture(): { logger: pino.Logger; lines: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  return { logger: pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream), lines: () => out };
}

describe('log redaction', () => {
  it('never writes personal codes, names or credentials', () => {
    const { logger, lines } = capture();
    logger.info({ applicant: { personalCode: '161175-19997', firstName: 'Jānis', lastName: 'Bērziņš', name: 'Jānis Bērziņš' }, personalCode: '32123456789' }, 'applied');
    logger.info({ req: { headers: { authorization: 'Bearer secret-token', 'x-api-key': 'vpk_abc' } } }, 'request');
    logger.info({ ticket: { number: 'A001', notes: 'Visit note with Anna Ozola' }, notes: 'Top-level note' }, 'queue change');
    const text = lines();
    for (const secret of ['161175-19997', '32123456789', 'Jānis', 'Bērziņš', 'secret-token', 'vpk_abc', 'Anna Ozola', 'Top-level note']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    expect(text).toContain('applied');
  });
});

describe('logged request paths', () => {
  it('drop the query string and blank out a ticket tracker token (a credential), leaving other paths alone', () => {
    expect(loggablePath('/api/v1/network/centres?q=161175-19997')).toBe('/api/v1/network/centres');
    expect(loggablePath('/api/v1/queue/track/Zx9_kQ2mN4pL7rT1vW3yB5cD')).toBe('/api/v1/queue/track/[redacted]');
    expect(loggablePath('/track/Zx9_kQ2mN4pL7rT1vW3yB5cD?lang=en')).toBe('/track/[redacted]');
    expect(loggablePath('/api/v1/queue/centres/7b4d466c-0000-4000-8000-000000000001/state')).toBe('/api/v1/queue/centres/7b4d466c-0000-4000-8000-000000000001/state');
  });
});
