import { undecodedCoding } from '../../../src/checks/support/undecoded-coding';

describe('undecodedCoding', () => {
  it('is undefined for no coding, identity and every coding the transport undoes, in any case', () => {
    for (const value of [undefined, '', 'identity', 'gzip', 'X-GZIP', 'deflate', 'br', 'gzip, br', ' Br ,identity'] as const) expect(undecodedCoding(value)).toBeUndefined();
  });

  it('names the first coding left on the body, as written', () => {
    expect(undecodedCoding('zstd')).toBe('zstd');
    expect(undecodedCoding('gzip, Compress, zstd')).toBe('Compress');
  });
});
