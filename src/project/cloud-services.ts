// Adobe Commerce Cloud's .magento/services.yaml: each service names its type and version (`type: mysql:10.3`,
// `type: opensearch:2`); .magento.app.yaml's `relationships` say which services the application uses
// (`database: "mysql:mysql"`: service `mysql`). Parsed with the `yaml` library, lines kept for the findings.
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';

export interface CloudService {
  /** The service's key in the file (what relationships name). */
  name: string;
  /** The type's name: `mysql`, `mariadb`, `elasticsearch`, `opensearch`, `redis`… */
  type: string;
  /** As written: `10.3`, `7.6`, `2`. */
  version: string;
  /** 1-based line of its `type:`. */
  line: number;
}

/** The services the file declares, in file order; none when the file is not a YAML map (nothing guessed). */
export function readCloudServices(text: string): CloudService[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return [];
  const services: CloudService[] = [];
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key) || !isMap(pair.value)) continue;
    const type = pair.value.get('type', true);
    const value: unknown = isScalar(type) ? type.value : undefined;
    if (!isScalar(type) || typeof value !== 'string') continue;
    const match = /^([a-z][\w-]*):(\d+(?:\.\d+)*)/.exec(value.trim());
    if (!match) continue;
    services.push({
      name: String(pair.key.value),
      type: match[1]!,
      version: match[2]!,
      line: type.range ? lineCounter.linePos(type.range[0]).line : 1,
    });
  }
  return services;
}

/**
 * The service names .magento.app.yaml's `relationships` point at (`"mysql:mysql"` → `mysql`); undefined when the
 * file declares none or is not YAML, so the caller cannot tell which declared service the application uses.
 */
export function readCloudRelationships(text: string): ReadonlySet<string> | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const relationships = doc.contents.get('relationships', true);
  if (!isMap(relationships)) return undefined;
  const names = new Set<string>();
  for (const pair of relationships.items)
    if (isScalar(pair.value) && typeof pair.value.value === 'string') names.add(pair.value.value.split(':')[0]!.trim());
  return names.size > 0 ? names : undefined;
}
