/** "sync-is-coexistence": a 200 for a coexistence sender says it is one. */
import type { Check } from '../model/check';
import { isRecord } from '../openapi/is-record';
import { parseJsonBody } from './support/parsed-body';

/**
 * The operation is "only available for coexistence accounts", so a 200 whose body says
 * isCoexistence: false contradicts itself. The schema cannot express that (it only asks for a
 * boolean); a missing or non-boolean field is "response-schema"'s to report, not this check's.
 */
export const syncIsCoexistenceCheck: Check = {
  id: 'sync-is-coexistence',
  title: 'A 200 sync status reports sync.isCoexistence: true',
  run(exchange, context) {
    const response = exchange.response;
    if (response === undefined || response.status !== 200) return [];
    if (!(context.scenario.expect.rules ?? []).includes('sync-is-coexistence')) return [];
    const parsed = parseJsonBody(response);
    if (!parsed.ok || !isRecord(parsed.value)) return [];
    const sync = parsed.value['sync'];
    if (!isRecord(sync)) return [];
    const isCoexistence = sync['isCoexistence'];
    if (typeof isCoexistence !== 'boolean' || isCoexistence) return [];
    return [
      {
        check: 'sync-is-coexistence',
        severity: 'error',
        title: 'The sync status says the sender is not a coexistence account',
        message:
          'Received: false / Expected: true (sync status is only served for coexistence accounts, and this sender is configured as one)',
        instancePath: '/sync/isCoexistence',
      },
    ];
  },
};
