import { createRequire } from 'node:module';
import { Language, Parser } from 'web-tree-sitter';
import type { Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let languagePromise: Promise<Language> | undefined;

/** Loads the PHP grammar once per process (or worker): the wasm ships in the pinned `tree-sitter-php` package. */
function loadLanguage(): Promise<Language> {
  languagePromise ??= (async () => {
    await Parser.init();
    return Language.load(require.resolve('tree-sitter-php/tree-sitter-php.wasm'));
  })();
  return languagePromise;
}

/**
 * A PHP parser. Tree-sitter never throws on bad syntax: broken regions become ERROR/MISSING nodes and the rest of the
 * tree is still usable, so a file that does not parse gives partial results rather than none.
 */
export class PhpParser {
  private constructor(private readonly parser: Parser) {}

  static async create(): Promise<PhpParser> {
    const language = await loadLanguage(); // also runs Parser.init(), which must precede `new Parser()`
    const parser = new Parser();
    parser.setLanguage(language);
    return new PhpParser(parser);
  }

  /** Parses source text. The caller must `tree.delete()` when done (wasm memory is not garbage-collected). */
  parse(source: string): Tree {
    const tree = this.parser.parse(source);
    if (!tree) throw new Error('tree-sitter returned no tree');
    return tree;
  }
}

let shared: Promise<PhpParser> | undefined;

/** One parser per thread is enough: parsing is synchronous. */
export function sharedPhpParser(): Promise<PhpParser> {
  shared ??= PhpParser.create();
  return shared;
}
