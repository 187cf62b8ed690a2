import type { Customizations } from '../model.js';
import type { LoadContext } from '../context.js';
import type { WalkedFile } from '../walk.js';
import { readCrontabXml } from './crontab.js';
import { readDbSchemaWhitelist, readDbSchemaXml } from './db-schema.js';
import { readDiXml } from './di.js';
import { readEventsXml } from './events.js';
import { readLayoutXml } from './layout.js';
import { isProjectJs, readJsSource } from './js-source.js';
import { readRequireJsConfig } from './requirejs.js';
import { readRoutesXml } from './routes.js';
import { setupScriptOf } from './setup-scripts.js';
import { readWebapiXml } from './webapi.js';

export function emptyCustomizations(): Customizations {
  return {
    preferences: [],
    plugins: [],
    virtualTypes: [],
    typeArguments: [],
    observers: [],
    cronJobs: [],
    dbSchema: [],
    webapiRoutes: [],
    graphqlSchemas: [],
    routes: [],
    layouts: [],
    templates: [],
    requirejs: [],
    setupScripts: [],
  };
}

/**
 * The customization inventory of one module, from the files of its directory (already listed by the walker):
 * di.xml, events.xml, crontab.xml, db_schema.xml, webapi.xml, routes.xml, GraphQL schemas, layouts, templates,
 * requirejs-config.js and setup scripts. Broken files are reported and skipped.
 */
export function collectCustomizations(
  ctx: LoadContext,
  moduleName: string,
  moduleDir: string,
  files: WalkedFile[],
): Customizations {
  const c = emptyCustomizations();
  const prefix = moduleDir ? `${moduleDir}/` : '';
  for (const { path: file } of files) {
    const inModule = file.slice(prefix.length);
    const parts = inModule.split('/');
    if (parts[0] === 'etc') {
      const area = parts.length === 3 ? (parts[1] ?? 'global') : 'global';
      const name = parts.at(-1);
      if (parts.length > 3) continue;
      if (name === 'di.xml') withXml(ctx, file, (root) => readDiXml(root, file, area, c));
      else if (name === 'events.xml') withXml(ctx, file, (root) => readEventsXml(root, file, area, c.observers));
      else if (name === 'crontab.xml' && parts.length === 2)
        withXml(ctx, file, (r) => readCrontabXml(r, file, c.cronJobs));
      else if (name === 'db_schema.xml' && parts.length === 2)
        withXml(ctx, file, (r) => readDbSchemaXml(r, file, c.dbSchema));
      else if (name === 'db_schema_whitelist.json' && parts.length === 2) {
        const source = ctx.readText(file);
        const whitelist = source === undefined ? undefined : readDbSchemaWhitelist(source, file, ctx.problems);
        if (whitelist) c.dbSchemaWhitelist = whitelist;
      } else if (name === 'webapi.xml' && parts.length === 2)
        withXml(ctx, file, (r) => readWebapiXml(r, file, c.webapiRoutes));
      else if (name === 'routes.xml' && parts.length === 3)
        withXml(ctx, file, (r) => readRoutesXml(r, file, area, c.routes));
      else if (name?.endsWith('.graphqls')) c.graphqlSchemas.push(file);
    } else if (parts[0] === 'view' && parts.length >= 4) {
      const area = parts[1] ?? 'base';
      const kind = parts[2];
      if ((kind === 'layout' || kind === 'page_layout') && file.endsWith('.xml')) {
        withXml(ctx, file, (root) => c.layouts.push(readLayoutXml(root, file, area)));
      } else if (kind === 'templates' && file.endsWith('.phtml')) {
        c.templates.push(file);
      } else if (kind === 'web' && isProjectJs(file)) {
        const source = ctx.readText(file);
        if (source !== undefined) (c.js ??= []).push(readJsSource(source, file, area, ctx.problems));
      }
    } else if (parts[0] === 'view' && parts.length === 3 && parts[2] === 'requirejs-config.js') {
      const source = ctx.readText(file);
      if (source !== undefined) c.requirejs.push(readRequireJsConfig(source, file, ctx.problems));
    } else if (parts[0] === 'Setup') {
      const script = setupScriptOf(moduleName, inModule, file);
      if (script) c.setupScripts.push(script);
    }
  }
  return c;
}

function withXml(
  ctx: LoadContext,
  file: string,
  read: (root: NonNullable<ReturnType<LoadContext['readXml']>>) => void,
): void {
  const root = ctx.readXml(file);
  if (root) read(root);
}
