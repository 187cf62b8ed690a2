import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { releaseFilesFromMemory } from '../../check/files/release-files.js';
import { projectFixture, runRule } from '../testing.js';
import { moduleWith } from './fixtures.js';
import { requirejsMixinTarget as rule } from './requirejs-mixin-target.js';

describe('overrides/requirejs-mixin-target', () => {
  it('reports mixins on changed and removed core JS (module ids and lib/web ids), not on unchanged or non-core JS', async () => {
    const module = moduleWith('Acme_Ui', {
      requirejs: [
        {
          file: 'app/code/Acme/Ui/view/adminhtml/requirejs-config.js',
          mixins: [
            { target: 'Magento_Ui/js/grid', mixin: 'Acme_Ui/js/grid-mixin', line: 4 },
            { target: 'jquery/fileUploader/jquery.fileupload', mixin: 'Acme_Ui/js/upload-mixin', line: 7 },
            { target: 'Magento_Ui/js/same', mixin: 'Acme_Ui/js/same-mixin', line: 9 },
            { target: 'Other_Module/js/x', mixin: 'Acme_Ui/js/x-mixin', line: 11 },
          ],
          map: [],
          paths: [],
        },
      ],
    });
    const files = (grid: string, withUploader: boolean) =>
      releaseFilesFromMemory(grid, {
        Magento_Ui: { 'view/base/web/js/grid.js': grid, 'view/adminhtml/web/js/same.js': 'same' },
        lib: withUploader ? { 'jquery/fileUploader/jquery.fileupload.js': 'u' } : { 'jquery/uppy.js': 'u' },
      });
    const findings = await runRule(rule, {
      project: projectFixture({ modules: [module] }),
      files: { current: files('1', true), target: files('2', false) },
    });
    assert.deepEqual(
      findings.map((f) => [f.line, f.severity]),
      [
        [4, 'warning'],
        [7, 'error'],
      ],
    );
    assert.equal(findings[1]!.messageId, 'removed');
    assert.equal(findings[1]!.data?.target, 'jquery/fileUploader/jquery.fileupload');
    assert.deepEqual(findings[0]!.data?.detail, [
      { messageId: 'detailChanged', data: { now: 'Magento_Ui::view/base/web/js/grid.js', current: '1', target: '2' } },
    ]);
    assert.deepEqual(findings[1]!.data?.detail, [
      { messageId: 'detailAbsent', data: { file: 'lib/web/jquery/fileUploader/jquery.fileupload.js', target: '2' } },
    ]);
    assert.equal(
      findings[1]!.message,
      'Mixin Acme_Ui/js/upload-mixin on jquery/fileUploader/jquery.fileupload: lib/web/jquery/fileUploader/jquery.fileupload.js is absent from 2.',
    );
  });
});
