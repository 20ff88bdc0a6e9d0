/** src/shard/shard-agreement.ts: what the shards of one run say of a value they must share. */
import { agreementOf, shardList } from '../../src/shard/shard-agreement';

const side = (shard: string, value?: string) => ({ shard, label: `shards/${shard[0]}`, ...(value !== undefined ? { value } : {}) });
const valueOf = (s: { value?: string }) => s.value;

test('every shard naming one value: it, with no other and none without', () => {
  const [a, b] = [side('1/2', 'v'), side('2/2', 'v')];
  expect(agreementOf([a, b], valueOf)).toEqual({ first: { side: a, value: 'v' }, without: [] });
});

test('the first shard naming a value and the first naming another, past shards naming none', () => {
  const sides = [side('1/4'), side('2/4', 'v'), side('3/4', 'w'), side('4/4', 'x')];
  expect(agreementOf(sides, valueOf)).toEqual({ first: { side: sides[1], value: 'v' }, other: { side: sides[2], value: 'w' }, without: [sides[0]] });
});

test('none named: no first, every shard without', () => {
  const sides = [side('1/2'), side('2/2')];
  expect(agreementOf(sides, valueOf)).toEqual({ without: sides });
});

test('shards listed as a line names them', () => {
  expect(shardList([side('2/3'), side('3/3')])).toBe('2/3 (shards/2), 3/3 (shards/3)');
});
