/**
 * magento/magento-semver's ("SVC") classification of PHP API changes: its operation codes (V… from
 * tomzx/php-semver-checker, M… its own), messages and semantic-version levels, applied to the changes our one diff
 * engine (knowledge/api/diff.ts) finds. Rules followed (SVC's src/Analyzer/ClassMethodAnalyzer.php and friends):
 * per changed method at most one signature operation, in SVC's order (docblock↔inline type moves, return type, parameter
 * typing added/removed/changed, trailing parameters removed, parameters added, renamed), plus visibility and body;
 * classes without `@api` are analysed the same way and then every level is dampened to PATCH (SVC's NonApiAnalyzer).
 */
import { normaliseType } from '../knowledge/api/diff.js';
import type { ApiChange } from '../knowledge/api/diff.js';
import { isBuiltinType } from '../php/names.js';
import type { ClassDecl, ClassKind, MethodDecl, ParamDecl, PropertyDecl, Visibility } from '../php/types.js';
import type { DocTypedMember } from './doc-tags.js';

export type SemverLevel = 'MAJOR' | 'MINOR' | 'PATCH';
export const LEVEL_RANK: Record<SemverLevel | 'NONE', number> = { NONE: 0, PATCH: 1, MINOR: 2, MAJOR: 3 };

/** SVC's report sections. Enums are reported by SVC as classes. */
export type SvcContext = 'class' | 'interface' | 'trait';

export interface SvcOperation {
  code: string;
  /** SVC's message, e.g. `Method parameter added.` */
  reason: string;
  level: SemverLevel;
  context: SvcContext;
  /** `Foo\Bar`, `Foo\Bar::method`, `Foo\Bar::$property`, `Foo\Bar::CONSTANT`. */
  target: string;
  /** Member visibility, printed as `[public]` before the reason. */
  visibility?: Visibility;
}

/** Looks up a class on one side of the diff (to follow parents and docblocks inherited from them). */
export type ClassLookup = (fqcn: string) => ClassDecl | undefined;

export interface SvcSides {
  before: ClassLookup;
  after: ClassLookup;
}

const VIS_INDEX: Record<Visibility, number> = { public: 0, protected: 1, private: 2 };

/** php-semver-checker's LevelMapping with the overrides SVC sets in ReportBuilder::makeVersionReport. */
const V_LEVEL: Record<string, SemverLevel> = {
  V005: 'MAJOR', V006: 'MAJOR', V007: 'MAJOR', V008: 'MAJOR', V009: 'MAJOR', V010: 'MAJOR', V011: 'MAJOR',
  V014: 'MINOR', V015: 'MINOR', V016: 'MINOR', V019: 'MINOR', V020: 'MINOR', V023: 'PATCH', V024: 'PATCH',
  V025: 'PATCH', V026: 'PATCH', V027: 'PATCH', V028: 'PATCH', V029: 'PATCH', V031: 'PATCH', V032: 'MINOR',
  V033: 'MAJOR', V034: 'MINOR', V035: 'MAJOR', V036: 'MAJOR', V037: 'MAJOR', V038: 'MAJOR', V039: 'MAJOR',
  V040: 'MAJOR', V041: 'MAJOR', V042: 'MAJOR', V043: 'MAJOR', V046: 'MINOR', V047: 'MINOR', V048: 'MINOR',
  V049: 'MAJOR', V050: 'MAJOR', V052: 'PATCH', V053: 'PATCH', V054: 'PATCH', V055: 'MAJOR', V056: 'MAJOR',
  V057: 'MINOR', V058: 'MAJOR', V059: 'MAJOR', V060: 'MAJOR', V061: 'PATCH', V062: 'PATCH', V063: 'MAJOR',
  V064: 'MAJOR', V065: 'PATCH', V066: 'MAJOR', V074: 'MAJOR', V075: 'MAJOR', V076: 'MAJOR', V082: 'MAJOR',
  V083: 'MAJOR', V084: 'PATCH', V085: 'MAJOR', V086: 'MAJOR', V087: 'PATCH', V088: 'MAJOR', V089: 'MAJOR',
  V090: 'PATCH', V100: 'MAJOR', V101: 'MAJOR', V102: 'MAJOR', V103: 'MAJOR', V104: 'MAJOR', V105: 'MAJOR',
  V106: 'MAJOR', V107: 'MAJOR', V108: 'MAJOR',
}; // prettier-ignore

