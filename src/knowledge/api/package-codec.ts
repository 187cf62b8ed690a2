import type { ClassDecl, ConstantDecl, FunctionDecl, MethodDecl, PropertyDecl } from '../../php/types.js';
import type { PackageApi } from '../types.js';
import { API_SCHEMA } from './format.js';
import type { StoredClassHeader, StoredClassVariant, StoredFunction, StoredMember, StoredPackage } from './format.js';
import { decodeTimeline, encodeTimeline } from './timeline.js';
import { compareLooseVersions } from './versions.js';

/** Declarations of one package version, as the indexer hands them to storage. */
export interface PackageVersionInput extends PackageApi {
  /** Class FQCN (lower-cased) → file relative to the package root. Optional: the file also rides on the class. */
  files?: Record<string, string>;
  /** Overridable non-PHP files: path relative to the package root → content hash. */
  fileHashes?: Record<string, string>;
  problems?: { file: string; message: string }[];
}

type ClassWithFile = ClassDecl & { file?: string };

/**
 * Builds the stored form of every version of one package: each class/function variant is stored once with the
 * timeline of versions holding it; headers and members are interned so unchanged methods cost one entry overall.
 * Deterministic: the same input gives byte-identical output (keys sorted, versions ordered).
 */
export function encodePackage(name: string, inputs: PackageVersionInput[]): StoredPackage {
  const byVersion = new Map<string, PackageVersionInput>();
  for (const input of inputs) byVersion.set(input.version, input); // a version seen twice is the same code: keep one
  const versions = [...byVersion.keys()].sort(compareLooseVersions);

  const headers = new Interner<StoredClassHeader>();
  const members = new Interner<StoredMember>();
  const classVariants = new Map<string, Map<string, { variant: StoredClassVariant; positions: number[] }>>();
  const functionVariants = new Map<string, Map<string, { fn: StoredFunction; positions: number[] }>>();
  const fileVariants = new Map<string, Map<string, number[]>>();
  const problems: Record<string, { file: string; message: string }[]> = {};

  versions.forEach((version, position) => {
    const input = byVersion.get(version)!;
    const seen = new Set<string>();
    for (const decl of sortedByName(input.classes as ClassWithFile[])) {
      if (seen.has(decl.name.toLowerCase())) continue; // first declaration wins, as in the loaded index
      seen.add(decl.name.toLowerCase());
      const file = decl.file ?? input.files?.[decl.name.toLowerCase()];
      const variant = encodeClass(decl, file, headers, members);
      const key = JSON.stringify(variant);
      const variants = getOrCreate(classVariants, decl.name, () => new Map());
      getOrCreate(variants, key, () => ({ variant, positions: [] })).positions.push(position);
    }
    const seenFunctions = new Set<string>();
    for (const fn of sortedByName(input.functions)) {
      if (seenFunctions.has(fn.name.toLowerCase())) continue;
      seenFunctions.add(fn.name.toLowerCase());
      const stored = canonical({ ...fn }) as StoredFunction;
      const variants = getOrCreate(functionVariants, fn.name, () => new Map());
      getOrCreate(variants, JSON.stringify(stored), () => ({ fn: stored, positions: [] })).positions.push(position);
    }
    for (const [path, hash] of Object.entries(input.fileHashes ?? {})) {
      getOrCreate(
        getOrCreate(fileVariants, path, () => new Map()),
        hash,
        () => [],
      ).push(position);
    }
    if (input.problems && input.problems.length > 0) {
      problems[version] = [...input.problems].sort(
        (a, b) => a.file.localeCompare(b.file) || a.message.localeCompare(b.message),
      );
    }
  });

  const stored: StoredPackage = {
    schema: API_SCHEMA,
    package: name,
    versions,
    headers: headers.values,
    members: members.values,
    classes: {},
    functions: {},
  };
  for (const fqcn of [...classVariants.keys()].sort()) {
    stored.classes[fqcn] = [...classVariants.get(fqcn)!.values()].map((v) => [encodeTimeline(v.positions), v.variant]);
  }
  for (const fn of [...functionVariants.keys()].sort()) {
    stored.functions[fn] = [...functionVariants.get(fn)!.values()].map((v) => [encodeTimeline(v.positions), v.fn]);
  }
  if (fileVariants.size > 0) {
    stored.files = {};
    for (const path of [...fileVariants.keys()].sort()) {
      stored.files[path] = [...fileVariants.get(path)!.entries()].map(([hash, positions]) => [
        encodeTimeline(positions),
        hash,
      ]);
    }
  }
  if (Object.keys(problems).length > 0) stored.problems = problems;
  return stored;
}

