import type { ProjectModel } from '../project/model.js';

/** Whose code a file is: Magento's (core and bundled) is never the client's work. */
export type Owner = 'core' | 'bundled' | 'third-party' | 'custom' | 'library' | 'generated' | 'unknown';

export interface CodeOrigin {
  /** Path relative to the project root (from `app/` or `vendor/` on), forward slashes. */
  file: string;
  module?: string;
  package?: string;
  owner: Owner;
}

/** The project's own code: custom modules and third-party extensions (bundled and core are Magento's). */
export function isOwnCode(owner: Owner): boolean {
  return owner === 'custom' || owner === 'third-party';
}

interface Prefix {
  path: string;
  module?: string;
  package?: string;
  owner: Owner;
}

export interface OriginSnapshot {
  prefixes: Prefix[];
  modulesByNamespace: [string, { name: string; package?: string; owner: Owner }][];
  moduleOwners: [string, Owner][];
  cronJobs: [string, CodeOrigin & { line: number }][];
}

/**
 * Maps file paths found in logs to the project model's modules and packages. Log paths are absolute and often from
 * another machine (`/var/www/releases/42/vendor/…`): only the part from `app/`, `vendor/`, `lib/`, `generated/` or
 * `setup/` on is used.
 */
export class OriginMap {
  private readonly prefixes: Prefix[];
  private readonly modulesByNamespace = new Map<string, { name: string; package?: string; owner: Owner }>();
  private readonly cache = new Map<string, CodeOrigin>();
  private readonly moduleOwners = new Map<string, Owner>();
  /** Cron job code → the module declaring it (crontab.xml), for failures logged without a stack. */
  private readonly cronJobs = new Map<string, CodeOrigin & { line: number }>();

  constructor(project: ProjectModel | undefined, snapshot?: OriginSnapshot) {
    if (snapshot) {
      this.prefixes = snapshot.prefixes;
      this.modulesByNamespace = new Map(snapshot.modulesByNamespace);
      this.moduleOwners = new Map(snapshot.moduleOwners);
      this.cronJobs = new Map(snapshot.cronJobs);
      return;
    }
    const prefixes: Prefix[] = [];
    const packages = new Map((project?.packages ?? []).map((p) => [p.name, p]));
    // The model marks what the product metapackage requires directly; what it requires through other packages
    // (2.4.7: adobe-commerce/os-extensions-metapackage → paypal/module-braintree → …-core) ships with Magento too.
    const bundled = new Set<string>();
    const seen = new Set<string>();
    const queue = [
      ...(project?.magento.productPackage ? [project.magento.productPackage] : []),
      ...[...packages.values()].filter((p) => p.bundled).map((p) => p.name),
    ];
    while (queue.length > 0) {
      const name = queue.pop()!;
      if (seen.has(name)) continue;
      seen.add(name);
      const pkg = packages.get(name);
      if (!pkg) continue;
      if (pkg.source === 'third-party') bundled.add(name);
      for (const dep of Object.keys(pkg.require)) if (!seen.has(dep)) queue.push(dep);
    }
    const ownerOfPackage = (name: string | null | undefined, core: boolean, appCode: boolean): Owner => {
      if (core) return 'core';
      const pkg = name ? packages.get(name) : undefined;
      if (pkg?.source === 'core' || pkg?.source === 'adobe') return 'core';
      if (pkg && bundled.has(pkg.name)) return 'bundled';
      if (appCode || pkg?.source === 'path' || pkg?.source === 'root') return 'custom';
      return 'third-party';
    };
    for (const m of project?.modules ?? []) {
      const owner = ownerOfPackage(m.package, m.core, m.location === 'app-code');
      prefixes.push({
        path: m.path.replace(/\/+$/, '') + '/',
        module: m.name,
        ...(m.package ? { package: m.package } : {}),
        owner,
      });
      this.moduleOwners.set(m.name, owner);
      for (const c of m.customizations.cronJobs) {
        this.cronJobs.set(c.name, {
          file: c.file,
          line: c.line,
          module: m.name,
          ...(m.package ? { package: m.package } : {}),
          owner,
        });
      }
      this.modulesByNamespace.set(m.name.replace('_', '\\'), {
        name: m.name,
        ...(m.package ? { package: m.package } : {}),
        owner,
      });
    }
    for (const p of project?.packages ?? []) {
      if (!p.path) continue;
      const isMagentoCode = /^magento2?-/.test(p.type);
      const owner: Owner =
        p.source === 'core' || p.source === 'adobe'
          ? 'core'
          : bundled.has(p.name)
            ? 'bundled'
            : p.source === 'path' || p.source === 'root'
              ? 'custom'
              : isMagentoCode
                ? 'third-party'
                : 'library';
      prefixes.push({ path: p.path.replace(/\/+$/, '') + '/', package: p.name, owner });
    }
    // Longest first: a module inside a package wins over the package.
    this.prefixes = prefixes.sort((a, b) => b.path.length - a.path.length);
  }