/** A code table: per context, one code per visibility (public, protected, private) or one for all. */
type Codes = Partial<Record<SvcContext, string[]>>;

const OPS = {
  methodAdded: { reason: 'Method has been added.', codes: { class: ['V015', 'V016', 'V028'], interface: ['V034'], trait: ['V047', 'V048', 'V057'] } },
  methodRemoved: { reason: 'Method has been removed.', codes: { class: ['V006', 'V007', 'V029'], interface: ['V035'], trait: ['V038', 'V039', 'V058'] } },
  paramAdded: { reason: 'Method parameter added.', codes: { class: ['V010', 'V011', 'V031'], interface: ['V036'], trait: ['V042', 'V043', 'V059'] } },
  paramRemoved: { reason: 'Method parameter removed.', codes: { class: ['V082', 'V083', 'V084'], interface: ['V074'], trait: ['V100', 'V101', 'V102'] } },
  paramRenamed: { reason: 'Method parameter name changed.', codes: { class: ['V060', 'V061', 'V062'], interface: ['V063'], trait: ['V064', 'V065', 'V066'] } },
  typingAdded: { reason: 'Method parameter typing added.', codes: { class: ['V085', 'V086', 'V087'], interface: ['V075'], trait: ['V103', 'V104', 'V105'] } },
  typingRemoved: { reason: 'Method parameter typing removed.', codes: { class: ['V088', 'V089', 'V090'], interface: ['V076'], trait: ['V106', 'V107', 'V108'] } },
  implementation: { reason: 'Method implementation changed.', codes: { class: ['V023', 'V024', 'V025'], trait: ['V052', 'V053', 'V054'] } },
  propertyAdded: { reason: 'Property has been added.', codes: { class: ['V019', 'V020', 'V026'], trait: ['V049', 'V050', 'V055'] } },
  propertyRemoved: { reason: 'Property has been removed.', codes: { class: ['V008', 'V009', 'V027'], trait: ['V040', 'V041', 'V056'] } },
  overwriteAdded: { reason: 'Method overwrite has been added.', codes: { class: ['V028', 'V028', 'V028'] } },
  propertyOverwriteAdded: { reason: 'Property overwrite has been added.', codes: { class: ['M019', 'M020', 'M026'] }, levels: { M019: 'PATCH', M020: 'PATCH', M026: 'PATCH' } },
  lastParamRemoved: { reason: 'Removed last method parameter(s).', codes: { class: ['M100', 'M100', 'M100'], interface: ['M100'], trait: ['M100', 'M100', 'M100'] }, levels: { M100: 'MINOR' } },
  ctorLastParamRemoved: { reason: 'Removed last constructor parameter(s).', codes: { class: ['M101', 'M101', 'M101'] }, levels: { M101: 'PATCH' } },
  ctorObjectParamAdded: { reason: 'Added a required constructor object parameter.', codes: { class: ['M103', 'M103', 'M103'] }, levels: { M103: 'MINOR' } },
  ctorOptionalParamAdded: { reason: 'Added an optional constructor parameter.', codes: { class: ['M112', 'M112', 'M112'] }, levels: { M112: 'PATCH' } },
  extendableCtorOptionalParamAdded: { reason: 'Added an optional constructor parameter to extendable @api class.', codes: { class: ['M111', 'M111', 'M111'] }, levels: { M111: 'MINOR' } },
  typingChanged: { reason: 'Method parameter typing changed.', codes: { class: ['M113', 'M114', 'M115'], interface: ['M116'], trait: ['M117', 'M118', 'M119'] }, levels: { M113: 'MAJOR', M114: 'MAJOR', M115: 'PATCH', M116: 'MAJOR', M117: 'MAJOR', M118: 'MAJOR', M119: 'MAJOR' } },
  returnChanged: { reason: 'Method return typing changed.', codes: { class: ['M120', 'M121', 'M122'], interface: ['M123'], trait: ['M124', 'M125', 'M126'] }, levels: { M120: 'MAJOR', M121: 'MAJOR', M122: 'PATCH', M123: 'MAJOR', M124: 'MAJOR', M125: 'MAJOR', M126: 'MAJOR' } },
  paramDocToInline: { reason: 'Method parameter typehint was moved from doc block annotation to in-line.', codes: { class: ['M134', 'M152', 'M164'], interface: ['M138'], trait: ['M142', 'M153', 'M165'] }, levels: { M134: 'MAJOR', M138: 'MAJOR', M142: 'MAJOR', M152: 'MINOR', M153: 'MINOR', M164: 'PATCH', M165: 'MINOR' } },
  paramInlineToDoc: { reason: 'Method parameter typehint was moved from in-line to doc block annotation.', codes: { class: ['M135', 'M154', 'M166'], interface: ['M139'], trait: ['M143', 'M155', 'M167'] }, levels: { M135: 'MAJOR', M139: 'MAJOR', M143: 'MAJOR', M154: 'MINOR', M155: 'MINOR', M166: 'PATCH', M167: 'MINOR' } },
  returnDocToInline: { reason: 'Method return typehint was moved from doc block annotation to in-line.', codes: { class: ['M136', 'M156', 'M168'], interface: ['M140'], trait: ['M144', 'M157', 'M169'] }, levels: { M136: 'MAJOR', M140: 'MAJOR', M144: 'MAJOR', M156: 'MINOR', M157: 'MINOR', M168: 'PATCH', M169: 'MINOR' } },
  returnInlineToDoc: { reason: 'Method return typehint was moved from in-line to doc block annotation.', codes: { class: ['M137', 'M158', 'M170'], interface: ['M141'], trait: ['M145', 'M159', 'M171'] }, levels: { M137: 'MAJOR', M141: 'MAJOR', M145: 'MAJOR', M158: 'MINOR', M159: 'MINOR', M170: 'PATCH', M171: 'MINOR' } },
  varDocToInline: { reason: 'Method variable typehint was moved from doc block annotation to in-line.', codes: { class: ['M146', 'M160', 'M172'], interface: ['M147'], trait: ['M148', 'M161', 'M173'] }, levels: { M146: 'MAJOR', M147: 'MAJOR', M148: 'MAJOR', M160: 'MINOR', M161: 'MINOR', M172: 'PATCH', M173: 'MINOR' } },
  varInlineToDoc: { reason: 'Method variable typehint was moved from in-line to doc block annotation.', codes: { class: ['M149', 'M162', 'M174'], interface: ['M150'], trait: ['M151', 'M163', 'M175'] }, levels: { M149: 'MAJOR', M150: 'MAJOR', M151: 'MAJOR', M162: 'MINOR', M163: 'MINOR', M174: 'PATCH', M175: 'MINOR' } },
  methodMoved: { reason: 'Method has been moved to parent class.', codes: { class: ['M091', 'M095'], interface: ['M092', 'M096'] }, levels: { M091: 'PATCH', M095: 'PATCH', M092: 'PATCH', M096: 'PATCH' } },
  visibilityDecreased: { reason: 'Method visibility has been changed to lower lever from %s to %s', codes: { class: ['M109'], interface: ['M109'], trait: ['M109'] }, levels: { M109: 'MAJOR' } },
  visibilityIncreased: { reason: 'Method visibility has been changed to higher lever from %s to %s', codes: { class: ['M109'], interface: ['M109'], trait: ['M109'] }, levels: { M109: 'MINOR' } },
  exceptionSuperclassed: { reason: 'Exception has been superclassed.', codes: { class: ['M127'], interface: ['M128'] }, levels: { M127: 'MAJOR', M128: 'MAJOR' } },
  exceptionSubclassed: { reason: 'Exception has been subclassed.', codes: { class: ['M129'], interface: ['M130'] }, levels: { M129: 'MINOR', M130: 'MINOR' } },
  exceptionSuperclassAdded: { reason: 'Superclassed Exception has been added.', codes: { class: ['M131'], interface: ['M132'] }, levels: { M131: 'MAJOR', M132: 'MAJOR' } },
} satisfies Record<string, { reason: string; codes: Codes; levels?: Record<string, SemverLevel> }>; // prettier-ignore

