import type { ClassDecl, MethodDecl, ParamDecl } from '../php/types.js';

/**
 * Docblock types of a method, kept beside the declared ones: Magento's API is typed largely in docblocks
 * (`@return DataObject|null`), and Adobe's own backward-incompatible-change lists count a docblock type change as a
 * "return typing changed". Stored as written (names not resolved), compared loosely.
 */
export interface DocTypedMethod extends MethodDecl {
  /** `@return` type as written in the docblock. */
  docReturnType?: string;
  params: (ParamDecl & { docType?: string })[];
}

/**
 * Adds `docReturnType` and per-parameter `docType` to the methods of the given classes, reading the docblock that
 * ends just above each method's line (attribute lines in between are skipped).
 */
export function addDocTypes(source: string, classes: ClassDecl[]): void {
  let lines: string[] | undefined;
  for (const decl of classes) {
    for (const method of decl.methods as DocTypedMethod[]) {
      lines ??= source.split('\n');
      const raw = docblockAbove(lines, method.line);
      if (!raw) continue;
      const doc = raw.replace(/[ \t]*\|[ \t]*/g, '|'); // `Foo | null` is one type
      const ret = /@return\s+([^\s*]+)/.exec(doc);
      if (ret) method.docReturnType = ret[1]!;
      for (const match of doc.matchAll(/@param\s+([^\s$*]+)\s+&?(?:\.\.\.)?\$(\w+)/g)) {
        const param = method.params.find((p) => p.name === match[2]);
        if (param) param.docType = match[1]!;
      }
    }
  }
}

/** The `/** … *\/` block ending right above a 1-based line (blank and `#[...]` attribute lines may sit between). */
export function docblockAbove(lines: string[], line: number): string | undefined {
  let end = line - 2;
  // The method line may start with modifiers on their own line above `function`; step over attributes and blanks.
  while (end >= 0) {
    const text = lines[end]!.trim();
    if (text === '' || text.startsWith('#[')) end--;
    else break;
  }
  if (end < 0 || !lines[end]!.trim().endsWith('*/')) return undefined;
  let start = end;
  while (start >= 0 && !lines[start]!.includes('/**')) {
    if (end - start > 400) return undefined;
    start--;
  }
  if (start < 0) return undefined;
  return lines.slice(start, end + 1).join('\n');
}
