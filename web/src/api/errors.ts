/** Every failure of a backend call, with a message fit to show to the user as is. */
export class ApiCallError extends Error {
  constructor(
    message: string,
    /** HTTP status, or undefined when no answer came back (backend unreachable). */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}

/** A call cancelled by its AbortSignal: the caller moved on, not an error to show. */
export function isAbortError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'AbortError';
}
