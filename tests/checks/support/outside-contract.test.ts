import { outsideContract, statusAccepted } from '../../../src/checks/support/outside-contract';
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
