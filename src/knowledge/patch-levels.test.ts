import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadProject } from '../project/load.js';
import {
  assessPatchLevel,
  blockKey,
  blocksIn,
  gitBlobSha1,
  loadPatchLevels,
  patchProbes,
  projectPatchLevel,
  type PatchEvidence,
  type PatchLevelsFile,
} from './patch-levels.js';

const blob = (text: string): string => gitBlobSha1(Buffer.from(text)).slice(0, 13);
/** A file whose one hunk turns `from` into `to` (one line each, with a line of context around). */
const file = (path: string, from: string | null, to: string) => ({
  path,
  before: from === null ? null : blob(`<?php\n${from}\n// end\n`),
  hunks: [
    {
      minus: from === null ? null : blockKey(['<?php', from, '// end']),
      plus: blockKey(from === null ? [to] : ['<?php', to, '// end']),
    },
  ],
});
/** File content holding one version of the line. */
const php = (line: string): string => `<?php\n${line}\n// end\n`;
const A = 'vendor/magento/module-quote/Model/A.php';
const B = 'vendor/magento/module-quote/Model/B.php';
const C = 'vendor/magento/framework/C.php';
const D = 'vendor/magento/framework/D.php';

/** Three monthly levels of the 2.4.8 line, each changing small files of ours. */
const data: PatchLevelsFile = {
  schema: 1,
  asOf: '2026-12-03',
  sources: {},
  bases: { '2.4.8': '2.4.8-p5' },
  levels: [
    {
      level: '2026-jul',
      kind: 'isolated',
      date: '2026-07-14',
      bulletin: 'APSB26-73',
      bulletinUrl: 'https://example/73',
      cves: ['CVE-1'],
      severity: 'critical',
      cvss: 9.1,
      exploited: false,
      sources: {},
    },
    {
      level: '2026-aug',
      kind: 'isolated',
      date: '2026-08-11',
      bulletin: 'APSB26-92',
      bulletinUrl: 'https://example/92',
      cves: ['CVE-2026-71362'],
      severity: 'critical',
      cvss: 9.1,
      exploited: true,
      sources: {},
    },
    {
      level: '2026-sep',
      kind: 'isolated',
      date: '2026-09-08',
      bulletin: 'APSB26-138',
      bulletinUrl: 'https://example/138',
      cves: ['CVE-3'],
      severity: 'critical',
      cvss: 9.3,
      exploited: false,
      sources: {},
    },
  ],
  patches: [
    {
      id: '248p5-2026-07-001-CE',
      level: '2026-jul',
      line: '2.4.8',
      requires: '2.4.8-p5',
      edition: 'CE',
      file: '248p5-2026-07-001-CE.patch',
      files: [file(A, 'a0', 'a1'), file('vendor/magento/module-quote/Model/New.php', null, 'new')],
      filesSource: 'test',
      includedIn: null,
    },
    {
      id: '248p5-2026-08-001-CE',
      level: '2026-aug',
      line: '2.4.8',
      requires: '2.4.8-p5',
      edition: 'CE',
      file: '248p5-2026-08-001-CE.patch',
      files: [file(B, 'b0', 'b1')],
      filesSource: 'test',
      includedIn: null,
    },
    {
      id: '248p5-2026-09-001-CE',
      level: '2026-sep',
      line: '2.4.8',
      requires: '2.4.8-p5',
      edition: 'CE',
      file: '248p5-2026-09-001-CE.patch',
      files: [file(C, 'c0', 'c1'), file(D, 'd0', 'd1')],
      filesSource: 'test',
      includedIn: null,
    },
  ],
  mageOs: [
    { version: '3.4.0', date: '2026-08-11', upstream: '2.4.8', levels: ['2026-jul', '2026-aug'], source: 'test' },
  ],
  metaPackages: {
    'samjuk/m2-meta-security-patches': [{ version: '2026.08.11', levels: ['2026-jul', '2026-aug'], source: 'test' }],
  },
  commerceOnly: {},
};

const probes = patchProbes(data);
const evidence = (contents: Record<string, string>, extra: Partial<PatchEvidence> = {}): PatchEvidence => ({
  files: Object.fromEntries(Object.entries(contents).map(([k, v]) => [k, blocksIn(v, probes.get(k) ?? new Set())])),
  declared: [],
  packages: {},
  ...extra,
});

