import { consoleHostFetch } from './console-services';

const consoleFetch = jest.fn();
jest.mock('@openshift-console/dynamic-plugin-sdk', () => ({
  consoleFetch: (...args: unknown[]) => consoleFetch(...args),
  ResourceLink: () => null,
}));

/** The shape of the SDK's HttpError, which consoleFetch throws on error statuses. */
function httpError(code: number, message: string, json?: unknown): Error {
  return Object.assign(new Error(message), { name: 'HttpError', code, json });
}

describe('consoleHostFetch', () => {
  beforeEach(() => consoleFetch.mockReset());

  it('passes successful answers through', async () => {
    const res = new Response('{}', { status: 200 });
    consoleFetch.mockResolvedValue(res);
    await expect(consoleHostFetch('/x', { method: 'GET' })).resolves.toBe(res);
    expect(consoleFetch).toHaveBeenCalledWith('/x', { method: 'GET' });
  });

  it("turns an error status back into a response carrying the backend's JSON", async () => {
    consoleFetch.mockRejectedValue(httpError(400, 'Bad Request', { error: 'unknown filter field "Foo"' }));
    const res = await consoleHostFetch('/x');
    expect(res.status).toBe(400);
    await expect(res.text()).resolves.toBe('{"error":"unknown filter field \\"Foo\\""}');
  });

  it('keeps the message of an error status without JSON', async () => {
    consoleFetch.mockRejectedValue(httpError(502, 'proxy: upstream connect error'));
    const res = await consoleHostFetch('/x');
    expect(res.status).toBe(502);
    await expect(res.text()).resolves.toBe('proxy: upstream connect error');
  });

  it('rethrows failures that are not HTTP answers (network down, abort, timeout)', async () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' });
    consoleFetch.mockRejectedValue(abort);
    await expect(consoleHostFetch('/x')).rejects.toBe(abort);
  });
});
