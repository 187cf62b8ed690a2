import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import analyzeBatch from '../indexer/analyze-worker.js';

it('indexes a PHP 7 class named Match (reserved since PHP 8) under its real name', async () => {
  const source =
    '<?php\nnamespace A\\Query;\n\nclass Match implements QueryInterface\n{\n    public function getValue(): string\n    {\n        return "";\n    }\n}\n';
  const [result] = await analyzeBatch([{ file: 'Match.php', source }]);
  assert.deepEqual(
    result?.classes.map((c) => [c.name, c.implements, c.methods.map((m) => m.name)]),
    [['A\\Query\\Match', ['A\\Query\\QueryInterface'], ['getValue']]],
  );
  assert.deepEqual(result?.errors, []);
});
