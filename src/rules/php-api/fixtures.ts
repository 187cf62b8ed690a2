// Test fixtures shared by the php-api and php-version rule tests: code units from real PHP snippets, small indexes.
import { analyzePhp } from '../../php/analyze.js';
import type { ClassDecl, MethodDecl } from '../../php/types.js';
import type { PackageApi } from '../../knowledge/types.js';
import { createSymbolIndex } from '../../knowledge/memory-symbol-index.js';
import { classDecl as apiClassDecl, method as apiMethod } from '../../knowledge/api/testing-fixtures.js';
import type { CodeUnit } from '../rule.js';

/** Analyses PHP source into a custom code unit (app/code). */
export async function unitOf(
  file: string,
  source: string,
  overrides: Partial<Omit<CodeUnit, 'analysis'>> = {},
): Promise<CodeUnit> {
  return {
    analysis: await analyzePhp(source, file),
    package: null,
    module: 'Acme_Shop',
    origin: 'custom',
    ...overrides,
  };
}

/** A class declaration with sensible defaults, declared on line 1. */
export function classDecl(name: string, overrides: Partial<ClassDecl> = {}): ClassDecl {
  return apiClassDecl(name, { line: 1, ...overrides });
}

export function method(name: string, overrides: Partial<MethodDecl> = {}): MethodDecl {
  return apiMethod(name, { line: 1, ...overrides });
}

/** A symbol index over one package holding the given classes. */
export function indexOf(classes: ClassDecl[], pkg = 'magento/framework', version = '103.0.0') {
  const api: PackageApi = { package: pkg, version, classes, functions: [] };
  return createSymbolIndex([api]);
}

export function indexOfPackages(apis: PackageApi[]) {
  return createSymbolIndex(apis);
}
