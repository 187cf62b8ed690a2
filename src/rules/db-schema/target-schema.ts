import type { CoreSchema } from '../../knowledge/db-schema/index.js';
import type { MessagePart, RuleContext } from '../rule.js';
import { coreSchemaIndex, nearestSchemaNote, type SchemaSource } from './schema-pair.js';

/**
 * The `{{why}}` of a key or foreign key naming an element the target's schema lacks: a module disables it, or none
 * declares it. Declared by the rules that report it.
 */
export const ABSENT_MESSAGES = {
  disabledByModule: 'a module disables',
  declaredByNone: 'no module declares (nor core)',
};

/** The `{{why}}` of an element the target's merged schema lacks. */
export function whyAbsent(state: ElementState): MessagePart[] {
  return [{ messageId: state.disabled ? 'disabledByModule' : 'declaredByNone' }];
}

/** Whether the target's merged declarative schema has a table or column, and who decided. */
export interface ElementState {
  /** Declared (not disabled) by the target's core schema or by a module of the project. */
  declared: boolean;
  /** Disabled by a module of the project and re-declared by none: Magento's SchemaBuilder skips it. */
  disabled: boolean;
  /** Core declares it at the target. */
  core: boolean;
}

export interface MergedSchema {
  core: CoreSchema;
  /** The `{{note}}` naming the nearest release that stands in for the target (nearestSchemaNote). */
  note: MessagePart[];
  table(name: string): ElementState;
  column(table: string, column: string): ElementState;
  /** Some non-core module's db_schema.xml was not read: an element declared nowhere may come from it. */
  incomplete: boolean;
}

/**
 * The schema Magento's SchemaBuilder builds at the target, as far as MageUp knows it: every db_schema.xml is merged by
 * table and element name (core's at the target release from the shipped index or --target-vendor, and every module
 * of the project), and an element whose merged declaration says `disabled="true"` is skipped
 * (SchemaBuilder::isDisabled). Undefined, with one info finding, when the core schema data cannot be read.
 */
export function mergedTargetSchema(
  context: RuleContext,
  load: SchemaSource,
  ruleLabel: string,
): MergedSchema | undefined {
  const index = coreSchemaIndex(context, load, ruleLabel);
  if (!index) return undefined;
  const core = index.at(context.target.release.version);
  const tables = new Map<string, { on: number; off: number }>();
  const columns = new Map<string, { on: number; off: number }>();
  const count = (map: Map<string, { on: number; off: number }>, key: string, disabled: boolean): void => {
    const entry = map.get(key) ?? { on: 0, off: 0 };
    if (disabled) entry.off++;
    else entry.on++;
    map.set(key, entry);
  };
  for (const module of context.project.modules)
    for (const t of module.customizations.dbSchema) {
      count(tables, t.name, t.disabled);
      for (const c of t.columns) count(columns, `${t.name}\u0000${c.name}`, c.disabled);
    }
  const state = (inCore: boolean, project: { on: number; off: number } | undefined): ElementState => {
    const disabled = !!project && project.off > 0 && project.on === 0;
    return { declared: !disabled && (inCore || (project?.on ?? 0) > 0), disabled, core: inCore };
  };
  return {
    core,
    note: nearestSchemaNote([core]),
    table: (name) => state(!!core.getTable(name), tables.get(name)),
    column: (table, column) => {
      const t = state(!!core.getTable(table), tables.get(table));
      const c = state(!!core.getTable(table)?.columns[column], columns.get(`${table}\u0000${column}`));
      return t.disabled ? { ...c, declared: false, disabled: true } : c;
    },
    incomplete: context.project.modules.some((m) => !m.core && m.customizationsScanned === false),
  };
}
