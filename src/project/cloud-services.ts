// Adobe Commerce Cloud's .magento/services.yaml: each service names its type and version (`type: mysql:10.3`,
// `type: opensearch:2`). Read line by line (no YAML library): only the `type:` entries matter, with their lines.

export interface CloudService {
  /** The type's name: `mysql`, `mariadb`, `elasticsearch`, `opensearch`, `redis`… */
  type: string;
  /** As written: `10.3`, `7.6`, `2`. */
  version: string;
  /** 1-based line of its `type:`. */
  line: number;
}

/** The services the file declares, in file order. */
export function readCloudServices(text: string): CloudService[] {
  const services: CloudService[] = [];
  text.split('\n').forEach((row, index) => {
    const match = /^\s+type:\s*['"]?([a-z][\w-]*):(\d+(?:\.\d+)*)/.exec(row);
    if (match) services.push({ type: match[1]!, version: match[2]!, line: index + 1 });
  });
  return services;
}
