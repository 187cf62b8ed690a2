// What the PHP-language rules of the `php-version` category share: whether the target PHP makes a change apply, where
// a finding about a code unit is, and walks over the code's callables and deprecated syntax. (Named for what it holds:
// not the platform's PHP, which is `platform/php-version`'s.)
import { phpAtLeast } from '../../knowledge/php-versions/php-version.js';
import type { CodeUnit, RuleContext } from '../rule.js';
import type { DeprecatedSyntax, FunctionDecl, MethodDecl } from '../../php/types.js';

/** True when the target PHP is `since` or newer: the finding applies. */
export function appliesOn(context: RuleContext, since: string): boolean {
  return phpAtLeast(context.target.php, since);
}

/** Package/module fields of a finding about a code unit. */
export function whereOf(unit: CodeUnit): { file: string; package?: string; module?: string } {
  return {
    file: unit.analysis.file,
    ...(unit.package ? { package: unit.package } : {}),
    ...(unit.module ? { module: unit.module } : {}),
  };
}

/** Every function and method of a file, with a display name. */
export function* callables(unit: CodeUnit): Generator<{ label: string; decl: FunctionDecl | MethodDecl }> {
  for (const fn of unit.analysis.functions) yield { label: `${fn.name}()`, decl: fn };
  for (const cls of unit.analysis.classes)
    for (const m of cls.methods) yield { label: `${cls.name}::${m.name}()`, decl: m };
}

/** `$name` whatever the analyser stored. */
export function dollar(name: string): string {
  return name.startsWith('$') ? name : `$${name}`;
}

/** Does the code under check declare this function itself (a polyfill or a namespaced function of the same name)? */
export function declaresFunction(code: readonly CodeUnit[], name: string): boolean {
  const key = name.toLowerCase();
  return code.some((unit) => unit.analysis.functions.some((fn) => fn.name.toLowerCase() === key));
}

/** Each use of one kind of syntax PHP 8.5 deprecates in the code under check, with its file. */
export function* deprecatedSyntax(
  context: RuleContext,
  kinds: readonly DeprecatedSyntax['kind'][],
): Generator<{ unit: CodeUnit; at: DeprecatedSyntax }> {
  for (const unit of context.underCheck)
    for (const at of unit.analysis.deprecatedSyntax ?? []) if (kinds.includes(at.kind)) yield { unit, at };
}
