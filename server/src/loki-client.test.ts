import { checkStreams } from './loki-client';

const ok = (values: unknown, stream: unknown = { app: 'netobserv-flowcollector' }) => ({
  status: 'success',
  data: { resultType: 'streams', result: [{ stream, values }] },
});

describe('checkStreams', () => {
  it('returns the streams of a well-formed answer', () => {
    const body = ok([['1700000000000000001', '{"Bytes":1}']]);
    expect(checkStreams(body)).toEqual(body.data.result);
  });

  it.each([
    ['an error status', { status: 'error' }, 'status'],
    ['a matrix', { status: 'success', data: { resultType: 'matrix', result: [] } }, 'data.resultType'],
    ['no result array', { status: 'success', data: { resultType: 'streams', result: {} } }, 'data.result'],
    ['a numeric label', ok([], { app: 1 }), 'data.result.0.stream.app'],
    ['no values', ok(undefined), 'data.result.0.values'],
    ['a float timestamp', ok([['1.5', 'x']]), 'data.result.0.values.0'],
    ['a numeric timestamp', ok([[1, 'x']]), 'data.result.0.values.0'],
    ['a non-string line', ok([['1', {}]]), 'data.result.0.values.0'],
    ['a triple', ok([['1', 'x', 'y']]), 'data.result.0.values.0'],
  ])('names where %s is wrong', (_name, body, where) => {
    const result = checkStreams(body);
    expect(typeof result).toBe('string');
    expect(result).toMatch(new RegExp(`^${where.replace(/\./g, '\\.')}:`));
  });
});
