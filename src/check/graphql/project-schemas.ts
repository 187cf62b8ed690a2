// The project's own GraphQL schemas (custom and third-party modules; Magento's are the index's), parsed once per
// check for every graphql rule, and the core schema of the current and target releases they are judged against.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Problem } from '../../core/problem.js';
import { standInRelease } from '../../knowledge/coverage.js';
import { readShippedIndex } from '../shipped-index.js';
import {
  graphqlIndexFrom,
  loadGraphqlIndex,
  type GraphqlIndex,
  type GraphqlRelease,
  type GraphqlTypeDef,
} from '../../knowledge/graphql/index.js';
import { mergeDeclaration } from '../../knowledge/graphql/merge.js';
import { readGraphqlSchema, type SchemaDeclaration } from '../../knowledge/graphql/read-schema.js';
import type { ProjectModel } from '../../project/model.js';

/** One module's etc/schema.graphqls, parsed. */
export interface ProjectGraphqlSchema {
  /** Root-relative path. */
  file: string;
  module: string;
  package: string | null;
  declarations: SchemaDeclaration[];
}

/** The core schema a rule compares with, and what to call it in messages (`2.4.8-p3 (GraphQL data of 2.4.8-p2)`). */
export interface CoreGraphqlSchema {
  schema: GraphqlRelease;
  label: string;
}

export interface GraphqlFacts {
  schemas: ProjectGraphqlSchema[];
  /** Core schema of the current release (or the nearest indexed one of its line); null when not covered. */
  current: CoreGraphqlSchema | null;
  /** Same for the target; null when not covered: rules then say "could not verify". */
  target: CoreGraphqlSchema | null;
  /** Release names for messages when a side is not covered. */
  currentVersion: string | null;
  targetVersion: string;
}

/**
 * Reads every non-core module's etc/schema.graphqls (the one file Magento's GraphQlReader loads per module). A file
 * that does not parse is a problem (Magento's /graphql endpoint fails on it too) and is left out.
 */
export function readProjectGraphqlSchemas(model: ProjectModel, problems: Problem[]): ProjectGraphqlSchema[] {
  const out: ProjectGraphqlSchema[] = [];
  for (const m of model.modules) {
    if (m.core) continue;
    for (const file of m.customizations.graphqlSchemas) {
      if (file !== `${m.path ? `${m.path}/` : ''}etc/schema.graphqls`) continue;
      let source: string;
      try {
        source = readFileSync(join(model.root, file), 'utf8');
      } catch (error) {
        problems.push({
          code: 'file-unreadable',
          level: 'warning',
          file,
          message: `${file} could not be read (${error instanceof Error ? error.message : String(error)}): its GraphQL schema is not checked.`,
        });
        continue;
      }
      const result = readGraphqlSchema(source);
      if ('error' in result) {
        problems.push({
          code: 'graphql-syntax',
          level: 'warning',
          file,
          ...(result.line ? { line: result.line } : {}),
          message: `${file}${result.line ? `:${result.line}` : ''}: not a valid GraphQL schema (${result.error}); its GraphQL declarations are not checked.`,
        });
        continue;
      }
      out.push({ file, module: m.name, package: m.package, declarations: result.declarations });
    }
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : 1));
}

/** Builds RuleContext.graphql per target; the shipped index is read once, and only when a schema needs it. */
export class GraphqlFactsBuilder {
  private index: GraphqlIndex | null | undefined;
  private schemas: ProjectGraphqlSchema[] | undefined;
  private readonly trees = new Map<string, CoreGraphqlSchema | null>();

  constructor(
    private readonly model: ProjectModel,
    private readonly problems: Problem[],
    /** `--baseline-vendor`/`--target-vendor`: the core schema is then read from those trees, not the index. */
    private readonly vendor: { baseline?: string; target?: string } = {},
    /** Index to use (tests); default: the shipped one. */
    index?: GraphqlIndex | null,
  ) {
    this.index = index;
  }

  /** The core schema a vendor tree's vendor/magento/module-*\/etc/schema.graphqls stitch to (null when it has none). */
  private fromTree(dir: string, label: string): CoreGraphqlSchema | null {
    if (this.trees.has(dir)) return this.trees.get(dir)!;
    const schema = new Map<string, GraphqlTypeDef>();
    let packages: string[] = [];
    try {
      packages = readdirSync(join(dir, 'magento'))
        .filter((p) => p.startsWith('module-'))
        .sort();
    } catch {
      packages = [];
    }
    for (const pkg of packages) {
      const file = join(dir, 'magento', pkg, 'etc', 'schema.graphqls');
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      const moduleXml = (() => {
        try {
          return readFileSync(join(dir, 'magento', pkg, 'etc', 'module.xml'), 'utf8');
        } catch {
          return '';
        }
      })();
      const module = /<module\s[^>]*name="([^"]+)"/.exec(moduleXml)?.[1] ?? pkg;
      const result = readGraphqlSchema(source);
      if ('error' in result) {
        this.problems.push({
          code: 'graphql-syntax',
          level: 'warning',
          message: `${file}${result.line ? `:${result.line}` : ''}: not a valid GraphQL schema (${result.error}); left out of the ${label} core schema.`,
        });
        continue;
      }
      for (const d of result.declarations) mergeDeclaration(schema, d, module, () => {});
    }
    const core =
      schema.size === 0
        ? null
        : {
            schema: graphqlIndexFrom({
              schema: 1,
              generatedAt: '',
              source: dir,
              releases: [label],
              defs: [...schema.values()],
              types: Object.fromEntries([...schema.keys()].map((name, i) => [name, [[i, '0']]])),
            }).release(label)!,
            label,
          };
    this.trees.set(dir, core);
    return core;
  }

  private core(version: string | null, tree?: string, side?: string): CoreGraphqlSchema | null {
    if (tree) return this.fromTree(tree, `${side} ${tree}`);
    if (!version) return null;
    if (this.index === undefined)
      this.index = readShippedIndex(
        this.problems,
        loadGraphqlIndex,
        'graphql-schema-unavailable',
        'The GraphQL schema index',
        "the project's GraphQL schemas are not verified",
      );
    const found = standInRelease(this.index, version);
    if (!found) return null;
    const { stand, release: schema } = found;
    return { schema, label: stand === version ? version : `${version} (GraphQL data of ${stand})` };
  }

  factsFor(current: string | null, target: string): GraphqlFacts {
    this.schemas ??= readProjectGraphqlSchemas(this.model, this.problems);
    const any = this.schemas.length > 0;
    return {
      schemas: this.schemas,
      current: any ? this.core(current, this.vendor.baseline, 'baseline') : null,
      target: any ? this.core(target, this.vendor.target, 'target') : null,
      currentVersion: current,
      targetVersion: target,
    };
  }
}
