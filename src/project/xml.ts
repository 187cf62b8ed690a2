import { SaxesParser } from 'saxes';

/** A small XML element tree: enough for Magento's configuration files, with the line of every element. */
export interface XmlElement {
  /** Qualified name as written (`xsi:type` stays `xsi:type`). */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text and CDATA directly inside this element, trimmed. */
  text: string;
  /** 1-based line of the opening tag. */
  line: number;
}

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; line: number; message: string };

/**
 * Parses an XML document into an element tree. Never throws: malformed input gives `{ ok: false }` with the line of
 * the first error, so callers can report it and move on to the next file.
 */
export function parseXml(source: string): XmlParseResult {
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let error: { line: number; message: string } | undefined;
  let tagLine = 1;

  parser.on('error', (e) => {
    // Keep the first error only: later ones are usually consequences of it.
    error ??= { line: parser.line, message: e.message.replace(/^(?:.*?:)?\d+:\d+: /, '') };
  });
  parser.on('opentagstart', () => {
    tagLine = parser.line;
  });
  parser.on('opentag', (tag) => {
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries(tag.attributes))
      attrs[key] = typeof value === 'string' ? value : value.value;
    const element: XmlElement = { name: tag.name, attrs, children: [], text: '', line: tagLine };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root ??= element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    const element = stack.pop();
    if (element) element.text = element.text.trim();
  });
  const addText = (text: string): void => {
    const current = stack.at(-1);
    if (current) current.text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);

  try {
    parser.write(source).close();
  } catch (e) {
    error ??= { line: parser.line, message: e instanceof Error ? e.message : String(e) };
  }
  if (error) return { ok: false, ...error };
  if (!root) return { ok: false, line: 1, message: 'no root element' };
  return { ok: true, root };
}

/** Direct children with the given name. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

export function firstChild(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name);
}

/** Depth-first visit of every element below (and including) `element`. */
export function* descendants(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* descendants(child);
}

/** XML boolean as Magento reads it (`true`/`1`). */
export function xmlBool(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}
