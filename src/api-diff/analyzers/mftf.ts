/**
 * MFTF test-code changes as magento-semver reports them (src/Analyzer/Mftf/*Analyzer.php, codes and levels from
 * src/Operation/Mftf): entities (`<actionGroup>`, `<entity>`, `<operation>`, `<page>`, `<section>`, `<suite>`, `<test>`)
 * are registered per module by name from every changed `Test/Mftf/<type>/*.xml` (SVC's MftfScanner merges an entity
 * declared in several files), then compared child by child on their keys (stepKey, keyForRemoval, key, name).
 */
import { readFileSync } from 'node:fs';
import { parseXml } from '../../project/xml.js';
import type { XmlElement } from '../../project/xml.js';
import type { SemverLevel } from '../svc.js';
import type { ChangedFiles, FileOperation } from './types.js';

/** sabre/xml's reading of an element, which SVC's analyzers compare: a list of children, a text, or null. */
interface Node {
  name: string;
  attributes: Record<string, string>;
  value: Node[] | string | null;
}
interface Entity extends Node {
  type: string;
  filePaths: string[];
}
type Registry = Map<string, Map<string, Entity>>;

const OP = {
  ActionGroupActionAdded: ['M226', 'MINOR', '<actionGroup> <action> was added'],
  ActionGroupActionChanged: ['M204', 'PATCH', '<actionGroup> <action> was changed'],
  ActionGroupActionRemoved: ['M202', 'MAJOR', '<actionGroup> <action> was removed'],
  ActionGroupActionTypeChanged: ['M223', 'PATCH', '<actionGroup> <action> type was changed'],
  ActionGroupAdded: ['M225', 'MINOR', '<actionGroup> was added'],
  ActionGroupArgumentAdded: ['M227', 'MAJOR', '<actionGroup> <argument> was added'],
  ActionGroupArgumentChanged: ['M203', 'MAJOR', '<actionGroup> <argument> was changed'],
  ActionGroupArgumentRemoved: ['M201', 'MAJOR', '<actionGroup> <argument> was removed'],
  ActionGroupRemoveActionAdded: ['M404', 'MAJOR', '<actionGroup> <remove action> was added'],
  ActionGroupRemoveActionRemoved: ['M406', 'MAJOR', '<actionGroup> <remove action> was removed'],
  ActionGroupRemoved: ['M200', 'MAJOR', '<actionGroup> was removed'],
  DataEntityAdded: ['M228', 'MINOR', '<entity> was added'],
  DataEntityArrayAdded: ['M229', 'MINOR', '<entity> <array> was added'],
  DataEntityArrayItemRemoved: ['M207', 'MINOR', 'Entity <array> <item> element was removed'],
  DataEntityArrayRemoved: ['M206', 'MAJOR', 'Entity <array> element was removed'],
  DataEntityFieldAdded: ['M230', 'MINOR', 'Entity <data> element was added'],
  DataEntityFieldRemoved: ['M208', 'MAJOR', 'Entity <data> element was removed'],
  DataEntityRemoved: ['M205', 'MAJOR', 'Entity was removed'],
  DataEntityReqEntityAdded: ['M231', 'PATCH', '<entity> <required-entity> element was added'],
  DataEntityReqEntityRemoved: ['M209', 'MAJOR', 'Entity <required-entity> element was removed'],
  DataEntityVarAdded: ['M232', 'MINOR', '<entity> <var> element was added'],
  DataEntityVarRemoved: ['M210', 'MAJOR', 'Entity <var> element was removed'],
  MetadataAdded: ['M240', 'MINOR', '<operation> was added'],
  MetadataChanged: ['M241', 'MINOR', '<operation> was changed'],
  MetadataChildAdded: ['M242', 'MINOR', '<operation> child element was added'],
  MetadataChildRemoved: ['M212', 'MAJOR', '<operation> child element was removed'],
  MetadataRemoved: ['M211', 'MAJOR', '<operation> was removed'],
  PageAdded: ['M233', 'MINOR', '<page> was added'],
  PageRemoved: ['M213', 'MAJOR', '<page> was removed'],
  PageSectionAdded: ['M234', 'MINOR', '<page> <section> was added'],
  PageSectionRemoved: ['M214', 'MAJOR', '<page> <section> was removed'],
  SectionAdded: ['M235', 'MINOR', '<section> was added'],
  SectionElementAdded: ['M236', 'MINOR', '<section> <element> was added'],
  SectionElementChanged: ['M217', 'PATCH', '<section> <element> was changed'],
  SectionElementParameterizedChanged: ['M250', 'MAJOR', '<section> <element> parameterized was changed'],
  SectionElementRemoved: ['M216', 'MAJOR', '<section> <element> was removed'],
  SectionElementSelectorChanged: ['M219', 'PATCH', '<section> <element> selector was changed'],
  SectionElementTypeChanged: ['M218', 'PATCH', '<section> <element> type was changed'],
  SectionRemoved: ['M215', 'MAJOR', '<section> was removed'],
  SuiteAdded: ['M407', 'MINOR', '<suite> was added'],
  SuiteBeforeAfterActionAdded: ['M415', 'MINOR', '<suite> <before/after> <action> was added'],
  SuiteBeforeAfterActionChanged: ['M416', 'PATCH', '<suite> <before/after> <action> was changed'],
  SuiteBeforeAfterActionGroupRefChanged: ['M417', 'MINOR', '<suite> <before/after> <actionGroup> ref was changed'],
  SuiteBeforeAfterActionRemoved: ['M412', 'MAJOR', '<suite> <before/after> <action> was removed'],
  SuiteBeforeAfterActionSequenceChanged: ['M418', 'MAJOR', '<suite> <before/after> <action> sequence was changed'],
  SuiteBeforeAfterActionTypeChanged: ['M419', 'PATCH', '<suite> <before/after> <action> type was changed'],
  SuiteBeforeAfterRemoveActionAdded: ['M420', 'MAJOR', '<suite> <before/after> <remove> <action> was added'],
  SuiteBeforeAfterRemoveActionRemoved: ['M421', 'MAJOR', '<suite> <before/after> <remove> <action> was removed'],
  SuiteIncludeExcludeAdded: ['M409', 'PATCH', '<suite> <include/exclude> <group/test/module> was added'],
  SuiteIncludeExcludeRemoved: ['M410', 'PATCH', '<suite> <include/exclude> <group/test/module> was removed'],
  SuiteRemoved: ['M408', 'MAJOR', '<suite> was removed'],
  TestActionAdded: ['M238', 'MINOR', '<test> <action> was added'],
  TestActionChanged: ['M222', 'PATCH', '<test> <action> was changed'],
  TestActionGroupRefChanged: ['M241', 'MINOR', '<test> <actionGroup> ref was changed'],
  TestActionRemoved: ['M219', 'MAJOR', '<test> <action> was removed'],
  TestActionSequenceChanged: ['M223', 'MAJOR', '<test> <action> sequence was changed'],
  TestActionTypeChanged: ['M224', 'PATCH', '<test> <action> type was changed'],
  TestAdded: ['M237', 'MINOR', '<test> was added'],
  TestAnnotationAdded: ['M239', 'PATCH', '<test> <annotation> was added'],
  TestAnnotationChanged: ['M221', 'PATCH', '<test> <annotation> was removed or changed'],
  TestGroupRemoved: ['M220', 'MAJOR', '<test> <annotation> <group> was removed'],
  TestRemoveActionAdded: ['M401', 'MAJOR', '<test> <remove action> was added'],
  TestRemoveActionRemoved: ['M402', 'MAJOR', '<test> <remove action> was removed'],
  TestRemoved: ['M218', 'MAJOR', '<test> was removed'],
} satisfies Record<string, [string, SemverLevel, string]>; // prettier-ignore
type OpName = keyof typeof OP;

