import type { BaselineDiff } from '../../src/model';
import { baselineHeadline, certificateDetail, legacyIdsSentence } from '../../src/report/regression-text';
import { certificate } from './regression-fixtures';

const diff = (over: Partial<BaselineDiff> = {}): BaselineDiff => ({
  baseline: { file: 'last.json', startedAt: '2026-11-24T03:00:00Z', target: 'https://staging.example' },
  newFailures: ['a'],
  fixed: [],
  stillFailing: [],
  newlySkipped: [],
  latencyRegressions: [],
  ...over,
});

test('new failures and fixed always, the rest when present', () => {
  expect(baselineHeadline(diff())).toBe('1 new failure, 0 fixed');
});

test('cases that disappeared since the baseline are counted', () => {
  expect(baselineHeadline(diff({ missing: ['x', 'y'] }))).toBe('1 new failure, 0 fixed, 2 cases of the baseline missing');
});

test('a baseline from another target says so', () => {
  expect(baselineHeadline(diff({ otherTarget: true }))).toBe('1 new failure, 0 fixed (the baseline was recorded against https://staging.example)');
});

test('certified families are counted with the irregular plural', () => {
  expect(certificateDetail(certificate)).toBe('1 family certified, 1 failed, 5 not applicable, 1 case skipped');
  const two = { ...certificate, families: certificate.families.map((f) => (f.family === 'not-found' ? { ...f, verdict: 'certified' as const, passed: 1 } : f)) };
  expect(certificateDetail(two)).toMatch(/^2 families certified, /);
});

test('mapped legacy ids are one plain sentence, singular or plural, and nothing when none were mapped', () => {
  expect(legacyIdsSentence(diff())).toBe('');
  expect(legacyIdsSentence(diff({ mappedLegacyIds: 1 }))).toBe("1 case id of the baseline predates operation ids and was matched to this run's operations by operation label.");
  expect(legacyIdsSentence(diff({ mappedLegacyIds: 11 }))).toBe("11 case ids of the baseline predate operation ids and were matched to this run's operations by operation label.");
});
