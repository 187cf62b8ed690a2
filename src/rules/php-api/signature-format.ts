import type { MethodDecl, ParamDecl } from '../../php/types.js';

/** `public static function name(?Foo $a, int ...$b = 1): bool` as written, for messages. */
export function formatMethod(method: MethodDecl): string {
  const modifiers = [
    method.final ? 'final' : '',
    method.abstract ? 'abstract' : '',
    method.visibility,
    method.static ? 'static' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const params = method.params.map(formatParam).join(', ');
  return `${modifiers} function ${method.byRefReturn ? '&' : ''}${method.name}(${params})${method.returnType ? `: ${method.returnType}` : ''}`;
}

export function formatParam(param: ParamDecl): string {
  const name = param.name.startsWith('$') ? param.name : `$${param.name}`;
  return `${param.type ? `${param.type} ` : ''}${param.byRef ? '&' : ''}${param.variadic ? '...' : ''}${name}${param.default !== undefined ? ` = ${param.default}` : ''}`;
}
