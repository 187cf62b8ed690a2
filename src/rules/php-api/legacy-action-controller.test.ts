import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runRule } from '../testing.js';
import { fixWith } from '../../fix/testing.js';
import { legacyActionController } from './legacy-action-controller.js';
import { classDecl, indexOf, method, unitOf } from './fixtures.js';

const NS = 'Magento\\Framework\\App\\Action\\';
const prop = (name: string) => ({ name, visibility: 'protected' as const, line: 1 });
const actionIndex = indexOf([
  classDecl('Magento\\Framework\\App\\ActionInterface', { kind: 'interface', methods: [method('execute')] }),
  classDecl(`${NS}AbstractAction`, {
    abstract: true,
    implements: ['Magento\\Framework\\App\\ActionInterface'],
    properties: [prop('_request')],
    methods: [method('getRequest')],
  }),
  classDecl(`${NS}Action`, {
    abstract: true,
    extends: `${NS}AbstractAction`,
    deprecated: '103.0.0',
    properties: [prop('messageManager'), prop('_objectManager')],
    methods: [method('_redirect', { visibility: 'protected' }), method('dispatch')],
  }),
  classDecl(`${NS}HttpHeadActionInterface`, { kind: 'interface' }),
  classDecl(`${NS}HttpGetActionInterface`, { kind: 'interface', implements: [`${NS}HttpHeadActionInterface`] }),
  classDecl(`${NS}HttpPostActionInterface`, { kind: 'interface' }),
  classDecl('Magento\\Framework\\App\\CsrfAwareActionInterface', { kind: 'interface' }),
  classDecl('Magento\\Backend\\App\\AbstractAction', { abstract: true, extends: `${NS}Action` }),
  classDecl('Magento\\Backend\\App\\Action', { abstract: true, extends: 'Magento\\Backend\\App\\AbstractAction' }),
]);

const controller = (body: string, head = 'class Save extends Action') => `<?php
namespace Acme\\Shop\\Controller\\Index;

use Magento\\Framework\\App\\Action\\Action;

${head}
{
    public function execute()
    {
${body}
    }
}
`;

test('controllers extending Action without an HTTP method interface; admin, abstract and declared ones are not', async () => {
  const units = [
    await unitOf(
      'app/code/Acme/Shop/Controller/Index/Save.php',
      controller(
        '        $this->messageManager->addSuccessMessage(__("x"));\n        return $this->_redirect($this->getRequest()->getParam("back"));',
      ),
    ),
    await unitOf(
      'app/code/Acme/Shop/Controller/Index/View.php',
      controller(
        '        return null;',
        'class View extends Action implements \\Magento\\Framework\\App\\Action\\HttpGetActionInterface',
      ),
    ),
    await unitOf(
      'app/code/Acme/Shop/Controller/Index/Base.php',
      controller('        return null;', 'abstract class Base extends Action'),
    ),
    await unitOf(
      'app/code/Acme/Shop/Controller/Adminhtml/Index/Save.php',
      controller('        return null;', 'class AdminSave extends \\Magento\\Backend\\App\\Action'),
    ),
  ];
  const findings = await runRule(legacyActionController, { code: units, target: { symbols: actionIndex } });
  assert.deepEqual(
    findings.map((f) => [f.file, f.line, f.subject, f.severity]),
    [['app/code/Acme/Shop/Controller/Index/Save.php', 6, 'controller:acme\\shop\\controller\\index\\save', 'info']],
  );
  assert.equal(findings[0]!.messageId, 'noHttpMethodInherited');
  assert.equal(findings[0]!.data?.inherited, '$this->_redirect(), $this->getRequest(), $this->messageManager');
  assert.equal(findings[0]!.effort?.hours, 1);
  // A target without the method interfaces (before 2.3) says nothing.
  assert.deepEqual(await runRule(legacyActionController, { code: units, target: { symbols: indexOf([]) } }), []);
});

test('fix: HttpPostActionInterface (imported after the last use) when execute() starts by refusing non-POST requests', async () => {
  const src = controller(
    [
      '        // only forms post here',
      '        if (!$this->getRequest()->isPost() || !$this->formKeyValidator->validate($this->getRequest())) {',
      "            return $this->_redirect('*/*/');",
      '        }',
      '        return $this->save();',
    ].join('\n'),
  ).replace(/\n/g, '\r\n');
  const r = await fixWith(legacyActionController, 'app/code/Acme/Shop/Controller/Index/Save.php', src, {
    target: { symbols: actionIndex },
  });
  assert.deepEqual(r.declines, []);
  assert.equal(r.remaining, 0);
  assert.ok(r.parses);
  assert.equal(
    r.text,
    src
      .replace(
        'use Magento\\Framework\\App\\Action\\Action;',
        'use Magento\\Framework\\App\\Action\\Action;\r\nuse Magento\\Framework\\App\\Action\\HttpPostActionInterface;',
      )
      .replace('class Save extends Action', 'class Save extends Action implements HttpPostActionInterface'),
  );
});

