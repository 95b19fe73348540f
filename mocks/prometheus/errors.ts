/** An error answered in Prometheus' JSON error shape. */
export class PromError extends Error {
  constructor(
    message: string,
    /** Prometheus' `errorType`: bad_data (400) for invalid input, execution (422) for evaluation failures. */
    readonly errorType: 'bad_data' | 'execution' | 'not_found' | 'internal' = 'bad_data',
  ) {
    super(message);
  }

  get status(): number {
    return { bad_data: 400, execution: 422, not_found: 404, internal: 500 }[this.errorType];
  }
}

/** A PromQL feature the mock does not evaluate: said plainly rather than answered wrongly. */
export function unsupported(what: string): PromError {
  return new PromError(`${what} is not supported by the mock Prometheus`);
}
