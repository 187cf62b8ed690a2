import type { ClassKind } from '../../php/types.js';
import { siblings } from '../../project/ownership.js';
import { isPhpInternalClass } from '../../knowledge/php-versions/internal-classes.js';
import type { CodeUnit, MessagePart, Rule, RuleContext } from '../rule.js';
import type { ClassUse } from './class-uses.js';
import { codeClassUses, configClassUses, describeUse, locationOf, USE_MESSAGES } from './class-uses.js';
import { deprecationHints, HINT_MESSAGES } from './member-check.js';
import type { ResolvedClass } from '../../check/class-world.js';
import { currentLabel, isTypeKeyword, RELEASE_MESSAGES, releaseLabel } from './worlds.js';
import { compareLooseVersions } from '../../knowledge/api/versions.js';
import { movesWithTarget } from '../../check/code-under-check.js';
import { fixZendClass, LAMINAS_HTTP_REQUEST, LAMINAS_JSON, ZEND_HINT_MESSAGES, zendClassOf } from './zend-json-fix.js';

/**
 * UCT codes by how the missing class is used (Adobe's "Upgrade Compatibility Tool error messages" reference):
 * 1110 instantiating, 1111 extending, 1112 importing, 1113 loading, 1114 using a non-existent class;
 * 1312 importing, 1314 using, 1317 inheriting, 1318 implementing a non-existent interface.
 */
export function uctCodeForMissing(kind: ClassUse['kind'], classKind: ClassKind | undefined): number {
  const isInterface = classKind === 'interface';
  switch (kind) {
    case 'new':
      return 1110;
    case 'extends':
      return isInterface ? 1317 : 1111;
    case 'implements':
      return 1318;
    case 'import':
      return isInterface ? 1312 : 1112;
    case 'static-call':
    case 'class-constant':
    case 'static-property':
      return 1113;
    default:
      return isInterface ? 1314 : 1114;
  }
}

/** Library replacements worth naming when a whole library leaves the release: the hint's message id by class name. */
const LIBRARY_HINTS: [RegExp, string][] = [
  [/^zend_/i, 'libraryZend1'],
  [/^zend\\/i, 'libraryZend2'],
  [/^monolog\\/i, 'libraryMonolog'],
  [/^elasticsearch\\/i, 'libraryElasticsearch'],
];

const LIBRARY_MESSAGES = {
  libraryZend1: 'Zend Framework 1 (magento/zendframework1) is gone: use the Laminas or Magento\\Framework equivalent',
  libraryZend2: 'Zend Framework 2/3 became Laminas: use the laminas/* class of the same name (Laminas\\…)',
  libraryMonolog:
    'the Monolog major version changed: adapt to the Monolog API the target installs (e.g. LogRecord in Monolog 3)',
  libraryElasticsearch: 'the Elasticsearch client is gone: use the OpenSearch client/modules the target ships',
};

function libraryHint(name: string): MessagePart[] {
  const id = LIBRARY_HINTS.find(([pattern]) => pattern.test(name))?.[1];
  return id ? [{ messageId: id }] : [];
}

const UNRESOLVED_ADVICE =
  'Check the name: it may come from a PHP extension or a package MageUp does not index (then nothing to do), or be a ' +
  'typo or a leftover of removed code.';

