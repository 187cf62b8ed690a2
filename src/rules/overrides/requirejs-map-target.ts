import type { ReleaseFiles } from '../../check/files/release-files.js';
import type { Rule, RuleContext } from '../rule.js';
import { resolveJsModule, type JsFile } from './js-modules.js';
import { checkJsTarget, JS_TARGET_DETAIL_MESSAGES, requireJsConfigs } from './requirejs-targets.js';

export const requirejsMapTarget: Rule = {
  meta: {
    id: 'overrides/requirejs-map-target',
    severity: 'warning',
    category: 'overrides',
    description: 'requirejs-config.js map/paths entry replacing core JS that changed or disappeared in the target',
    docs: 'A map (or paths) entry replaces a core JS module with a custom copy: upstream changes to the original never reach the store, and a removed original leaves the copy serving a dead id. A paths value is a file path: RequireJS joins it to baseUrl as written, without core map or paths, so a value naming a core file the target removed, or a core module id (`jquery-ui-modules/tabs`, which only core aliases make a file), requests a file that is not there (a 404). RequireJS then tries the next path of an array value, so such an entry is an error only when no listed path loads in the target; a fallback that loads leaves an info (the 404 stays).',
    recommendations: {
      compareOnTarget: 'Compare the replacement with the original of a target install, or pass --target-vendor.',
      portOrDrop: 'Port the upstream change of the original into the replacement, or drop the replacement.',
      checkModule: 'Check that the module exists in a target install, or pass --target-vendor.',
      mapToId: 'Map {{from}} to the id that loads the file in the target.',
      mapToIdAt: 'Map {{from}} to the id that loads the file in the target ({{path}}).',
      checkFile: 'Check that the file exists in a target install, or pass --target-vendor.',
      dropFallback:
        'Drop {{to}} from the entry (or point it at {{path}}): every page that needs {{from}} requests it first and ' +
        'gets a 404.',
      dropFallbackFile:
        'Drop {{to}} from the entry (or point it at the file): every page that needs {{from}} requests it first and ' +
        'gets a 404.',
      pointAtFile:
        'Point the path at the file itself ({{path}}), or depend on the id {{to}} directly instead of through a ' +
        'paths alias.',
      pointAtReplacement:
        'Point the path at the file that replaces it in the target, or ship the file with the module.',
    },
    messages: {
      changed: '{{to}} replaces {{from}}: {{detail}}.',
      removed: '{{to}} replaces {{from}}: {{detail}}.',
      unverified: '{{to}} replaces {{from}}: {{detail}}.',
      ...JS_TARGET_DETAIL_MESSAGES,
      pathRemoved:
        'paths entry {{from}} points at {{file}}, which {{target}} no longer ships (it did in {{current}}): RequireJS requests {{to}}.js and gets a 404.',
      pathIsId:
        'paths entry {{from}} points at {{to}}, a module id, not a file: RequireJS joins paths values to baseUrl without core map or paths, so it requests {{to}}.js, which {{target}} does not ship (nor did {{current}}) (a 404); the id {{to}} loads {{file}} in {{target}}.',
      mapRemoved:
        'map entry {{from}} → {{to}} loads {{file}} in {{current}}, which {{target}} no longer ships: RequireJS runs a map value through paths but does not map it again, so core aliases that moved the module do not apply (a 404).',
      mapIsAliased:
        'map entry {{from}} → {{to}} requests {{file}}, which {{target}} does not ship (nor did {{current}}) (a 404): RequireJS runs a map value through paths but does not map it again, and only core map makes {{to}} load {{now}} in {{target}}.',
      mapUnverified:
        'Could not verify the map entry {{from}} → {{to}} ({{file}} in {{current}}) against {{target}}: the knowledge base has no file or RequireJS alias data for it there.',
      pathFallback:
        'paths entry {{from}}: its first path {{to}} requests a file {{target}} does not ship (a 404); RequireJS then ' +
        'loads the next path, {{fallback}} ({{file}}), so the module loads, after a 404 on every page that needs it.',
      pathFallbackUnverified:
        'paths entry {{from}}: its first path {{to}} requests a file {{target}} does not ship (a 404); RequireJS then ' +
        'tries {{fallback}}, which the knowledge base cannot place: could not verify that the module loads.',
      pathUnverified:
        'Could not verify the paths entry {{from}} → {{to}} ({{file}} in {{current}}) against {{target}}: the knowledge base has no {{what}} data for it there.',
      // The parts of the messages above: what data pathUnverified lacks, a fallback that is not a path.
      fileData: 'file',
      fileOrAliasData: 'file or RequireJS alias',
      notAString: '(an element that is not a string)',
    },
    messageSeverity: {
      removed: 'error',
      unverified: 'info',
      pathRemoved: 'error',
      pathUnverified: 'info',
      pathFallback: 'info',
      pathFallbackUnverified: 'info',
      mapRemoved: 'error',
      mapUnverified: 'info',
    },
  },
  check(context) {
    for (const { config, area } of requireJsConfigs(context)) {
      for (const entry of [...config.map, ...config.paths]) {
        checkJsTarget(context, entry.from, area, (state, detail) => {
          const verify = state === 'unverified';
          context.report({
            file: config.file,
            line: entry.line,
            subject: `${entry.from} ${entry.to}`,
            messageId: state === 'removed' ? 'removed' : state === 'unverified' ? 'unverified' : 'changed',
            data: { to: entry.to, from: entry.from, detail },
            recommendationId: verify ? 'compareOnTarget' : 'portOrDrop',
            effort: { hours: verify ? 0 : 1, confidence: 'low' },
          });
        });
      }
      // Read only once an entry is judged, which needs the current release's files.
      const labels = () => ({
        current: context.files!.current!.label,
        target: context.files?.target?.label ?? context.target.release.version,
      });
      for (const entry of config.map) {
        const judged = judgeMapValue(context, entry.to, area);
        if (!judged) continue;
        const { verdict: messageId, file, now } = judged;
        const verify = messageId === 'mapUnverified';
        context.report({
          file: config.file,
          line: entry.line,
          subject: `${entry.from} map ${entry.to}`,
          messageId,
          data: {
            from: entry.from,
            to: entry.to,
            file,
            now: now ?? '',
            ...labels(),
            ...(judged.path ? { path: judged.path } : {}),
          },
          recommendationId: verify ? 'checkModule' : judged.path ? 'mapToIdAt' : 'mapToId',
          effort: { hours: verify ? 0 : 0.5, confidence: 'medium' },
        });
      }
      for (const entry of config.paths) {
        const first = judgePathValue(context, entry.to, area);
        const judged = first && withFallbacks(context, first, entry.fallbacks ?? [], area);
        if (!judged) continue;
        const { verdict: messageId, file, lacks } = judged;
        context.report({
          file: config.file,
          line: entry.line,
          subject: `${entry.from} path ${entry.to}`,
          messageId,
          data: {
            from: entry.from,
            to: entry.to,
            file,
            ...(lacks ? { what: [{ messageId: lacks }] } : {}),
            fallback: judged.fallback === null ? [{ messageId: 'notAString' }] : (judged.fallback ?? ''),
            ...labels(),
            // The file the entry should name (pathIsId, and a pathFallback after one).
            ...(judged.path ? { path: judged.path } : {}),
          },
          recommendationId:
            messageId === 'pathUnverified' || messageId === 'pathFallbackUnverified'
              ? 'checkFile'
              : messageId === 'pathFallback'
                ? judged.path
                  ? 'dropFallback'
                  : 'dropFallbackFile'
                : messageId === 'pathIsId'
                  ? 'pointAtFile'
                  : 'pointAtReplacement',
          effort: { hours: messageId === 'pathUnverified' ? 0 : 0.5, confidence: 'medium' },
        });
      }
    }
  },
};