test('file hashes tell applied, missing and partly applied patches apart', () => {
  const status = assessPatchLevel(
    '2.4.8-p5',
    evidence({
      [A]: php('a1'),
      'vendor/magento/module-quote/Model/New.php': 'new\n',
      [B]: php('b0'),
      [C]: php('c1'),
      [D]: php('d0'),
    }),
    { data },
  );
  assert.deepEqual(
    status.patches.map((p) => [p.record.id, p.state]),
    [
      ['248p5-2026-07-001-CE', 'applied'],
      ['248p5-2026-08-001-CE', 'missing'],
      ['248p5-2026-09-001-CE', 'partial'],
    ],
  );
  assert.equal(status.label, '2.4.8-p5 + 2026-jul, missing 2026-aug, partly applied 2026-sep (1/2 files)');
});

test('a store below the required -pN needs the -pN first; files changed by something else are unknown', () => {
  const behind = assessPatchLevel('2.4.8-p3', evidence({}), { data });
  assert.equal(behind.behind, true);
  assert.ok(behind.patches.every((p) => p.state === 'missing' && /needs 2\.4\.8-p5 first/.test(p.evidence[0]!)));
  const edited = assessPatchLevel('2.4.8-p5', evidence({ [B]: php('local edit') }), { data });
  const aug = edited.patches.find((p) => p.level.level === '2026-aug')!;
  assert.equal(aug.state, 'unknown');
  assert.deepEqual(aug.filesModified, [B]);
  const absent = edited.patches.find((p) => p.level.level === '2026-sep')!;
  assert.equal(absent.state, 'unknown');
  assert.match(absent.evidence.join(' '), /could not verify/);
});

test('declarations, patch metapackages, Mage-OS and the Commerce Version Tool count, and disagreements are said', () => {
  const declared = assessPatchLevel(
    '2.4.8-p5',
    evidence(
      { [A]: php('a0'), [B]: php('b0'), [C]: php('c0'), [D]: php('d0') },
      { declared: [{ text: 'July isolated patches/248p5-2026-07-001-CE.patch', where: 'composer.json (vaimo)' }] },
    ),
    { data },
  );
  const jul = declared.patches[0]!;
  assert.equal(jul.state, 'missing');
  assert.match(jul.evidence.join(' '), /declared in composer\.json \(vaimo\), but the files on disk are not patched/);

  const viaMeta = assessPatchLevel(
    '2.4.8-p5',
    evidence({}, { packages: { 'samjuk/m2-meta-security-patches': '2026.08.11' } }),
    { data: { ...data, patches: data.patches.map((p) => ({ ...p, files: null })) } },
  );
  assert.deepEqual(
    viaMeta.patches.map((p) => p.state),
    ['applied', 'applied', 'unknown'],
  );
  // No file data and no declaration: nothing on disk can tell (it may have been applied by hand).
  assert.match(viaMeta.patches[2]!.evidence[0]!, /no sign of it .*could not verify/);

  const mageOs = assessPatchLevel('2.4.8', evidence({}), {
    data: { ...data, bases: { '2.4.8': '2.4.8' } },
    edition: 'mage-os',
    mageOsVersion: '3.4.0',
  });
  assert.deepEqual(
    mageOs.patches.map((p) => p.state),
    ['applied', 'applied', 'unknown'],
  );

  const cvt = assessPatchLevel(
    '2.4.8-p5',
    evidence(
      {},
      {
        cvt: {
          applied: ['248p5-2026-07-001-CE'],
          missing: ['248p5-2026-08-001-CE'],
          unknown: [],
          source: 'report.json',
        },
      },
    ),
    { data: { ...data, patches: data.patches.map((p) => ({ ...p, files: null })) } },
  );
  // The third patch is in neither of the tool's lists and has no file data: unknown, not missing.
  assert.deepEqual(
    cvt.patches.map((p) => p.state),
    ['applied', 'missing', 'unknown'],
  );
});