export const missingClass: Rule = {
  meta: {
    id: 'php-api/missing-class',
    severity: 'critical',
    category: 'php-api',
    description: 'A class, interface or trait the code uses exists in the current release but not in the target.',
    uctCode: 1110,
    docs: `Custom or third-party code names a class, interface or trait (imports, \`new\`, static calls, \`extends\`/\`implements\`,
types, \`::class\`, \`instanceof\`, \`catch\`, constructor injection, and class names in di.xml, layout XML, webapi.xml,
events.xml and crontab.xml) that the current release declares but the target release does not. PHP fails with
"Class not found" (a fatal error at compile time for \`extends\`/\`implements\`, and \`setup:di:compile\` fails).

When the class comes from a third-party library the target release no longer installs but the root composer.json or
an extension still requires, the finding is a \`warning\`: the library stays only if its constraints fit the target.
A use inside an \`if\`/ternary that tests \`class_exists\`, \`method_exists\`, \`version_compare\`… (code written for
several releases) is \`info\`: it may be the branch the target never takes.

Magento-generated classes (\`…Factory\`, \`…\\Proxy\`, \`…\\Interceptor\`, \`…ExtensionInterface\`, \`…Extension\`,
\`…SearchResults\`) count as present when the class they are generated from is present.

**Unresolved names.** A name neither the current nor the target release declares (and not declared by the code under
check nor by PHP) cannot be judged: it may come from a PHP extension, a package the knowledge base does not index, or a
typo. Such names are reported once per name and package as \`info\` ("cannot resolve"), never as removed. Names in
di.xml/layout configuration that are not found anywhere are not reported (they are often virtual types declared by core),
except the \`type\` of a di.xml preference when the target is 2.4.8 or later: its setup:di:compile fails on a preference
whose type is no class ("Preference declared for … but the latter does not exist"), so a \`Magento\\…\` type or one in
the declaring module's own namespace that no release and no code under check declares is an \`error\`.

**How to fix:** replace the class with its successor (the message quotes the current release's \`@deprecated\`/\`@see\`
note when there is one), or require the library that still provides it, or drop the customization if the target ships
the feature natively.`,
    recommendations: {
      // {{hints}}: HINT_MESSAGES, LIBRARY_MESSAGES and the library notes below, joined with `; `.
      replaceClass: 'Replace `{{class}}` with its successor in the target release.',
      replaceClassHinted: '{{hints}}. Replace `{{class}}` with its successor in the target release.',
      replaceParent:
        'Replace `{{class}}` with its successor in the target release and re-check every overridden method against ' +
        'the new parent.',
      replaceParentHinted:
        '{{hints}}. Replace `{{class}}` with its successor in the target release and re-check every overridden ' +
        'method against the new parent.',
      checkName: UNRESOLVED_ADVICE,
      checkNameHinted: `{{hints}}. ${UNRESOLVED_ADVICE}`,
      indexTarget: 'Run `mageup index` on a tree of the target release, or update the knowledge base.',
      fixPreference:
        'Remove the preference (its classes are gone) or point it at an existing class; if the type is a virtualType ' +
        'declared by a module MageUp does not see, nothing to do.',
      indexPackage:
        'Run `mageup index` on a {{target}} install (or update the knowledge base) to check uses of {{pkg}}.',
    },
    messages: {
      ...RELEASE_MESSAGES,
      ...USE_MESSAGES,
      ...HINT_MESSAGES,
      ...LIBRARY_MESSAGES,
      ...ZEND_HINT_MESSAGES,
      stillRequiredHint:
        '{{pkg}} is still required by {{requirers}}: it stays installed only if its constraints fit {{target}}',
      // {{requirers}}: these, comma-separated.
      rootRequirer: 'the root composer.json',
      packageRequirer: '{{pkg}}',
      notInstalledHint: '{{pkg}} is not installed by {{target}}: require a version that still has it, or migrate',
      noIndex: 'php-api checks skipped: no symbol index for {{target}}',
      unresolved:
        'cannot resolve `{{name}}` ({{use}}): neither {{current}} nor {{release}} declares it, nor does the code under check',
      // {{what}}, {{from}} and {{required}} are parts of these messages.
      generatedClass: 'generated class `{{name}}` (from `{{source}}`)',
      declaredClass: '{{kind}} `{{name}}`',
      ofPackage: ' of {{pkg}}',
      installedThrough: 'which {{target}} installs through {{through}} (a version no indexed tree shows), so',
      stillRequires: 'which {{target}} still requires (`{{constraint}}`) but',
      gone: '{{what}}{{from}} is {{use}} here; {{current}} declares it, {{release}} does not',
      // A library the project or an extension still requires itself may stay installed: a warning.
      goneStillRequired: '{{what}}{{from}} is {{use}} here; {{current}} declares it, {{release}} does not',
      // Behind a class_exists guard: a note.
      goneGuarded: '{{what}}{{from}} is {{use}} here; {{current}} declares it, {{release}} does not',
      indexGap:
        'cannot check `{{name}}` ({{use}}) against {{target}}: it comes from {{pkg}}, {{required}} the symbol index of ' +
        '{{target}} does not cover; other uses of {{pkg}} here are not checked either',
      preferenceType:
        'di.xml preference type `{{name}}` is no class of {{current}} or {{release}}, nor of the code under check, nor a ' +
        'virtualType of the modules under check; from {{since}} on, setup:di:compile fails with "Preference declared ' +
        'for … as "{{name}}", but the latter does not exist"',
    },
    listSeparators: { requirers: ', ' },
    messageSeverity: {
      noIndex: 'info',
      unresolved: 'info',
      goneStillRequired: 'warning',
      goneGuarded: 'info',
      indexGap: 'info',
      preferenceType: 'error',
    },
  },
  fixable: (finding) => zendClassOf(finding) !== undefined,
  fix: (finding, source) => fixZendClass(finding, source),
  async check(context) {
    const coverage = context.target.symbols.coverage;
    if (coverage === 'none') {
      context.report({
        messageId: 'noIndex',
        data: { target: context.target.release.version },
        recommendationId: 'indexTarget',
        subject: 'no-index',
      });
      return;
    }
    const { target, current } = context.classes;
    const unresolvedSeen = new Set<string>();
    const gapsSeen = new Set<string>();
    const unitsByFile = new Map(context.code.map((u) => [u.analysis.file, u]));
    const uses = [
      ...codeClassUses(context.underCheck),
      ...configClassUses(context.project, (p) => movesWithTarget(context.target.release, p)),
    ];
    // `__construct(private Foo $foo)` is both a dependency and a parameter type: one finding, as a dependency.
    const dependencies = new Set(uses.filter((u) => u.kind === 'constructor-dependency').map(positionOf));
    for (const use of uses) {
      // Calls on a variable do not name the class: it is reported where the code names it (new, type, import…).
      if (use.kind === 'method-call' || use.kind === 'property-fetch') continue;
      if (isTypeKeyword(use.name) || isPhpInternalClass(use.name)) continue;
      if (target.get(use.name)) continue;
      const before = current?.get(use.name);
      // A package's references to its own or a sibling package's classes upgrade with it: not judged against Magento.
      if (before && siblings(context.project.packages, use.package, before.package)) continue;
      if (before && before.package && targetIndexLacks(context, before.package)) {
        reportIndexGap(context, use, before.package, gapsSeen);
        continue;
      }
      if (before) {
        if (use.kind !== 'param-type' || !dependencies.has(positionOf(use))) reportMissing(context, use, before);
        continue;
      }
      if (use.preferenceType && validatesPreferences(context) && judgeableName(context, use)) {
        reportMissingPreferenceType(context, use);
        continue;
      }
      if (use.reference === undefined) continue; // configuration names: often core virtual types
      if (use.kind === 'import' && importsNamespace(unitsByFile, use)) continue; // `use Foo\Bar;` then `Bar\Baz`
      const key = `${use.package ?? use.module ?? ''}\0${use.name.toLowerCase()}`;
      if (unresolvedSeen.has(key)) continue;
      unresolvedSeen.add(key);
      const hints = libraryHint(use.name);
      context.report({
        ...locationOf(use),
        messageId: 'unresolved',
        data: {
          name: use.name,
          use: describeUse(use.kind),
          current: currentLabel(context),
          release: releaseLabel(context),
          hints,
        },
        recommendationId: hints.length ? 'checkNameHinted' : 'checkName',
        effort: { hours: 0.25, confidence: 'low' },
        subject: `unresolved:${use.name.toLowerCase()}`,
        uctCode: undefined,
      });
    }
  },
};

