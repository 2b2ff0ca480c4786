import { Writable } from 'node:stream';
import { runWithCorrelation, acceptCorrelationId } from './correlation';
import { createLogger } from './logger';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _e, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, stream };
}

describe('JSON logger', () => {
  it('adds the correlation scope to every line', () => {
    const { lines, stream } = capture();
    const logger = createLogger('intake', 'info', stream);
    runWithCorrelation({ correlationId: 'corr-12345678', causationId: 'evt-1' }, () => logger.info('inside'));
    logger.info('outside');
    expect(lines[0]).toMatchObject({ service: 'intake', level: 'info', msg: 'inside', correlationId: 'corr-12345678', causationId: 'evt-1' });
    expect(lines[1]['correlationId']).toBeUndefined();
  });

  it('redacts personal data even when a whole object is logged by mistake', () => {
    const { lines, stream } = capture();
    const logger = createLogger('intake', 'info', stream);
    logger.info({ petitioner: { idNumber: '110101199003074514', phone: '13800138000', address: '合心镇幸福村3组' } }, 'oops');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('110101199003074514');
    expect(text).not.toContain('13800138000');
    expect(text).not.toContain('幸福村');
  });

  it('accepts only plain correlation ids from callers', () => {
    expect(acceptCorrelationId('corr-e2e-skeleton-1')).toBe('corr-e2e-skeleton-1');
    expect(acceptCorrelationId('bad id\nwith newline')).toMatch(/^[0-9a-f-]{36}$/);
    expect(acceptCorrelationId(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
