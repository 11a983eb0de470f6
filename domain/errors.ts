/** The one error type that crosses layers: a code for machines, a message for people, an HTTP status for edges. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 500,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

/** A 400 naming each field a zod schema refused ("text: must not be empty; locale: ..."). */
export function invalidRequest(error: { issues: Array<{ path: PropertyKey[]; message: string }> }, code = 'invalid_request', status = 400): AppError {
  return new AppError(code, error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; '), status);
}

/**
 * A change sent to a provider whose answer never came clearly (a timeout after sending, a 500/502/504): it may have
 * been applied. Repeating it under the same idempotency key is how its outcome is learnt.
 */
export const DEPENDENCY_OUTCOME_UNKNOWN = 'dependency_outcome_unknown';
/** The effect result code of a change whose outcome Smile could not learn within the turn; it is kept and settled later. */
export const OUTCOME_UNKNOWN = 'outcome_unknown';
