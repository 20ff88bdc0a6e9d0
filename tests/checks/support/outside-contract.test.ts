import { judgedResponse, outsideContract, redirectToSame, statusAccepted } from '../../../src/checks/support/outside-contract';
import { exchange, response } from '../support/exchange-factory';
import type { ResolvedExpectation } from '../../../src/model/scenario';

const expectation = (extra: Partial<ResolvedExpectation> = {}): ResolvedExpectation => ({ status: 401, because: 'why', assert: [], ...extra });

describe('statusAccepted', () => {
  it('accepts the expected status and alsoAccept, nothing else', () => {
    expect(statusAccepted(401, expectation())).toBe(true);
    expect(statusAccepted(400, expectation({ alsoAccept: [400] }))).toBe(true);
    expect(statusAccepted(404, expectation({ alsoAccept: [400] }))).toBe(false);
  });

  it('accepts any 4xx, and only a 4xx, when the request may match no operation', () => {
    expect(statusAccepted(418, expectation({ anyClientError: true }))).toBe(true);
    expect(statusAccepted(200, expectation({ anyClientError: true }))).toBe(false);
    expect(statusAccepted(500, expectation({ anyClientError: true }))).toBe(false);
  });
});

describe('outsideContract', () => {
  it('is true for a status accepted only as a warning', () => {
    expect(outsideContract(431, expectation({ warnOn: [400, 431] }))).toBe(true);
    expect(outsideContract(400, expectation({ warnOn: [400, 431] }))).toBe(true);
  });

  it('is false for an answer the contract governs: expected, also accepted, or simply wrong', () => {
    expect(outsideContract(401, expectation({ warnOn: [431] }))).toBe(false);
    expect(outsideContract(400, expectation({ alsoAccept: [400], warnOn: [400] }))).toBe(false);
    expect(outsideContract(404, expectation({ warnOn: [431] }))).toBe(false);
  });

  it('is true for every 4xx (the expected one too) when the path may match no operation, never for a 5xx', () => {
    expect(outsideContract(401, expectation({ anyClientError: true }))).toBe(true);
    expect(outsideContract(404, expectation({ anyClientError: true }))).toBe(true);
    expect(outsideContract(500, expectation({ anyClientError: true }))).toBe(false);
  });
});

describe("routerAnswer: a bound status predicted from a router's answer", () => {
  it('puts only that status outside the contract, and accepts no other', () => {
    const router = expectation({ status: 404, routerAnswer: true });
    expect(outsideContract(404, router)).toBe(true);
    expect(statusAccepted(404, router)).toBe(true);
    expect(outsideContract(401, router)).toBe(false);
    expect(statusAccepted(401, router)).toBe(false);
    expect(statusAccepted(400, router)).toBe(false);
  });
});

