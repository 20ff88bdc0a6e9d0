import { caseAnchors } from '../../src/report/html-anchors';

const ids = (...values: string[]): { id: string }[] => values.map((id) => ({ id }));

describe('caseAnchors', () => {
  it('derives each anchor from the case id, keeping only characters safe in a URL fragment', () => {
    expect(caseAnchors(ids('unauthenticated', 'coexistence[snd_coex_active]', 'negative inputs #3', '[]'))).toEqual([
      'case-unauthenticated',
      'case-coexistence-snd_coex_active',
      'case-negative-inputs-3',
      'case',
    ]);
  });

  it('gives a case the same anchor whatever comes before it, so links survive across runs', () => {
    const [alone] = caseAnchors(ids('wrong-key'));
    const after = caseAnchors(ids('unauthenticated', 'no-waba', 'wrong-key'));
    expect(after[2]).toBe(alone);
  });

  it('keeps ids that sanitize alike apart, independent of their order', () => {
    const forward = caseAnchors(ids('a[b]', 'a(b)'));
    const backward = caseAnchors(ids('a(b)', 'a[b]'));
    expect(new Set(forward).size).toBe(2);
    expect(forward.every((anchor) => /^case-a-b-[0-9a-f]{8}$/.test(anchor))).toBe(true);
    expect(backward).toEqual([forward[1], forward[0]]);
  });

  it('stays unique even for a repeated id', () => {
    expect(caseAnchors(ids('x', 'x', 'x'))).toEqual(['case-x', 'case-x-2', 'case-x-3']);
  });
});
