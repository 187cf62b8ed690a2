import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzePhp } from './analyze.js';
import { functionSkeleton } from './skeleton.js';

test('empties function bodies, keeps declarations and line layout', () => {
  const src = `<?php
class A {
    public function one($x) {
        if ($x) { return "}"; }
        return '{';
    }
    abstract function two(): void;
    public function three() { return 3; }
}
function f() { $g = function () use ($x) { return [1, 2]; }; }
`;
  const skeleton = functionSkeleton(src)!;
  assert.ok(skeleton);
  assert.equal(skeleton.text.split('\n').length, src.split('\n').length);
  assert.ok(!skeleton.text.includes('return'));
  assert.ok(skeleton.text.includes('abstract function two(): void;'));
  assert.ok(skeleton.text.includes('public function three() {}'));
  // Offsets map back: the `{` of three's body and the character after its `}`.
  const open = skeleton.text.indexOf('three() {') + 'three() '.length;
  assert.equal(src[skeleton.toOriginal(open)], '{');
  assert.equal(src.slice(skeleton.toOriginal(open), skeleton.toOriginal(open + 2)), '{ return 3; }');
});

test('braces inside strings, heredocs, comments, interpolation and inline HTML are not counted', async () => {
  const src = `<?php
namespace N;
class Tricky {
    public function a() {
        $s = "{$this->x["}"]} \${y} }";
        $t = 'it\\'s } here';
        $u = \`echo }\`;
        // a } comment ?> <p>} html {</p> <?php
        # another }
        /* block } */
        $h = <<<EOT
            heredoc } {$z['}']}
            EOT;
        $n = <<<'NOW'
            nowdoc }
            NOW;
        ?>
        <div>}</div>
        <?php
        $obj->function();
        Foo::function();
        $function = 1;
        return $this->{'prop'};
    }
    #[Attr]
    public function b(array $d = ['}' => 1]): static {}
}
`;
  const full = await analyzePhp(src, 't.php');
  const fast = await analyzePhp(src, 't.php', { declarationsOnly: true });
  assert.equal(full.errors.length, 0);
  assert.deepEqual(fast.classes, full.classes);
  assert.ok(functionSkeleton(src), 'the lexer handled it without giving up');
  assert.deepEqual(
    fast.classes[0]!.methods.map((m) => [m.name, m.line]),
    [
      ['a', 4],
      ['b', 26],
    ],
  );
});

test('gives up on unbalanced input rather than guess', () => {
  assert.equal(functionSkeleton('<?php function f() { if (1) { '), undefined);
  assert.equal(functionSkeleton('<?php function f() { $s = "unterminated'), undefined);
  assert.equal(functionSkeleton('<?php echo 1;'), undefined, 'nothing to empty');
});

test('`<?xml` in inline HTML is text, not an open tag', () => {
  const src = `<?xml version="1.0"?>\n<root/>\n<?php function f() { return 1; }\n`;
  const skeleton = functionSkeleton(src)!;
  assert.ok(skeleton.text.startsWith('<?xml version="1.0"?>'));
  assert.ok(skeleton.text.includes('function f() {}'));
});