const MFTF_FILE = /(^|\/)([\w-]*)\/Test\/Mftf\/[^/]+\/[^/]+\.xml$/;

function toNode(e: XmlElement): Node {
  const name = e.name.includes(':') ? e.name.slice(e.name.indexOf(':') + 1) : e.name;
  const value = e.children.length > 0 ? e.children.map(toNode) : e.text === '' ? null : e.text;
  return { name, attributes: { ...e.attrs }, value };
}

const kids = (n: Node | undefined | null): Node[] => (n && Array.isArray(n.value) ? n.value : []);

/** SVC's MftfScanner: every top-level element of every changed MFTF file, per module (folder name) and name. */
function scan(files: Map<string, string>): Registry {
  const registry: Registry = new Map();
  for (const [rel, abs] of files) {
    const module = MFTF_FILE.exec(rel)?.[2];
    if (module === undefined) continue;
    const parsed = parseXml(readFileSync(abs, 'utf8'));
    if (!parsed.ok) continue;
    for (const child of parsed.root.children) {
      const node = toNode(child);
      const name = node.attributes.name;
      if (name === undefined) continue;
      const entities = registry.get(module) ?? new Map<string, Entity>();
      registry.set(module, entities);
      const existing = entities.get(name);
      if (existing) {
        existing.value = [...kids(existing), ...kids(node)];
        existing.filePaths.push(abs);
        existing.attributes = { ...existing.attributes, ...node.attributes };
      } else entities.set(name, { ...node, type: node.name, filePaths: [abs] });
    }
  }
  return registry;
}

