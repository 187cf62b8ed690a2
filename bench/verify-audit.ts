/**
 * Verifies `mageup audit` against fetched real trees (not a unit test: the trees are not in CI). Checks are computed
 * independently of the loader (directory scans and regular expressions over the raw files):
 * - 2.4.4 (tag magento2-os-2.4.4, /work/trees/magento2-os-2.4.4, no app/etc/config.php): version 2.4.4, Open Source,
 *   every registered module with its package, every composer.lock package with version and type, states `unknown`
 *   and the text output saying so;
 * - mage247 (lrvipuls/mage247 main, /work/trees/mage247, installed 2.4.7-p7): every module of config.php with the right
 *   enabled state, and no secret of its env.php in any output format.
 * Usage: node --import tsx bench/verify-audit.ts
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { loadProject } from '../src/project/load.js';
import { buildAuditReport, renderAuditMarkdown, renderAuditText } from '../src/report/audit/index.js';
import type { AuditReport } from '../src/report/audit/index.js';

const TREES = [
  {
    dir: '/work/trees/magento2-os-2.4.4',
    mirror: '/work/.mirror/speedupmate+Magento2-OS-Mirror/repo',
    ref: 'magento2-os-2.4.4',
  },
  { dir: '/work/trees/mage247', mirror: '/work/.mirror/lrvipuls+mage247/repo', ref: 'main' },
];

let failures = 0;
function check(ok: boolean, what: string): void {
  if (!ok) failures++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
}

function ensureTree(tree: (typeof TREES)[number]): boolean {
  if (existsSync(tree.dir)) return true;
  if (!existsSync(tree.mirror)) {
    console.log(`${tree.dir}: not fetched (${tree.mirror} absent); skipped`);
    return false;
  }
  execFileSync(process.execPath, ['scripts/extract-git-tree.mjs', tree.mirror, tree.ref, tree.dir], {
    stdio: 'inherit',
  });
  return true;
}

/** Every registration.php under vendor/ that registers a module, found by scanning (not through composer metadata). */
function scanModuleRegistrations(root: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (dir: string, depth: number): void => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      if (name === 'registration.php') {
        const m = /ComponentRegistrar::MODULE,\s*'([^']+)'/.exec(readFileSync(abs, 'utf8'));
        if (m?.[1]) found.set(m[1], dir.slice(root.length + 1));
      } else if (depth < 4 && !['Test', 'tests', 'dev', 'node_modules'].includes(name) && statSync(abs).isDirectory()) {
        visit(abs, depth + 1);
      }
    }
  };
  visit(join(root, 'vendor'), 0);
  visit(join(root, 'app/code'), 0);
  return found;
}