type OpName = keyof typeof OPS;

/** Magento classes SVC treats as extendable: an optional constructor parameter added to them is MINOR (M111). */
const EXTENDABLE_API_CLASSES = new Set(
  [
    'Magento\\Framework\\Model\\AbstractExtensibleModel',
    'Magento\\Framework\\Api\\AbstractExtensibleObject',
    'Magento\\Framework\\Api\\AbstractSimpleObject',
    'Magento\\Framework\\Model\\AbstractModel',
    'Magento\\Framework\\Model\\ResourceModel\\AbstractResource',
    'Magento\\Framework\\App\\Action\\Action',
    'Magento\\Backend\\App\\Action',
    'Magento\\Backend\\App\\AbstractAction',
    'Magento\\Framework\\App\\Action\\AbstractAction',
    'Magento\\Framework\\View\\Element\\AbstractBlock',
    'Magento\\Framework\\View\\Element\\Template',
    'Magento\\Framework\\Data\\Collection',
  ].map((n) => n.toLowerCase()),
);

export function svcContext(kind: ClassKind): SvcContext {
  return kind === 'interface' ? 'interface' : kind === 'trait' ? 'trait' : 'class';
}

function op(
  name: OpName,
  context: SvcContext,
  target: string,
  visibility?: Visibility,
  reasonArgs: string[] = [],
): SvcOperation | undefined {
  const spec = OPS[name] as { reason: string; codes: Codes; levels?: Record<string, SemverLevel> };
  const codes = spec.codes[context];
  if (!codes) return undefined;
  const code = codes.length === 1 ? codes[0]! : codes[VIS_INDEX[visibility ?? 'public']]!;
  const level = spec.levels?.[code] ?? V_LEVEL[code];
  if (!level) return undefined;
  let reason = spec.reason;
  for (const arg of reasonArgs) reason = reason.replace('%s', arg);
  return { code, reason, level, context, target, ...(visibility ? { visibility } : {}) };
}