class Report {
  readonly ops: FileOperation[] = [];
  add(name: OpName, location: string, target: string): void {
    const [code, level, reason] = OP[name];
    this.ops.push({ context: 'mftf', code, level, reason, target, location });
  }
}

function findMatching(before: Node, after: Node[], key: string): Node | undefined {
  const value = before.attributes[key];
  if (value === undefined) return undefined;
  return after.find((a) => a.attributes[key] === value);
}

function validateAttributes(
  r: Report,
  before: Record<string, string>,
  after: Record<string, string>,
  files: string,
  ops: { '*': OpName } & Record<string, OpName>,
  target: string,
): void {
  for (const [key, value] of Object.entries(before))
    if (after[key] !== value) r.add(ops[key] ?? ops['*'], files, `${target}/${key}`);
}

const canon = (n: Node): string => JSON.stringify(n);

function sequenceChanged(before: Node[], after: Node[]): boolean {
  const a = before.map(canon);
  const b = after.map(canon);
  if (a.join('\n') === b.join('\n')) return false;
  return a.sort().join('\n') === b.sort().join('\n');
}

function findAdded(
  r: Report,
  before: Node[],
  after: Node[],
  key: string,
  files: string,
  op: OpName,
  target: string,
): void {
  for (const child of after) {
    const value = child.attributes[key];
    if (value === undefined) continue;
    if (!findMatching(child, before, key)) r.add(op, files, `${target}/${value}`);
  }
}

function findAddedEntities(
  r: Report,
  before: Map<string, Entity> | undefined,
  after: Map<string, Entity> | undefined,
  type: string,
  op: OpName,
  target: string,
): void {
  for (const [name, entity] of after ?? []) {
    if (entity.type !== type) continue;
    if (!before?.has(name)) r.add(op, entity.filePaths.join(', '), `${target}/${name}`);
  }
}

interface ActionOps {
  stepKey: { add: OpName; remove: OpName };
  keyForRemoval: { add: OpName; remove: OpName };
  changed: OpName;
  ref?: OpName;
  type: OpName;
  sequence?: OpName;
}

