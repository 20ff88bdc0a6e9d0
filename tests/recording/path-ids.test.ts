/** The ids a recording's paths hold: what bounds the configured fixtures it keeps and its replay reads. */
import { idsInPaths } from '../../src/recording/path-ids';

test('each segment decoded as a sender id went in; a query cut off; a malformed escape as written', () => {
  const held = idsInPaths(['/v1/senders/snd%2Fa%20b/whatsapp-sync', '/v1/senders/snd_q/whatsapp-sync?senderId=snd_query', '/v1/senders/100%/x']);
  expect([...held].sort()).toEqual(['', '100%', 'snd/a b', 'snd_q', 'senders', 'v1', 'whatsapp-sync', 'x'].sort());
  expect(held.has('snd_query')).toBe(false);
});
