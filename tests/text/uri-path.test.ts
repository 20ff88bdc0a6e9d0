import { comparablePath, decodeUnreserved } from '../../src/text/uri-path';

describe('decodeUnreserved', () => {
  it('decodes only what RFC 3986 calls unreserved, and keeps every other escape as written', () => {
    expect(decodeUnreserved('/v1/%73enders/snd%5Fa%2fb%2F%20x')).toBe('/v1/senders/snd_a%2fb%2F%20x');
    expect(decodeUnreserved('/100%')).toBe('/100%');
  });
});

describe('comparablePath', () => {
  it.each([
    ['/v1/senders/snd_1/whatsapp-sync/', '/v1/senders/snd_1/whatsapp-sync'],
    ['/v1/senders/snd_1/./whatsapp-sync', '/v1/senders/snd_1/whatsapp-sync'],
    ['/v1/%73enders/snd_1/whatsapp-sync', '/v1/senders/snd_1/whatsapp-sync'],
    ['/v1/senders/x/../snd_1/whatsapp-sync', '/v1/senders/snd_1/whatsapp-sync'],
    ['/v1/senders/a%2fb/whatsapp-sync', '/v1/senders/a%2Fb/whatsapp-sync'],
    ['/v1//senders/snd_1/whatsapp-sync', '/v1/senders/snd_1/whatsapp-sync'],
    ['/v1/senders/snd_1/whatsapp-sync.', '/v1/senders/snd_1/whatsapp-sync'],
    ['/v1/senders/snd_1./whatsapp-sync', '/v1/senders/snd_1./whatsapp-sync'],
    ['/', '/'],
  ])('%s compares as %s', (raw, compared) => {
    expect(comparablePath(raw)).toBe(compared);
  });
});
