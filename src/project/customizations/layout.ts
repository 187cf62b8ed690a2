import type { LayoutArgument, LayoutFile } from '../model.js';
import { descendants } from '../xml.js';
import type { XmlElement } from '../xml.js';
import { className } from './di.js';

/**
 * Blocks (with class, template and arguments), object arguments (view models), references (with their arguments),
 * handle updates and moves of one layout or page_layout file.
 */
export function readLayoutXml(root: XmlElement, file: string, area: string): LayoutFile {
  const fileName = file.split('/').pop() ?? '';
  const layout: LayoutFile = { file, area, handle: fileName.replace(/\.xml$/, ''), blocks: [], references: [] };
  for (const el of descendants(root)) {
    if (el.name === 'block') {
      const block: LayoutFile['blocks'][number] = { class: className(el.attrs.class), line: el.line };
      if (el.attrs.name) block.name = el.attrs.name;
      if (el.attrs.template) block.template = el.attrs.template;
      const args = blockArguments(el);
      if (args.length > 0) block.arguments = args;
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
      const reference: LayoutFile['references'][number] = {
        kind: el.name === 'referenceBlock' ? 'block' : 'container',
        name: el.attrs.name ?? '',
        line: el.line,
      };
      const args = blockArguments(el);
      if (args.length > 0) reference.arguments = args;
      layout.references.push(reference);
    }
  }
  return layout;
}

/** The `<arguments><argument>` children of one block or referenceBlock (not of the blocks nested in it). */
function blockArguments(el: XmlElement): LayoutArgument[] {
  const out: LayoutArgument[] = [];
  for (const group of el.children)
    if (group.name === 'arguments')
      for (const arg of group.children) {
        if (arg.name !== 'argument' || !arg.attrs.name) continue;
        const type = arg.attrs['xsi:type'] ?? '';
        const argument: LayoutArgument = { name: arg.attrs.name, type, line: arg.line };
        if (type === 'object' && arg.text) argument.class = className(arg.text);
        out.push(argument);
      }
  return out;
}
