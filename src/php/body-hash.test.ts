import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bodyHash, normalizeCode } from './body-hash.js';

test('drops comments and layout, keeps separating spaces and literals', () => {
  assert.equal(
    normalizeCode(`{
      // comment
      return $x . "a  b" /* c */ . new Foo( 1 ,2 ); # hash
    }`),
    '{return $x."a  b".new Foo(1,2);}',
  );
  assert.equal(normalizeCode("$a = 'x // not a comment';"), "$a='x // not a comment';");
  assert.equal(normalizeCode('#[Attr] function () {}'), '#[Attr]function(){}');
  assert.equal(normalizeCode('return/* c */$x;'), 'return $x;');
});

test('heredocs and inline HTML are kept verbatim', () => {
  assert.equal(normalizeCode('$h = <<<EOT\n  a   b\n  EOT;'), '$h=<<<EOT\n  a   b\n  EOT;');
  assert.equal(normalizeCode('{ ?>  <b>  x </b>  <?php }'), '{?>  <b>  x </b>  <?php}');
});

test('same code, different layout: same hash; different code: different hash', () => {
  assert.equal(bodyHash('{ return 1; }'), bodyHash('{\n\treturn  1 ; // one\n}'));
  assert.notEqual(bodyHash('{ return 1; }'), bodyHash('{ return 2; }'));
  assert.notEqual(bodyHash('{ return "a b"; }'), bodyHash('{ return "a  b"; }'));
  assert.match(bodyHash('{}'), /^[0-9a-f]{40}$/);
});
