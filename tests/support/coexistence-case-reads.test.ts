import type { PlannedCase } from '../../src/model';
import { bindFixtures } from '../../src/registry/bind-fixtures';
import { planCases } from '../../src/registry/plan-cases';
import { shardSlice } from '../../src/shard/shard';
import { coexistenceCaseReads, type SeenRequest } from './coexistence-case-reads';
import { operations, registry } from './shipped-contract';

const KEY = 'zv_test_reads00000000000000000000000000';
const GET = 'getWhatsAppSyncStatus';

/** The read's cases against the embedded server's seeds, in plan order (what a serial run sends). */
const cases = planCases({ registry, operations, bound: bindFixtures(registry, { embedded: true, env: {} }), embedded: true, allowWrites: false, otherProjectKey: true, only: [GET] });

/** Each request a serial run sends for these cases, each case `repeat` times in a row, with the case that sent it. */
function requestsOf(planned: readonly PlannedCase[], repeat: number): { caseId: string; request: SeenRequest }[] {
  return planned.flatMap((c) =>
    Array.from({ length: repeat }, () =>
      c.steps.map((step) => {
        const senderId = step.params?.['senderId'] ?? c.params['senderId'] ?? '';
        // A path written otherwise (a query, a dot segment) is no read of the sender's own path.
        const written = step.pathTemplate !== undefined || step.query !== undefined;
        const path = `/v1/senders/${encodeURIComponent(senderId)}/whatsapp-sync${written ? '/written' : ''}`;
        const authorization = step.auth === 'valid' ? `Bearer ${KEY}` : step.auth === 'none' ? undefined : 'Bearer not-the-key';
        return { caseId: c.id, request: { method: step.method ?? 'GET', path, ...(authorization === undefined ? {} : { authorization }) } };
      }),
    ).flat(),
  );
}

/** The ids of the cases whose requests the tracker picked, one per pick. */
function picked(senderId: string, runs: { caseId: string; request: SeenRequest }[][]): string[] {
  const isCaseRead = coexistenceCaseReads(senderId, KEY);
  return runs.flat().filter(({ request }) => isCaseRead(request)).map(({ caseId }) => caseId);
}

test('the sender is read with the key by the sequences before its coexistence case (what a fault on every read would also break)', () => {
  const readers = new Set(requestsOf(cases, 1).filter(({ request }) => request.path === '/v1/senders/snd_coex_active/whatsapp-sync' && request.authorization === `Bearer ${KEY}`).map(({ caseId }) => caseId));
  expect([...readers]).toEqual([`${GET}/reads-change-nothing[snd_coex_active]`, `${GET}/head-changes-nothing[snd_coex_active]`, `${GET}/unauthenticated-read-changes-nothing[snd_coex_active]`, `${GET}/coexistence[snd_coex_active]`]);
});

test.each([1, 3])('of a serial run, --repeat %i: exactly the coexistence case\'s reads of the sender, each repeat, for any coexistence sender', (repeat) => {
  for (const sender of ['snd_coex_active', 'snd_coex_fresh', 'snd_coex_error']) {
    expect(picked(sender, [requestsOf(cases, repeat)])).toEqual(Array.from({ length: repeat }, () => `${GET}/coexistence[${sender}]`));
  }
});

test('runs one after another against one server (a second run, shards): each run\'s coexistence case, and a shard without the sender\'s cases picks nothing', () => {
  const run = requestsOf(cases, 2);
  expect(picked('snd_coex_active', [run, run])).toEqual(Array.from({ length: 4 }, () => `${GET}/coexistence[snd_coex_active]`));
  const shards = [1, 2].map((index) => requestsOf(shardSlice(cases, { index, count: 2 }), 3));
  expect(picked('snd_coex_active', [...shards, ...shards])).toEqual(Array.from({ length: 6 }, () => `${GET}/coexistence[snd_coex_active]`));
});

test('a read of the sender without credentials among its sequences is what moves it on: without one, no read is picked', () => {
  const withKeyOnly = requestsOf(cases, 1).filter(({ request }) => request.authorization !== undefined);
  expect(picked('snd_coex_active', [withKeyOnly])).toEqual([]);
});