function reportMissing(context: RuleContext, use: ClassUse, before: ResolvedClass): void {
  const decl = before.decl;
  const what: MessagePart[] = [
    before.source === 'generated'
      ? { messageId: 'generatedClass', data: { name: use.name, source: String(before.generatedFrom) } }
      : { messageId: 'declaredClass', data: { kind: decl.kind, name: decl.name } },
  ];
  const from: MessagePart[] = before.package ? [{ messageId: 'ofPackage', data: { pkg: before.package } }] : [];
  const origin = before.source === 'generated' ? context.current.symbols?.getClass(before.generatedFrom ?? '') : decl;
  const target = context.target.release.version;
  const hints = deprecationHints(context, origin);
  if (decl.name.toLowerCase() === 'zend_json' && context.classes.target.get(LAMINAS_JSON))
    hints.push({ messageId: 'laminasJsonHint', data: { target } });
  if (decl.name.toLowerCase() === 'zend_http_client' && context.classes.target.get(LAMINAS_HTTP_REQUEST))
    hints.push({ messageId: 'laminasHttpHint', data: { target } });
  const library = libraryHint(decl.name);
  if (library.length) hints.push(...library);
  else if (before.package && !before.package.startsWith('magento/') && !requirersOf(context, before.package).length)
    hints.push({ messageId: 'notInstalledHint', data: { pkg: before.package, target } });
  const structural = use.kind === 'extends' || use.kind === 'implements' || use.kind === 'use-trait';
  // A library the target release drops may still be installed when the project or an extension requires it itself.
  const requiredBy =
    before.package && !before.package.startsWith('magento/') ? requirersOf(context, before.package) : [];
  if (requiredBy.length)
    hints.unshift({ messageId: 'stillRequiredHint', data: { pkg: before.package!, requirers: requiredBy, target } });
  if (use.reference?.guarded) hints.unshift({ messageId: 'guardedHint' });
  const advice = structural ? 'replaceParent' : 'replaceClass';
  context.report({
    ...locationOf(use),
    messageId: use.reference?.guarded ? 'goneGuarded' : requiredBy.length ? 'goneStillRequired' : 'gone',
    data: {
      what,
      from,
      use: describeUse(use.kind),
      current: currentLabel(context),
      release: releaseLabel(context),
      class: decl.name,
      hints,
    },
    recommendationId: hints.length ? `${advice}Hinted` : advice,
    effort: structural
      ? { hours: 4, confidence: 'medium' }
      : use.reference
        ? { hours: 1, confidence: 'medium' }
        : { hours: 0.5, confidence: 'medium' },
    subject: `${use.kind}:${decl.name.toLowerCase()}`,
    uctCode: uctCodeForMissing(use.kind, decl.kind),
  });
}