/** Actions of a block (a test's body, its before/after, an action group's body) matched on stepKey/keyForRemoval. */
function validateActions(
  r: Report,
  before: Node[],
  after: Node[],
  files: string,
  target: string,
  ops: ActionOps,
): void {
  if (ops.sequence && sequenceChanged(before, after)) r.add(ops.sequence, files, target);
  for (const action of before) {
    const id =
      action.attributes.stepKey !== undefined
        ? 'stepKey'
        : action.attributes.keyForRemoval !== undefined
          ? 'keyForRemoval'
          : undefined;
    if (!id) continue;
    const key = action.attributes[id]!;
    const match = findMatching(action, after, id);
    if (!match) {
      r.add(ops[id].remove, files, `${target}/${key}`);
      continue;
    }
    validateAttributes(
      r,
      action.attributes,
      match.attributes,
      files,
      { '*': ops.changed, ...(ops.ref ? { ref: ops.ref } : {}) },
      `${target}/${key}`,
    );
    if (action.name !== match.name) r.add(ops.type, files, `${target}/${key}`);
  }
  for (const id of ['stepKey', 'keyForRemoval'] as const) findAdded(r, before, after, id, files, ops[id].add, target);
}

/** The per-type analysis of one entity present on both sides. */
type EntityAnalysis = (r: Report, before: Entity, after: Entity, files: string, target: string) => void;

const byName = (nodes: Node[], name: string): Node[] => nodes.filter((n) => n.name === name);

