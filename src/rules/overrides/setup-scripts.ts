// Shared by the setup-patch and legacy-setup-script rules: the custom modules' setup scripts, with the line to report.
import type { Module, SetupScript } from '../../project/model.js';
import type { RuleContext } from '../rule.js';

/** Each setup script of a custom module whose kind is in `kinds`, with its class declaration line when analysed. */
export function* customSetupScripts(
  context: RuleContext,
  kinds: ReadonlySet<SetupScript['kind']>,
): Generator<{ module: Module; script: SetupScript; at: { line?: number } }> {
  for (const module of context.project.modules) {
    if (module.core) continue;
    for (const script of module.customizations.setupScripts) {
      if (!kinds.has(script.kind)) continue;
      // The class declaration line, from the analysed PHP file (setup scripts are code under check).
      const line = context.code.find((c) => c.analysis.file === script.file)?.analysis.classes[0]?.line;
      yield { module, script, at: line !== undefined ? { line } : {} };
    }
  }
}
