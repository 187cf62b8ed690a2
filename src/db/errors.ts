import { MageupError } from '../core/errors.js';

/** Why a database command could not run. Every message is safe to print: it never holds a password. */
export type DbErrorKind =
  | 'bad-input'
  | 'unreachable'
  | 'access-denied'
  | 'unknown-database'
  | 'read-only-refused'
  | 'timeout'
  | 'not-magento'
  | 'refused-statement'
  | 'query-failed';

export class DbError extends MageupError {
  override name = 'DbError';
  constructor(
    readonly kind: DbErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** A statement the read-only guard refused before it reached the server. */
export class ReadOnlyViolation extends DbError {
  override name = 'ReadOnlyViolation';
  constructor(reason: string) {
    super('refused-statement', `refused by the read-only guard: ${reason}`);
  }
}

/**
 * Removes a secret from a message coming from a driver or a server (error texts may quote the DSN or the
 * password). Long secrets are replaced wherever they occur; the empty secret is left alone.
 */
export function redactSecret(message: string, secret: string | undefined): string {
  if (!secret) return message;
  return message.split(secret).join('***');
}
