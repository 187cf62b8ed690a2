import type { CodeFile, ProjectModel } from './model.js';

/**
 * The PHP and .phtml files of the code under check: custom code (app/code, app/design, path repositories, the
 * extension itself) and third-party Magento extensions in vendor — never core `magento/*` code nor generic libraries.
 * Listed by `loadProject()` without reading them; sorted by path.
 */
export function codeFiles(model: ProjectModel): CodeFile[] {
  return [...(model.codeFiles ?? [])].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Only custom code, or only third-party vendor code (`mageup check --only custom`). */
export function codeFilesOf(model: ProjectModel, origin: CodeFile['origin']): CodeFile[] {
  return codeFiles(model).filter((f) => f.origin === origin);
}
