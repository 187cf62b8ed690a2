// Controllers that extend Magento\Framework\App\Action\Action (deprecated since 2.4: "inheritance in controllers should
// be avoided in favour of composition") and declare no HTTP method interface. Which methods an action serves is the
// one part with a mechanical fix, and only when the action says so itself: HttpMethodValidator lets an action without
// any Http*ActionInterface answer every method, and one with interfaces only those, so declaring GET on an action a
// form posts to would turn that form into a 404. The fixer adds HttpPostActionInterface only when execute() starts by
// refusing every request that is not a POST (Magento's own Contact Index\Post and Customer Account\CreatePost do
// exactly this); everything else is declined with the reason. Moving to composition (constructor-injected request,
// result factories, message manager) changes what the object is and is left to the developer.
import type { Node } from 'web-tree-sitter';
import type { Finding } from '../../core/finding.js';
import type { ClassDecl } from '../../php/types.js';
import { lineEnding } from '../../fix/class-body.js';
import { nodesOnLine } from '../../fix/locate.js';
import { classImports, fileUseStatements, importedName } from '../../fix/use-imports.js';
import { startsByRefusingNonPost } from '../../php/refuses-non-post.js';
import type { CodeUnit, FixOutcome, FixSource, Rule } from '../rule.js';
import type { ClassWorld } from '../../check/class-world.js';
import { RELEASE_MESSAGES, releaseLabel } from './worlds.js';

const ACTION = 'Magento\\Framework\\App\\Action\\Action';
const ABSTRACT_ACTION = 'Magento\\Framework\\App\\Action\\AbstractAction';
const BACKEND_ACTION = 'Magento\\Backend\\App\\AbstractAction';
const HTTP_NS = 'Magento\\Framework\\App\\Action\\';
const HTTP_METHODS = ['Connect', 'Delete', 'Get', 'Head', 'Options', 'Patch', 'Post', 'Propfind', 'Put', 'Trace'];
const HTTP_INTERFACES = new Set(HTTP_METHODS.map((m) => `${HTTP_NS}Http${m}ActionInterface`.toLowerCase()));
const POST_INTERFACE = `${HTTP_NS}HttpPostActionInterface`;

