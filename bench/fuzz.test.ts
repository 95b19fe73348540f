import fc from 'fast-check';
import { checkCase, compareQuery, decodeGoString, fuzzCase, fuzzSeed } from './fuzz-cases';

describe('fuzzing of filter values through the grammar, LogQL and PromQL builders', () => {
  it('decodes Go string literals', () => {
    expect(decodeGoString('"a\\"b\\\\c\\n\\x00\\u00e9\\U0001F600\\101"')).toBe('a"b\\c\n\0é😀A');
    expect(decodeGoString('`raw\\n`')).toBe('raw\\n');
  });

  it('finds no problem in 2000 seeded hostile cases (shrinks to the smallest failing case)', () => {
    fc.assert(fc.property(fuzzCase, (c) => expect(checkCase(c)).toEqual([])), { seed: fuzzSeed, numRuns: 2_000 });
  });

  it('is reproducible: the same seed gives the same cases', () => {
    expect(JSON.stringify(fc.sample(fuzzCase, { seed: 7, numRuns: 20 }))).toBe(JSON.stringify(fc.sample(fuzzCase, { seed: 7, numRuns: 20 })));
  });

  it('catches a value that escapes its literal or is altered', () => {
    const table = new Map([['a"} or vector(1) #', 'Pqz0x']]);
    const template = 'sum(x{ns="Pqz0x"})';
    expect(compareQuery('sum(x{ns="a\\"} or vector(1) #"})', template, table, 'promql')).toBeUndefined();
    expect(() => compareQuery('sum(x{ns="a"} or vector(1) #"})', template, table, 'promql')).toThrow(/error node/);
    expect(compareQuery('sum(x{ns="a"} or vector(1))', template, table, 'promql')).toMatch(/shape differs/);
    expect(compareQuery('sum(x{ns="a} or vector(1) #"})', template, table, 'promql')).toMatch(/does not hold the value/);
    expect(compareQuery('{app="Pqz0x"} |= "b"', '{app="Pqz0x"}', new Map([['b', 'Pqz0x']]), 'logql')).toMatch(/differs/);
  });

  it('refuses hostile values on validated fields with a FilterError', () => {
    const c = fc.sample(fuzzCase, { seed: 1, numRuns: 1 })[0];
    expect(checkCase({ ...c, refused: { target: 'DstPort', op: '=', values: ['443"} or vector(1)'] } })).toEqual([]);
  });
});
