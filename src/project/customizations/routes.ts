import type { Route } from '../model.js';
import type { XmlElement } from '../xml.js';

/** Front names of one etc/<area>/routes.xml. */
export function readRoutesXml(root: XmlElement, file: string, area: string, into: Route[]): void {
  for (const router of root.children.filter((c) => c.name === 'router')) {
    for (const el of router.children.filter((c) => c.name === 'route')) {
      into.push({ area, id: el.attrs.id ?? '', frontName: el.attrs.frontName ?? '', file, line: el.line });
    }
  }
}
