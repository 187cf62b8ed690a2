// The store options check and plan share (issue #11): one parser, one help text, one message per bad value, so the
// two commands price the same store.
import type { Command } from 'commander';
import { UsageError } from './exit.js';

export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** `--orders-per-day`, `--catalog-size` and `--platform` on a command. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--orders-per-day <n>', 'store traffic, for maintenance vs blue-green (check and plan take the same)')
    .option('--catalog-size <n>', 'number of products, for downtime and maintenance vs blue-green')
    .option('--platform <service=version>', 'what the store runs, e.g. mariadb=10.6 php=8.2 (repeatable)', collect, []);
}

export interface StoreOptionValues {
  ordersPerDay?: string;
  catalogSize?: string;
  platform: string[];
}

/** A non-negative number option, or undefined when absent. */
export function nonNegative(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a non-negative number, not "${value}".`);
  return n;
}

/** The store options as the library takes them (services and versions are checked there, against the config's too). */
export function parseStoreOptions(opts: StoreOptionValues): {
  platform: Record<string, string>;
  ordersPerDay: number | undefined;
  catalogSize: number | undefined;
} {
  const platform: Record<string, string> = {};
  for (const p of opts.platform) {
    const m = /^([a-z]+)=(.+)$/.exec(p.trim());
    if (!m) throw new UsageError(`--platform "${p}" is not service=version (mariadb=10.6).`);
    platform[m[1]!] = m[2]!;
  }
  return {
    platform,
    ordersPerDay: nonNegative('--orders-per-day', opts.ordersPerDay),
    catalogSize: nonNegative('--catalog-size', opts.catalogSize),
  };
}