function encodeClass(
  decl: ClassDecl,
  file: string | undefined,
  headers: Interner<StoredClassHeader>,
  members: Interner<StoredMember>,
): StoredClassVariant {
  const header: StoredClassHeader = canonical({
    kind: decl.kind,
    abstract: decl.abstract,
    final: decl.final,
    readonly: decl.readonly,
    extends: decl.extends,
    implements: decl.implements.length > 0 ? decl.implements : undefined,
    traits: decl.traits.length > 0 ? decl.traits : undefined,
    allowDynamicProperties: decl.allowDynamicProperties,
    api: decl.api,
    deprecated: decl.deprecated,
    see: decl.see && decl.see.length > 0 ? decl.see : undefined,
    file,
  });
  const memberIds: number[] = [];
  const lines: number[] = [decl.line, decl.endLine ?? 0];
  const add = (k: 'm' | 'p' | 'c', member: MethodDecl | PropertyDecl | ConstantDecl): void => {
    const { line, ...rest } = member;
    memberIds.push(members.intern(canonical({ k, ...rest }) as StoredMember));
    lines.push(line);
  };
  for (const m of decl.methods) add('m', m);
  for (const p of decl.properties) add('p', p);
  for (const c of decl.constants) add('c', c);
  return [headers.intern(header), memberIds, lines];
}

/** Materialises a stored class variant back into the ClassDecl shape of the PHP layer. */
export function decodeClass(
  stored: StoredPackage,
  name: string,
  variant: StoredClassVariant,
): ClassDecl & { file?: string } {
  const [headerId, memberIds, lines] = variant;
  const header = stored.headers[headerId]!;
  const decl: ClassDecl & { file?: string } = {
    name,
    kind: header.kind,
    implements: header.implements ?? [],
    traits: header.traits ?? [],
    methods: [],
    properties: [],
    constants: [],
    line: lines[0] ?? 0,
  };
  if (lines[1]) decl.endLine = lines[1];
  for (const key of [
    'abstract',
    'final',
    'readonly',
    'extends',
    'allowDynamicProperties',
    'api',
    'deprecated',
    'see',
    'file',
  ] as const) {
    if (header[key] !== undefined) (decl as unknown as Record<string, unknown>)[key] = header[key];
  }
  memberIds.forEach((id, i) => {
    const { k, ...rest } = stored.members[id]!;
    const member = { ...rest, line: lines[i + 2] ?? 0 };
    if (k === 'm') decl.methods.push(member as unknown as MethodDecl);
    else if (k === 'p') decl.properties.push(member as unknown as PropertyDecl);
    else decl.constants.push(member as unknown as ConstantDecl);
  });
  return decl;
}

export function decodeFunction(stored: StoredFunction): FunctionDecl {
  return stored as unknown as FunctionDecl;
}

/** Drops undefined/false-y optional flags and sorts keys, so equal declarations serialise identically. */
function canonical<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined || v === false) continue;
    out[key] = Array.isArray(v) ? v.map((x) => (x && typeof x === 'object' ? canonical(x as object) : x)) : v;
  }
  return out as T;
}

class Interner<T> {
  readonly values: T[] = [];
  private readonly ids = new Map<string, number>();

  intern(value: T): number {
    const key = JSON.stringify(value);
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(key, id);
    }
    return id;
  }
}

function sortedByName<T extends { name: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

/** Every version of a stored package back as inputs (to merge new versions into an existing index directory). */
export function decodePackageVersions(stored: StoredPackage): PackageVersionInput[] {
  const inputs: PackageVersionInput[] = stored.versions.map((version) => ({
    package: stored.package,
    version,
    classes: [],
    functions: [],
  }));
  for (const [name, variants] of Object.entries(stored.classes)) {
    for (const [timeline, variant] of variants) {
      const decl = decodeClass(stored, name, variant);
      for (const position of decodeTimeline(timeline)) inputs[position]!.classes.push(decl);
    }
  }
  for (const variants of Object.values(stored.functions)) {
    for (const [timeline, fn] of variants) {
      for (const position of decodeTimeline(timeline)) inputs[position]!.functions.push(decodeFunction(fn));
    }
  }
  for (const [path, variants] of Object.entries(stored.files ?? {})) {
    for (const [timeline, hash] of variants) {
      for (const position of decodeTimeline(timeline)) (inputs[position]!.fileHashes ??= {})[path] = hash;
    }
  }
  for (const [version, problems] of Object.entries(stored.problems ?? {})) {
    const input = inputs.find((i) => i.version === version);
    if (input) input.problems = problems;
  }
  return inputs;
}
