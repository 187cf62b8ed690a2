import { docblockAbove } from '../indexer/doc-types.js';
import type { DocTypedMethod } from '../indexer/doc-types.js';
import { isBuiltinType } from '../php/names.js';
import type { ClassDecl } from '../php/types.js';

/** A method with its docblock types: `@return`, `@param` (per parameter) and `@var Type $name` tags. */
export interface DocTypedMember extends DocTypedMethod {
  /** `@var` tags of the method's docblock: variable (with `$`) → type as written. */
  docVarTypes?: Record<string, string>;
  /** `@throws` classes, resolved against the file's namespace and imports ([] when none; absent when not read). */
  docThrows?: string[];
  /** `@return` with class names resolved (`@inheritDoc` and no tag: absent), to compare across an added import. */
  docReturnResolved?: string;
}

/**
 * Adds `docVarTypes` to the methods of the given classes (after addDocTypes): magento-semver counts a type moving
 * between a method's `@var` tag and a parameter's declared type as a change of its own.
 */
export function addDocVarTypes(source: string, classes: ClassDecl[]): void {
  let lines: string[] | undefined;
  const scope = fileScope(source);
  for (const decl of classes) {
    for (const method of decl.methods as DocTypedMember[]) {
      lines ??= source.split('\n');
      const block = docblockAbove(lines, method.line);
      if (!block) {
        method.docThrows = [];
        continue;
      }
      const vars: Record<string, string> = {};
      for (const match of block.replace(/[ \t]*\|[ \t]*/g, '|').matchAll(/@var\s+([^\s$*]+)\s+(\$\w+)/g))
        vars[match[2]!] = match[1]!;
      if (Object.keys(vars).length > 0) method.docVarTypes = vars;
      if (method.docReturnType !== undefined)
        method.docReturnResolved = method.docReturnType
          .replace(/;$/, '')
          .split('|')
          .map((t) =>
            /^[A-Z_\\]/i.test(t) && !/^(\$this|self|static|parent)$/.test(t) && !isBuiltinType(t)
              ? resolveName(t, scope)
              : t,
          )
          .join('|');
      method.docThrows = [...block.matchAll(/@throws\s+([^\s*|]+)/g)].map((m) => resolveName(m[1]!, scope));
    }
  }
}

interface FileScope {
  namespace: string;
  imports: Map<string, string>;
}

/** The file's namespace and class imports (`use A\\B;`, `use A\\B as C;`), to resolve names written in docblocks. */
function fileScope(source: string): FileScope {
  const namespace = /^\s*namespace\s+([\w\\]+)\s*[;{]/m.exec(source)?.[1] ?? '';
  const imports = new Map<string, string>();
  for (const m of source.matchAll(/^\s*use\s+([\w\\]+)(?:\s+as\s+(\w+))?\s*;/gm)) {
    const name = m[1]!.replace(/^\\/, '');
    imports.set((m[2] ?? name.split('\\').pop()!).toLowerCase(), name);
  }
  return { namespace, imports };
}

function resolveName(written: string, scope: FileScope): string {
  if (written.startsWith('\\')) return written.slice(1);
  const [first, ...rest] = written.split('\\');
  const imported = scope.imports.get(first!.toLowerCase());
  if (imported) return [imported, ...rest].join('\\');
  return scope.namespace ? `${scope.namespace}\\${written}` : written;
}
