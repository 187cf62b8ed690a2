import type { Rule } from '../rule.js';
import { coreCronChanged } from './core-cron-changed.js';
import { jqueryRemovedApi } from './jquery-removed-api.js';
import { jqueryUiModule } from './jquery-ui-module.js';
import { jsDependencyTarget } from './js-dependency-target.js';
import { layoutArgumentNeededByTemplate } from './layout-argument-needed-by-template.js';
import { layoutReferenceRemoved } from './layout-reference-removed.js';
import { legacySetupScript } from './legacy-setup-script.js';
import { mixinMethodRemoved } from './mixin-method-removed.js';
import { noOriginal } from './no-original.js';
import { pluginPreferenceMoved } from './plugin-preference-moved.js';
import { pluginTargetAdded } from './plugin-target-added.js';
import { pluginTargetChanged } from './plugin-target-changed.js';
import { preferenceChanged } from './preference-changed.js';
import { queueConsumerChanged } from './queue-consumer-changed.js';
import { redundantOverride } from './redundant-override.js';
import { requirejsMapTarget } from './requirejs-map-target.js';
import { requirejsMixinTarget } from './requirejs-mixin-target.js';
import { setupPatch } from './setup-patch.js';
import { themeEmailChanged } from './theme-email-changed.js';
import { themeLayoutChanged } from './theme-layout-changed.js';
import { themeTemplateChanged } from './theme-template-changed.js';
import { themeViewXmlChanged } from './theme-view-xml-changed.js';
import { themeWebChanged } from './theme-web-changed.js';

export const rules: Rule[] = [
  coreCronChanged,
  jqueryRemovedApi,
  jqueryUiModule,
  jsDependencyTarget,
  layoutArgumentNeededByTemplate,
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
