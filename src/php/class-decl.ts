import type { ClassDecl, ClassKind } from './types.js';

/** A class-like declaration with no members yet: the parser fills it while reading the body. */
export function emptyClassDecl(name: string, kind: ClassKind, line: number): ClassDecl {
  return { name, kind, implements: [], traits: [], methods: [], properties: [], constants: [], line };
}
