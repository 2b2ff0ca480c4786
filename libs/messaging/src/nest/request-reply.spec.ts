import { RpcException } from '@nestjs/microservices';
import { INTERNAL_ERROR_CODE, isRequestReply, toReplyError } from './request-reply';

describe('toReplyError', () => {
  it('keeps the code and message of business failures', () => {
    const err = Object.assign(new Error('no work unit for this category'), { code: 'ROUTING.NO_UNIT_FOUND' });
    expect(toReplyError(err, 'corr-1')).toEqual({
      code: 'ROUTING.NO_UNIT_FOUND',
      message: 'no work unit for this category',
      correlationId: 'corr-1',
    });
  });

  it('reads RpcException payloads', () => {
    expect(toReplyError(new RpcException({ code: 'FUNDS.LIMIT', message: 'over limit' }))).toEqual({
      code: 'FUNDS.LIMIT',
      message: 'over limit',
    });
    expect(toReplyError(new RpcException('plain text'))).toEqual({
      code: 'RPC_ERROR',
      message: 'plain text',
    });
  });

  it('hides the text of unexpected errors', () => {
    expect(toReplyError(new TypeError('cannot read properties of undefined'))).toEqual({
      code: INTERNAL_ERROR_CODE,
      message: 'Internal error',
    });
  });
});

describe('isRequestReply', () => {
  it('accepts both reply shapes and rejects anything else', () => {
    expect(isRequestReply({ ok: true, data: null })).toBe(true);
    expect(isRequestReply({ ok: false, error: { code: 'X', message: 'y' } })).toBe(true);
    expect(isRequestReply({ ok: true })).toBe(false);
    expect(isRequestReply({ ok: false, error: 'x' })).toBe(false);
    expect(isRequestReply('ok')).toBe(false);
  });
});