test('the project loader reads the patched files of a 2.4.8-p5 store and its patch status log', async () => {
  const root = mkdtempSync(join(tmpdir(), 'mageup-patch-'));
  try {
    const write = (path: string, text: string): void => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    };
    write(
      'composer.json',
      JSON.stringify({ name: 'acme/store', require: { 'magento/product-community-edition': '2.4.8-p5' } }),
    );
    write(
      'composer.lock',
      JSON.stringify({
        packages: [{ name: 'magento/product-community-edition', version: '2.4.8-p5', type: 'metapackage' }],
        'packages-dev': [],
      }),
    );
    write('app/etc/config.php', "<?php\nreturn ['modules' => []];\n");
    write(A, php('a1'));
    write('vendor/magento/module-quote/Model/New.php', 'new\n');
    write(B, php('b0'));
    write(C, php('c1'));
    write(D, php('d0'));
    write(
      'var/log/patch_status.log',
      '[2026-11-30T10:00:00+00:00] base=2.4.8-p5 applied=[248p5-2026-07-001-CE] missing=[248p5-2026-08-001-CE] unknown=[]\n',
    );
    const model = await loadProject(root, { patchLevels: data });
    assert.equal(model.patchEvidence?.cvt?.applied[0], '248p5-2026-07-001-CE');
    const status = projectPatchLevel(model, data)!;
    assert.equal(status.label, '2.4.8-p5 + 2026-jul, missing 2026-aug, partly applied 2026-sep (1/2 files)');
    assert.match(status.patches[1]!.evidence.join(' '), /Commerce Version Tool: missing/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('shipped data: every level has its sources; July has file hashes on every line; the August CVE is exploited', () => {
  const shipped = loadPatchLevels();
  for (const level of shipped.levels) {
    for (const key of ['bulletin', 'date', 'cves', 'severity', 'exploited', 'files'])
      assert.ok(level.sources[key], `${level.level}: ${key}`);
  }
  const aug = shipped.levels.find((l) => l.level === '2026-aug')!;
  assert.equal(aug.bulletin, 'APSB26-92');
  assert.ok(aug.cves.includes('CVE-2026-71362') && aug.exploited);
  const hotfix = shipped.levels.find((l) => l.level === 'VULN-39341')!;
  assert.deepEqual(
    [hotfix.bulletin, hotfix.cves, hotfix.cvss, hotfix.date],
    ['APSB26-146', ['CVE-2026-75650'], 10, '2026-09-07'],
  );
  for (const id of ['246p15-2026-07-001-CE', '247p10-2026-07-001-CE', '248p5-2026-07-001-CE', '249-2026-07-001-CE']) {
    const p = shipped.patches.find((x) => x.id === id)!;
    assert.ok(p.files && p.files.length >= 30, id);
  }
  // August's 2.4.9 file comes from a copy whose SHA-256 matches the pin; the other lines' August files were found nowhere.
  const aug249 = shipped.patches.find((x) => x.id === '249-2026-08-001-CE')!;
  assert.deepEqual(
    aug249.files?.map((f) => f.path.replace(/^vendor\/magento\//, '')),
    [
      'lib/web/underscore.js',
      'module-cms/Controller/Adminhtml/Wysiwyg/Images/DeleteFiles.php',
      'module-cms/Controller/Adminhtml/Wysiwyg/Images/DeleteFolder.php',
      'module-cms/Controller/Adminhtml/Wysiwyg/Images/NewFolder.php',
      'module-cms/Controller/Adminhtml/Wysiwyg/Images/OnInsert.php',
      'module-cms/Controller/Adminhtml/Wysiwyg/Images/Upload.php',
      'module-cms/etc/module.xml',
      'module-customer/Controller/Account/Edit.php',
      'module-review/Controller/Adminhtml/Product/Save.php',
    ],
  );
  assert.match(aug249.filesSource, /marytailor2\.4\.9 9a6a326 .*SHA-256 292c6579eb3d/);
  for (const id of ['246p15-2026-08-001-CE', '247p10-2026-08-001-CE', '248p5-2026-08-001-CE'])
    assert.equal(shipped.patches.find((x) => x.id === id)!.files, null, id);
  assert.deepEqual(shipped.bases, {
    '2.4.6': '2.4.6-p15',
    '2.4.7': '2.4.7-p10',
    '2.4.8': '2.4.8-p5',
    '2.4.9': '2.4.9',
  });
  // October fixed Open Source on 2.4.7–2.4.9 only.
  assert.equal(
    shipped.patches.some((p) => p.level === '2026-oct' && p.line === '2.4.6'),
    false,
  );
  assert.deepEqual(shipped.commerceOnly['2.4.6'], ['2026-oct']);
});
