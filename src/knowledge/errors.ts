import { MageupError } from '../core/errors.js';

/** A Magento version the catalog does not know. The message names the nearest known versions. */
export class UnknownVersionError extends MageupError {
  override name = 'UnknownVersionError';
  constructor(
    readonly version: string,
    readonly suggestions: string[],
    reason?: string,
  ) {
    super(
      `${reason ?? `Unknown Magento version "${version}".`}` +
        (suggestions.length > 0 ? ` Nearest known: ${suggestions.join(', ')}` : ''),
    );
  }
}

/** A shipped or cached knowledge file that is missing, corrupt, truncated or of an unsupported schema. */
export class KnowledgeDataError extends MageupError {
  override name = 'KnowledgeDataError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/** A Composer repository or advisory API that could not be read (HTTP status, invalid JSON, network). */
export class RepositoryError extends MageupError {
  override name = 'RepositoryError';
  constructor(
    readonly url: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${url}: ${message}`);
  }
}