const validate = new Ajv.default({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
  JSON.parse(readFileSync(new URL('../schemas/audit.schema.json', import.meta.url), 'utf8')) as object,
);

async function audit(dir: string): Promise<{ report: AuditReport; outputs: Record<string, string> }> {
  const model = await loadProject(dir);
  const report = buildAuditReport(model);
  const valid = validate(JSON.parse(JSON.stringify(report)));
  check(
    valid === true,
    `JSON output validates against schemas/audit.schema.json${valid ? '' : `: ${JSON.stringify(validate.errors)}`}`,
  );
  return {
    report,
    outputs: {
      json: JSON.stringify(report, null, 2),
      text: renderAuditText(report, { color: false }),
      md: renderAuditMarkdown(report),
    },
  };
}

async function verify244(dir: string): Promise<void> {
  console.log(`2.4.4: ${dir}`);
  const { report, outputs } = await audit(dir);
  check(report.magento.version === '2.4.4', `version ${report.magento.version} is 2.4.4`);
  check(report.magento.edition === 'open-source', `edition ${report.magento.edition} is open-source`);
  const registered = scanModuleRegistrations(dir);
  const byName = new Map(report.modules.map((m) => [m.name, m]));
  const missing = [...registered.keys()].filter((n) => !byName.has(n));
  check(
    missing.length === 0,
    `all ${registered.size} registered modules are listed${missing.length ? ` (missing: ${missing.join(', ')})` : ''}`,
  );
  const wrongPackage = [...registered].filter(([name, path]) => {
    const m = byName.get(name);
    return !m?.package || !path.startsWith(`vendor/${m.package}`) || m.path !== path;
  });
  check(
    wrongPackage.length === 0,
    `each module has the package that holds it${wrongPackage.length ? ` (wrong: ${wrongPackage.map(([n]) => n).join(', ')})` : ''}`,
  );
  const extra = report.modules.filter((m) => !registered.has(m.name));
  check(
    extra.length === 0,
    `no module listed that is not registered${extra.length ? ` (${extra.map((m) => m.name).join(', ')})` : ''}`,
  );
  const lock = JSON.parse(readFileSync(join(dir, 'composer.lock'), 'utf8')) as {
    packages: { name: string; version: string; type: string }[];
    'packages-dev'?: { name: string; version: string; type: string }[];
  };
  const lockPackages = [...lock.packages, ...(lock['packages-dev'] ?? [])];
  const packages = new Map(report.packages.map((p) => [p.name, p]));
  const wrong = lockPackages.filter(
    (p) => packages.get(p.name)?.version !== p.version || packages.get(p.name)?.type !== (p.type ?? 'library'),
  );
  check(
    wrong.length === 0 && packages.size === lockPackages.length,
    `all ${lockPackages.length} composer.lock packages with version and type (report has ${packages.size})${wrong.length ? `; wrong: ${wrong.map((p) => p.name).join(', ')}` : ''}`,
  );
  check(
    report.modules.every((m) => m.state === 'unknown' && m.enabled === null),
    'every module state is unknown (no config.php)',
  );
  check(report.project.configPhpPresent === false, 'project.configPhpPresent is false');
  check(outputs.text?.includes('module states are unknown') === true, 'the text output says module states are unknown');
  check(
    report.problems.some((p) => p.code === 'config-php-missing'),
    'problems list config-php-missing',
  );
}

async function verify247(dir: string): Promise<void> {
  console.log(`mage247: ${dir}`);
  const { report, outputs } = await audit(dir);
  check(report.magento.version === '2.4.7-p7', `version ${report.magento.version} is 2.4.7-p7`);
  const configText = readFileSync(join(dir, 'app/etc/config.php'), 'utf8');
  const modulesBlock = /'modules'\s*=>\s*\[([\s\S]*?)\]/.exec(configText)?.[1] ?? '';
  const states = new Map([...modulesBlock.matchAll(/'(\w+)'\s*=>\s*([01])/g)].map((m) => [m[1] ?? '', m[2] === '1']));
  const byName = new Map(report.modules.map((m) => [m.name, m]));
  const wrong = [...states].filter(([name, enabled]) => byName.get(name)?.enabled !== enabled);
  check(
    states.size > 300 && wrong.length === 0,
    `all ${states.size} modules of config.php with the right enabled state${wrong.length ? ` (wrong: ${wrong.map(([n]) => n).join(', ')})` : ''}`,
  );
  check(
    report.modules.filter((m) => m.state === 'disabled').length === [...states.values()].filter((v) => !v).length,
    'disabled count matches config.php',
  );
  // Secrets: every string value in env.php under a key that names a secret, plus the whole db password line.
  const envText = readFileSync(join(dir, 'app/etc/env.php'), 'utf8');
  const secrets = [
    ...envText.matchAll(/'([\w-]*(?:pass(?:word)?|key|salt|secret|token)[\w-]*)'\s*=>\s*'([^']+)'/gi),
  ].map((m) => m[2] ?? '');
  check(secrets.length >= 2, `found ${secrets.length} secrets in env.php to look for`);
  for (const [format, text] of Object.entries(outputs)) {
    const leaked = secrets.filter((s) => s.length >= 4 && text.includes(s));
    check(leaked.length === 0, `no env.php secret in the ${format} output`);
  }
}

for (const tree of TREES) {
  if (!ensureTree(tree)) continue;
  if (tree.ref === 'main') await verify247(tree.dir);
  else await verify244(tree.dir);
}
console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;