test('fix: appended to an implements list; the FQCN where the short name is taken; throw counts as refusing', async () => {
  const src = controller(
    '        if (!$this->_request->isPost()) throw new NotFoundException(__("no"));\n        return 1;',
    'class Save extends Action implements \\Magento\\Framework\\App\\CsrfAwareActionInterface',
  ).replace(
    'use Magento\\Framework\\App\\Action\\Action;',
    'use Magento\\Framework\\App\\Action\\Action;\nuse Acme\\HttpPostActionInterface as Other;',
  );
  const r = await fixWith(legacyActionController, 'app/code/Acme/Shop/Controller/Index/Save.php', src, {
    target: { symbols: actionIndex },
  });
  assert.deepEqual(r.declines, []);
  assert.match(
    r.text,
    /implements \\Magento\\Framework\\App\\CsrfAwareActionInterface, \\Magento\\Framework\\App\\Action\\HttpPostActionInterface\n/,
  );
});

test('fix: declined when the action does not itself refuse every other method', async () => {
  const bodies = [
    '        return $this->resultPageFactory->create();',
    '        $this->log();\n        if (!$this->getRequest()->isPost()) { return null; }',
    '        if (!$this->getRequest()->isPost()) { $this->log(); } ',
    '        if (!$this->getRequest()->isPost()) { return null; } else { return 1; }',
    '        if (!$this->getRequest()->isPost() && $this->x) { return null; }',
    '        if ($this->getRequest()->isPost()) { return $this->save(); }',
  ];
  for (const body of bodies) {
    const r = await fixWith(legacyActionController, 'app/code/Acme/Shop/Controller/Index/Save.php', controller(body), {
      target: { symbols: actionIndex },
    });
    assert.equal(r.findings, 1, body);
    assert.equal(r.fixes.length, 0, body);
    assert.match(r.declines[0]!, /does not start by refusing non-POST requests: not sure which HTTP methods/, body);
  }
  const inherited = await fixWith(
    legacyActionController,
    'app/code/Acme/Shop/Controller/Index/Save.php',
    '<?php\nclass Save extends \\Magento\\Framework\\App\\Action\\Action {}\n',
    { target: { symbols: actionIndex } },
  );
  assert.match(inherited.declines[0]!, /^execute\(\) is inherited/);
});

test('fixable only when the fixer will fix it: execute() refusing non-POST requests is known at check time', async () => {
  const file = 'app/code/Acme/Shop/Controller/Index/Save.php';
  const cases: [string, boolean][] = [
    ['        if (!$this->getRequest()->isPost()) {\n            return $this->_redirect("*/*/");\n        }', true],
    ['        // forms only\n        if (!$this->_request->isPost() || $this->x) throw new \\Exception("no");', true],
    ['        return $this->resultPageFactory->create();', false],
    ['        $this->log();\n        if (!$this->getRequest()->isPost()) { return null; }', false],
    ['        if (!$this->getRequest()->isPost()) { return null; } else { return 1; }', false],
  ];
  for (const [body, fixable] of cases) {
    const [finding, ...more] = await runRule(legacyActionController, {
      code: [await unitOf(file, controller(body))],
      target: { symbols: actionIndex },
    });
    assert.equal(more.length, 0, body);
    // Reported either way; fixable only when the fix applies.
    assert.equal(finding!.ruleId, 'php-api/legacy-action-controller', body);
    assert.equal(finding!.fixable, fixable ? true : undefined, body);
    assert.equal(legacyActionController.fixable!(finding!), fixable, body);
    const r = await fixWith(legacyActionController, file, controller(body), { target: { symbols: actionIndex } });
    assert.equal(r.fixes.length, fixable ? 1 : 0, body);
  }
  // execute() inherited: nothing to look at, not fixable.
  const [inherited] = await runRule(legacyActionController, {
    code: [await unitOf(file, '<?php\nclass Save extends \\Magento\\Framework\\App\\Action\\Action {}\n')],
    target: { symbols: actionIndex },
  });
  assert.equal(legacyActionController.fixable!(inherited!), false);
});
