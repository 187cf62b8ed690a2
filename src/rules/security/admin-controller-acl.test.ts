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
  assert.deepEqual([findings[0]!.recommendationId, findings[0]!.data?.module], ['declareResource', 'Acme_Shop']);
});

test("an action that only forwards inherits the target's ACL check: silent; one that does more before forwarding is reported", async () => {
  const action = (name: string, execute: string) =>
    unitOf(
      `app/code/Acme/Shop/Controller/Adminhtml/Thing/${name}.php`,
      `<?php
namespace Acme\\Shop\\Controller\\Adminhtml\\Thing;

class ${name} extends \\Magento\\Backend\\App\\Action
{
    public function execute()
    {
${execute}
    }
}
`,
    );
  const code = [
    await action('NewAction', "        // the form of a new thing is the edit form\n        $this->_forward('edit');"),
    await action('Create', "        return $this->resultForwardFactory->create()->forward('edit');"),
    await action(
      'Index',
      "        $resultForward = $this->resultForwardFactory->create();\n        $resultForward->setController('thing')->setParams($this->getRequest()->getParams());\n        return $resultForward->forward('grid');",
    ),
    await action(
      'Save',
      "        $this->thingRepository->save($this->getRequest()->getParam('thing'));\n        $this->_forward('edit');",
    ),
    await action(
      'Delete',
      "        $this->thingRepository->deleteById(5);\n        return $this->resultForwardFactory->create()->forward('index');",
    ),
    await action('Grid', '        return $this->resultPageFactory->create();'),
  ];
  const findings = await runRule(adminControllerAcl, { code, target: { symbols: index } });
  assert.deepEqual(findings.map((f) => (f.file ?? '').replace(/^.*\//, '')).sort(), [
    'Delete.php',
    'Grid.php',
    'Save.php',
  ]);
});

test('a class the admin router cannot dispatch (directly under Controller\\Adminhtml, or outside it) is not reported', async () => {
  // Codazon_Lookbookpro's Controller\Adminhtml\AbstractMassStatus (keyclampstore-com): a base class whose MassEnable and
  // MassDisable subclasses are the actions; ActionList::get() only builds Controller\Adminhtml\<controller>\<action>.
  const at = (path: string, namespace: string, name: string) =>
    unitOf(
      `app/code/Acme/Shop/${path}/${name}.php`,
      `<?php
namespace ${namespace};

class ${name} extends \\Magento\\Backend\\App\\Action
{
    public function execute() {}
}
`,
    );
  const code = [
    await at('Controller/Adminhtml', 'Acme\\Shop\\Controller\\Adminhtml', 'AbstractMassStatus'),
    await at('Model', 'Acme\\Shop\\Model', 'NotAnAction'),
    await at('Controller/Adminhtml/Thing/Sub', 'Acme\\Shop\\Controller\\Adminhtml\\Thing\\Sub', 'Deep'),
  ];
  const findings = await runRule(adminControllerAcl, { code, target: { symbols: index } });
  assert.deepEqual(
    findings.map((f) => f.file),
    ['app/code/Acme/Shop/Controller/Adminhtml/Thing/Sub/Deep.php'],
  );
});
