import type { CronJob } from '../model.js';
import type { XmlElement } from '../xml.js';
import { className } from './di.js';

/** Jobs of one crontab.xml; the schedule is the cron expression, or `config:<path>` when read from configuration. */
export function readCrontabXml(root: XmlElement, file: string, into: CronJob[]): void {
  for (const groupEl of root.children.filter((c) => c.name === 'group')) {
    for (const el of groupEl.children.filter((c) => c.name === 'job')) {
      const job: CronJob = {
        group: groupEl.attrs.id ?? '',
        name: el.attrs.name ?? '',
        instance: className(el.attrs.instance),
        method: el.attrs.method ?? '',
        file,
        line: el.line,
      };
      const schedule = el.children.find((c) => c.name === 'schedule')?.text;
      const configPath = el.children.find((c) => c.name === 'config_path')?.text;
      if (schedule) job.schedule = schedule;
      else if (configPath) job.schedule = `config:${configPath}`;
      into.push(job);
    }
  }
}
