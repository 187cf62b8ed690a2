import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import * as mageup from '../src/index.js';

describe('library entry (src/index.ts)', () => {
  it('exposes what every CLI command does, as functions', () => {
    const functions = {
      project: [mageup.loadProject, mageup.codeFiles, mageup.codeFilesOf, mageup.detectRoot],
      php: [mageup.analyzePhp, mageup.analyzeFiles, mageup.sharedPhpParser],
      indexer: [mageup.indexTree, mageup.defaultIndexDir],
      knowledge: [
        mageup.loadReleaseCatalog,
        mageup.loadAdvisories,
        mageup.loadSymbolIndex,
        mageup.listIndexedReleases,
        mageup.diffPackageApis,
        mageup.loadDbSchemaIndex,
        mageup.kbStatus,
        mageup.updateReleaseMetadata,
        mageup.refreshOnlineAdvisories,
        mageup.fixedClock,
      ],
      check: [mageup.runCheck, mageup.summarize],
      fix: [mageup.runFix, mageup.renderFixSummary],
      report: [
        mageup.renderAudit,
        mageup.renderAuditReport,
        mageup.renderCheck,
        mageup.renderCheckReport,
        mageup.renderCheckHtml,
        mageup.renderSarif,
        mageup.renderJunit,
        mageup.renderGithub,
      ],
      governance: [mageup.loadConfig, mageup.findConfigFile, mageup.createBaseline, mageup.applyPolicy],
      history: [mageup.storeFor, mageup.recordCheck, mageup.recordAudit, mageup.diffRuns],
      plan: [mageup.buildPlan, mageup.renderPlan, mageup.recordPlan],
      db: [mageup.takeSnapshot, mageup.compareSnapshots, mageup.checkDbHealth, mageup.parseDsn],
      verify: [mageup.runVerify, mageup.renderVerify, mageup.readVerifyBaseline, mageup.mannWhitney],
      composer: [mageup.composer.satisfies, mageup.composer.parseConstraint, mageup.composer.compareVersions],
      core: [mageup.makeFinding, mageup.sortFindings],
    };
    for (const [area, list] of Object.entries(functions)) {
      list.forEach((f, i) => assert.equal(typeof f, 'function', `${area}[${i}]`));
    }
  });

  it('exports the error classes a caller catches, and the clashing effort models under distinct names', () => {
    for (const E of [
      mageup.NotMagentoProjectError,
      mageup.UnknownVersionError,
      mageup.KnowledgeDataError,
      mageup.CheckOptionError,
      mageup.PlanInputError,
      mageup.ConfigError,
      mageup.BaselineError,
      mageup.DbError,
      mageup.StoreError,
      mageup.IndexInputError,
      mageup.VerifyInputError,
    ]) {
      assert.ok(E.prototype instanceof Error, E.name);
    }
    // One effort model: check's summary and plan's hops are priced by the same function (pathWork).
    assert.match(mageup.PLAN_EFFORT_MODEL, /^Per hop/);
    assert.equal(mageup.CHECK_EFFORT_MODEL, mageup.PLAN_EFFORT_MODEL);
    assert.equal(mageup.systemClock.now() instanceof Date, true);
  });
});
