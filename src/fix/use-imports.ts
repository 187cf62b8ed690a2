// Reading a PHP file's `use` imports in a fixer's parse tree: which name a fix may write for a class the file imports.
import type { Node } from 'web-tree-sitter';

/** One class import (`use A\B;`, `use A\B as C;`). */
export interface ClassImport {
  /** The imported class as written, without a leading backslash (`A\B`). */
  name: string;
  /** The name the file uses for it: the alias, else the short name. */
  as: string;
}

/**
 * The `use` statements that import for the whole file: those at its top level and in the body of each braced
 * namespace, in document order.
 */
export function fileUseStatements(root: Node): Node[] {
  const scopes = [
    root,
    ...root.namedChildren.flatMap((n) => (n?.type === 'namespace_definition' ? [n.childForFieldName('body')] : [])),
  ];
  return scopes.flatMap((s) => (s ? useStatementsIn(s) : []));
}

/** The `use` statements directly in `scope` (a file, a braced namespace's body), in document order. */
export function useStatementsIn(scope: Node): Node[] {
  return scope.namedChildren.filter((n): n is Node => n?.type === 'namespace_use_declaration');
}

/**
 * The class imports of `statements`: `use function …` and `use const …` are not class imports, and group imports
 * (`use A\{B, C}`) are left aside (a fix then writes the fully qualified name, which is always right).
 */
export function classImports(statements: readonly Node[]): ClassImport[] {
  return statements
    .filter((d) => !d.children.some((c) => c?.type === 'function' || c?.type === 'const'))
    .flatMap((d) => d.namedChildren.filter((c): c is Node => c?.type === 'namespace_use_clause'))
    .flatMap((clause) => {
      const target = clause.namedChildren.find((n) => n?.type === 'qualified_name' || n?.type === 'name');
      if (!target) return [];
      const name = target.text.replace(/^\\/, '');
      const alias = clause.childForFieldName('alias')?.text;
      return [{ name, as: alias ?? name.slice(name.lastIndexOf('\\') + 1) }];
    });
}

/** The name `imports` give class `fqcn` (compared case-insensitively, as PHP does), when one imports it. */
export function importedName(imports: readonly ClassImport[], fqcn: string): string | undefined {
  return imports.find((i) => i.name.toLowerCase() === fqcn.toLowerCase())?.as;
}
