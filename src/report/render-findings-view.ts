import { renderGithub } from './github/render-github.js';
import type { FindingsView } from './json/findings-view.js';
import { renderJunit } from './junit/render-junit.js';
import { renderSarif, type RuleMetaOf } from './sarif/render-sarif.js';

/** The machine formats every command shares: they render a FindingsView, whichever command built it. */
export const FINDINGS_VIEW_FORMATS = ['sarif', 'junit', 'github'] as const;
export type FindingsViewFormat = (typeof FINDINGS_VIEW_FORMATS)[number];

/**
 * SARIF, JUnit or GitHub annotations of one view (check, audit, monitor, verify). `ruleMeta` gives SARIF each rule's
 * description and help; the other two formats need only the findings.
 */
export function renderFindingsView(view: FindingsView, format: FindingsViewFormat, ruleMeta: RuleMetaOf): string {
  switch (format) {
    case 'sarif':
      return renderSarif(view, { ruleMeta });
    case 'junit':
      return renderJunit(view);
    case 'github':
      return renderGithub(view);
  }
}
