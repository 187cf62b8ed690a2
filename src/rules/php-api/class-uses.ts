import type { Reference, ReferenceKind } from '../../php/types.js';
import type { ProjectModel } from '../../project/model.js';
import type { CodeUnit, MessagePart } from '../rule.js';

/** Where a class name is used outside PHP: configuration the project model read. */
export type ConfigUseKind =
  | 'di-preference'
  | 'di-plugin'
  | 'di-type'
  | 'di-argument'
  | 'di-virtual-type'
  | 'layout-block'
  | 'layout-object'
  | 'webapi-service'
  | 'observer'
  | 'cron';

/** One use of a class (and maybe one of its members) by the code under check, in PHP or in configuration. */
export interface ClassUse {
  name: string;
  kind: ReferenceKind | ConfigUseKind;
  file: string;
  line: number;
  column?: number;
  member?: string;
  memberKind?: 'method' | 'constant' | 'property';
  reference?: Reference;
  /** The `type` of a di.xml preference (the class the object manager instantiates), not its `for`. */
  preferenceType?: boolean;
  package: string | null;
  module: string | null;
  origin: 'custom' | 'vendor';
}

const MEMBER_KIND: Partial<Record<ReferenceKind, ClassUse['memberKind']>> = {
  'method-call': 'method',
  'static-call': 'method',
  'class-constant': 'constant',
  'static-property': 'property',
  'property-fetch': 'property',
};

/** How messages say a class is used (`{{use}}`), by kind. */
const USE_WORDS: Record<ClassUse['kind'], string> = {
  import: 'imported (use)',
  new: 'instantiated (new)',
  'static-call': 'called statically',
  'class-constant': 'used for a class constant',
  'static-property': 'used for a static property',
  'class-string': 'named with ::class',
  extends: 'extended',
  implements: 'implemented',
  'use-trait': 'used as a trait',
  instanceof: 'checked with instanceof',
  catch: 'caught',
  'param-type': 'used as a parameter type',
  'return-type': 'used as a return type',
  'property-type': 'used as a property type',
  'method-call': 'called',
  'property-fetch': 'used for a property',
  'function-call': 'called',
  'constructor-dependency': 'injected through the constructor',
  'di-preference': 'named in a di.xml preference',
  'di-plugin': 'named in a di.xml plugin',
  'di-type': 'configured in di.xml <type>',
  'di-argument': 'injected as a di.xml argument',
  'di-virtual-type': 'used as a di.xml virtualType base',
  'layout-block': 'used as a layout block class',
  'layout-object': 'passed as a layout object argument (view model)',
  'webapi-service': 'exposed as a webapi.xml service',
  observer: 'used as an observer instance',
  cron: 'used as a cron job instance',
};

/** `static-call` → `useStaticCall`: the message id saying how a class is used. */
function useMessageId(kind: ClassUse['kind']): string {
  return `use${kind.replace(/(^|-)(\w)/g, (_, __: string, c: string) => c.toUpperCase())}`;
}

/** The messages of describeUse(), one per kind of use; spread into the meta of every rule that reports it. */
export const USE_MESSAGES: Record<string, string> = Object.fromEntries(
  Object.entries(USE_WORDS).map(([kind, words]) => [useMessageId(kind as ClassUse['kind']), words]),
);

/** How a class is used, as a message part (`{{use}}`) of USE_MESSAGES. */
export function describeUse(kind: ClassUse['kind']): MessagePart[] {
  return [{ messageId: useMessageId(kind) }];
}

/** Class uses in PHP code: every reference except plain function calls. */
export function* codeClassUses(code: readonly CodeUnit[]): Generator<ClassUse> {
  for (const unit of code) {
    for (const reference of unit.analysis.references) {
      if (reference.kind === 'function-call') continue;
      const memberKind = MEMBER_KIND[reference.kind];
      yield {
        name: reference.name,
        kind: reference.kind,
        file: unit.analysis.file,
        line: reference.line,
        column: reference.column,
        ...(memberKind && reference.member ? { member: reference.member, memberKind } : {}),
        reference,
        package: unit.package,
        module: unit.module,
        origin: unit.origin,
      };
    }
  }
}

