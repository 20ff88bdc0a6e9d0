import { comparableChallenge } from '../../src/text/comparable-challenge';

describe('comparableChallenge: a challenge list as a client reads it', () => {
  const path = '/v1/senders/snd_1/whatsapp-sync';
  const same = (a: string, b: string): boolean => comparableChallenge(a, path) === comparableChallenge(b, path);

  it('reads parameters in any order, in any case, as a token or a quoted string (RFC 9110 §11.2) alike', () => {
    // A Go server that writes its parameters from a map writes them in another order each time.
    expect(same('Bearer realm="zavu", scope="senders"', 'Bearer scope="senders", realm="zavu"')).toBe(true);
    expect(same('Bearer realm="zavu"', 'Bearer realm=zavu')).toBe(true);
    // A quoted-pair is the character it escapes (RFC 9110 §5.6.4).
    expect(same('Bearer realm="\\z\\avu"', 'Bearer realm=zavu')).toBe(true);
    expect(same('Bearer Realm="zavu"', 'Bearer realm="zavu"')).toBe(true);
  });

  it('reads a scheme in any case (RFC 9110 §11.1: case-insensitive), its values still word for word', () => {
    // A server whose frameworks write "Bearer" on one route and "bearer" on another says the same thing.
    expect(same('Bearer realm="zavu"', 'bearer realm="zavu"')).toBe(true);
    expect(same('BEARER ERROR="invalid_token", Basic', 'basic, Bearer error="invalid_token"')).toBe(true);
    expect(same('Bearer abc==', 'bearer abc==')).toBe(true);
    expect(same('Bearer realm="Zavu"', 'Bearer realm="zavu"')).toBe(false);
    expect(same('Bearer scope="Senders"', 'bearer scope="senders"')).toBe(false);
  });

  it('reads challenges in any order, in one field line or two joined (RFC 9110 §11.6.1, §5.3), alike', () => {
    expect(same('Basic realm="zavu", Bearer realm="zavu", error="invalid_token"', 'Bearer error="invalid_token", realm="zavu", Basic realm=zavu')).toBe(true);
  });

  it('still tells apart what a value, a parameter or a scheme says', () => {
    expect(same('Bearer realm="zavu"', 'Bearer realm="acme"')).toBe(false);
    expect(same('Bearer realm="zavu"', 'Bearer realm="zavu", scope="senders"')).toBe(false);
    expect(same('Bearer realm="zavu"', 'Basic realm="zavu"')).toBe(false);
    // A parameter of the second challenge is not the first's.
    expect(same('Bearer realm="zavu", Basic', 'Bearer, Basic realm="zavu"')).toBe(false);
    // A comma inside a quoted value splits nothing.
    expect(same('Bearer realm="a, Basic b"', 'Bearer realm="a", Basic b')).toBe(false);
  });
});
