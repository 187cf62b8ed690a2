// Admin controllers that keep Magento\Backend\App\AbstractAction's ACL check as it is: its ADMIN_RESOURCE is
// `Magento_Backend::admin`, which every admin role holds, so any admin user can run the action. A finding only: the
// resource the action needs is a decision (and an acl.xml entry) only the module's author can make.
// Silent for an action whose execute() only forwards (`$this->_forward('edit')`, `->forward('edit')`): Forward sets the
// request undispatched, Magento\Framework\App\FrontController matches the target action and dispatches it, and the
// target's AbstractAction::dispatch() runs its own _isAllowed() before anything happens. The target is judged itself.
import type { Rule } from '../rule.js';

const BACKEND_ACTION = 'Magento\\Backend\\App\\AbstractAction';

/**
 * Can the admin router dispatch this class? Router\ActionList::get() builds the class from the URL as
 * `<Vendor>\<Module>\Controller\Adminhtml\<controller>\<action>` (an underscore in either adds a level; an empty
 * controller becomes `index`), so an action sits at least two levels below Controller\Adminhtml. A class directly
 * there (`Controller\Adminhtml\AbstractMassStatus`) or elsewhere is a base class or helper nobody reaches by URL;
 * its routable subclasses are judged themselves.
 */
function dispatchable(fqcn: string): boolean {
  const rest = /\\Controller\\Adminhtml\\(.+)$/i.exec(fqcn)?.[1];
  return rest !== undefined && rest.split('\\').length >= 2;
}

export const adminControllerAcl: Rule = {
  meta: {
    id: 'security/admin-controller-acl',
    severity: 'warning',
    category: 'security',
    description:
      'An admin controller neither declares ADMIN_RESOURCE nor overrides _isAllowed(): every admin user may run it.',
    docs: `\`Magento\\Backend\\App\\AbstractAction::_isAllowed()\` checks the ACL resource named by the controller's
\`ADMIN_RESOURCE\` constant. A controller that declares neither inherits \`ADMIN_RESOURCE = 'Magento_Backend::admin'\`,
which every admin role holds: a user whose role should not reach the action (a support agent's role without sales or
system access) can run it by its URL. Magento's own admin controllers each name their resource.

An action whose \`execute()\` only forwards to another action (\`$this->_forward('edit')\`, or a forward result's
\`->forward('edit')\`) is not reported: Magento's front controller dispatches the target action, whose own
\`dispatch()\` checks its own resource before it runs, so the forward reaches nothing the target's ACL does not guard.
Nor is a class the admin router cannot reach: actions sit at \`Controller\\Adminhtml\\<Controller>\\<Action>\`, so a base
class directly under \`Controller\\Adminhtml\` is never dispatched (its subclasses are judged themselves).

**How to fix:** declare \`const ADMIN_RESOURCE = 'Vendor_Module::resource';\` naming a resource of the module's
\`etc/acl.xml\` (add one when none fits), or override \`_isAllowed()\` when the check depends on the request.`,
    recommendations: {
      declareResource:
        "Declare `const ADMIN_RESOURCE = '{{module}}::…';` with a resource of the module's etc/acl.xml (or override _isAllowed()).",
      declareResourceNoModule:
        "Declare `const ADMIN_RESOURCE = 'Vendor_Module::…';` with a resource of the module's etc/acl.xml (or override _isAllowed()).",
    },
    messages: {
      noAcl:
        "Admin controller {{class}} declares no ADMIN_RESOURCE and no _isAllowed(): it inherits {{parent}}'s resource " +
        'Magento_Backend::admin, so every admin user, whatever their role, can run it',
    },
  },
  async check(context) {
    if (context.target.symbols.coverage === 'none') return;
    const { target } = context.classes;
    const base = target.get(BACKEND_ACTION);
    if (base?.source !== 'index' || !base.decl.constants.some((c) => c.name === 'ADMIN_RESOURCE')) return;
    for (const unit of context.underCheck) {
      for (const decl of unit.analysis.classes) {
        if (decl.kind !== 'class' || decl.abstract || !dispatchable(decl.name)) continue;
        if (target.isSubtypeOf(decl.name, BACKEND_ACTION) !== true) continue;
        if (target.ancestors(decl.name).unresolved.length > 0) continue; // an unknown parent may declare it
        const resource = target.findConstant(decl.name, 'ADMIN_RESOURCE').found;
        const allowed = target.findMethod(decl.name, '_isAllowed').found;
        const fromBase = (owner: string | undefined) => owner?.toLowerCase() === BACKEND_ACTION.toLowerCase();
        if (!fromBase(resource?.owner.decl.name) || !fromBase(allowed?.owner.decl.name)) continue;
        if (target.findMethod(decl.name, 'execute').found?.member.forwardsOnly) continue;
        context.report({
          file: unit.analysis.file,
          line: decl.line,
          ...(unit.package ? { package: unit.package } : {}),
          ...(unit.module ? { module: unit.module } : {}),
          messageId: 'noAcl',
          data: { class: decl.name, parent: BACKEND_ACTION, ...(unit.module ? { module: unit.module } : {}) },
          recommendationId: unit.module ? 'declareResource' : 'declareResourceNoModule',
          effort: { hours: 0.25, confidence: 'medium' },
          subject: `admin-resource:${decl.name.toLowerCase()}`,
        });
      }
    }
  },
};
