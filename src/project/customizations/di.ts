import type { DiTypeArguments, Plugin, Preference, VirtualType } from '../model.js';
import { descendants, xmlBool } from '../xml.js';
import type { XmlElement } from '../xml.js';

export interface DiDeclarations {
  preferences: Preference[];
  plugins: Plugin[];
  virtualTypes: VirtualType[];
  typeArguments: DiTypeArguments[];
}

/** Class names are written with or without a leading backslash; Magento ignores it. */
export function className(value: string | undefined): string {
  return (value ?? '').trim().replace(/^\\+/, '');
}

/** Reads preferences, plugins, virtual types and object arguments of one di.xml (`area`: global, frontend…). */
export function readDiXml(root: XmlElement, file: string, area: string, into: DiDeclarations): void {
  for (const el of root.children) {
    if (el.name === 'preference') {
      into.preferences.push({
        for: className(el.attrs.for),
        type: className(el.attrs.type),
        area,
        file,
        line: el.line,
      });
    } else if (el.name === 'type' || el.name === 'virtualType') {
      const typeName = className(el.attrs.name);
      if (el.name === 'virtualType') {
        into.virtualTypes.push({ name: typeName, type: className(el.attrs.type), area, file, line: el.line });
      }
      for (const child of el.children) {
        if (child.name === 'plugin') into.plugins.push(readPlugin(child, typeName, file, area));
      }
      const args = objectArguments(el);
      if (args.length > 0) into.typeArguments.push({ type: typeName, classes: args, area, file, line: el.line });
    }
  }
}

function readPlugin(el: XmlElement, target: string, file: string, area: string): Plugin {
  const plugin: Plugin = {
    target,
    name: el.attrs.name ?? '',
    disabled: xmlBool(el.attrs.disabled),
    area,
    methods: [],
    file,
    line: el.line,
  };
  if (el.attrs.type) plugin.type = className(el.attrs.type);
  const sortOrder = el.attrs.sortOrder;
  if (sortOrder !== undefined && /^-?\d+$/.test(sortOrder.trim())) plugin.sortOrder = Number(sortOrder);
  return plugin;
}

/** Class names injected as `xsi:type="object"` arguments or array items, with their lines. */
function objectArguments(typeEl: XmlElement): { name: string; line: number }[] {
  const out: { name: string; line: number }[] = [];
  for (const argumentsEl of typeEl.children.filter((c) => c.name === 'arguments')) {
    for (const el of descendants(argumentsEl)) {
      if ((el.name === 'argument' || el.name === 'item') && el.attrs['xsi:type'] === 'object' && el.text) {
        out.push({ name: className(el.text), line: el.line });
      }
    }
  }
  return out;
}
