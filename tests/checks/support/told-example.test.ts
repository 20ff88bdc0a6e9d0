/**
 * toldExample: the documented example of an answer's own status whose words it gave, read as
 * error-message-documented reads them; none for other words, another status's example, or no
 * message at all.
 */
import { toldExample } from '../../../src/checks/support/told-example';
import { jsonResponse } from './exchange-factory';
import { operation } from '../../support/shipped-contract';

const read = operation('getWhatsAppSyncStatus');
const noWaba = 'Sender does not have a WhatsApp Business Account connected';

test('the status read\'s 400 in the documented no_waba words, a final full stop and a request id after them aside: no_waba', () => {
  expect(toldExample(jsonResponse(400, { code: 'bad_request', message: noWaba }), read)).toBe('no_waba');
  expect(toldExample(jsonResponse(400, { code: 'no_waba', message: `${noWaba}. (request 3f2a9c1d)` }), read)).toBe('no_waba');
  expect(toldExample(jsonResponse(400, { code: 'bad_request', message: 'Sync is only available for coexistence accounts' }), read)).toBe('not_coexistence');
});

test('words of its own, the same words under another status, or no message: none', () => {
  expect(toldExample(jsonResponse(400, { code: 'bad_request', message: 'No WhatsApp account here' }), read)).toBeUndefined();
  expect(toldExample(jsonResponse(404, { code: 'not_found', message: noWaba }), read)).toBeUndefined();
  expect(toldExample(jsonResponse(400, { code: 'bad_request' }), read)).toBeUndefined();
  expect(toldExample(jsonResponse(400, [noWaba]), read)).toBeUndefined();
});
