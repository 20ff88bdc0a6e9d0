import { bareRoundTrips } from '../../src/bench/request-floor';

test('the floor makes exactly the round trips asked for, each answered', async () => {
  await expect(bareRoundTrips(25)).resolves.toBe(25);
  await expect(bareRoundTrips(0)).resolves.toBe(0);
});
