import { undecodedCoding } from '../../src/checks/support/undecoded-coding';
import { ACCEPTED_CODINGS, DECODED_CODINGS } from '../../src/model/http';
import { DECODER_NAMES, decodersFor } from '../../src/transport/content-codings';

/**
 * The codings the transport decodes are one set (model/http.ts), which its decoder table and the
 * check that tells a coding left on a body (checks may not import transport) both read: a decoder
 * added without the set, or a name added to the set without a decoder, fails here.
 */
describe('DECODED_CODINGS', () => {
  // Every name of IANA's HTTP Content Coding Registry, in the cases a target may write, and names an
  // object literal answers for itself (a decoder table read as `table[name]` finds Object's own).
  const registered = ['aes128gcm', 'br', 'compress', 'dcb', 'dcz', 'deflate', 'exi', 'gzip', 'identity', 'pack200-gzip', 'x-compress', 'x-gzip', 'zstd'];
  const inherited = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
  const names = [...new Set([...registered, ...DECODED_CODINGS, ...inherited])];

  it('names exactly the decoders of the transport', () => {
    expect([...DECODER_NAMES].sort()).toEqual([...DECODED_CODINGS].sort());
  });

  it('holds what Accept-Encoding advertises, each in lower case', () => {
    for (const coding of ACCEPTED_CODINGS.split(',').map((name) => name.trim())) expect(DECODED_CODINGS).toContain(coding);
    for (const coding of DECODED_CODINGS) expect(coding).toBe(coding.toLowerCase());
  });

  it.each(names.flatMap((name) => [name, name.toUpperCase()]))('%s: the transport decodes it exactly when the check counts it as undone', (name) => {
    const decoded = decodersFor(name).codings.length === 1;
    expect(decoded).toBe(DECODED_CODINGS.includes(name.toLowerCase() as never));
    // identity is no coding: nothing to decode, and nothing left on the body.
    expect(undecodedCoding(name) === undefined).toBe(decoded || name.toLowerCase() === 'identity');
  });
});
