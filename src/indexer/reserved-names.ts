import type { ClassDecl } from '../php/types.js';

/**
 * PHP 7 code may name a class `Match` (a reserved word since PHP 8.0; Magento 2.3/2.4.0-2.4.3 has
 * `Magento\Framework\Search\Request\Query\Match`). The PHP 8 grammar of tree-sitter-php cannot parse that
 * declaration, so the indexer parses a copy where the name is swapped for a same-length placeholder (columns and lines
 * unchanged) and puts the real name back into the declarations.
 */
const RESERVED_DECLARATION = /\b(class|interface|trait)(\s+)(match)\b/gi;
const PLACEHOLDER = 'Mtch_';

export function maskReservedClassNames(source: string): { source: string; masked: Map<string, string> } | undefined {
  const masked = new Map<string, string>();
  const replaced = source.replace(RESERVED_DECLARATION, (_all, keyword: string, space: string, name: string) => {
    masked.set(PLACEHOLDER.toLowerCase(), name);
    return `${keyword}${space}${PLACEHOLDER}`;
  });
  return masked.size > 0 ? { source: replaced, masked } : undefined;
}

export function unmaskClassNames(classes: ClassDecl[], masked: Map<string, string>): void {
  for (const decl of classes) {
    const cut = decl.name.lastIndexOf('\\') + 1;
    const original = masked.get(decl.name.slice(cut).toLowerCase());
    if (original) decl.name = `${decl.name.slice(0, cut)}${original}`;
  }
}
