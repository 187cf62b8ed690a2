import { supplementIndex } from '../knowledge/api/release-supplement.js';
import type { Release, SymbolIndex } from '../knowledge/types.js';
import type { CodeUnit, RuleContext } from '../rules/rule.js';
import { ClassWorld } from './class-world.js';
import { codeUnderCheck } from './code-under-check.js';

/** The facts about the code under check that the code rules share, built once per target (RuleContext). */
export type CodeFacts = Pick<RuleContext, 'underCheck' | 'classes'>;

/**
 * Builds RuleContext.underCheck and .classes: the class model of the code under check over each release's symbol
 * index, the index completed first with the packages its metapackage requires but the index lacks
 * (knowledge/api/release-supplement). The current release's side is built once and shared by every target.
 */
export class CodeFactsBuilder {
  private current: Promise<ClassWorld | null> | undefined;

  constructor(
    private readonly code: CodeUnit[],
    private readonly currentSide: RuleContext['current'],
  ) {}

  async factsFor(target: Release, symbols: SymbolIndex): Promise<CodeFacts> {
    this.current ??= this.currentWorld();
    return {
      underCheck: codeUnderCheck(this.code, target),
      classes: {
        target: new ClassWorld(this.code, await supplementIndex(symbols, target)),
        current: await this.current,
      },
    };
  }

  /** Null when the current release's index is unknown or covers nothing: "was it there before" cannot be answered. */
  private async currentWorld(): Promise<ClassWorld | null> {
    const { release, symbols } = this.currentSide;
    if (!symbols || symbols.coverage === 'none') return null;
    return new ClassWorld(this.code, await supplementIndex(symbols, release));
  }
}
