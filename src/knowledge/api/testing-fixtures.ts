import { emptyClassDecl } from '../../php/class-decl.js';
import type { ClassDecl, MethodDecl } from '../../php/types.js';

/** Small hand-written declarations for the API index tests. */
export function method(name: string, extra: Partial<MethodDecl> = {}): MethodDecl {
  return { name, visibility: 'public', params: [], line: 10, ...extra };
}

export function classDecl(name: string, extra: Partial<ClassDecl> = {}): ClassDecl {
  return { ...emptyClassDecl(name, 'class', 5), ...extra };
}
