/**
 * Bench: `mageup audit` of a complete composer-installed tree, budget < 5 s on 2 cores.
 * Uses the real 2.4.4 tree (tag magento2-os-2.4.4 of speedupmate/Magento2-OS-Mirror) when it is extracted in
 * /work/trees/magento2-os-2.4.4 (or extracts it when the fetched mirror is there); otherwise generates a synthetic tree
 * of the same shape in a temporary directory. Prints wall time and peak RSS.
 * Usage: node --import tsx bench/audit.ts [tree-dir] [--synthetic]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../src/project/load.js';
import { buildAuditReport, renderAuditText } from '../src/report/audit/index.js';
import { generateSyntheticTree } from './synthetic-tree.js';

const BUDGET_MS = 5000;
const TREE_244 = '/work/trees/magento2-os-2.4.4';
const MIRROR = '/work/.mirror/speedupmate+Magento2-OS-Mirror/repo';

function pickTree(): { dir: string; label: string; cleanup?: () => void } {
  const args = process.argv.slice(2);
  const explicit = args.find((a) => !a.startsWith('--'));
  if (explicit) return { dir: explicit, label: explicit };
  if (!args.includes('--synthetic')) {
    if (existsSync(TREE_244)) return { dir: TREE_244, label: 'real Magento 2.4.4 tree' };
    if (existsSync(MIRROR)) {
      console.log(`extracting tag magento2-os-2.4.4 from ${MIRROR} into ${TREE_244} …`);
      // The script extracts to a temporary name and renames, so a half-extracted tree is never seen.
      execFileSync(process.execPath, ['scripts/extract-git-tree.mjs', MIRROR, 'magento2-os-2.4.4', TREE_244], {
        stdio: 'inherit',
      });
      return { dir: TREE_244, label: 'real Magento 2.4.4 tree' };
    }
    console.log('the 2.4.4 tree is not fetched: using a synthetic tree of the same shape');
  }
  const dir = mkdtempSync(join(tmpdir(), 'mageup-synthetic-244-'));
  const started = performance.now();
  const { files, php } = generateSyntheticTree(dir);
  console.log(`generated ${files} files (${php} PHP) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { dir, label: 'synthetic 2.4.4-shaped tree', cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const tree = pickTree();
try {
  const runs: number[] = [];
  let summary = '';
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    const model = await loadProject(tree.dir);
    const report = buildAuditReport(model);
    JSON.stringify(report);
    renderAuditText(report, { color: false });
    runs.push(performance.now() - started);
    summary = `Magento ${report.magento.version ?? '?'} ${report.magento.edition}: ${report.summary.packages} packages, ${report.summary.modules} modules, ${report.summary.themes} themes, ${report.summary.codeFiles.custom + report.summary.codeFiles.vendor} code files, ${report.problems.length} problems`;
  }
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const [cold, ...warm] = runs;
  console.log(`audit of the ${tree.label} (${tree.dir})`);
  console.log(`  ${summary}`);
  console.log(
    `  wall time: first run ${((cold ?? 0) / 1000).toFixed(2)} s, then ${warm.map((ms) => (ms / 1000).toFixed(2)).join(' s, ')} s`,
  );
  console.log(`  peak RSS: ${peakRssMb.toFixed(0)} MB`);
  // Not part of the audit: the same load with the customization inventory of every core module too (an option for
  // override analysis), to show what that costs.
  const fullStarted = performance.now();
  const full = await loadProject(tree.dir, { coreCustomizations: true });
  const inventoried = full.modules.filter((m) => m.customizationsScanned).length;
  console.log(
    `  with coreCustomizations (inventory of all ${inventoried} modules): ${((performance.now() - fullStarted) / 1000).toFixed(2)} s, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  const ok = (cold ?? Infinity) < BUDGET_MS;
  console.log(`  budget < ${BUDGET_MS / 1000} s: ${ok ? 'met' : 'MISSED'}`);
  process.exitCode = ok ? 0 : 1;
} finally {
  tree.cleanup?.();
}
