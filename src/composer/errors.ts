import { MageupError } from '../core/errors.js';

/** Base class of the errors the Composer version engine throws; `message` is Composer's own wording. */
export class ComposerSemverError extends MageupError {
  override name = 'ComposerSemverError';
}

/** A version string Composer's VersionParser::normalize rejects (`Invalid version string "x"`…). */
export class ComposerVersionError extends ComposerSemverError {
  override name = 'ComposerVersionError';
  constructor(
    readonly version: string,
    message: string,
  ) {
    super(message);
  }
}

/** A constraint string Composer's VersionParser::parseConstraints rejects (`Could not parse version constraint x: …`). */
export class ComposerConstraintError extends ComposerSemverError {
  override name = 'ComposerConstraintError';
  constructor(
    readonly constraint: string,
    message: string,
  ) {
    super(message);
  }
}