function classOp(code: string, reason: string, level: SemverLevel, context: SvcContext, target: string): SvcOperation {
  return { code, reason, level, context, target };
}

/**
 * SVC operations for one change found by the diff engine. `before`/`after` look classes up on each side (parents,
 * inherited docblocks). Returns [] for changes SVC does not report (e.g. a docblock-only `@deprecated`).
 */
export function svcOperations(change: ApiChange, sides: SvcSides): SvcOperation[] {
  const className = change.symbol.split('::')[0]!;
  const oldClass = sides.before(className);
  const newClass = sides.after(className);
  const context = svcContext((newClass ?? oldClass)?.kind ?? change.classKind);
  const out: (SvcOperation | undefined)[] = [];
  switch (change.kind) {
    case 'class-added':
      out.push(classAdded(context, className, true));
      break;
    case 'class-removed':
      out.push(classAdded(context, className, false));
      break;
    case 'extends-changed':
      if (context === 'class') {
        // SVC reports a replaced parent like an added one.
        if (change.before && !change.after)
          out.push(classOp('M0122', 'Extends has been removed.', 'MAJOR', context, className));
        else out.push(classOp('M0124', 'Parent has been added.', 'MINOR', context, className));
      }
      break;
    case 'implements-added':
      out.push(
        context === 'interface'
          ? classOp('M0127', 'Added parent to interface.', 'MINOR', context, className)
          : classOp('M0125', 'Interface has been added.', 'MINOR', context, className),
      );
      break;
    case 'implements-removed':
      out.push(
        context === 'interface'
          ? classOp('M0122', 'Extends has been removed.', 'MAJOR', context, className)
          : classOp('M0123', 'Implements has been removed.', 'MAJOR', context, className),
      );
      break;
    case 'trait-added':
      out.push(classOp('M0126', 'New trait has been used.', 'MINOR', context, className));
      break;
    case 'api-added':
      out.push(classOp('M0141', '@api annotation has been added.', 'MINOR', context, className));
      break;
    case 'api-removed':
      out.push(classOp('M0142', '@api annotation has been removed.', 'MAJOR', context, className));
      break;
    case 'method-added': {
      const m = newClass && findMethod(newClass, change.member!);
      if (m && context === 'class' && newClass && inheritsMethod(newClass, m.name, sides.after))
        out.push(op('overwriteAdded', context, change.symbol, m.visibility));
      else out.push(op('methodAdded', context, change.symbol, m?.visibility ?? change.visibility));
      break;
    }
    case 'method-removed': {
      const m = oldClass && findMethod(oldClass, change.member!);
      const vis = m?.visibility ?? change.visibility;
      if (m && newClass && m.visibility !== 'private' && movedToParent(newClass, m, sides.after))
        out.push(op('methodMoved', context, change.symbol, vis === 'public' ? 'public' : 'protected'));
      else out.push(op('methodRemoved', context, change.symbol, vis));
      break;
    }
    case 'method-changed': {
      const a = oldClass && findMethod(oldClass, change.member!);
      const b = newClass && findMethod(newClass, change.member!);
      if (a && b && oldClass && newClass)
        out.push(...methodChanged(context, change.symbol, a, b, oldClass, newClass, sides));
      break;
    }
    case 'property-added': {
      const p = newClass && findProperty(newClass, change.member!);
      const target = `${className}::$${change.member}`;
      if (p && context === 'class' && newClass && inheritsProperty(newClass, p.name, sides.after))
        out.push(op('propertyOverwriteAdded', context, target, p.visibility));
      else out.push(op('propertyAdded', context, target, p?.visibility ?? change.visibility));
      break;
    }
    case 'property-removed':
      out.push(op('propertyRemoved', context, `${className}::$${change.member}`, change.visibility));
      break;
    case 'constant-added':
      if (context !== 'trait')
        out.push(
          classOp(
            context === 'interface' ? 'M072' : 'M071',
            'Constant has been added.',
            'MINOR',
            context,
            change.symbol,
          ),
        );
      break;
    case 'constant-removed':
      if (context !== 'trait')
        out.push(
          classOp(
            context === 'interface' ? 'M074' : 'M073',
            'Constant has been removed.',
            'MAJOR',
            context,
            change.symbol,
          ),
        );
      break;
    default:
      break;
  }
  return out.filter((o): o is SvcOperation => o !== undefined);
}

