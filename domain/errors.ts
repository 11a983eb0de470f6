/** The one error type that crosses layers: a code for machines, a message for people, an HTTP status for edges. */
export class AppError extends Error {
  constructor(readonly code: string, message: string, readonly status = 500, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
  }
}
