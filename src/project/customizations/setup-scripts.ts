import type { SetupScript } from '../model.js';

const LEGACY: Record<string, SetupScript['kind']> = {
  'Setup/InstallSchema.php': 'install-schema',
  'Setup/UpgradeSchema.php': 'upgrade-schema',
  'Setup/InstallData.php': 'install-data',
  'Setup/UpgradeData.php': 'upgrade-data',
  'Setup/Recurring.php': 'recurring',
  'Setup/RecurringData.php': 'recurring',
};

/**
 * Classifies a module file as a setup script by its path (PSR-4: the path gives the class), or undefined.
 * @param inModule path inside the module directory
 */
export function setupScriptOf(moduleName: string, inModule: string, file: string): SetupScript | undefined {
  let kind: SetupScript['kind'] | undefined = LEGACY[inModule];
  if (!kind && inModule.endsWith('.php')) {
    if (inModule.startsWith('Setup/Patch/Data/')) kind = 'data-patch';
    else if (inModule.startsWith('Setup/Patch/Schema/')) kind = 'schema-patch';
  }
  if (!kind) return undefined;
  const namespace = moduleName.replace('_', '\\');
  return { file, kind, class: `${namespace}\\${inModule.slice(0, -'.php'.length).split('/').join('\\')}` };
}