type PathJudgement = {
  verdict:
    | 'pathRemoved'
    | 'pathIsId'
    | 'pathUnverified'
    | 'pathFallback'
    | 'pathFallbackUnverified'
    | 'mapRemoved'
    | 'mapIsAliased'
    | 'mapUnverified';
  /**
   * The fallback path that loads (pathFallback) or that no data places (pathFallbackUnverified); null when that
   * element of the array is not a string.
   */
  fallback?: string | null;
  file: string;
  /** The data pathUnverified lacks: a message part's id. */
  lacks?: 'fileData' | 'fileOrAliasData';
  /** What to write as the paths value to load the same file (pathIsId). */
  path?: string;
  /** The file the full core aliases make of the value in the target (mapIsAliased). */
  now?: string;
};

/**
 * A paths value RequireJS will request as a file: judged only when core knowledge says what it is (a core file in the
 * current release, or a core module id there or in the target). A value the target still ships as a file is fine.
 */
function judgePathValue(context: RuleContext, value: string, area: string): PathJudgement | undefined {
  const current = context.files?.current;
  const target = context.files?.target;
  if (!current) return undefined;
  const before = resolveJsModule(value, area, current, 'path');
  if (before === 'unknown') return undefined; // another module's file, a URL: not core's to judge
  const after = target ? resolveJsModule(value, area, target, 'path') : 'unknown';
  if (after !== undefined && after !== 'unknown') return undefined; // the file is there
  if (before !== undefined) {
    if (after === 'unknown') return { verdict: 'pathUnverified', file: where(before), lacks: 'fileData' };
    return { verdict: 'pathRemoved', file: where(before) };
  }
  // Not a file in the current release either: ours only when core aliases make it a module id.
  const idBefore = resolveJsModule(value, area, current);
  const idAfter = target ? resolveJsModule(value, area, target) : 'unknown';
  if (isFile(idAfter) && target) return { verdict: 'pathIsId', file: where(idAfter), path: pathValueOf(idAfter) };
  if (isFile(idBefore) && (idAfter === 'unknown' || !aliasesKnown(target)))
    return { verdict: 'pathUnverified', file: where(idBefore), lacks: 'fileOrAliasData' };
  return undefined;
}

