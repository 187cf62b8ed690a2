import type { Observer } from '../model.js';
import { xmlBool } from '../xml.js';
import type { XmlElement } from '../xml.js';
import { className } from './di.js';

/** Observers of one events.xml. */
export function readEventsXml(root: XmlElement, file: string, area: string, into: Observer[]): void {
  for (const eventEl of root.children.filter((c) => c.name === 'event')) {
    for (const el of eventEl.children.filter((c) => c.name === 'observer')) {
      into.push({
        event: eventEl.attrs.name ?? '',
        name: el.attrs.name ?? '',
        instance: className(el.attrs.instance),
        disabled: xmlBool(el.attrs.disabled),
        area,
        file,
        line: el.line,
      });
    }
  }
}
