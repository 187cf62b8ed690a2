import { intersects, satisfies } from '../../composer/index.js';
import type { PlatformDeclaration } from '../../check/project-platform.js';
import type { Rule, RuleContext } from '../rule.js';
import { fitsAny, listVersions, supported, uncertainty, UNCERTAINTY_MESSAGES } from './service-versions.js';

/** PHP the project resolves its dependencies for (config.platform.php, lock, require.php) against the target's. */
export const phpVersion: Rule = {
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
      'servers (CLI and FPM) to it.\n\n' +
      'This rule is about the platform; the rules of the `php-version` category are about the code: what a newer ' +
      'PHP changes in the language (implicitly nullable parameters, dynamic properties, removed functions…).',
    recommendations: {
      setPinned:
        'Set {{source}} to {{runPhp}} (the PHP {{target}} will run on), then run the web and CLI servers on PHP ' +
        '{{runPhp}}: Composer resolves every dependency for the declared PHP.',
      widen: 'Widen {{source}} to allow {{php}}{{metapackage}}.',
      widenOrOther: 'Widen {{source}} to allow {{php}}{{metapackage}}, or run the target on PHP {{other}} with --php.',
      upgradeServers:
        'Upgrade the web and CLI servers to PHP {{runPhp}} and declare it in composer.json (config.platform.php) so ' +
        'Composer resolves for it.',
    },
    messages: {
      ...UNCERTAINTY_MESSAGES,
      pinned: '{{source}} pins PHP {{value}}: {{target}} supports PHP {{supported}}{{note}}.',
      excludesAllPhp: '{{source}} "{{value}}" excludes PHP {{php}}, the PHP {{target}} runs on{{note}}.',
      // Another PHP the target supports still fits: an error, not a blocker.
      excludesTargetPhp:
        '{{source}} "{{value}}" excludes PHP {{php}}, the PHP {{target}} runs on (it allows {{other}}, also ' +
        'supported){{note}}.',
      undeclared:
        'The project declares no PHP version; {{current}} runs on PHP {{currentPhp}} and {{target}} needs PHP ' +
        "{{targetPhp}}{{note}}: the servers' PHP must change.",
      // The part of widen/widenOrOther: the target metapackage's PHP constraint, when known.
      metapackage: ' (the target metapackage requires php {{constraint}})',
    },
    messageSeverity: { excludesTargetPhp: 'error', undeclared: 'warning' },
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
          file: decl.file,
          line: decl.line,
          subject: `${decl.source} ${decl.value}`,
          messageId: 'pinned',
          data: {
            source: decl.source,
            value: decl.value,
            target: target.version,
            supported: supportedPhp.length > 0 ? listVersions(supportedPhp) : String(target.phpConstraint),
            note,
            runPhp: ctx.target.php,
          },
          recommendationId: 'setPinned',
          effort: { hours: 1, confidence: 'medium' },
        });
      } else {
        if (intersectsSafe(decl.value, `~${ctx.target.php}.0`)) continue;
        const other = supportedPhp.filter((v) => v !== ctx.target.php && intersectsSafe(decl.value, `~${v}.0`));
        const excluded = {
          source: decl.source,
          value: decl.value,
          php: ctx.target.php,
          target: target.version,
          note,
          metapackage: target.phpConstraint
            ? [{ messageId: 'metapackage', data: { constraint: target.phpConstraint } }]
            : [],
        };
        ctx.report({
          file: decl.file,
          line: decl.line,
          subject: `${decl.source} ${decl.value}`,
          ...(other.length > 0
            ? {
                messageId: 'excludesTargetPhp',
                data: { ...excluded, other: listVersions(other) },
              }
            : { messageId: 'excludesAllPhp', data: excluded }),
          recommendationId: other.length > 0 ? 'widenOrOther' : 'widen',
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
      subject: `php ${current.version} -> ${target.version}`,
      messageId: 'undeclared',
      data: {
        current: current.version,
        currentPhp: listVersions(currentPhp),
        target: target.version,
        targetPhp: listVersions(supportedPhp),
        note,
        runPhp: ctx.target.php,
      },
      recommendationId: 'upgradeServers',
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
