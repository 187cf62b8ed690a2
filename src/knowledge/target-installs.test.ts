import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { closureRequirements, releaseComposer } from './release-composer.js';
import { targetInstalls } from './target-installs.js';

test('2.4.8-p3 installs symfony/console 6.x and monolog 3.x; two allowed majors or a dev-only tool give a constraint only', () => {
  const record = releaseComposer('2.4.8-p3')!;
  const console = targetInstalls(record, '8.4', 'symfony/console')!;
  assert.equal(console.major, 6);
  assert.match(console.newestKnown, /^v?6\.4\.\d+$/);
  assert.equal(console.constraint, '^6.4');
  assert.match(console.source, /github\.com\/symfony\/console/);
  assert.equal(targetInstalls(record, '8.4', 'monolog/monolog')!.major, 3);
  assert.equal(targetInstalls(record, '8.4', 'psr/log'), undefined, '^2 || ^3: another package may hold it at 2.x');
  assert.equal(targetInstalls(record, '8.4', 'symfony/finder'), undefined, 'only the template require-dev states it');
  assert.equal(targetInstalls(record, '8.4', 'acme/unknown'), undefined);
});

test("every major it claims for 2.4.7-p7 is the one the real 2.4.7-p7 lock installs (lrvipuls/mage247's lock)", () => {
  const lock = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../test/fixtures/projects/vanilla-2.4.7-p7/composer.lock'), 'utf8'),
  ) as { packages: { name: string; version: string }[] };
  const locked = new Map(lock.packages.map((p) => [p.name, p.version]));
  const record = releaseComposer('2.4.7-p7')!;
  let claimed = 0;
  for (const name of closureRequirements(record).keys()) {
    const installs = targetInstalls(record, '8.3', name);
    if (!installs) continue;
    claimed++;
    const version = locked.get(name);
    assert.ok(version, `${name} is in the lock`);
    assert.equal(installs.major, Number(version.replace(/^v/, '').split('.')[0]), `${name}: lock has ${version}`);
  }
  // elasticsearch/elasticsearch (~7.17 || ~8.17) is not claimed: module-elasticsearch-7 holds it at 7.x.
  assert.equal(targetInstalls(record, '8.3', 'elasticsearch/elasticsearch'), undefined);
  assert.ok(claimed >= 30, `${claimed} majors claimed`);
});
