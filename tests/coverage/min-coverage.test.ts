import { UsageError } from '../../src/model/errors';
import { parseMinCoverage } from '../../src/coverage/min-coverage';

test('KEY=PERCENT rules, spaces tolerated, decimals allowed', () => {
  expect(parseMinCoverage('statuses=100, enums=80,errors=0,optional=12.5', '--min-coverage')).toEqual([
    { key: 'statuses', min: 100 },
    { key: 'enums', min: 80 },
    { key: 'errors', min: 0 },
    { key: 'optional', min: 12.5 },
  ]);
});

test.each([
  ['statuses=100,enum=80', '"enum=80" names no coverage figure'],
  ['statuses', '"statuses" is not KEY=PERCENT'],
  ['statuses=101', '"statuses=101" is above 100'],
  ['statuses=-1', '"statuses=-1" is not KEY=PERCENT'],
  ['statuses=100,', '"" is not KEY=PERCENT'],
  ['enums=1,enums=2', '"enums=2" repeats enums'],
])('%s is a usage error naming the flag and the bad part', (text, part) => {
  const error = (() => {
    try {
      parseMinCoverage(text, 'ZAVU_MIN_COVERAGE');
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  expect(error).toBeInstanceOf(UsageError);
  const message = (error as Error).message;
  expect(message.startsWith(`ZAVU_MIN_COVERAGE: ${part} (expected KEY=PERCENT`)).toBe(true);
  expect(message).not.toContain('\n');
});
