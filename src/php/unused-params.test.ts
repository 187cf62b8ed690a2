import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyzePhp } from './analyze.js';

describe('analyzer: unused parameters', () => {
  it('lists parameters an around method body never mentions (cannot call $proceed); other methods carry nothing', async () => {
    const source = `<?php
class P {
    public function aroundA($subject, callable $proceed) { return 1; }
    public function aroundB($subject, callable $proceed, ...$args) { return $proceed(...$args); }
    public function c($proceedLater) { return 1; }
    abstract public function d($x);
}`;
    const analysis = await analyzePhp(source, 'P.php');
    const byName = Object.fromEntries(analysis.classes[0]!.methods.map((m) => [m.name, m.unusedParams]));
    assert.deepEqual(byName, { aroundA: ['subject', 'proceed'], aroundB: ['subject'], c: undefined, d: undefined });
  });
});
