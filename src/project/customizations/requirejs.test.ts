import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { Problem } from '../../core/problem.js';
import { readRequireJsConfig } from './requirejs.js';

describe('readRequireJsConfig', () => {
  it('reads require.config({...}) with functions inside, without running anything', () => {
    const problems: Problem[] = [];
    const config = readRequireJsConfig(
      `(function () {\n  require.config({\n    shim: { a: { init: function () { throw new Error('never run'); } } },\n    map: { '*': { "x": "Acme_X/js/x" }, 'Magento_Ui/js/a': { b: 'Acme_X/js/b' } },\n    paths: { fallback: ['Acme_X/js/cdn', 'Acme_X/js/local'] },\n    config: { mixins: { 'mage/validation': { 'Acme_X/js/validation-mixin': true } } }\n  });\n})();\n`,
      'requirejs-config.js',
      problems,
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config.map, [
      { from: 'x', to: 'Acme_X/js/x', line: 4 },
      { from: 'b', to: 'Acme_X/js/b', line: 4 },
    ]);
    assert.deepEqual(config.paths, [
      { from: 'fallback', to: 'Acme_X/js/cdn', line: 5, fallbacks: ['Acme_X/js/local'] },
    ]);
    assert.deepEqual(config.mixins, [
      { target: 'mage/validation', mixin: 'Acme_X/js/validation-mixin', line: 6, targetLine: 6 },
    ]);
  });

  it('a mixin keeps the line of its own entry and of the module it wraps', () => {
    const config = readRequireJsConfig(
      `var config = {\n  config: {\n    mixins: {\n      'Magento_Checkout/js/view/shipping': {\n        'Acme_X/js/shipping-mixin': true\n      }\n    }\n  }\n};\n`,
      'requirejs-config.js',
      [],
    );
    assert.deepEqual(config.mixins, [
      { target: 'Magento_Checkout/js/view/shipping', mixin: 'Acme_X/js/shipping-mixin', line: 5, targetLine: 4 },
    ]);
  });

  it('reports a syntax error with its line', () => {
    const problems: Problem[] = [];
    const config = readRequireJsConfig('var config = {\n  map: {\n', 'a/requirejs-config.js', problems);
    assert.deepEqual(config.map, []);
    assert.equal(problems[0]?.code, 'js-syntax');
    assert.equal(problems[0]?.file, 'a/requirejs-config.js');
  });
});
