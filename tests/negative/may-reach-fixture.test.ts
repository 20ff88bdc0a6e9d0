import { containsWithOneGap, decodeOnce, decodings, mayReachFixture, spellsOnly } from '../../src/negative/may-reach-fixture';

const FIXTURES = ['snd_coex_syncable'];
const reaches = (id: string, raw = false): boolean => mayReachFixture({ id, raw }, FIXTURES);

describe('mayReachFixture', () => {
  it.each([
    ['the fixture with a piece after it', 'snd_coex_syncable;x'],
    ['the fixture with whitespace before it', ' snd_coex_syncable'],
    ['the fixture in another case', 'SND_COEX_SYNCABLE'],
    ['the fixture with a NUL inside', 'snd_coex\u0000_syncable'],
    ['the fixture with a piece inside, whatever its letters', 'snd_co%zzex_syncable'],
    ['the fixture encoded once more', 'snd%5Fcoex_syncable'],
    ['the fixture encoded once more with a piece', 'snd%5Fcoex_syncable%2500'],
    ['a fullwidth look-alike', 'ｓｎｄ_coex_syncable'],
    // A server that matches ids by prefix ("LIKE 'id%'", startsWith) finds the fixture with these.
    ['a prefix of the fixture', 'snd'],
    ['a prefix in another case', 'SND_CO'],
    ['a prefix with LIKE\'s "_" (any one character) in it', 's_d_coex'],
    ['a prefix once punctuation is dropped', 'snd-coex'],
    ['the empty id (a prefix of every id)', ''],
    // One that matches by suffix or substring (LIKE '%' || id, endsWith, a search index) finds it with these.
    ['a suffix of the fixture', 'nd_coex_syncable'],
    ['a shorter suffix', 'syncable'],
    ['an inner part', 'coex'],
    ['an inner part in another case, with whitespace around it', ' COEX_Sync '],
    ['an inner part with LIKE\'s "_" in it', 'co_x'],
    ['an inner part once punctuation is dropped', 'coex-syncable'],
    ['an inner part spelled with an accent', 'cóex'],
    ['a single letter of the fixture', 'y'],
    // A server may cut the id short before such a lookup: a router drops matrix parameters (";",
    // as Servlet containers do), one that decoded too early drops a query or fragment, C code ends at a NUL.
    ['an inner part before matrix parameters', 'coex;b=c'],
    ['an inner part before a query mark', 'coex?b=c'],
    ['an inner part before a fragment mark', 'coex#b'],
    ['an inner part before a NUL', 'coex\u0000zz'],
    // Cut or trimmed to nothing, it is the empty id, which every lookup by part matches.
    ['matrix parameters alone', ';b=c'],
    ['whitespace alone', ' \t'],
    ['a no-break space alone', '\u00a0'],
    // LIKE's "%" matches any run of characters: any sender at all, configured or not.
    ['a lone "%"', '%'],
    ['"%" at the end of another text', 'zz%'],
    ['a malformed escape ("%zz" as a LIKE pattern matches any id ending in zz)', '%zz'],
    ['a valid escape, as a server that does not decode sees it', 'x%41'],
    // A quote ends the string a careless query put the id in: what follows may match any sender.
    ['a boolean SQL injection', "' OR '1'='1"],
    ['a lone single quote', "'"],
    ['a double quote (a string quote in some SQL dialects)', 'x"'],
    ['a backtick (an identifier quote in MySQL)', '`'],
    ['a JSON query operator', '{"$ne":null}'],
  ])('withholds %s', (_name, id) => {
    expect(reaches(id)).toBe(true);
  });

  it('withholds an id that leaves its segment, raw or sent as %2F (which a hop may decode)', () => {
    expect(reaches('x/..', true)).toBe(true);
    expect(reaches('x/..', false)).toBe(true);
    // Dots that stay inside the segment are no reason of their own ("z" is no part of the fixture).
    expect(reaches('z..', false)).toBe(false);
  });

  it.each(['snd_other', 'zz;coex', 'zz?b', 'zz#coex', '..', 'coexx', 'syncables', 'sndx', 'zz', '{{7*7}}', '$(id)', 'a'.repeat(1024)])('lets %j through', (id) => {
    expect(reaches(id)).toBe(false);
  });
});

it('decodeOnce never throws: a malformed escape is kept, valid ones decoded', () => {
  expect(decodeOnce('snd%5Fa')).toBe('snd_a');
  expect(decodeOnce('snd%5Fa%zz')).toBe('snd_a%zz');
  expect(decodings('snd%255Fa')).toEqual(['snd%255Fa', 'snd%5Fa', 'snd_a']);
});

it('containsWithOneGap finds the core whole or split once, in order', () => {
  expect(containsWithOneGap('abXYcd', 'abcd')).toBe(true);
  expect(containsWithOneGap('xabcdx', 'abcd')).toBe(true);
  expect(containsWithOneGap('aXbXcd', 'abcd')).toBe(false);
  expect(containsWithOneGap('cdab', 'abcd')).toBe(false);
});

describe('spellsOnly', () => {
  const other = 'snd_other_project';

  it.each([
    [{ id: '%73nd_other_project', raw: true }, 'its first letter percent-encoded, as is'],
    [{ id: 'SND_OTHER_PROJECT', raw: false }, 'another letter case'],
    [{ id: 'snd_óther_project', raw: false }, 'a vowel accented'],
    [{ id: 'snd%5Fother_project', raw: false }, 'one decoding too many'],
  ])('%j spells the hidden sender otherwise (%s)', (input) => {
    expect(spellsOnly(input, other)).toBe(true);
  });

  it.each([
    [{ id: other, raw: false }, 'the sender itself is no spelling of it'],
    [{ id: 'snd_other_project%', raw: true }, 'a LIKE wildcard left after decoding reaches other ids'],
    [{ id: "snd_other_project'", raw: false }, 'a quote'],
    [{ id: 'snd_other_project/..', raw: true }, 'leaves its segment'],
    [{ id: 'snd_other_projectx', raw: false }, 'another id'],
    [{ id: 'snd_coex_active', raw: false }, 'another fixture'],
  ])('%j does not (%s)', (input) => {
    expect(spellsOnly(input, other)).toBe(false);
  });
});
