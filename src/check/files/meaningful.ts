// Whether an upstream change to an original matters to an override: upgrade-patch-helper ignores changes that only
// touch comments, whitespace or blank lines ("not meaningful"), and so does MageUp, with the same normalisation.

/** Comments of a file type: `<!-- -->` in markup, `/* *\/` and line comments in JS and LESS/CSS. */
function stripComments(text: string, path: string): string {
  if (/\.(html|phtml|xml)$/.test(path)) return text.replace(/<!--[\s\S]*?-->/g, '');
  if (/\.(js|less|css)$/.test(path))
    return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[\s;{}(),])\/\/.*$/gm, '$1');
  return text;
}

/** Lines trimmed, blank lines dropped (UPH's Sanitiser::stripWhitespaceAndNewlines). */
function normalise(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join('\n');
}

/** True when two versions of a file differ only in comments, whitespace or blank lines. */
export function sameIgnoringComments(before: string, after: string, path: string): boolean {
  return normalise(stripComments(before, path)) === normalise(stripComments(after, path));
}