export const legacyActionController: Rule = {
  meta: {
    id: 'php-api/legacy-action-controller',
    severity: 'info',
    category: 'php-api',
    description:
      'A controller extends the deprecated Magento\\Framework\\App\\Action\\Action and declares no HTTP method interface.',
    docs: `Since 2.4 \`Magento\\Framework\\App\\Action\\Action\` is \`@deprecated\` ("inheritance in controllers should be
avoided in favor of composition"). Magento's own controllers declare the HTTP methods they serve with
\`HttpGetActionInterface\`, \`HttpPostActionInterface\`… (\`Magento\\Framework\\App\\Action\\\`): \`HttpMethodValidator\`
then answers any other method with 404. An action that declares none answers every method (GET, POST, PUT, DELETE…).
Admin controllers (\`Magento\\Backend\\App\\Action\`) are not reported: extending it is still the way.

**How to fix:** declare the method(s) the action serves — \`implements HttpGetActionInterface\` for a page, \`HttpPostActionInterface\`
for a form's target, both when both reach it (links, forms, AJAX calls, payment gateways' callbacks): only the developer
knows every caller. Then move to composition: implement \`HttpGetActionInterface\`/\`HttpPostActionInterface\` without
extending \`Action\`, and inject what \`$this->_request\`, \`$this->messageManager\`, \`$this->resultFactory\`,
\`$this->_redirect\`… gave (\`RequestInterface\`, \`ManagerInterface\`, \`ResultFactory\`/\`RedirectFactory\`…).

\`mageup fix\` adds \`HttpPostActionInterface\` when \`execute()\` begins by refusing every request that is not a POST
(\`if (!$this->getRequest()->isPost()) { return …; }\`): such requests then get a 404 instead of what the refusal
returned, and nothing else changes. Every other controller is left to the developer.`,
    recommendations: {
      implementInterfaces:
        'Implement the Http*ActionInterface of each method that reaches it (HttpGetActionInterface for a page, ' +
        "HttpPostActionInterface for a form's target), then stop extending Action.",
      implementInterfacesInject:
        'Implement the Http*ActionInterface of each method that reaches it (HttpGetActionInterface for a page, ' +
        "HttpPostActionInterface for a form's target), then stop extending Action and inject instead of {{inherited}}.",
    },
    messages: {
      ...RELEASE_MESSAGES,
      noHttpMethod:
        '{{name}} extends {{action}}, deprecated in {{release}} (composition instead of inheritance), and declares no HTTP method interface: it answers every HTTP method',
      noHttpMethodInherited:
        '{{name}} extends {{action}}, deprecated in {{release}} (composition instead of inheritance), and declares no HTTP method interface: it answers every HTTP method; it uses what Action gives: {{inherited}}',
    },
  },
  async check(context) {
    if (context.target.symbols.coverage === 'none') return;
    const { target } = context.classes;
    if (target.get(POST_INTERFACE)?.source !== 'index') return; // a target before 2.3 has no method interfaces
    for (const unit of context.underCheck) {
      for (const decl of unit.analysis.classes) {
        if (decl.kind !== 'class' || decl.abstract) continue;
        if (target.isSubtypeOf(decl.name, ACTION) !== true) continue;
        if (target.isSubtypeOf(decl.name, BACKEND_ACTION) === true) continue;
        const { classes, unresolved } = target.ancestors(decl.name);
        if (unresolved.length > 0) continue; // an unknown ancestor may declare a method: could not verify
        if (classes.some((c) => HTTP_INTERFACES.has(c.decl.name.toLowerCase()))) continue;
        const inherited = inheritedUses(unit, decl, target);
        // The fixer's own test, made by the analysis: only these findings are fixable (the others are declined).
        const postOnly = decl.methods.some((m) => m.name.toLowerCase() === 'execute' && m.refusesNonPost === true);
        const data = { name: decl.name, action: ACTION, release: releaseLabel(context) };
        context.report({
          file: unit.analysis.file,
          line: decl.line,
          ...(unit.package ? { package: unit.package } : {}),
          ...(unit.module ? { module: unit.module } : {}),
          ...(inherited.length > 0
            ? { messageId: 'noHttpMethodInherited', data: { ...data, inherited: inherited.join(', ') } }
            : { messageId: 'noHttpMethod', data }),
          recommendationId: inherited.length > 0 ? 'implementInterfacesInject' : 'implementInterfaces',
          effort: { hours: 0.25 + 0.25 * inherited.length, confidence: 'low' },
          subject: `controller:${decl.name.toLowerCase()}`,
          ...(postOnly ? { fixable: true as const } : {}),
        });
      }
    }
  },
  fixable: (finding) => finding.fixable === true,
  fix: (finding, source) => fixPostOnlyAction(finding, source),
};

/** `$this->x` and `$this->x()` of the class that Action or AbstractAction declare (the inheritance to undo). */
function inheritedUses(unit: CodeUnit, decl: ClassDecl, world: ClassWorld): string[] {
  const found = new Set<string>();
  for (const ref of unit.analysis.references) {
    if (ref.via !== '$this' || ref.inClass !== decl.name || !ref.member) continue;
    const kind = ref.kind === 'method-call' ? 'method' : ref.kind === 'property-fetch' ? 'property' : undefined;
    if (!kind) continue;
    const lookup =
      kind === 'method' ? world.findMethod(decl.name, ref.member) : world.findProperty(decl.name, ref.member);
    const owner = lookup.found?.owner;
    if (!owner || owner.source !== 'index') continue;
    const name = owner.decl.name.toLowerCase();
    if (name !== ACTION.toLowerCase() && name !== ABSTRACT_ACTION.toLowerCase()) continue;
    found.add(kind === 'method' ? `$this->${ref.member}()` : `$this->${ref.member.replace(/^\$/, '')}`);
  }
  return [...found].sort();
}

