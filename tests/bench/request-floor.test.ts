import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { bareRoundTrips } from '../../src/bench/request-floor';

test('the floor makes exactly the round trips asked for, each answered', async () => {
  let sent = 0;
  const count = (): void => void (sent += 1);
  subscribe('http.client.request.start', count);
  try {
    await expect(bareRoundTrips(25)).resolves.toBe(25);
    expect(sent).toBe(25);
    await expect(bareRoundTrips(0)).resolves.toBe(0);
    expect(sent).toBe(25);
  } finally {
    unsubscribe('http.client.request.start', count);
  }
});
