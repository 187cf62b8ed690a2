import type { LayoutFile } from '../model.js';
import { descendants } from '../xml.js';
import type { XmlElement } from '../xml.js';
import { className } from './di.js';

/**
 * Blocks (with class and template), object arguments (view models), references, handle updates and moves of one layout
 * or page_layout file.
 */
export function readLayoutXml(root: XmlElement, file: string, area: string): LayoutFile {
  const fileName = file.split('/').pop() ?? '';
  const layout: LayoutFile = { file, area, handle: fileName.replace(/\.xml$/, ''), blocks: [], references: [] };
  for (const el of descendants(root)) {
    if (el.name === 'block') {
      const block: LayoutFile['blocks'][number] = { class: className(el.attrs.class), line: el.line };
      if (el.attrs.name) block.name = el.attrs.name;
      if (el.attrs.template) block.template = el.attrs.template;
      layout.blocks.push(block);
    } else if ((el.name === 'argument' || el.name === 'item') && el.attrs['xsi:type'] === 'object' && el.text) {
      const object: NonNullable<LayoutFile['objects']>[number] = { class: className(el.text), line: el.line };
      if (el.attrs.name) object.argument = el.attrs.name;
      (layout.objects ??= []).push(object);
    } else if (el.name === 'update' && el.attrs.handle) {
      (layout.updates ??= []).push({ handle: el.attrs.handle, line: el.line });
    } else if (el.name === 'move' && el.attrs.element) {
      (layout.moves ??= []).push({ element: el.attrs.element, destination: el.attrs.destination ?? '', line: el.line });
    } else if (el.name === 'referenceBlock' || el.name === 'referenceContainer') {
      layout.references.push({
        kind: el.name === 'referenceBlock' ? 'block' : 'container',
        name: el.attrs.name ?? '',
        line: el.line,
      });
    }
  }
  return layout;
}
