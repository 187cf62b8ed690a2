import type { Rule } from '../rule.js';
import { rule as coreCronChanged } from './core-cron-changed.js';
import { rule as jqueryRemovedApi } from './jquery-removed-api.js';
import { rule as jqueryUiModule } from './jquery-ui-module.js';
import { rule as jsDependencyTarget } from './js-dependency-target.js';
import { rule as layoutReferenceRemoved } from './layout-reference-removed.js';
import { rule as legacySetupScript } from './legacy-setup-script.js';
import { rule as mixinMethodRemoved } from './mixin-method-removed.js';
import { rule as noOriginal } from './no-original.js';
import { rule as pluginPreferenceMoved } from './plugin-preference-moved.js';
import { rule as pluginTargetAdded } from './plugin-target-added.js';
import { rule as pluginTargetChanged } from './plugin-target-changed.js';
import { rule as preferenceChanged } from './preference-changed.js';
import { rule as queueConsumerChanged } from './queue-consumer-changed.js';
import { rule as redundantOverride } from './redundant-override.js';
import { rule as requirejsMapTarget } from './requirejs-map-target.js';
import { rule as requirejsMixinTarget } from './requirejs-mixin-target.js';
import { rule as setupPatch } from './setup-patch.js';
import { rule as themeEmailChanged } from './theme-email-changed.js';
import { rule as themeLayoutChanged } from './theme-layout-changed.js';
import { rule as themeTemplateChanged } from './theme-template-changed.js';
import { rule as themeViewXmlChanged } from './theme-view-xml-changed.js';
import { rule as themeWebChanged } from './theme-web-changed.js';

export const rules: Rule[] = [
  coreCronChanged,
  jqueryRemovedApi,
  jqueryUiModule,
  jsDependencyTarget,
  layoutReferenceRemoved,
  legacySetupScript,
  mixinMethodRemoved,
  noOriginal,
  pluginPreferenceMoved,
  pluginTargetAdded,
  pluginTargetChanged,
  preferenceChanged,
  queueConsumerChanged,
  redundantOverride,
  requirejsMapTarget,
  requirejsMixinTarget,
  setupPatch,
  themeEmailChanged,
  themeLayoutChanged,
  themeTemplateChanged,
  themeViewXmlChanged,
  themeWebChanged,
];
