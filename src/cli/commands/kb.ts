import type { Command } from 'commander';
import { UsageError } from '../exit.js';
import type { KbFormat } from '../../report/kb/render-kb.js';
import type { SetExitCode } from './index.js';

/**
 * `mageup kb status`: coverage and freshness of the knowledge base.
 * `mageup kb update`: refresh release metadata from a Composer repository (and advisories with --online) into the
 * user cache directory.
 */
export function register(program: Command, _setExitCode: SetExitCode): void {
  const kb = program
    .command('kb')
    .description('Inspect and refresh the knowledge base (release catalog, advisories, API index)');

  kb.command('status')
    .description('List every release 2.3.0 … 2.4.9 with its data coverage, and the freshness of each data source')
    .option('--format <format>', 'text or json', 'text')
    .option(
      '--cache-dir <dir>',
      'cache directory of kb update (default: $MAGEUP_CACHE_DIR, else $XDG_CACHE_HOME/mageup or ~/.cache/mageup)',
    )
    .action(async (opts: { format: string; cacheDir?: string }) => {
      const format = checkFormat(opts.format);
      const [{ kbStatus }, { renderKbStatus }] = await Promise.all([
        import('../../knowledge/kb-status.js'),
        import('../../report/kb/render-kb.js'),
      ]);
      process.stdout.write(renderKbStatus(kbStatus({ cacheDir: opts.cacheDir }), format));
    });

  kb.command('update')
    .description(
      'Refresh release and package metadata from a Composer v2 repository (repo.magento.com or a Mage-OS mirror)',
    )
    .option(
      '--repo <url>',
      'Composer repository (default: https://mirror.mage-os.org/; use https://repo.magento.com/ with --auth)',
    )
    .option('--auth <file>', 'Composer auth.json with http-basic credentials for the repository host')
    .option(
      '--cache-dir <dir>',
      'where to write (default: $MAGEUP_CACHE_DIR, else $XDG_CACHE_HOME/mageup or ~/.cache/mageup)',
    )
    .option('--online', 'also refresh security advisories from the Packagist API')
    .option('--packagist <url>', 'Packagist API base URL for --online (default: https://packagist.org)')
    .option('--timeout <seconds>', 'network timeout per request', '30')
    .option('--format <format>', 'text or json', 'text')
    .action(
      async (opts: {
        repo?: string;
        auth?: string;
        cacheDir?: string;
        online?: boolean;
        packagist?: string;
        timeout: string;
        format: string;
      }) => {
        const format = checkFormat(opts.format);
        const timeoutMs = Number(opts.timeout) * 1000;
        if (!Number.isFinite(timeoutMs) || timeoutMs <= 0)
          throw new UsageError(`--timeout: expected seconds, got "${opts.timeout}"`);
        if (opts.repo !== undefined) {
          try {
            new URL(opts.repo);
          } catch {
            throw new UsageError(`--repo: not a URL: "${opts.repo}"`);
          }
        }
        const [{ updateKnowledgeBase }, { renderKbUpdate }] = await Promise.all([
          import('../../knowledge/kb-update.js'),
          import('../../report/kb/render-kb.js'),
        ]);
        const update = await updateKnowledgeBase({
          ...(opts.repo ? { repo: opts.repo } : {}),
          ...(opts.auth ? { auth: opts.auth } : {}),
          ...(opts.cacheDir ? { cacheDir: opts.cacheDir } : {}),
          ...(opts.online ? { online: true } : {}),
          ...(opts.packagist ? { packagist: opts.packagist } : {}),
          timeoutMs,
        });
        process.stdout.write(renderKbUpdate(update, format));
      },
    );
}

function checkFormat(format: string): KbFormat {
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format: expected text or json, got "${format}"`);
  return format;
}
