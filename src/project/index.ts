// The project model: everything MageUp reads from a Magento project's files, usable without the CLI.
export { loadProject, NotMagentoProjectError } from './load.js';
export type { LoadOptions, LoadProgress } from './load.js';
export { codeFiles, codeFilesOf } from './code-files.js';
export { detectRoot } from './root.js';
export type { DetectedRoot } from './root.js';
export { evaluatePhpArrayFile, PhpConstant } from './php-array.js';
export type { PhpArray, PhpValue } from './php-array.js';
export { parseXml } from './xml.js';
export type { XmlElement } from './xml.js';
export type * from './model.js';
