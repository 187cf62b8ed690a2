/**
 * Bench: what MageUp says a release installs of each library (src/knowledge/target-installs.ts: the major only)
 * against a real composer.lock of that release — tayyabkhan456/mcar (a full 2.4.8-p2 install, one of
 * scripts/install-trees.ts), read from its fetched snapshot. Counts: majors claimed, majors the lock agrees with, and
 * how often the lock's exact version is the newest release of the snapshot that fits (whether minor/patch could be
 * claimed too: a lock holds what one install resolved on its date, a later `composer update` takes newer patches).
 *
 *   node --import tsx bench/target-installs-locks.ts    (MIRROR=/work/.mirror; says so and exits 0 when not fetched)
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { normalizeVersion } from '../src/composer/index.js';
import { closureRequirements, releaseComposer } from '../src/knowledge/release-composer.js';
import { targetInstalls } from '../src/knowledge/target-installs.js';

const MIRROR = process.env.MIRROR ?? '/work/.mirror';
const TREES = [{ repo: 'tayyabkhan456/mcar', ref: 'main', release: '2.4.8-p2', php: '8.3' }];

for (const tree of TREES) {
  const gitDir = join(MIRROR, tree.repo.replace('/', '+'), 'repo');
  if (!existsSync(gitDir)) {
    console.log(`${tree.repo} not fetched: ${tree.release} skipped`);
    continue;
  }
  const lock = JSON.parse(
    execFileSync('git', ['--git-dir', gitDir, 'show', `${tree.ref}:composer.lock`], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as { packages: { name: string; version: string }[]; 'content-hash'?: string };
  const product = lock.packages.find((p) => p.name === 'magento/product-community-edition')?.version;
  if (product !== tree.release) {
    console.log(`${tree.repo}: its lock installs ${product ?? 'no product'}, not ${tree.release}: skipped`);
    continue;
  }
  const locked = new Map(lock.packages.map((p) => [p.name, p.version]));
  const record = releaseComposer(tree.release)!;
  let claimed = 0;
  let agree = 0;
  let newestIsLocked = 0;
  const disagreements: string[] = [];
  const olderThanNewest: string[] = [];
  for (const name of closureRequirements(record).keys()) {
    const installs = targetInstalls(record, tree.php, name);
    if (!installs) continue;
    claimed++;
    const version = locked.get(name);
    if (!version) {
      disagreements.push(`${name}: not in the lock`);
      continue;
    }
    if (Number(normalizeVersion(version).split('.')[0]) === installs.major) agree++;
    else disagreements.push(`${name}: claimed ${installs.major}.x, lock ${version}`);
    if (normalizeVersion(version) === normalizeVersion(installs.newestKnown)) newestIsLocked++;
    else olderThanNewest.push(`${name} ${version} (snapshot's newest fitting: ${installs.newestKnown})`);
  }
  console.log(
    `${tree.release} (${tree.repo}, PHP ${tree.php}): ${claimed} majors claimed, ${agree} agree with the lock` +
      `${disagreements.length ? `; disagree: ${disagreements.join('; ')}` : ''}`,
  );
  console.log(
    `exact version = the snapshot's newest fitting release for ${newestIsLocked} of ${claimed}; the others differ: ` +
      olderThanNewest.join('; '),
  );
}
