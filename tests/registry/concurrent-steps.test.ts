/**
 * A step sent several times at once (`concurrent`): its bounds are the schema's, and only a start's
 * own request, with valid credentials and predicted by start-sync, may be sent so.
 */
import { RegistryCopy, usageErrorOf, type Json } from './support/registry-copy';

const HISTORY = 'startWhatsAppHistorySync';

/** The index of step `id` of a sequence row. */
const stepIndex = (row: Json, id: string): number => (row['steps'] as Json[]).findIndex((s) => s['id'] === id);

function withConcurrent(value: unknown, stepId = 'start', scenarioId = 'concurrent-starts'): { copy: RegistryCopy; at: string; index: number } {
  const copy = new RegistryCopy();
  let index = -1;
  const at = copy.editRow(HISTORY, scenarioId, (row) => {
    index = stepIndex(row, stepId);
    row['steps'][index]['concurrent'] = value;
  });
  return { copy, at, index };
}

test('the shipped race rows send two copies of a start at once', () => {
  const copy = new RegistryCopy();
  expect(() => copy.loadAndCheck()).not.toThrow();
});

test.each([1, 5, 0, 2.5])('concurrent %p is out of the schema\'s bounds (2 to 4): refused at load, naming where', (value) => {
  const { copy, at, index } = withConcurrent(value);
  const message = usageErrorOf(() => copy.load());
  expect(message).toContain(copy.scenariosFile(HISTORY));
  expect(message).toContain(`${at}/steps/${index}/concurrent`);
});

test.each([2, 4])('concurrent %p is within bounds', (value) => {
  const { copy } = withConcurrent(value);
  expect(() => copy.loadAndCheck()).not.toThrow();
});

test('only a write operation\'s own request is sent at once: a read step is refused', () => {
  const { copy, at, index } = withConcurrent(2, 'read-after');
  expect(usageErrorOf(() => copy.loadAndCheck())).toBe(`${copy.scenariosFile(HISTORY)}: ${at}/steps/${index}/concurrent only a write operation's own request may be sent at once, and this is GET /v1/senders/{senderId}/whatsapp-sync`);
});

test('copies without valid credentials show no race: refused', () => {
  const { copy, at, index } = withConcurrent(2, 'start', 'empty-bearer');
  expect(usageErrorOf(() => copy.loadAndCheck())).toBe(`${copy.scenariosFile(HISTORY)}: ${at}/steps/${index}/concurrent copies sent at once carry valid credentials (a refusal every copy earns alike shows no race), and this one's auth is empty-bearer`);
});
