// Third-party extensions in dependency order (a topological sort over the Composer graph of installed packages)
// and which of them touch money or delivery (payment, shipping, tax, checkout): those get a sandbox transaction test.
import type { ComposerPackage, ProjectModel } from '../project/model.js';

export interface ExtensionInfo {
  package: ComposerPackage;
  modules: string[];
  critical: boolean;
  criticalBecause: string[];
}

const CRITICAL_CORE = /^magento\/module-(payment|vault|shipping|offline-shipping|tax|checkout)$/;
const CRITICAL_MODULES = /^Magento_(Payment|Vault|Shipping|OfflineShipping|Tax|Checkout|Quote)$/;
const CRITICAL_CLASSES = /^Magento\\(Payment|Vault|Shipping|OfflineShipping|Tax|Checkout|Quote)\\/;
const CRITICAL_WORDS =
  /\b(payments?|pay|gateway|checkout|shipping|carrier|freight|tax|vat|braintree|stripe|adyen|klarna|paypal|mollie|vertex|avalara)\b/i;

function isExtension(p: ComposerPackage): boolean {
  return (
    (p.source === 'third-party' || p.source === 'path') &&
    /^magento2-(module|theme|component)$|^metapackage$/.test(p.type) &&
    !p.bundled
  );
}

export function listExtensions(model: ProjectModel): ExtensionInfo[] {
  const byName = new Map(model.packages.map((p) => [p.name, p]));
  const extensions = model.packages.filter(isExtension);
  const infos = extensions.map((p) => {
    const modules = model.modules.filter((m) => m.package === p.name);
    const because: string[] = [];
    const core = Object.keys(p.require).filter((r) => CRITICAL_CORE.test(r));
    if (core.length) because.push(`requires ${core.join(', ')}`);
    const sequence = modules.flatMap((m) => m.sequence.filter((s) => CRITICAL_MODULES.test(s)));
    if (sequence.length) because.push(`module.xml sequence on ${[...new Set(sequence)].join(', ')}`);
    const hooks = modules.flatMap((m) => [
      ...m.customizations.plugins.map((x) => x.target),
      ...m.customizations.preferences.map((x) => x.for),
    ]);
    const hooked = [...new Set(hooks.filter((h) => CRITICAL_CLASSES.test(h)))];
    if (hooked.length)
      because.push(`plugins/preferences on ${hooked.slice(0, 3).join(', ')}${hooked.length > 3 ? ', …' : ''}`);
    const words = `${p.name} ${p.description ?? ''} ${modules.map((m) => m.name).join(' ')}`.replace(/[-_/]/g, ' ');
    const word = CRITICAL_WORDS.exec(words.replace(/([a-z])([A-Z])/g, '$1 $2'));
    if (word) because.push(`name or description says "${word[0]}"`);
    return { package: p, modules: modules.map((m) => m.name), critical: because.length > 0, criticalBecause: because };
  });
  return topological(infos, byName);
}

/**
 * Kahn's algorithm over "requires" edges (through libraries too), dependencies first; ties by name so the order is
 * stable. A cycle is broken at its alphabetically first package.
 */
export function topological(infos: ExtensionInfo[], byName: Map<string, ComposerPackage>): ExtensionInfo[] {
  const names = new Set(infos.map((i) => i.package.name));
  const deps = new Map<string, Set<string>>();
  for (const info of infos) {
    const reach = new Set<string>();
    const stack = Object.keys(info.package.require);
    const seen = new Set<string>();
    while (stack.length) {
      const n = stack.pop()!;
      if (seen.has(n)) continue;
      seen.add(n);
      if (names.has(n) && n !== info.package.name) reach.add(n);
      else if (!names.has(n)) stack.push(...Object.keys(byName.get(n)?.require ?? {}));
    }
    deps.set(info.package.name, reach);
  }
  const out: ExtensionInfo[] = [];
  const left = new Map(infos.map((i) => [i.package.name, i]));
  while (left.size) {
    const ready = [...left.keys()].filter((n) => [...deps.get(n)!].every((d) => !left.has(d))).sort();
    const next = ready[0] ?? [...left.keys()].sort()[0]!;
    out.push(left.get(next)!);
    left.delete(next);
  }
  return out;
}
