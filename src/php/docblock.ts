import type { DocFlags } from './types.js';

/**
 * Reads the tags MageUp cares about from a `/** … *\/` docblock: `@api`, `@deprecated [text]`, `@see target`.
 * Returns undefined fields when absent, so the result can be spread into a declaration without adding keys.
 */
export function parseDocFlags(doc: string | undefined): DocFlags {
  if (doc === undefined || doc.indexOf('@') < 0) return {};
  const flags: DocFlags = {};
  for (const match of doc.matchAll(DOC_TAG)) {
    const tag = match[1]!.toLowerCase();
    const rest = cleanTagText(match[2] ?? '');
    if (tag === 'api') flags.api = true;
    else if (tag === 'deprecated') flags.deprecated ??= rest;
    else if (tag === 'see') {
      const target = rest.split(/\s+/, 1)[0]!;
      if (isSeeTarget(target)) (flags.see ??= []).push(target);
    }
  }
  return flags;
}

/**
 * Whether the first word of an `@see` names something a reader can follow: a URL, a class or member
 * (`\Foo\Bar`, `Bar::baz()`, `baz()`, `StockItemInterface`, `Zend_Db_Select`). Core docblocks also write prose
 * there ("@see we don't recommend this approach anymore", "@see Nothing", "@see MAGETWO-71174"): not a replacement.
 */
export function isSeeTarget(word: string): boolean {
  if (/^https?:\/\/\S+$/.test(word)) return true;
  if (!/^\\?[A-Za-z_][\w\\]*(?:::\$?\w+)?(?:\(\))?$/.test(word)) return false;
  if (/\\|::|\(\)$/.test(word)) return true;
  return /^[A-Z]/.test(word) && !SEE_PROSE.has(word.toLowerCase());
}

/** Capitalised words that start a sentence after `@see` in Magento's docblocks, not class names. */
const SEE_PROSE = new Set(['nothing', 'none', 'no', 'not', 'updated', 'current', 'use', 'this', 'see', 'for', 'the']);

/** A tag at the start of a docblock line (after the leading `*`), and the rest of that line. */
const DOC_TAG = /(?:^|\n)[ \t]*(?:\/\*\*|\*)?[ \t]*@(api|deprecated|see)(?![\w-])([^\n]*)/gi;

function cleanTagText(text: string): string {
  return text.replace(/\*\/\s*$/, '').trim();
}

/**
 * `@var Type $name` declarations in a comment (templates declare their block this way), also in the
 * `@var $name Type` order some IDEs accept. Only single class-like types: unions say nothing certain.
 */
export function parseVarTags(comment: string): { type: string; variable: string }[] {
  const out: { type: string; variable: string }[] = [];
  for (const match of comment.matchAll(VAR_TAG)) {
    if (match[1] !== undefined) out.push({ type: match[1], variable: match[2]! });
    else out.push({ type: match[4]!, variable: match[3]! });
  }
  return out;
}

const IDENT = '[A-Za-z_\\x80-\\uffff][\\w\\x80-\\uffff]*';
const TYPE = `\\\\?${IDENT}(?:\\\\${IDENT})*`;
const VAR_TAG = new RegExp(`@var\\s+(?:(${TYPE})\\s+\\$(${IDENT})|\\$(${IDENT})\\s+(${TYPE}))(?![\\w|&\\\\])`, 'g');