/**
 * The target release still requires `pkg` (its metapackage names it) but the target's symbol index does not cover
 * it: the class is not known to be gone, the index just cannot see it.
 */
function targetIndexLacks(context: RuleContext, pkg: string): boolean {
  const release = context.target.release;
  if (context.target.symbols.notCovered?.[pkg] !== undefined) return true;
  if (release.packages[pkg] === undefined && release.thirdParty[pkg] === undefined) return false;
  return context.classes.target.index?.packages()[pkg] === undefined;
}

/** Said once per package: classes of a package the target requires but its index lacks cannot be judged. */
function reportIndexGap(context: RuleContext, use: ClassUse, pkg: string, seen: Set<string>): void {
  const key = `${use.package ?? use.module ?? ''}\0${pkg}`;
  if (seen.has(key)) return;
  seen.add(key);
  const release = context.target.release;
  const through = context.target.symbols.notCovered?.[pkg];
  const required: MessagePart[] = [
    through
      ? { messageId: 'installedThrough', data: { target: release.version, through } }
      : {
          messageId: 'stillRequires',
          data: { target: release.version, constraint: String(release.packages[pkg] ?? release.thirdParty[pkg]) },
        },
  ];
  context.report({
    ...locationOf(use),
    messageId: 'indexGap',
    data: { name: use.name, use: describeUse(use.kind), target: release.version, pkg, required },
    recommendationId: 'indexPackage',
    effort: { hours: 0, confidence: 'low' },
    subject: `index-gap:${pkg}`,
    uctCode: undefined,
  });
}

/** Magento's setup:di:compile fails on a preference whose type is no class nor virtual type from 2.4.8 on. */
const PREFERENCES_VALIDATED_SINCE = '2.4.8';

function validatesPreferences(context: RuleContext): boolean {
  return compareLooseVersions(context.target.release.version, PREFERENCES_VALIDATED_SINCE) >= 0;
}

/**
 * Names whose absence is known: core classes (the index covers every Magento package) and classes in the namespace of
 * the declaring module when its code is analysed. Other names may live in packages neither indexed nor under check.
 */
function judgeableName(context: RuleContext, use: ClassUse): boolean {
  if (/^magento\\/i.test(use.name)) return true;
  const [vendor, name] = (use.module ?? '').split('_');
  if (!vendor || !name || !use.name.toLowerCase().startsWith(`${vendor}\\${name}\\`.toLowerCase())) return false;
  return context.code.some((unit) => unit.module === use.module);
}

function reportMissingPreferenceType(context: RuleContext, use: ClassUse): void {
  context.report({
    file: use.file,
    line: use.line,
    ...(use.package ? { package: use.package } : {}),
    ...(use.module ? { module: use.module } : {}),
    messageId: 'preferenceType',
    data: {
      name: use.name,
      current: currentLabel(context),
      release: releaseLabel(context),
      since: PREFERENCES_VALIDATED_SINCE,
    },
    recommendationId: 'fixPreference',
    effort: { hours: 0.5, confidence: 'medium' },
    subject: `preference-type:${use.name.toLowerCase()}`,
    uctCode: undefined,
  });
}

function positionOf(use: ClassUse): string {
  return `${use.file}\0${use.line}\0${use.column ?? ''}\0${use.name.toLowerCase()}`;
}

/**
 * The root project and non-core packages that require `pkg` themselves, as `{{requirers}}` parts. The root sorts where
 * its words ("the root composer.json") always put it among the package names.
 */
function requirersOf(context: RuleContext, pkg: string): MessagePart[] {
  const requirers: [string, MessagePart][] = [];
  if (context.project.rootRequire[pkg] !== undefined)
    requirers.push(['the root composer.json', { messageId: 'rootRequirer' }]);
  for (const p of context.project.packages) {
    if (p.source !== 'core' && p.source !== 'root' && p.require[pkg] !== undefined)
      requirers.push([p.name, { messageId: 'packageRequirer', data: { pkg: p.name } }]);
  }
  return requirers.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, part]) => part);
}

/** `use A\\B;` followed by uses of `A\\B\\C` in the same file: B is a namespace, not a class. */
function importsNamespace(unitsByFile: ReadonlyMap<string, CodeUnit>, use: ClassUse): boolean {
  const prefix = `${use.name.toLowerCase()}\\`;
  const unit = unitsByFile.get(use.file);
  return !!unit?.analysis.references.some((r) => r.name.toLowerCase().startsWith(prefix));
}
