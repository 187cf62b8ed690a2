import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { classDecl, indexOf, method, unitOf } from '../php-api/fixtures.js';
import { adminControllerAcl } from './admin-controller-acl.js';

const base = 'Magento\\Backend\\App\\AbstractAction';
const index = indexOf([
  classDecl('Magento\\Framework\\App\\Action\\Action', { abstract: true }),
  classDecl(base, {
    abstract: true,
    extends: 'Magento\\Framework\\App\\Action\\Action',
    constants: [{ name: 'ADMIN_RESOURCE', visibility: 'public', line: 1 }],
    methods: [method('_isAllowed', { visibility: 'protected' })],
  }),
  classDecl('Magento\\Backend\\App\\Action', { abstract: true, extends: base }),
  classDecl('Magento\\Sales\\Controller\\Adminhtml\\Order', {
    abstract: true,
    extends: 'Magento\\Backend\\App\\Action',
    constants: [{ name: 'ADMIN_RESOURCE', visibility: 'public', line: 1 }],
  }),
]);

const file = (name: string, body: string, parent = '\\Magento\\Backend\\App\\Action') =>
  unitOf(
    `app/code/Acme/Shop/Controller/Adminhtml/Thing/${name}.php`,
    `<?php
namespace Acme\\Shop\\Controller\\Adminhtml\\Thing;

class ${name} extends ${parent}
{
${body}
    public function execute() {}
}
`,
  );

test('admin controllers that keep Magento_Backend::admin; a resource, _isAllowed() or a parent that names one are fine', async () => {
  const code = [
    await file('Open', ''),
    await file('Named', "    const ADMIN_RESOURCE = 'Acme_Shop::thing';"),
    await file('Custom', '    protected function _isAllowed() { return true; }'),
    await file('Sales', '', '\\Magento\\Sales\\Controller\\Adminhtml\\Order'),
    await file('Unknown', '', '\\Vendor\\Missing\\Base'),
  ];
  const findings = await runRule(adminControllerAcl, { code, target: { symbols: index } });
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.severity, f.subject]),
    [
      [
        'app/code/Acme/Shop/Controller/Adminhtml/Thing/Open.php',
        4,
        'warning',
        'admin-resource:acme\\shop\\controller\\adminhtml\\thing\\open',
      ],
    ],
  );
  assert.match(findings[0]!.recommendation, /ADMIN_RESOURCE = 'Acme_Shop::…'/);
});
