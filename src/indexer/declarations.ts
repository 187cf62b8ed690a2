import type { ClassDecl, FunctionDecl, PhpSyntaxError } from '../php/types.js';

/** One PHP file to read declarations from: a path on disk, or source already in memory (git objects). */
export interface DeclarationJob {
  /** Name used in results and problems (relative path). */
  file: string;
  path?: string;
  source?: string;
}

/** The declarations of one file: all the index keeps of a PhpFileAnalysis (references are not needed). */
export interface FileDeclarations {
  file: string;
  classes: ClassDecl[];
  functions: FunctionDecl[];
  errors: PhpSyntaxError[];
  /** Set when the file could not be analysed at all (unreadable, analyser crash). */
  failure?: string;
}