  /** What the map knows, as plain data (for worker threads, which rebuild it with `fromSnapshot`). */
  snapshot(): OriginSnapshot {
    return {
      prefixes: this.prefixes,
      modulesByNamespace: [...this.modulesByNamespace],
      moduleOwners: [...this.moduleOwners],
      cronJobs: [...this.cronJobs],
    };
  }

  static fromSnapshot(snapshot: OriginSnapshot): OriginMap {
    return new OriginMap(undefined, snapshot);
  }

  /** Whose a module is (custom, third-party, core, bundled); undefined when the model does not know it. */
  ownerOfModule(name: string): Owner | undefined {
    return this.moduleOwners.get(name);
  }

  /** The crontab.xml declaring a cron job, from the model. */
  ofCronJob(jobCode: string): (CodeOrigin & { line: number }) | undefined {
    return this.cronJobs.get(jobCode);
  }

  /** The origin of a path as a log shows it, or undefined when it is not under a known project directory. */
  of(logPath: string): CodeOrigin | undefined {
    const cached = this.cache.get(logPath);
    if (cached) return cached;
    const rel = relativePath(logPath);
    if (!rel) return undefined;
    let origin: CodeOrigin = { file: rel, owner: 'unknown' };
    const hit = this.prefixes.find((p) => rel.startsWith(p.path));
    if (hit) {
      origin = {
        file: rel,
        ...(hit.module ? { module: hit.module } : {}),
        ...(hit.package ? { package: hit.package } : {}),
        owner: hit.owner,
      };
    } else if (rel.startsWith('generated/')) {
      // Interceptors and factories: generated/code/Vendor/Module/… belongs to that module.
      const ns = /^generated\/code\/([^/]+)\/([^/]+)\//.exec(rel);
      const m = ns ? this.modulesByNamespace.get(`${ns[1]}\\${ns[2]}`) : undefined;
      origin = {
        file: rel,
        owner: 'generated',
        ...(m ? { module: m.name, ...(m.package ? { package: m.package } : {}) } : {}),
      };
    } else if (/^vendor\/magento\//.test(rel) || rel.startsWith('lib/internal/Magento/') || rel.startsWith('setup/')) {
      const pkg = /^vendor\/(magento\/[^/]+)\//.exec(rel)?.[1];
      origin = { file: rel, owner: 'core', ...(pkg ? { package: pkg } : {}) };
    } else if (rel.startsWith('vendor/')) {
      const pkg = /^vendor\/([^/]+\/[^/]+)\//.exec(rel)?.[1];
      origin = { file: rel, owner: 'unknown', ...(pkg ? { package: pkg } : {}) };
    } else if (rel.startsWith('app/code/')) {
      const mod = /^app\/code\/([^/]+)\/([^/]+)\//.exec(rel);
      origin = {
        file: rel,
        owner: mod?.[1] === 'Magento' ? 'core' : 'custom',
        ...(mod ? { module: `${mod[1]}_${mod[2]}` } : {}),
      };
    } else if (rel.startsWith('app/design/')) {
      origin = { file: rel, owner: /^app\/design\/\w+\/Magento\//.test(rel) ? 'core' : 'custom' };
    }
    if (this.cache.size < 50_000) this.cache.set(logPath, origin);
    return origin;
  }
}

const ROOTS = /(?:^|\/)((?:app\/(?:code|design|etc)|vendor|lib\/internal|generated\/code|setup\/src|pub)\/.*)$/;

/** `…/app/code/Acme/Foo/Model/Bar.php` → `app/code/Acme/Foo/Model/Bar.php`. */
export function relativePath(logPath: string): string | undefined {
  const normal = logPath.replace(/\\/g, '/');
  return ROOTS.exec(normal)?.[1];
}
