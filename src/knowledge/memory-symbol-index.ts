import type { ClassDecl, FunctionDecl } from '../php/types.js';
import type { PackageApi, SymbolIndex } from './types.js';

/**
 * A SymbolIndex over declarations already in memory. The shipped knowledge base loads into this shape, and tests
 * build one from a few hand-written declarations. PHP names are case-insensitive, so keys are lower-cased.
 */
export function createSymbolIndex(apis: PackageApi[], coverage: SymbolIndex['coverage'] = 'indexed'): SymbolIndex {
  const classes = new Map<string, ClassDecl & { package: string; file?: string }>();
  const functions = new Map<string, FunctionDecl & { package: string }>();
  const packages: Record<string, string> = {};
  for (const api of apis) {
    packages[api.package] = api.version;
    for (const decl of api.classes) {
      const key = normalise(decl.name);
      // First declaration wins, as with Composer's classmap (duplicates are rare: polyfills, test stubs).
      if (!classes.has(key)) classes.set(key, { ...decl, package: api.package });
    }
    for (const fn of api.functions) {
      const key = normalise(fn.name);
      if (!functions.has(key)) functions.set(key, { ...fn, package: api.package });
    }
  }
  return {
    coverage,
    getClass: (fqcn) => classes.get(normalise(fqcn)),
    getFunction: (name) => functions.get(normalise(name)),
    packages: () => ({ ...packages }),
  };
}

function normalise(name: string): string {
  return (name.startsWith('\\') ? name.slice(1) : name).toLowerCase();
}
