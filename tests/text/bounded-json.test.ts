import { boundedJson, sizeOf } from '../../src/text/bounded-json';

describe('boundedJson', () => {
  it('is JSON.stringify for a value that fits', () => {
    const value = { a: [1, null, 'x"y'], b: { c: true }, d: 1.5 };
    expect(boundedJson(value, 200)).toBe(JSON.stringify(value));
    expect(boundedJson('', 5)).toBe('""');
  });

  it('cuts a large object after the limit and says how many properties it had', () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 300000; i += 1) big[`extra${i}`] = i;
    expect(boundedJson(big, 30)).toBe('{"extra0":0,"extra1":1,"extra2… (an object of 300000 properties)');
  });

  it('cuts a long string, stating its length in chars', () => {
    expect(boundedJson('m'.repeat(8 * 1024 * 1024), 12)).toBe('"mmmmmmmmmmm… (a string of 8388608 chars)');
  });

  it('writes 100,000 nested arrays without overflowing the stack', () => {
    const depth = 100000;
    const deep: unknown = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`);
    expect(() => JSON.stringify(deep)).toThrow(RangeError);
    expect(boundedJson(deep, 10)).toBe('[[[[[[[[[[… (an array of 1 item)');
  });

  it('writes a number beyond a double\'s range as the Infinity it was read as, not as null', () => {
    // A target's 1e999999 or a megabyte of digits: "Received: null" would name a value it never sent.
    const value: unknown = JSON.parse(`{"a":1e999999,"b":[-1e999999],"c":${'9'.repeat(400)}}`);
    expect(boundedJson(value, 200)).toBe('{"a":Infinity,"b":[-Infinity],"c":Infinity}');
  });

  it('cuts inside a huge key too', () => {
    expect(boundedJson({ ['k'.repeat(1000)]: 1 }, 8)).toBe('{"kkkkkk… (an object of 1 property)');
  });
});

test('sizeOf names what a value was as a whole', () => {
  expect([sizeOf('abc'), sizeOf([1, 2]), sizeOf({}), sizeOf(3)]).toEqual(['a string of 3 chars', 'an array of 2 items', 'an object of 0 properties', 'a value']);
});

describe('boundedJson reads only as much of a value as it shows', () => {
  /** `target` behind a proxy that counts the properties read from it. */
  function counted<T extends object>(target: T): { value: T; reads: () => number } {
    let reads = 0;
    const value = new Proxy(target, {
      get(object, key, receiver) {
        if (typeof key === 'string') reads += 1;
        return Reflect.get(object, key, receiver) as unknown;
      },
    });
    return { value, reads: () => reads };
  }

  it('stops walking a 100,000-item array once the shown text is full', () => {
    const { value, reads } = counted(Array.from({ length: 100_000 }, (_, i) => i));
    expect(boundedJson(value, 20)).toBe('[0,1,2,3,4,5,6,7,8,9… (an array of 100000 items)');
    expect(reads()).toBeLessThan(100);
  });

  it('stops walking a 100,000-property object once the shown text is full', () => {
    const big: Record<string, number> = {};
    for (let i = 0; i < 100_000; i += 1) big[`k${i}`] = i;
    const { value, reads } = counted(big);
    expect(boundedJson(value, 20)).toBe('{"k0":0,"k1":1,"k2":… (an object of 100000 properties)');
    expect(reads()).toBeLessThan(100);
  });
});
