/**
 * What the negative-input property holds of its answers: only those a finding may be reported on,
 * newest first within a budget of body text, so ~350 answers near the size bound are never held at once.
 */
import type { Exchange } from '../../src/model';
import { findingExchanges } from '../../src/negative/finding-exchanges';

const exchange = (id: string, bodyChars: number): Exchange => ({
  id,
  request: { method: 'GET', url: `http://target.test/v1/senders/${id}/whatsapp-sync`, path: `/v1/senders/${id}/whatsapp-sync`, headers: {}, authVariant: 'valid' },
  response: { status: 500, headers: {}, bodyText: 'x'.repeat(bodyChars) },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
});
const failure = { ok: false };

test('a pass is not held: no finding is ever reported on it', () => {
  const store = findingExchanges(100);
  store.keep('a', exchange('a', 10), { ok: true });
  expect({ held: store.get('a'), chars: store.heldChars() }).toEqual({ held: undefined, chars: 0 });
});

test('a failure and a pass that is only a warning are held', () => {
  const store = findingExchanges(100);
  store.keep('a', exchange('a', 10), failure);
  store.keep('b', exchange('b', 20), { ok: true, warning: true });
  expect([store.get('a')?.id, store.get('b')?.id, store.heldChars()]).toEqual(['a', 'b', 30]);
});

test('past the budget the oldest are let go, and what is held stays within it', () => {
  const store = findingExchanges(100);
  for (const id of ['a', 'b', 'c', 'd', 'e']) store.keep(id, exchange(id, 40), failure);
  expect(['a', 'b', 'c', 'd', 'e'].map((id) => store.get(id) !== undefined)).toEqual([false, false, false, true, true]);
  expect(store.heldChars()).toBe(80);
});

test('the newest is held even alone past the budget (a bound raised past it still reports its finding)', () => {
  const store = findingExchanges(100);
  store.keep('a', exchange('a', 40), failure);
  store.keep('b', exchange('b', 500), failure);
  expect([store.get('a'), store.get('b')?.id, store.heldChars()]).toEqual([undefined, 'b', 500]);
});

test('the same input held again counts once, and a pass in its place lets the earlier answer go', () => {
  const store = findingExchanges(100);
  store.keep('a', exchange('a', 40), failure);
  store.keep('a', exchange('a', 30), failure);
  expect(store.heldChars()).toBe(30);
  store.keep('a', exchange('a', 30), { ok: true });
  expect([store.get('a'), store.heldChars()]).toEqual([undefined, 0]);
});
