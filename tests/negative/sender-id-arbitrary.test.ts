import * as fc from 'fast-check';
import { fixedHostileIds, fixedNegativeInputs, hostileSenderIds, negativeInputs } from '../../src/negative/sender-id-arbitrary';

const FIXTURES = ['snd_coex_active', 'snd_sms_no_waba'];

describe('hostileSenderIds', () => {
  // One fixed seed: the sample is the same on every run, so a missing class is a real regression.
  const sample = fc.sample(hostileSenderIds(FIXTURES), { numRuns: 1500, seed: 20260101 });
  const some = (predicate: (id: string) => boolean): boolean => sample.some(predicate);

  it.each([
    ['astral code points', (id: string) => /[\u{10000}-\u{10ffff}]/u.test(id)],
    ['right-to-left text or marks', (id: string) => /[\u0590-\u08ff\u200f\u202e]/.test(id)],
    ['combining marks', (id: string) => /\p{M}/u.test(id)],
    ['zero-width characters', (id: string) => /[\u200b\ufeff]/.test(id)],
    ['a lone surrogate', (id: string) => /(?:^|[^\ud800-\udbff])[\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])/.test(id)],
    ['"/"', (id: string) => id.includes('/')],
    ['".."', (id: string) => id.includes('..')],
    ['"%2F"', (id: string) => /%2f/i.test(id)],
    ['"?"', (id: string) => id.includes('?')],
    ['"#"', (id: string) => id.includes('#')],
    ['"%00"', (id: string) => id.includes('%00')],
    ['a "%" not starting an escape', (id: string) => /%(?![0-9a-f]{2})/i.test(id)],
    ['";"', (id: string) => id.includes(';')],
    ['"\\"', (id: string) => id.includes('\\')],
    ['spaces', (id: string) => id.includes(' ')],
    ['tabs or line breaks', (id: string) => /[\t\r\n]/.test(id)],
    ['single quotes', (id: string) => id.includes("'")],
    ['double quotes', (id: string) => id.includes('"')],
    ['SQL', (id: string) => /SELECT 1|' OR '/.test(id)],
    ['a template {{7*7}}', (id: string) => id.includes('{{7*7}}')],
    ['a template ${…}', (id: string) => id.includes('${')],
    ['a <script> tag', (id: string) => id.includes('<script>')],
    ['1 KB ids', (id: string) => id.length === 1024],
    ['8 KB ids', (id: string) => id.length === 8192],
    ['case-only near-misses of a fixture', (id: string) => FIXTURES.some((f) => f !== id && f.toLowerCase() === id.toLowerCase())],
    ['a fixture with something added', (id: string) => FIXTURES.some((f) => id !== f && id.includes(f))],
    ['a fixture with something removed', (id: string) => FIXTURES.some((f) => id.length > 0 && id.length < f.length && f.includes(id))],
    ['a fixture with one character changed', (id: string) => FIXTURES.some((f) => f.length === id.length && [...f].filter((c, i) => c !== id[i]).length === 1)],
  ])('generates %s', (_name, predicate) => {
    expect(some(predicate)).toBe(true);
  });

  it('never generates a configured fixture', () => {
    expect(sample.filter((id) => FIXTURES.includes(id))).toEqual([]);
  });

  it('works without fixtures (no near-miss class)', () => {
    expect(fc.sample(hostileSenderIds([]), { numRuns: 50, seed: 1 })).toHaveLength(50);
  });

  it('negativeInputs places ids both encoded and raw', () => {
    const inputs = fc.sample(negativeInputs(FIXTURES), { numRuns: 200, seed: 3 });
    expect(new Set(inputs.map((input) => input.raw))).toEqual(new Set([true, false]));
  });
});