function classAdded(context: SvcContext, target: string, added: boolean): SvcOperation {
  if (context === 'interface')
    return added
      ? classOp('V032', 'Interface was added.', 'MINOR', context, target)
      : classOp('V033', 'Interface was removed.', 'MAJOR', context, target);
  if (context === 'trait')
    return added
      ? classOp('V046', 'Trait was added.', 'MINOR', context, target)
      : classOp('V037', 'Trait was removed.', 'MAJOR', context, target);
  return added
    ? classOp('V014', 'Class was added.', 'MINOR', context, target)
    : classOp('V005', 'Class was removed.', 'MAJOR', context, target);
}

/** SVC's ClassMethodAnalyzer::reportChanged for one method. */
function methodChanged(
  context: SvcContext,
  target: string,
  a: MethodDecl,
  b: MethodDecl,
  oldClass: ClassDecl,
  newClass: ClassDecl,
  sides: SvcSides,
): (SvcOperation | undefined)[] {
  const out: (SvcOperation | undefined)[] = [];
  const vis = b.visibility;
  const sig = signatureChanges(a.params, b.params);
  let signatureChanged = false;
  const moved = typeHintMovement(a as DocTypedMember, b as DocTypedMember);
  if (moved) {
    out.push(op(moved, context, target, vis));
    signatureChanged = true;
  } else if (returnTypeChanged(a, b, oldClass, newClass, sides)) {
    out.push(op('returnChanged', context, target, vis));
  } else if (sig.typingAdded) {
    out.push(op('typingAdded', context, target, vis));
    signatureChanged = true;
  } else if (sig.typingRemoved) {
    out.push(op('typingRemoved', context, target, vis));
    signatureChanged = true;
  } else if (sig.typingChanged) {
    out.push(op('typingChanged', context, target, vis));
    signatureChanged = true;
  }
  const isConstructor = a.name.toLowerCase() === '__construct';
  const min = Math.min(a.params.length, b.params.length);
  if (!signatureChanged && a.params.length > b.params.length) {
    if (!sig.renamed) {
      out.push(op(isConstructor ? 'ctorLastParamRemoved' : 'lastParamRemoved', context, target, vis));
      signatureChanged = true;
    } else if (!a.params.slice(min).every(hasDefault)) {
      out.push(op('paramRemoved', context, target, vis));
      signatureChanged = true;
    }
  }
  if (!signatureChanged && a.params.length < b.params.length) {
    const rest = b.params.slice(min);
    if (isConstructor) {
      if (rest.every(hasDefault))
        out.push(
          op(
            EXTENDABLE_API_CLASSES.has(newClass.name.toLowerCase())
              ? 'extendableCtorOptionalParamAdded'
              : 'ctorOptionalParamAdded',
            context,
            target,
            vis,
          ),
        );
      else if (rest.some(isObjectParam)) out.push(op('ctorObjectParamAdded', context, target, vis));
      else out.push(op('paramAdded', context, target, vis));
    } else if (rest.every(hasDefault)) out.push(optionalParamAdded(context, target, vis));
    else out.push(op('paramAdded', context, target, vis));
    signatureChanged = true;
  }
  if (!signatureChanged && sig.renamed) out.push(op('paramRenamed', context, target, vis));
  const rank = (v: Visibility) => 2 - VIS_INDEX[v];
  if (rank(b.visibility) < rank(a.visibility))
    out.push(op('visibilityDecreased', context, target, vis, [a.visibility, b.visibility]));
  if (rank(b.visibility) > rank(a.visibility))
    out.push(op('visibilityIncreased', context, target, vis, [a.visibility, b.visibility]));
  if (a.bodyHash !== undefined && b.bodyHash !== undefined && a.bodyHash !== b.bodyHash)
    out.push(op('implementation', context, target, vis));
  out.push(...exceptionChanges(context, target, vis, a as DocTypedMember, b as DocTypedMember, sides));
  return out;
}