/**
 * Adds HttpPostActionInterface to a controller whose execute() starts by refusing every request that is not a POST
 * (an `if` without `else` whose condition is `!…->isPost()`, alone or or-ed with other tests, and whose block ends in
 * `return` or `throw`). Anything else: declined, the developer knows which methods reach the action.
 */
export function fixPostOnlyAction(finding: Finding, source: FixSource): FixOutcome {
  const name = /^controller:(.+)$/.exec(finding.subject ?? '')?.[1];
  if (!name || !finding.line) return { decline: 'the finding does not name its controller class' };
  const short = name.slice(name.lastIndexOf('\\') + 1);
  const classes = nodesOnLine(source.tree.rootNode, finding.line, CLASS_NODES).filter(
    (n) => n.childForFieldName('name')?.text.toLowerCase() === short,
  );
  if (classes.length !== 1) return { decline: `cannot find class ${short} on line ${finding.line} for sure` };
  const cls = classes[0]!;
  const className = cls.childForFieldName('name')!.text;
  const body = cls.childForFieldName('body');
  const execute = body?.namedChildren.find(
    (m) => m?.type === 'method_declaration' && m.childForFieldName('name')?.text.toLowerCase() === 'execute',
  );
  const unsure =
    'not sure which HTTP methods reach it: declare HttpGetActionInterface and/or HttpPostActionInterface by hand';
  if (!execute) return { decline: `execute() is inherited: ${unsure}` };
  if (!startsByRefusingNonPost(execute.childForFieldName('body')))
    return { decline: `execute() does not start by refusing non-POST requests: ${unsure}` };

  const { text } = source;
  const imported = importedName(classImports(fileUseStatements(source.tree.rootNode)), POST_INTERFACE);
  const taken = !imported && shortNameTaken(source.tree.rootNode, 'HttpPostActionInterface');
  const lastUse = lastTopLevelUse(source.tree.rootNode);
  const addImport = !imported && !taken && lastUse !== undefined;
  const typeName = imported ?? (addImport ? 'HttpPostActionInterface' : `\\${POST_INTERFACE}`);
  const edits = [];
  if (addImport) {
    const eol = lineEnding(text);
    const lineEnd = text.indexOf('\n', lastUse.endIndex);
    const at = lineEnd === -1 ? text.length : text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd;
    if (!/^[ \t]*$/.test(text.slice(lastUse.endIndex, at)))
      return { decline: 'the last use statement shares its line: add the interface by hand' };
    edits.push({ start: at, end: at, text: `${eol}use ${POST_INTERFACE};` });
  }
  const interfaces = cls.namedChildren.find((n) => n?.type === 'class_interface_clause');
  if (interfaces) {
    edits.push({ start: interfaces.endIndex, end: interfaces.endIndex, text: `, ${typeName}` });
  } else {
    const base = cls.namedChildren.find((n) => n?.type === 'base_clause');
    if (!base) return { decline: `cannot find the extends clause of ${className}` };
    edits.push({ start: base.endIndex, end: base.endIndex, text: ` implements ${typeName}` });
  }
  return {
    edits,
    description: `${className} implements ${typeName}: its execute() refuses every request that is not a POST (they now get a 404 from HttpMethodValidator instead)`,
  };
}

/** The short name may already mean something in the file (another import, a group import, a class): use the FQCN. */
function shortNameTaken(root: Node, short: string): boolean {
  return new RegExp(`\\b${short}\\b`, 'i').test(root.text);
}

/** The last `use` statement of a file with at most one namespace, after which an import goes. */
function lastTopLevelUse(root: Node): Node | undefined {
  if (root.namedChildren.filter((n) => n?.type === 'namespace_definition').length > 1) return undefined;
  return fileUseStatements(root).at(-1);
}

const CLASS_NODES = new Set(['class_declaration']);
