import type { WebapiRoute } from '../model.js';
import type { XmlElement } from '../xml.js';
import { className } from './di.js';

/** REST routes of one webapi.xml with the service contract each calls. */
export function readWebapiXml(root: XmlElement, file: string, into: WebapiRoute[]): void {
  for (const el of root.children.filter((c) => c.name === 'route')) {
    const service = el.children.find((c) => c.name === 'service');
    into.push({
      method: (el.attrs.method ?? '').toUpperCase(),
      url: el.attrs.url ?? '',
      serviceClass: className(service?.attrs.class),
      serviceMethod: service?.attrs.method ?? '',
      file,
      line: el.line,
    });
  }
}