describe('fixedHostileIds', () => {
  const ids = fixedHostileIds(FIXTURES);

  it('contains the must-try examples', () => {
    const mustTry = ['', '/', '..', '%2F', '?', '#', '%00', '%', ';', '\\', ' ', "'", '"', "' OR '1'='1", '{{7*7}}', '${7*7}', '<script>alert(1)</script>', 'a'.repeat(1024), 'a'.repeat(8192), 'SND_COEX_ACTIVE', 'snd_coex_activ', 'xsnd_coex_active'];
    expect(ids).toEqual(expect.arrayContaining(mustTry));
    expect(ids.some((id) => id.includes('😀'))).toBe(true);
    expect(ids.some((id) => id.includes('\u202e'))).toBe(true);
    expect(ids.some((id) => id.includes('\u0301'))).toBe(true);
  });

  it('is deterministic, without duplicates or fixtures', () => {
    expect(fixedHostileIds(FIXTURES)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => FIXTURES.includes(id))).toEqual([]);
  });

  it('fixedNegativeInputs adds a raw variant only where raw puts other bytes on the wire', () => {
    const inputs = fixedNegativeInputs(FIXTURES);
    expect(inputs).toEqual(expect.arrayContaining([{ id: '..', raw: false }, { id: '..', raw: true }, { id: '%2F', raw: true }, { id: 'a/b', raw: true }]));
    expect(inputs).not.toContainEqual({ id: 'a'.repeat(1024), raw: true });
    expect(inputs).not.toContainEqual({ id: 'SND_COEX_ACTIVE', raw: true });
  });

  it('fixedNegativeInputs ends with pieces placed around every fixture and each fixture encoded once more, encoded only', () => {
    const inputs = fixedNegativeInputs(FIXTURES, ['snd_coex_active']);
    expect(inputs).toEqual(expect.arrayContaining([{ id: ';snd_coex_active', raw: false }, { id: 'snd_sms_no_waba;', raw: false }, { id: 'snd_sms%5Fno_waba', raw: false }]));
    expect(inputs).not.toContainEqual({ id: ';snd_coex_active', raw: true });
    expect(inputs).not.toContainEqual({ id: 'snd_sms%5Fno_waba', raw: true });
    // One-edit near-misses come only from the examples given.
    expect(inputs).not.toContainEqual({ id: 'SND_SMS_NO_WABA', raw: false });
  });
});

describe('fixedNegativeInputs for a hidden fixture', () => {
  it("ends with another project's sender behind a path a normalising hop or a path-shaped key resolves onto it (/x, ../x, x/../x), encoded only", () => {
    const inputs = fixedNegativeInputs(['snd_coex_active', 'snd_other_project'], ['snd_coex_active'], ['snd_other_project']);
    const tail = inputs.slice(-4);
    expect(tail).toEqual([
      { id: '%73nd_other_project', raw: true },
      { id: '/snd_other_project', raw: false },
      { id: '../snd_other_project', raw: false },
      { id: 'x/../snd_other_project', raw: false },
    ]);
    // Only another project's sender gets them: the key's own one, so reached, discloses nothing.
    expect(inputs).not.toContainEqual({ id: 'x/../snd_coex_active', raw: false });
  });
});

describe('negativeInputs', () => {
  it('sends placed near-misses and ids encoded once more only encoded', () => {
    const sample = fc.sample(negativeInputs(FIXTURES), { numRuns: 2000, seed: 3 });
    const decoded = (id: string): string => {
      try {
        return decodeURIComponent(id);
      } catch {
        return id;
      }
    };
    const inside = sample.filter((input) => FIXTURES.some((f) => !input.id.startsWith(f) && !input.id.endsWith(f) && input.id.length > f.length && input.id.startsWith(f.slice(0, 2)) && input.id.endsWith(f.slice(-2))));
    expect(inside.length).toBeGreaterThan(0);
    const encodedTwice = sample.filter((input) => /%[0-9A-F]{2}/.test(input.id) && FIXTURES.includes(decoded(input.id)));
    expect(encodedTwice.length).toBeGreaterThan(0);
    expect(encodedTwice.every((input) => !input.raw)).toBe(true);
  });
});