describe('redirectToSame', () => {
  /** A request sent on a path spelled otherwise, answered with `status` and this Location. */
  const redirected = (path: string, status: number, location: string | undefined) => {
    const sent = exchange(response(status, '<a>Moved</a>', location === undefined ? { 'content-type': 'text/html' } : { location, 'content-type': 'text/html' }));
    return { ...sent, request: { ...sent.request, path, url: `https://api.example.test${path}` } };
  };
  const row = expectation({ anyClientError: true, redirectToSame: true });

  it('takes a redirect to the same resource spelled otherwise, same origin and query, as a router answer whose body is not judged', () => {
    for (const status of [301, 302, 307, 308]) {
      const sent = redirected('/v1/senders/snd_1/whatsapp-sync/', status, '/v1/senders/snd_1/whatsapp-sync');
      expect(redirectToSame(sent, row)).toBe(true);
      expect(judgedResponse(sent, row)).toBeUndefined();
    }
    expect(redirectToSame(redirected('/v1/senders/snd_1/./whatsapp-sync?x=1', 301, 'https://api.example.test/v1/senders/snd_1/whatsapp-sync?x=1'), row)).toBe(true);
    // Go's ServeMux cleaning "//", and a rule that drops a trailing ".": the path with one slash, without the dot.
    expect(redirectToSame(redirected('/v1//senders/snd_1/whatsapp-sync', 301, '/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(redirected('/v1/senders/snd_1/whatsapp-sync.', 308, '/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(redirected('/v1//senders/snd_1/whatsapp-sync', 301, '/v1/senders/snd_2/whatsapp-sync'), row)).toBe(false);
  });

  it('reads the redirect against the path as sent under a base URL with a path of its own (--base-url http://host/api)', () => {
    // request.path is the operation's path; the request went to the base URL's path before it, and a router redirects to that whole path.
    const under = (path: string, location: string) => {
      const sent = redirected(path, 301, location);
      return { ...sent, request: { ...sent.request, url: `https://api.example.test/api${path}` } };
    };
    expect(redirectToSame(under('/v1//senders/snd_1/whatsapp-sync', '/api/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(under('/v1/senders/snd_1/whatsapp-sync.', 'https://api.example.test/api/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(under('/v1/senders/snd_1/whatsapp-sync/', '../whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(under('/V1/Senders/snd_1/WhatsApp-Sync', '/api/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    // Out of the base URL's path, or to another sender under it: not this resource.
    expect(redirectToSame(under('/v1//senders/snd_1/whatsapp-sync', '/v1/senders/snd_1/whatsapp-sync'), row)).toBe(false);
    expect(redirectToSame(under('/v1//senders/snd_1/whatsapp-sync', '/api/v1/senders/snd_2/whatsapp-sync'), row)).toBe(false);
    // To itself under the base URL's path: a loop.
    expect(redirectToSame(under('/v1//senders/snd_1/whatsapp-sync', '/api/v1//senders/snd_1/whatsapp-sync'), row)).toBe(false);
  });

  it('takes a redirect of a path in other capitals to that path in lower case (a rule that lower-cases every path), and no other change of case', () => {
    expect(redirectToSame(redirected('/V1/Senders/snd_1/WhatsApp-Sync', 301, '/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(redirected('/V1/Senders/snd_1/WhatsApp-Sync/', 308, '/v1/senders/snd_1/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(redirected('/V1/Senders/snd_1/WhatsApp-Sync', 301, '/v1/senders/SND_1/whatsapp-sync'), row)).toBe(false);
    // A router's canonical spelling: its fixed segments in lower case, the id as asked (ids may have capitals).
    expect(redirectToSame(redirected('/V1/Senders/snd_AbC/WhatsApp-Sync', 301, '/v1/senders/snd_AbC/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(redirected('/V1/Senders/snd_AbC/WhatsApp-Sync', 301, '/v1/senders/snd_abc/whatsapp-sync'), row)).toBe(true);
    expect(redirectToSame(redirected('/V1/Senders/snd_AbC/WhatsApp-Sync', 301, '/v1/senders/snd_AbCd/whatsapp-sync'), row)).toBe(false);
    expect(redirectToSame(redirected('/v1/senders/snd_1/whatsapp-sync/', 301, '/V1/SENDERS/snd_1/whatsapp-sync'), row)).toBe(false);
  });

  it('refuses a redirect anywhere else, to itself, with another query, of another kind, or without the row allowing it', () => {
    const slash = '/v1/senders/snd_1/whatsapp-sync/';
    expect(redirectToSame(redirected(slash, 307, '/login'), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, '/v1/senders/snd_2/whatsapp-sync'), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, 'https://elsewhere.test/v1/senders/snd_1/whatsapp-sync'), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, slash), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, '/v1/senders/snd_1/whatsapp-sync?debug=1'), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 303, '/v1/senders/snd_1/whatsapp-sync'), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, undefined), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, 'http://[bad'), row)).toBe(false);
    expect(redirectToSame(redirected(slash, 307, '/v1/senders/snd_1/whatsapp-sync'), expectation({ anyClientError: true }))).toBe(false);
    // Bound by a model to the unknown id's 401, a redirect tells the sender apart; bound to its redirect, the same status only.
    expect(redirectToSame(redirected(slash, 307, '/v1/senders/snd_1/whatsapp-sync'), expectation({ redirectToSame: true }))).toBe(false);
    expect(redirectToSame(redirected(slash, 307, '/v1/senders/snd_1/whatsapp-sync'), expectation({ status: 307, routerAnswer: true, redirectToSame: true }))).toBe(true);
    expect(redirectToSame(redirected(slash, 308, '/v1/senders/snd_1/whatsapp-sync'), expectation({ status: 307, routerAnswer: true, redirectToSame: true }))).toBe(false);
  });
});