/** SVC's ClassMethodExceptionAnalyzer: `@throws` narrowed to a subclass, widened to a parent, or a parent added. */
function exceptionChanges(
  context: SvcContext,
  target: string,
  vis: Visibility,
  a: DocTypedMember,
  b: DocTypedMember,
  sides: SvcSides,
): (SvcOperation | undefined)[] {
  if (!a.docThrows || !b.docThrows) return [];
  const before = new Set(a.docThrows.map((n) => n.toLowerCase()));
  const after = new Set(b.docThrows.map((n) => n.toLowerCase()));
  const added = [...after].filter((n) => !before.has(n));
  const removed = [...before].filter((n) => !after.has(n));
  const common = [...before].filter((n) => after.has(n));
  const isSubclass = (child: string, parent: string): boolean => {
    const seen = new Set<string>();
    let current = sides.after(child) ?? sides.before(child);
    while (current?.extends && !seen.has(current.name.toLowerCase())) {
      seen.add(current.name.toLowerCase());
      if (current.extends.toLowerCase() === parent) return true;
      current = sides.after(current.extends) ?? sides.before(current.extends);
    }
    return false;
  };
  const out: (SvcOperation | undefined)[] = [];
  if (added.some((x) => removed.some((r) => isSubclass(x, r))))
    out.push(op('exceptionSubclassed', context, target, vis));
  if (added.some((x) => removed.some((r) => isSubclass(r, x))))
    out.push(op('exceptionSuperclassed', context, target, vis));
  if (added.some((x) => common.some((c) => isSubclass(c, x))))
    out.push(op('exceptionSuperclassAdded', context, target, vis));
  return out;
}

/** M102: levels per context and visibility (class: MINOR, MINOR, PATCH; interface: MAJOR; trait: MINOR). */
function optionalParamAdded(context: SvcContext, target: string, visibility: Visibility): SvcOperation {
  const level: SemverLevel =
    context === 'interface' ? 'MAJOR' : context === 'class' && visibility === 'private' ? 'PATCH' : 'MINOR';
  return { code: 'M102', reason: 'Added optional parameter(s).', level, context, target, visibility };
}

function hasDefault(p: ParamDecl): boolean {
  return p.default !== undefined;
}

/** A parameter typed with a class (SVC: a fully qualified name after name resolution). */
function isObjectParam(p: ParamDecl): boolean {
  if (!p.type || /[|&?]/.test(p.type)) return false;
  return !isBuiltinType(p.type.replace(/^\\/, ''));
}

