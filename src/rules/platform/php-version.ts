import { intersects, satisfies } from '../../composer/index.js';
import type { PlatformDeclaration } from '../../check/project-platform.js';
import type { Rule, RuleContext } from '../rule.js';
import { fitsAny, listVersions, supported, uncertainty } from './service-versions.js';

/** PHP the project resolves its dependencies for (config.platform.php, lock, require.php) against the target's. */
export const phpVersionRule: Rule = {
  meta: {
    id: 'platform/php-version',
    severity: 'critical',
    category: 'platform',
    description: 'The PHP version the project declares is not supported by the target release.',
    docs:
      'Composer resolves every dependency for the PHP the project declares: `config.platform.php` in composer.json ' +
      '(recorded as `platform-overrides` in composer.lock), else the running PHP within `require.php`. When that PHP ' +
      'is not one the target release supports, `composer update` to the target fails or installs packages that do ' +
      'not run. Fix: set `config.platform.php` to the PHP the target runs on, widen `require.php`, and upgrade the ' +
      'servers (CLI and FPM) to it.',
  },
  check(ctx) {
    const target = ctx.target.release;
    const supportedPhp = supported(target, 'php');
    const note = uncertainty(target);
    const declarations = declarationsOf(ctx);
    for (const decl of declarations) {
      if (decl.kind === 'exact') {
        const fitsList = supportedPhp.length === 0 || fitsAny(decl.value, supportedPhp);
        const fitsConstraint = !target.phpConstraint || satisfiesSafe(decl.value, target.phpConstraint);
        if (fitsList && fitsConstraint) continue;
        ctx.report({
          severity: 'critical',
          file: decl.file,
          line: decl.line,
          subject: `${decl.source} ${decl.value}`,
          message:
            `${decl.source} pins PHP ${decl.value}: ${target.version} supports PHP ` +
            `${supportedPhp.length > 0 ? listVersions(supportedPhp) : target.phpConstraint}${note}.`,
          recommendation:
            `Set ${decl.source} to ${ctx.target.php} (the PHP ${target.version} will run on), then run the web and CLI ` +
            `servers on PHP ${ctx.target.php}: Composer resolves every dependency for the declared PHP.`,
          effort: { hours: 1, confidence: 'medium' },
        });
      } else {
        if (intersectsSafe(decl.value, `~${ctx.target.php}.0`)) continue;
        const other = supportedPhp.filter((v) => v !== ctx.target.php && intersectsSafe(decl.value, `~${v}.0`));
        ctx.report({
          severity: other.length > 0 ? 'error' : 'critical',
          file: decl.file,
          line: decl.line,
          subject: `${decl.source} ${decl.value}`,
          message:
            `${decl.source} "${decl.value}" excludes PHP ${ctx.target.php}, the PHP ${target.version} runs on` +
            (other.length > 0 ? ` (it allows ${listVersions(other)}, also supported)` : '') +
            `${note}.`,
          recommendation:
            `Widen ${decl.source} to allow ${ctx.target.php}` +
            (target.phpConstraint ? ` (the target metapackage requires php ${target.phpConstraint})` : '') +
            (other.length > 0 ? `, or run the target on PHP ${listVersions(other)} with --php.` : '.'),
          effort: { hours: 0.5, confidence: 'high' },
        });
      }
    }
    // An extension that declares no PHP does not constrain it; servers are the project's business.
    if (declarations.length > 0 || ctx.project.kind === 'extension') return;
    // Nothing declared: compare what the current release runs on with what the target needs.
    const current = ctx.current.release;
    if (!current) return;
    const currentPhp = supported(current, 'php');
    if (currentPhp.length === 0 || supportedPhp.length === 0 || currentPhp.some((v) => fitsAny(v, supportedPhp)))
      return;
    ctx.report({
      severity: 'warning',
      subject: `php ${current.version} -> ${target.version}`,
      message:
        `The project declares no PHP version; ${current.version} runs on PHP ${listVersions(currentPhp)} and ` +
        `${target.version} needs PHP ${listVersions(supportedPhp)}${note}: the servers' PHP must change.`,
      recommendation:
        `Upgrade the web and CLI servers to PHP ${ctx.target.php} and declare it in composer.json ` +
        `(config.platform.php) so Composer resolves for it.`,
      effort: { hours: 2, confidence: 'low' },
    });
  },
};

function declarationsOf(ctx: RuleContext): PlatformDeclaration[] {
  if (ctx.platform) return ctx.platform.php;
  const php = ctx.project.rootRequire.php;
  return php ? [{ value: php, kind: 'constraint', source: 'composer.json require.php', file: 'composer.json' }] : [];
}

function satisfiesSafe(version: string, constraint: string): boolean {
  try {
    return satisfies(version, constraint);
  } catch {
    return true; // An unreadable constraint is reported by the composer rules, not guessed at here.
  }
}

function intersectsSafe(a: string, b: string): boolean {
  try {
    return intersects(a, b);
  } catch {
    return true;
  }
}
