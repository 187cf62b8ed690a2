import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Problem } from '../core/problem.js';
import { runRule } from '../rules/testing.js';
import { dynamicProperty } from '../rules/php-version/dynamic-property.js';
import { indexOf, unitOf } from '../rules/php-api/fixtures.js';
import { withoutShadowedCopies } from './shadowed-copies.js';

// Shaped on a real store: app/code/Magentizer/GeoIP/Plugin holds AppState.php and two older copies of it.
const real = `<?php
namespace Acme\\Geo\\Plugin;
class AppState
{
    protected $resourceConnection;
    public function __construct($request, $resource)
    {
        $this->request = $request;
        $this->resourceConnection = $resource;
    }
}
`;
const copy = `<?php
namespace Acme\\Geo\\Plugin;
class AppState
{
    public function __construct($request) { $this->request = $request; $this->ipAddress = 1; }
}
`;

test('a dated or -original copy beside the autoloadable class file is left out, with a problem naming both', async () => {
  const units = [
    await unitOf('app/code/Acme/Geo/Plugin/AppState-29-12-2020.php', copy),
    await unitOf('app/code/Acme/Geo/Plugin/AppState-original.php', copy),
    await unitOf('app/code/Acme/Geo/Plugin/AppState.php', real),
  ];
  const problems: Problem[] = [];
  const kept = withoutShadowedCopies(units, problems);
  assert.deepEqual(
    kept.map((u) => u.analysis.file),
    ['app/code/Acme/Geo/Plugin/AppState.php'],
  );
  assert.deepEqual(
    problems.map((p) => [p.code, p.file]),
    [
      ['shadowed-copy', 'app/code/Acme/Geo/Plugin/AppState-29-12-2020.php'],
      ['shadowed-copy', 'app/code/Acme/Geo/Plugin/AppState-original.php'],
    ],
  );
  assert.match(problems[0]!.message, /app\/code\/Acme\/Geo\/Plugin\/AppState\.php declares/);
  // The class lookups now see the real file: $resourceConnection is declared there, $request is not.
  const findings = await runRule(dynamicProperty, { code: kept, target: { symbols: indexOf([]), php: '8.3' } });
  assert.deepEqual(
    findings.map((f) => [f.file, f.subject]),
    [['app/code/Acme/Geo/Plugin/AppState.php', 'acme\\geo\\plugin\\appstate::$request']],
  );
});

test('a copy without an autoloadable twin, and a file also declaring its own class, stay', async () => {
  const units = [
    await unitOf('app/code/Acme/Geo/Plugin/AppState-original.php', copy),
    await unitOf(
      'app/code/Acme/Geo/Model/Pair.php',
      '<?php\nnamespace Acme\\Geo\\Model;\nclass Pair {}\nclass Other {}\n',
    ),
    await unitOf('app/code/Acme/Geo/Model/Other.php', '<?php\nnamespace Acme\\Geo\\Model;\nclass Other {}\n'),
  ];
  const problems: Problem[] = [];
  assert.equal(withoutShadowedCopies(units, problems).length, 3);
  assert.deepEqual(problems, []);
});