/** SVC's Signature::analyze (the re-implemented typing part: one of added/removed/changed per position). */
function signatureChanges(
  a: ParamDecl[],
  b: ParamDecl[],
): { renamed: boolean; typingAdded: boolean; typingRemoved: boolean; typingChanged: boolean } {
  const out = { renamed: false, typingAdded: false, typingRemoved: false, typingChanged: false };
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.name !== q.name) out.renamed = true;
    // `Foo $x = null` and `?Foo $x = null` are one type (PHP 8.4 deprecates the first): not a typing change.
    const implicitNull = isNullDefault(p.default) && isNullDefault(q.default);
    const same = implicitNull ? normaliseType(`${p.type ?? ''}|null`) === normaliseType(`${q.type ?? ''}|null`) : false;
    if (!same && typeKey(p.type) !== typeKey(q.type)) {
      if (p.type && q.type) out.typingChanged = true;
      else if (p.type) out.typingRemoved = true;
      else if (q.type) out.typingAdded = true;
    }
  }
  return out;
}

function isNullDefault(value: string | undefined): boolean {
  return value !== undefined && value.trim().toLowerCase() === 'null';
}

/** php-semver-checker's Type::get: the type as written, a nullable one with its `?`, names without leading `\`. */
function typeKey(type: string | undefined): string {
  return (type ?? '').replace(/(^|[|&?(])\\/g, '$1');
}

/** MethodDocBlockAnalyzer::getTypeName: a class type's last segment, a builtin's name, '' for nullable or unions. */
function inlineTypeName(type: string | undefined): string {
  if (!type || /[|&?(]/.test(type)) return '';
  const t = type.replace(/^\\/, '');
  return isBuiltinType(t) ? t : t.split('\\').pop()!;
}

/** SVC's MethodDocBlockAnalyzer::analyzeTypeHintMovementsBetweenDocAndMethod. */
function typeHintMovement(a: DocTypedMember, b: DocTypedMember): OpName | undefined {
  const inline = (m: DocTypedMember): Map<string, string> =>
    new Map(m.params.filter((p) => inlineTypeName(p.type) !== '').map((p) => [`$${p.name}`, inlineTypeName(p.type)]));
  const docParams = (m: DocTypedMember): Map<string, string> => {
    const tags = new Map<string, string>();
    for (const p of m.params) if (p.docType && !/[|&<({]/.test(p.docType)) tags.set(`$${p.name}`, p.docType);
    return tags.size > 0 ? tags : new Map([['0', '']]);
  };
  const docVars = (m: DocTypedMember): Map<string, string> => {
    const tags = new Map(Object.entries(m.docVarTypes ?? {}).filter(([, t]) => !/[|&<({]/.test(t)));
    return tags.size > 0 ? tags : new Map([['0', '']]);
  };
  const inlineBefore = inline(a);
  const inlineAfter = inline(b);
  const inlineAdded = arrayDiff(inlineAfter, inlineBefore);
  const inlineRemoved = arrayDiff(inlineBefore, inlineAfter);
  const docParamsBefore = docParams(a);
  const docParamsAfter = docParams(b);
  const docParamsAdded = arrayDiff(docParamsAfter, docParamsBefore);
  const docParamsRemoved = arrayDiff(docParamsBefore, docParamsAfter);
  const inlineReturnBefore = inlineTypeName(a.returnType);
  const inlineReturnAfter = inlineTypeName(b.returnType);
  const docReturnBefore = a.docReturnType ?? '';
  const docReturnAfter = b.docReturnType ?? '';
  let returnInlineToDoc = false;
  let returnDocToInline = false;
  if (inlineReturnBefore !== inlineReturnAfter && docReturnBefore !== docReturnAfter) {
    returnInlineToDoc = inlineReturnBefore !== '' && inlineReturnBefore === docReturnAfter;
    returnDocToInline = inlineReturnAfter !== '' && inlineReturnAfter === docReturnBefore;
  }
  const docVarsBefore = docVars(a);
  const docVarsAfter = docVars(b);
  const docVarsAdded = arrayDiff(docVarsAfter, docVarsBefore);
  const docVarsRemoved = arrayDiff(docVarsBefore, docVarsAfter);
  if (docParamsRemoved.size > 0 && looseEqual(inlineAdded, docParamsRemoved)) return 'paramDocToInline';
  if (docParamsAdded.size > 0 && looseEqual(inlineRemoved, docParamsAdded)) return 'paramInlineToDoc';
  if (returnDocToInline) return 'returnDocToInline';
  if (returnInlineToDoc) return 'returnInlineToDoc';
  if (docVarsRemoved.size > 0 && looseEqual(inlineAdded, docVarsRemoved)) return 'varDocToInline';
  if (docVarsAdded.size > 0 && looseEqual(inlineRemoved, docVarsAdded)) return 'varInlineToDoc';
  return undefined;
}

/** PHP's array_diff: entries of `a` whose value is in no entry of `b` (keys kept). */
function arrayDiff(a: Map<string, string>, b: Map<string, string>): Map<string, string> {
  const values = new Set(b.values());
  return new Map([...a].filter(([, v]) => !values.has(v)));
}

/** PHP's `==` on arrays: the same key/value pairs. */
function looseEqual(a: Map<string, string>, b: Map<string, string>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
}

/**
 * SVC's return-type test: the docblock `@return` as written (inherited from a parent or interface when absent), or
 * the declared type (nullability aside, which SVC's check does not see).
 */
function returnTypeChanged(
  a: MethodDecl,
  b: MethodDecl,
  oldClass: ClassDecl,
  newClass: ClassDecl,
  sides: SvcSides,
): boolean {
  const docA = docReturn(a, oldClass, sides.before, new Set());
  const docB = docReturn(b, newClass, sides.after, new Set());
  if (docA !== docB) return true;
  const declared = (t: string | undefined) =>
    (t ?? '')
      .replace(/^\?/, '')
      .replace(/(^|[|&(])\\/g, '$1')
      .replace(/\|/g, '&');
  return declared(a.returnType) !== declared(b.returnType);
}

function docReturn(m: MethodDecl, owner: ClassDecl, lookup: ClassLookup, seen: Set<string>): string {
  const typed = m as DocTypedMember;
  // Source trees resolve names (an import added changes nothing); `@inheritDoc` inherits like no tag.
  const own = typed.docThrows ? typed.docReturnResolved : typed.docReturnType;
  if (own !== undefined) return own;
  seen.add(owner.name.toLowerCase());
  for (const ancestor of [owner.extends, ...owner.implements]) {
    if (!ancestor || seen.has(ancestor.toLowerCase())) continue;
    const decl = lookup(ancestor);
    const inherited = decl && findMethod(decl, m.name);
    if (decl && inherited) {
      const result = docReturn(inherited, decl, lookup, seen);
      if (result.trim() !== '') return result;
    }
  }
  return ' ';
}

function findMethod(decl: ClassDecl, name: string): MethodDecl | undefined {
  const key = name.toLowerCase();
  return decl.methods.find((m) => m.name.toLowerCase() === key);
}

function findProperty(decl: ClassDecl, name: string): PropertyDecl | undefined {
  return decl.properties.find((p) => p.name === name.replace(/^\$/, ''));
}

function parents(decl: ClassDecl, lookup: ClassLookup): ClassDecl[] {
  const out: ClassDecl[] = [];
  const seen = new Set([decl.name.toLowerCase()]);
  let names = decl.kind === 'interface' ? decl.implements : decl.extends ? [decl.extends] : [];
  while (names.length > 0) {
    const next: string[] = [];
    for (const name of names) {
      if (seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      const parent = lookup(name);
      if (!parent) continue;
      out.push(parent);
      next.push(...(parent.kind === 'interface' ? parent.implements : parent.extends ? [parent.extends] : []));
    }
    names = next;
  }
  return out;
}

function inheritsMethod(decl: ClassDecl, name: string, lookup: ClassLookup): boolean {
  return parents(decl, lookup).some((p) => findMethod(p, name) !== undefined);
}

function inheritsProperty(decl: ClassDecl, name: string, lookup: ClassLookup): boolean {
  return parents(decl, lookup).some((p) => findProperty(p, name) !== undefined);
}

/** SVC's isMovedToParent: a non-private member the new parent declares with the same modifiers. */
function movedToParent(decl: ClassDecl, m: MethodDecl, lookup: ClassLookup): boolean {
  return parents(decl, lookup).some((p) => {
    const found = findMethod(p, m.name);
    return found !== undefined && found.visibility === m.visibility && !!found.static === !!m.static;
  });
}
