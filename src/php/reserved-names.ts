import type { ClassDecl, DeprecatedSyntax } from './types.js';

/**
 * PHP 7 code may name a class after a word a later PHP reserves: `fn` (PHP 7.4), `match` and `mixed` (8.0), `never`
 * (8.1). Magento 2.3 to 2.4.3 has `Magento\Framework\Search\Request\Query\Match`. On the PHP that reserves the word the
 * declaration is a fatal error; tree-sitter-php's PHP 8 grammar cannot parse it at all. So a file that does not
 * parse is parsed again from a copy where each such name is swapped for a same-length placeholder (lines and columns
 * unchanged), the real names are put back into the declarations, and each one is kept as removed syntax.
 */
const RESERVED_DECLARATION = /\b(class|interface|trait)(\s+)(fn|match|mixed|never)\b/gi;

/** The PHP version that reserves each word. */
export const RESERVED_SINCE: Readonly<Record<string, string>> = { fn: '7.4', match: '8.0', mixed: '8.0', never: '8.1' };

const PLACEHOLDER: Readonly<Record<string, string>> = { fn: 'F_', match: 'Mtch_', mixed: 'Mxd__', never: 'Nvr__' };

export interface MaskedSource {
  source: string;
  /** Placeholder (lower case) → the name as written. */
  masked: Map<string, string>;
  /** Each place a reserved name follows `class`, `interface` or `trait` (comments and strings too). */
  uses: DeprecatedSyntax[];
}

export function maskReservedClassNames(source: string): MaskedSource | undefined {
  const masked = new Map<string, string>();
  const uses: DeprecatedSyntax[] = [];
  const replaced = source.replace(
    RESERVED_DECLARATION,
    (all: string, keyword: string, space: string, name: string, offset: number) => {
      const placeholder = PLACEHOLDER[name.toLowerCase()]!;
      masked.set(placeholder.toLowerCase(), name);
      const at = offset + keyword.length + space.length;
      const lineStart = source.lastIndexOf('\n', at - 1) + 1;
      const line = (source.slice(0, lineStart).match(/\n/g)?.length ?? 0) + 1;
      uses.push({ kind: 'reserved-name', line, column: at - lineStart + 1, name });
      return `${keyword}${space}${placeholder}`;
    },
  );
  return masked.size > 0 ? { source: replaced, masked, uses } : undefined;
}

/**
 * Puts the real names back into the declarations; returns the lines of the declarations that had one (a masked word
 * in a comment or a string declares nothing).
 */
export function unmaskClassNames(classes: ClassDecl[], masked: Map<string, string>): Set<number> {
  const lines = new Set<number>();
  for (const decl of classes) {
    const cut = decl.name.lastIndexOf('\\') + 1;
    const original = masked.get(decl.name.slice(cut).toLowerCase());
    if (!original) continue;
    decl.name = `${decl.name.slice(0, cut)}${original}`;
    lines.add(decl.line);
  }
  return lines;
}
