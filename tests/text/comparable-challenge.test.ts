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

  it('compares realm, scope and error as sent, however long: the server chooses them, not each request', () => {
    // A realm naming the project that owns the sender is the leak these comparisons are for, in a
    // long name as in a short one; RFC 6750 §3.1's error codes are a small vocabulary that tells
    // a bad token from a token without the scope.
    expect(same('Bearer realm="zavu-production"', 'Bearer realm="acme-corp-project"')).toBe(false);
    expect(same('Bearer realm="zavu", error="invalid_token"', 'Bearer realm="zavu", error="insufficient_scope"')).toBe(false);
    expect(same('Bearer scope="senders:read"', 'Bearer scope="senders:read projects:acme-corporation"')).toBe(false);
    expect(same('Bearer realm="zavu-2"', 'Bearer realm="zavu-7"')).toBe(false);
    expect(same('Bearer realm="zavu-production", error="insufficient_scope"', 'Bearer error=insufficient_scope, realm=zavu-production')).toBe(true);
  });

  it("reads a scope as the set of its scope tokens (RFC 6749 §3.3: their order does not matter), each token still as sent", () => {
    // A server that writes the scope from a set (a Go map, a Java HashSet) lists it in another
    // order from answer to answer: the same access range, no tell of a sender.
    expect(same('Bearer scope="senders:read senders:write"', 'Bearer scope="senders:write  senders:read"')).toBe(true);
    expect(same('Bearer scope="a b c"', 'Bearer scope="c a b b"')).toBe(true);
    // Another token, or one in other capitals (scope tokens are case-sensitive, RFC 6749 §3.3), is another scope.
    expect(same('Bearer scope="senders:read senders:write"', 'Bearer scope="senders:read projects:acme"')).toBe(false);
    expect(same('Bearer scope="senders:read senders:write"', 'Bearer scope="senders:write Senders:read"')).toBe(false);
    // Only the scope is a list: a realm's words in another order are another realm.
    expect(same('Bearer realm="zavu acme"', 'Bearer realm="acme zavu"')).toBe(false);
  });

  it('sets aside in those values what names the request or its moment: the id asked for, UUIDs, times, long ids with a digit', () => {
    expect(comparableChallenge('Bearer realm="senders/snd_zvc_unknown_0123456789abcdef"', '/v1/senders/snd_zvc_unknown_0123456789abcdef/whatsapp-sync')).toBe(comparableChallenge('Bearer realm="senders/snd_coex_active"', '/v1/senders/snd_coex_active/whatsapp-sync'));
    expect(same('Bearer realm="zavu-production (request 3f2b9c1e-1d2a-4c3b-9e8f-0a1b2c3d4e5f at 2026-12-03T16:00:00.123Z)"', 'Bearer realm="zavu-production (request 00000000-0000-4000-8000-000000000000 at 2026-12-04T01:02:03Z)"')).toBe(true);
    expect(same('Bearer realm="zavu-production req_AbC12xYz98Qw 1733241600"', 'Bearer realm="zavu-production req_ZZZ99yyy77Pp 1733241601"')).toBe(true);
    // A nanoid or a base64url id (URL-safe alphabet, "-" and "_" inside it) is one id, not runs:
    // read as runs, its short pieces ("myT", "J5m9g") stayed and told two requests apart.
    expect(same('Bearer realm="zavu-production (request V1StGXR8_Z5jdHi6B-myT)"', 'Bearer realm="zavu-production (request Uakgb_J5m9g-0JDMbcJqL)"')).toBe(true);
    expect(same('Bearer realm="zavu-production", scope="senders:read req:x2k-Q9_vLp0aZ7mN3bTw"', 'Bearer realm="zavu-production", scope="req:Tq-8_ZkL1mNb0pQr4sWx senders:read"')).toBe(true);
    // Words a server chose stay, joined by dashes or not: no capital, or no digit, is no such id.
    expect(same('Bearer realm="zavu-production-eu-2026"', 'Bearer realm="acme-corp-project-eu-2026"')).toBe(false);
    expect(same('Bearer realm="Zavu-Production-Realm"', 'Bearer realm="Acme-Corp-Project-Realm"')).toBe(false);
    expect(same('Bearer realm="zavu trace 4bf92f3577b34da6a3ce929d0e0e4736 at Thu, 03 Dec 2026 16:00:00 GMT"', 'Bearer realm="zavu trace 0af7651916cd43dd8448eb211c80319c at Fri, 04 Dec 2026 01:02:03 GMT"')).toBe(true);
  });

  it('sets aside what names the machine, the region or the counter that answered: a load balancer varies it per request', () => {
    // One conformant server behind a load balancer: the pod, host or region that answered, or a
    // counter, differs between a real sender's 401 and an unknown id's, and tells nothing of either.
    expect(same('Bearer realm="api ip-10-0-1-23"', 'Bearer realm="api ip-10-0-3-7"')).toBe(true);
    expect(same('Bearer realm="api 10.0.1.23"', 'Bearer realm="api 172.16.0.4"')).toBe(true);
    expect(same('Bearer realm="zavu eu-west-1"', 'Bearer realm="zavu us-east-1"')).toBe(true);
    expect(same('Bearer realm="zavu ap-southeast-2"', 'Bearer realm="zavu us-gov-west-1"')).toBe(true);
    expect(same('Bearer realm="zavu pod-7f9c"', 'Bearer realm="zavu pod-a3b2"')).toBe(true);
    expect(same('Bearer realm="zavu-api-7d9f8b6c5-x2k4q"', 'Bearer realm="zavu-api-7d9f8b6c5-mzwqb"')).toBe(true);
    expect(same('Bearer realm="zavu req-1"', 'Bearer realm="zavu req-2"')).toBe(true);
    expect(same('Bearer realm="zavu", error="invalid_token", scope="senders:read node_3"', 'Bearer realm="zavu", error="invalid_token", scope="node_12 senders:read"')).toBe(true);
    // A nanoid that drew no digit (one in 35 do) is an id still: its capitals are strewn, no word's.
    expect(same('Bearer realm="zavu (request VStGXRkZqjdHiBmyTwPaL)"', 'Bearer realm="zavu (request Uakgb_JmgQJDMbcJqLxy)"')).toBe(true);
  });

  it('keeps what names a project, an account or a sender, beside what names the machine', () => {
    expect(same('Bearer realm="zavu-production eu-west-1"', 'Bearer realm="acme-corp-project eu-west-1"')).toBe(false);
    expect(same('Bearer realm="zavu pod-7f9c", error="invalid_token"', 'Bearer realm="zavu pod-a3b2", error="insufficient_scope"')).toBe(false);
    expect(same('Bearer realm="zavu req-1"', 'Bearer realm="acme req-2"')).toBe(false);
    // A short name with a digit but no word naming a machine, or a letters-only name after one, may be a tenant's.
    expect(same('Bearer realm="zavu-2"', 'Bearer realm="zavu-7"')).toBe(false);
    expect(same('Bearer realm="zavu host acme"', 'Bearer realm="zavu host zavu"')).toBe(false);
    // A region's shape needs its two letters, a direction and a number: "acme-east-1" is no region.
    expect(same('Bearer realm="acme-east-1"', 'Bearer realm="zavu-east-1"')).toBe(false);
    // Words joined in capitals, one at each word's head, are no random id however long.
    expect(same('Bearer realm="ZavuProductionRealm"', 'Bearer realm="AcmeCorpProjectRealm"')).toBe(false);
  });

  it('keeps a name with a digit after a word naming a machine: only a counter, a hex or a pod-suffix-shaped run is set aside there', () => {
    // "node acme1" names a tenant's node as well as "node 3" names a machine: set aside whole, the
    // project that owns the sender hid behind the word before it.
    expect(same('Bearer realm="zavu node acme1"', 'Bearer realm="zavu node zavu1"')).toBe(false);
    expect(same('Bearer realm="instance prod2"', 'Bearer realm="instance acme2"')).toBe(false);
    expect(same('Bearer realm="host acme7"', 'Bearer realm="host zavu7"')).toBe(false);
    expect(same('Bearer realm="zavu pod-acme1"', 'Bearer realm="zavu pod-zavu1"')).toBe(false);
    expect(same('Bearer realm="zavu", scope="senders:read host:acme1"', 'Bearer realm="zavu", scope="senders:read host:zavu1"')).toBe(false);
    // A counter, a hex run, or a run of the vowel-free alphabet Kubernetes draws from, in any case, is still set aside.
    expect(same('Bearer realm="zavu worker_12"', 'Bearer realm="zavu worker_3"')).toBe(true);
    expect(same('Bearer realm="zavu POD-7F9C"', 'Bearer realm="zavu POD-A3B2"')).toBe(true);
    expect(same('Bearer realm="zavu pod x2k4q"', 'Bearer realm="zavu pod m7zwq"')).toBe(true);
    // After a request's word, a run with a digit is a request's id however drawn (shortid's "PPBqWA9").
    expect(same('Bearer realm="zavu (req-PPBqWA9)"', 'Bearer realm="zavu (req-Xy7Kpoq)"')).toBe(true);
    expect(same('Bearer realm="zavu instance prod-eu-2"', 'Bearer realm="zavu instance acme-eu-2"')).toBe(false);
  });

  it("keeps a CamelCase name whose words are an acronym's and a word's: no nanoid's capitals are laid out so", () => {
    // Counted alone, an acronym's capitals passed for a nanoid's strewn ones, and the project's name was set aside.
    expect(same('Bearer realm="AcmeCorpAPIRealm"', 'Bearer realm="ZavuProdAPIRealm"')).toBe(false);
    expect(same('Bearer realm="APIGatewayAcmeRealm"', 'Bearer realm="APIGatewayZavuRealm"')).toBe(false);
    expect(same('Bearer realm="zavu (tenant AcmeIOTeamBeta)"', 'Bearer realm="zavu (tenant ZavuIOTeamProd)"')).toBe(false);
    // Every rotation of a nanoid drawn without a digit is still one (the conformant fleet's realm quotes them).
    const nanoid = 'VStGXRkZqjdHiBmyTwPaL';
    for (let i = 0; i < nanoid.length; i += 1) expect(same(`Bearer realm="zavu (request ${nanoid.slice(i)}${nanoid.slice(0, i)})"`, 'Bearer realm="zavu (request Uakgb_JmgQJDMbcJqLxy)"')).toBe(true);
  });

  it('sets aside a region in capitals, a GCP region of a continent, and an IPv6 address: a fleet names them as it does the rest', () => {
    expect(same('Bearer realm="zavu EU-WEST-1"', 'Bearer realm="zavu US-EAST-1"')).toBe(true);
    expect(same('Bearer realm="zavu europe-west1"', 'Bearer realm="zavu asia-northeast1"')).toBe(true);
    expect(same('Bearer realm="zavu australia-southeast2"', 'Bearer realm="zavu northamerica-northeast1"')).toBe(true);
    expect(same('Bearer realm="zavu 2001:db8::1"', 'Bearer realm="zavu fe80::a3b2:7"')).toBe(true);
    expect(same('Bearer realm="zavu 2001:db8:0:0:8:800:200c:417a"', 'Bearer realm="zavu ::1"')).toBe(true);
    // A tenant's words beside them, or in their place, stay.
    expect(same('Bearer realm="acme EU-WEST-1"', 'Bearer realm="zavu EU-WEST-1"')).toBe(false);
    expect(same('Bearer realm="acme-west1"', 'Bearer realm="zavu-west1"')).toBe(false);
    expect(same('Bearer realm="zavu", scope="senders:read projects:acme"', 'Bearer realm="zavu", scope="senders:read projects:ace"')).toBe(false);
  });
});
