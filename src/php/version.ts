import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Identifies what the analyzer produces. Bump ANALYZER_REVISION whenever the output for the same source changes, so
 * cached analyses from an older analyzer are never reused. The grammar version is part of it for the same reason.
 */
const ANALYZER_REVISION = 12;

export const ANALYZER_VERSION = `${ANALYZER_REVISION}+tree-sitter-php@${
  (require('tree-sitter-php/package.json') as { version: string }).version
}`;
