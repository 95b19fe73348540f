/** An error the mock Loki answers with: an HTTP status and Loki's plain-text message. */
export class LokiError extends Error {
  constructor(message: string, readonly status = 400) {
    super(message);
    this.name = 'LokiError';
  }
}

/** A construct Loki supports but the mock does not (yet): a clear 400 instead of a wrong answer. */
export function unsupported(what: string): LokiError {
  return new LokiError(`${what} is not supported by the mock Loki`);
}