/**
 * A first path that fails in the target, judged as RequireJS loads a paths array: it tries the next path on a load
 * error, so the module is broken only when no listed path loads. A fallback the target ships makes the 404 a cost,
 * not a break (info); one no data places (another module's file, a URL, not a string) leaves it unverified (info).
 */
function withFallbacks(
  context: RuleContext,
  first: PathJudgement,
  fallbacks: (string | null)[],
  area: string,
): PathJudgement {
  if (first.verdict !== 'pathRemoved' && first.verdict !== 'pathIsId') return first;
  const target = context.files?.target;
  if (!target) return first;
  let unplaced: string | null | undefined;
  for (const fallback of fallbacks) {
    const loaded = fallback === null ? 'unknown' : resolveJsModule(fallback, area, target, 'path');
    if (isFile(loaded)) return { ...first, verdict: 'pathFallback', fallback: fallback!, file: where(loaded) };
    if (loaded === 'unknown' && unplaced === undefined) unplaced = fallback;
  }
  return unplaced === undefined ? first : { ...first, verdict: 'pathFallbackUnverified', fallback: unplaced };
}

/** A map value: an id RequireJS runs through paths only. Judged only where core knowledge says what it loads. */
function judgeMapValue(context: RuleContext, value: string, area: string): PathJudgement | undefined {
  const current = context.files?.current;
  const target = context.files?.target;
  if (!current) return undefined;
  const before = resolveJsModule(value, area, current, 'mapped');
  const after = target ? resolveJsModule(value, area, target, 'mapped') : 'unknown';
  if (isFile(after)) return undefined; // loads a file in the target
  if (isFile(before)) {
    if (after === 'unknown') return { verdict: 'mapUnverified', file: where(before) };
    const now = target ? resolveJsModule(value, area, target) : undefined;
    return { verdict: 'mapRemoved', file: where(before), ...(isFile(now) ? { path: pathValueOf(now) } : {}) };
  }
  if (before === 'unknown' || after === 'unknown') return undefined;
  // A 404 in both releases: ours only when core map (which a map value never gets) makes the value a file.
  const idAfter = resolveJsModule(value, area, target!);
  if (!isFile(idAfter)) return undefined;
  // The URL under baseUrl: the value after core paths (the only aliases it gets).
  const requested = `${target!.js?.pathed(value, area) ?? value}.js`;
  return {
    verdict: 'mapIsAliased',
    file: requested,
    now: where(idAfter),
    path: pathValueOf(idAfter),
  };
}

/** The paths value that loads `file`: lib/web/jquery/x.js → jquery/x; Magento_Ui::view/base/web/js/y.js → Magento_Ui/js/y. */
function pathValueOf(file: JsFile): string {
  const path = file.path.replace(/\.js$/, '');
  return file.component === 'lib' ? path : `${file.component}/${path.replace(/^view\/[^/]+\/web\//, '')}`;
}

function isFile(f: JsFile | 'unknown' | undefined): f is JsFile {
  return f !== undefined && f !== 'unknown';
}

function aliasesKnown(files: ReleaseFiles | null | undefined): boolean {
  return files?.js !== undefined;
}

function where(file: { component: string; path: string }): string {
  return file.component === 'lib' ? `lib/web/${file.path}` : `${file.component}::${file.path}`;
}