/**
 * Class uses in configuration of the modules under check (never core modules): di.xml, layout XML, webapi.xml,
 * events.xml, crontab.xml; and layout XML of themes not shipped by Magento. `skipPackage` leaves out modules of
 * packages that are not under check. Virtual type names are left out where a virtual type of that name is declared.
 */
export function* configClassUses(
  project: ProjectModel,
  skipPackage: (pkg: string | null) => boolean = () => false,
): Generator<ClassUse> {
  const virtualTypes = new Set<string>();
  for (const module of project.modules)
    for (const v of module.customizations.virtualTypes) virtualTypes.add(v.name.toLowerCase());
  const isVirtual = (name: string): boolean => virtualTypes.has(stripSlash(name).toLowerCase());
  for (const module of project.modules) {
    if (module.core || skipPackage(module.package)) continue;
    const base = {
      package: module.package,
      module: module.name,
      origin: module.location === 'vendor' ? 'vendor' : 'custom',
    } as const;
    const c = module.customizations;
    const use = (
      name: string,
      kind: ConfigUseKind,
      file: string,
      line: number,
      member?: string,
    ): ClassUse | undefined =>
      name && !isVirtual(name)
        ? {
            name: stripSlash(name),
            kind,
            file,
            line,
            ...(member ? { member, memberKind: 'method' as const } : {}),
            ...base,
          }
        : undefined;
    const uses: (ClassUse | undefined)[] = [];
    for (const p of c.preferences)
      uses.push(
        use(p.for, 'di-preference', p.file, p.line),
        preferenceTypeUse(use(p.type, 'di-preference', p.file, p.line)),
      );
    for (const p of c.plugins) {
      uses.push(use(p.target, 'di-plugin', p.file, p.line));
      if (p.type) uses.push(use(p.type, 'di-plugin', p.file, p.line));
    }
    for (const v of c.virtualTypes) uses.push(use(v.type, 'di-virtual-type', v.file, v.line));
    for (const t of c.typeArguments) {
      uses.push(use(t.type, 'di-type', t.file, t.line));
      for (const argument of t.classes) uses.push(use(argument.name, 'di-argument', t.file, argument.line));
    }
    for (const layout of c.layouts) {
      for (const block of layout.blocks) uses.push(use(block.class, 'layout-block', layout.file, block.line));
      for (const object of layout.objects ?? [])
        uses.push(use(object.class, 'layout-object', layout.file, object.line));
    }
    for (const route of c.webapiRoutes)
      uses.push(use(route.serviceClass, 'webapi-service', route.file, route.line, route.serviceMethod));
    for (const o of c.observers) uses.push(use(o.instance, 'observer', o.file, o.line));
    for (const job of c.cronJobs) uses.push(use(job.instance, 'cron', job.file, job.line, job.method));
    for (const u of uses) if (u) yield u;
  }
  // Layouts of themes not shipped by Magento name block classes and view models too.
  for (const theme of project.themes) {
    for (const layout of theme.layouts ?? []) {
      const base = {
        package: theme.package,
        module: null,
        origin: theme.location === 'vendor' ? 'vendor' : 'custom',
      } as const;
      const named = [
        ...layout.blocks.map((b) => ({ name: b.class, kind: 'layout-block' as const, line: b.line })),
        ...(layout.objects ?? []).map((o) => ({ name: o.class, kind: 'layout-object' as const, line: o.line })),
      ];
      for (const { name, kind, line } of named)
        if (name && !isVirtual(name)) yield { name: stripSlash(name), kind, file: layout.file, line, ...base };
    }
  }
}

function preferenceTypeUse(use: ClassUse | undefined): ClassUse | undefined {
  return use ? { ...use, preferenceType: true } : undefined;
}

export function stripSlash(name: string): string {
  return name.startsWith('\\') ? name.slice(1) : name;
}

/** Where a finding about a use points: its file, line, column, and the package and module holding it. */
export function locationOf(use: ClassUse): {
  file: string;
  line: number;
  column?: number;
  package?: string;
  module?: string;
} {
  return {
    file: use.file,
    line: use.line,
    ...(use.column !== undefined ? { column: use.column } : {}),
    ...(use.package ? { package: use.package } : {}),
    ...(use.module ? { module: use.module } : {}),
  };
}