const ANALYZERS: { type: string; folder: string; added: OpName; removed: OpName; compare: EntityAnalysis }[] = [
  {
    type: 'entity',
    folder: 'Data',
    added: 'DataEntityAdded',
    removed: 'DataEntityRemoved',
    compare(r, before, after, files, target) {
      const pairs: [string, OpName, OpName][] = [
        ['data', 'DataEntityFieldRemoved', 'DataEntityFieldAdded'],
        ['var', 'DataEntityVarRemoved', 'DataEntityVarAdded'],
      ];
      for (const [name, removed, added] of pairs) {
        const b = byName(kids(before), name);
        const a = byName(kids(after), name);
        for (const field of b)
          if (!findMatching(field, a, 'key')) r.add(removed, files, `${target}/${field.attributes.key}`);
        findAdded(r, b, a, 'key', files, added, target);
      }
      // <requiredEntity type="…">Name</requiredEntity>: matched on type and value
      const b = byName(kids(before), 'requiredEntity');
      const a = byName(kids(after), 'requiredEntity');
      const same = (x: Node, list: Node[]) =>
        list.some((y) => y.attributes.type === x.attributes.type && y.value === x.value);
      for (const req of b)
        if (!same(req, a)) r.add('DataEntityReqEntityRemoved', files, `${target}/${String(req.value)}`);
      for (const req of a)
        if (!same(req, b)) r.add('DataEntityReqEntityAdded', files, `${target}/${req.attributes.type}`);
      const ba = byName(kids(before), 'array');
      const aa = byName(kids(after), 'array');
      for (const array of ba) {
        const match = findMatching(array, aa, 'key');
        if (!match) {
          r.add('DataEntityArrayRemoved', files, `${target}/${array.attributes.key}`);
          continue;
        }
        const items = kids(array).map((i) => i.value);
        for (const item of kids(match)) {
          const at = items.indexOf(item.value);
          if (at >= 0) items.splice(at, 1);
        }
        if (items.length > 0)
          r.add(
            'DataEntityArrayItemRemoved',
            files,
            `${target}/${array.attributes.key}/(${items.map(String).join(', ')})`,
          );
      }
      findAdded(r, ba, aa, 'key', files, 'DataEntityArrayAdded', target);
    },
  },
  {
    type: 'operation',
    folder: 'Metadata',
    added: 'MetadataAdded',
    removed: 'MetadataRemoved',
    compare(r, before, after, files, target) {
      validateAttributes(r, before.attributes, after.attributes, files, { '*': 'MetadataChanged' }, target);
      const walk = (b: Node, a: Node, op: OpName, at: string): void => {
        if (!Array.isArray(b.value)) return;
        for (const child of b.value) {
          const key = child.attributes.key;
          const found = kids(a).find((x) => x.name === child.name && x.attributes.key === key);
          if (!found) r.add(op, files, `${at}/${key ?? ''}`);
          else walk(child, found, op, `${at}/${key ?? ''}`);
        }
      };
      walk(before, after, 'MetadataChildRemoved', target);
      walk(after, before, 'MetadataChildAdded', target);
    },
  },
  {
    type: 'page',
    folder: 'Page',
    added: 'PageAdded',
    removed: 'PageRemoved',
    compare(r, before, after, files, target) {
      const b = byName(kids(before), 'section');
      const a = byName(kids(after), 'section');
      for (const s of b)
        if (!findMatching(s, a, 'name')) r.add('PageSectionRemoved', files, `${target}/${s.attributes.name}`);
      findAdded(r, b, a, 'name', files, 'PageSectionAdded', target);
    },
  },
  {
    type: 'section',
    folder: 'Section',
    added: 'SectionAdded',
    removed: 'SectionRemoved',
    compare(r, before, after, files, target) {
      const b = byName(kids(before), 'element');
      const a = byName(kids(after), 'element');
      for (const e of b) {
        const key = e.attributes.name;
        const match = findMatching(e, a, 'name');
        if (!match) {
          r.add('SectionElementRemoved', files, `${target}/${key}`);
          continue;
        }
        validateAttributes(
          r,
          e.attributes,
          match.attributes,
          files,
          {
            '*': 'SectionElementChanged',
            selector: 'SectionElementSelectorChanged',
            type: 'SectionElementTypeChanged',
            parameterized: 'SectionElementParameterizedChanged',
          },
          `${target}/${key}`,
        );
        if (match.attributes.parameterized !== undefined && e.attributes.parameterized === undefined)
          r.add('SectionElementParameterizedChanged', files, `${target}/${key}/parameterized`);
      }
      findAdded(r, b, a, 'name', files, 'SectionElementAdded', target);
    },
  },
  {
    type: 'test',
    folder: 'Test',
    added: 'TestAdded',
    removed: 'TestRemoved',
    compare(r, before, after, files, target) {
      const split = (e: Entity) => ({
        annotations: kids(e).find((c) => c.name === 'annotations'),
        before: kids(e).find((c) => c.name === 'before'),
        after: kids(e).find((c) => c.name === 'after'),
        actions: kids(e).filter((c) => !['annotations', 'before', 'after'].includes(c.name)),
      });
      const b = split(before);
      const a = split(after);
      for (const annotation of kids(b.annotations)) {
        const value = annotation.attributes.value;
        if (value === undefined) continue;
        if (findMatching(annotation, kids(a.annotations), 'value')) continue;
        if (annotation.name === 'group') r.add('TestGroupRemoved', files, `${target}/annotations/{}group(${value})`);
        else r.add('TestAnnotationChanged', files, `${target}/annotations/{}${annotation.name}`);
      }
      const ops: ActionOps = {
        stepKey: { add: 'TestActionAdded', remove: 'TestActionRemoved' },
        keyForRemoval: { add: 'TestRemoveActionAdded', remove: 'TestRemoveActionRemoved' },
        changed: 'TestActionChanged',
        ref: 'TestActionGroupRefChanged',
        type: 'TestActionTypeChanged',
        sequence: 'TestActionSequenceChanged',
      };
      validateActions(r, b.actions, a.actions, files, target, ops);
      validateActions(r, kids(b.before), kids(a.before), files, `${target}/before`, ops);
      validateActions(r, kids(b.after), kids(a.after), files, `${target}/after`, ops);
    },
  },
  {
    type: 'actionGroup',
    folder: 'ActionGroup',
    added: 'ActionGroupAdded',
    removed: 'ActionGroupRemoved',
    compare(r, before, after, files, target) {
      const args = (e: Entity) => kids(kids(e).find((c) => c.name === 'arguments'));
      const actions = (e: Entity) => kids(e).filter((c) => c.name !== 'arguments');
      validateActions(r, actions(before), actions(after), files, target, {
        stepKey: { add: 'ActionGroupActionAdded', remove: 'ActionGroupActionRemoved' },
        keyForRemoval: { add: 'ActionGroupRemoveActionAdded', remove: 'ActionGroupRemoveActionRemoved' },
        changed: 'ActionGroupActionChanged',
        type: 'ActionGroupActionTypeChanged',
      });
      const ba = args(before);
      const aa = args(after);
      for (const arg of ba) {
        const key = arg.attributes.name;
        const match = findMatching(arg, aa, 'name');
        if (!match) r.add('ActionGroupArgumentRemoved', files, `${target}/Arguments/${key}`);
        else
          validateAttributes(
            r,
            arg.attributes,
            match.attributes,
            files,
            { '*': 'ActionGroupArgumentChanged' },
            `${target}/${key}`,
          );
      }
      findAdded(r, ba, aa, 'name', files, 'ActionGroupArgumentAdded', target);
    },
  },
  {
    type: 'suite',
    folder: 'Suite',
    added: 'SuiteAdded',
    removed: 'SuiteRemoved',
    compare(r, before, after, files, target) {
      const part = (e: Entity, name: string) => kids(kids(e).find((c) => c.name === name));
      const ops: ActionOps = {
        stepKey: { add: 'SuiteBeforeAfterActionAdded', remove: 'SuiteBeforeAfterActionRemoved' },
        keyForRemoval: { add: 'SuiteBeforeAfterRemoveActionAdded', remove: 'SuiteBeforeAfterRemoveActionRemoved' },
        changed: 'SuiteBeforeAfterActionChanged',
        ref: 'SuiteBeforeAfterActionGroupRefChanged',
        type: 'SuiteBeforeAfterActionTypeChanged',
        sequence: 'SuiteBeforeAfterActionSequenceChanged',
      };
      validateActions(r, part(before, 'before'), part(after, 'before'), files, `${target}/before`, ops);
      validateActions(r, part(before, 'after'), part(after, 'after'), files, `${target}/after`, ops);
      for (const which of ['include', 'exclude']) {
        const b = part(before, which);
        const a = part(after, which);
        for (const e of b)
          if (e.attributes.name !== undefined && !findMatching(e, a, 'name'))
            r.add('SuiteIncludeExcludeRemoved', files, `${target}/${which}/${e.attributes.name}`);
        for (const e of a)
          if (e.attributes.name !== undefined && !findMatching(e, b, 'name'))
            r.add('SuiteIncludeExcludeAdded', files, `${target}/${which}/${e.attributes.name}`);
      }
    },
  },
];

export function analyzeMftf(files: ChangedFiles): FileOperation[] {
  const before = scan(files.before);
  const after = scan(files.after);
  const r = new Report();
  for (const analyzer of ANALYZERS) {
    for (const [module, entities] of before) {
      findAddedEntities(r, entities, after.get(module), analyzer.type, analyzer.added, `${module}/${analyzer.folder}`);
      for (const [name, entity] of entities) {
        if (entity.type !== analyzer.type) continue;
        const target = `${module}/${analyzer.folder}/${name}`;
        const fileNames = entity.filePaths.join(', ');
        const other = after.get(module)?.get(name);
        if (!other) r.add(analyzer.removed, fileNames, target);
        else analyzer.compare(r, entity, other, fileNames, target);
      }
    }
    for (const [module, entities] of after)
      if (!before.has(module))
        findAddedEntities(r, undefined, entities, analyzer.type, analyzer.added, `${module}/${analyzer.folder}`);
  }
  return r.ops;
}
