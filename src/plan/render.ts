import type { Clock } from '../knowledge/clock.js';
import { planDocument, renderHtml, renderMarkdown, renderText } from './document.js';
import { renderIcs } from './ics.js';
import type { Plan } from './types.js';

import type { PlanFormat } from './formats.js';

export { PLAN_FORMATS, type PlanFormat } from './formats.js';

export function renderPlan(plan: Plan, format: PlanFormat, clock: Clock): string {
  switch (format) {
    case 'json':
      return JSON.stringify(plan, null, 2);
    case 'ics':
      return renderIcs(plan.schedule, {
        now: clock.now(),
        project: `${plan.project.root}\0${plan.current.version}\0${plan.target.version}`,
      });
    case 'md':
      return renderMarkdown(planDocument(plan));
    case 'html':
      return renderHtml(planDocument(plan), `Upgrade plan ${plan.current.version} → ${plan.target.version}`);
    case 'text':
      return renderText(planDocument(plan));
  }
}
