import pino from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS } from './logger.module';

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
