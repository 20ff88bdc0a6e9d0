import { frontRefusal } from '../../../src/checks/support/front-refusal';
import type { AuthVariant } from '../../../src/model';
import { exchange, jsonResponse, response } from './exchange-factory';

const NGINX_494 = '<html>\r\n<head><title>494 Request Header Too Large</title></head>\r\n<body>\r\n<center><h1>494 Request Header Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const HTML_400 = '<html><head><title>400 Bad Request</title></head><body><center><h1>400 Bad Request</h1></center></body></html>';

/** An exchange whose request carried the given credential variant. */
function sent(variant: AuthVariant, received: ReturnType<typeof response>) {
  const base = exchange(received);
  return { ...base, request: { ...base.request, authVariant: variant } };
}

describe('frontRefusal', () => {
  it("names nginx for its own 494 page to the token over 8 KB", () => {
    expect(frontRefusal(sent('long-token', response(494, NGINX_494, { 'content-type': 'text/html' })))).toContain("nginx's own status");
  });

  it("names Kong for its JSON page with nginx's 494 to the token over 8 KB (error_page 494 =494, JSON to a client that accepts it)", () => {
    // Kong's error handler, as it answers the suite's Accept: application/json (request_id in newer versions).
    const kong = { message: 'Request header or cookie too large' };
    expect(frontRefusal(sent('long-token', jsonResponse(494, kong, { 'content-type': 'application/json; charset=utf-8' })))).toContain('Kong');
    expect(frontRefusal(sent('long-token', jsonResponse(494, { ...kong, request_id: 'c0ffee' })))).toContain('Kong');
    // The same words in the contract's Error (a code), or Kong's page to a credential no front refuses, are the API's.
    expect(frontRefusal(sent('long-token', jsonResponse(494, { code: 'header_too_large', ...kong })))).toBeUndefined();
    expect(frontRefusal(sent('long-token', jsonResponse(494, { message: 'Request header too large' })))).toBeUndefined();
    expect(frontRefusal(sent('wrong-key', jsonResponse(494, kong)))).toBeUndefined();
  });

  it('names the front for its 400 page, or its bare 400, to control characters in the token', () => {
    expect(frontRefusal(sent('control-chars', response(400, HTML_400, { 'content-type': 'text/html' })))).toContain("a front's refusal (Kestrel");
    expect(frontRefusal(sent('control-chars', response(400, '')))).toContain("a front's refusal (Kestrel");
  });

  it('is no front for a JSON answer, which is the API speaking, whatever its shape or label', () => {
    expect(frontRefusal(sent('long-token', jsonResponse(494, { code: 'header_too_large', message: 'Header too large' })))).toBeUndefined();
    expect(frontRefusal(sent('control-chars', jsonResponse(400, { ok: false })))).toBeUndefined();
    expect(frontRefusal(sent('control-chars', response(400, '{"code":"invalid_request","message":"bad"}', { 'content-type': 'text/html' })))).toBeUndefined();
  });

  it("is no front for another status, or for the same page to a request no front refuses", () => {
    expect(frontRefusal(sent('long-token', response(400, HTML_400, { 'content-type': 'text/html' })))).toBeUndefined();
    expect(frontRefusal(sent('control-chars', response(494, NGINX_494, { 'content-type': 'text/html' })))).toBeUndefined();
    expect(frontRefusal(sent('control-chars', response(401, HTML_400, { 'content-type': 'text/html' })))).toBeUndefined();
    for (const variant of ['valid', 'wrong-key', 'key-then-word', 'property-name'] as const) {
      expect(frontRefusal(sent(variant, response(494, NGINX_494, { 'content-type': 'text/html' })))).toBeUndefined();
      expect(frontRefusal(sent(variant, response(400, HTML_400, { 'content-type': 'text/html' })))).toBeUndefined();
    }
  });

  it('is no front for a body cut at the size bound (body-too-large says so) or no answer at all', () => {
    const cut = { ...response(400, '<html>'), truncated: { limitBytes: 10, receivedBytes: 11, crossed: 'received' as const } };
    expect(frontRefusal(sent('control-chars', cut))).toBeUndefined();
    expect(frontRefusal({ ...exchange(undefined), request: { ...exchange(undefined).request, authVariant: 'control-chars' } })).toBeUndefined();
  });
});
