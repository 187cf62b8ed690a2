import type { Rule } from '../rule.js';

/** Composer's own problem report on the proposed composer.json (`mageup check --solve`), one finding per problem. */
export const solverProblem: Rule = {
  meta: {
    id: 'composer/solver-problem',
    severity: 'critical',
    category: 'composer',
    description: "Composer's solver cannot resolve the proposed composer.json: its problem report, one finding each.",
    docs:
      "With `mageup check --solve` (PHP and Composer installed, e.g. Debian's `php-cli` and `composer`), MageUp " +
      'copies the proposed composer.json to a temporary directory and runs `composer update --dry-run --no-install ' +
      "--no-plugins --no-scripts` there, for the target's PHP, against the repositories the file declares (with the " +
      "project's auth.json; credentials are never printed). Nothing runs in the project's directory, no plugin or " +
      "script runs, and a timeout bounds it. Each `Problem N` of Composer's report becomes a finding that names the " +
      "package and the constraint Composer could not satisfy, with Composer's own lines as details. Fix what it " +
      'names (usually: a release of that package for the target, or a wider constraint).',
    recommendations: {
      findRelease:
        'Composer cannot satisfy {{package}}: find a release of it (or of what requires it) made for the target, or ' +
        "widen the constraint; Composer's full explanation is in the details.",
      findReleaseConstraint:
        'Composer cannot satisfy {{package}} {{constraint}}: find a release of it (or of what requires it) made for ' +
        "the target, or widen the constraint; Composer's full explanation is in the details.",
      readDetails: "Read Composer's explanation in the details.",
    },
    messages: { problem: 'Composer: Problem {{index}}: {{first}}' },
  },
  check(ctx) {
    const solver = ctx.composer?.solver;
    if (!solver || solver.status !== 'problems') return;
    for (const p of solver.problems) {
      const first = p.blocking ?? p.lines[0] ?? '';
      const constraint = (p.constraint ?? '').trimEnd();
      ctx.report({
        file: 'composer.json',
        ...(p.package ? { package: p.package } : {}),
        subject: `solver ${p.requirer ?? ''} ${p.package ?? first}`,
        messageId: 'problem',
        data: {
          index: p.index,
          first,
          ...(p.package ? { package: p.package } : {}),
          ...(constraint ? { constraint } : {}),
        },
        recommendationId: !p.package ? 'readDetails' : constraint ? 'findReleaseConstraint' : 'findRelease',
        details: p.lines.map((l: string) => `- ${l}`).join('\n'),
        effort: { hours: 1, confidence: 'low' },
      });
    }
  },
};
