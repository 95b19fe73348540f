/**
 * jsdom has no fetch Response. The code under test only builds and reads simple responses (status,
 * headers, text body), so a small stand-in with that part of the Fetch API is enough.
 */
class TestResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  private readonly body: string;

  constructor(body?: string | null, init: ResponseInit = {}) {
    this.body = body ?? '';
    this.status = init.status ?? 200;
    this.statusText = init.statusText ?? '';
    const headers = new Map<string, string>();
    for (const [k, v] of Object.entries((init.headers ?? {}) as Record<string, string>)) headers.set(k.toLowerCase(), v);
    this.headers = { get: (name: string) => headers.get(name.toLowerCase()) ?? null } as Headers;
  }

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

if (typeof globalThis.Response === 'undefined') {
  (globalThis as unknown as { Response: unknown }).Response = TestResponse;
}
