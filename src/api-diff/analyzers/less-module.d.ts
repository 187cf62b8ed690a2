/** The part of less's API the LESS analyzer uses (less ships no type declarations). */
declare module 'less' {
  interface LessNode {
    type: string;
    name?: unknown;
    path?: { value?: unknown };
    params?: { name?: string }[];
  }
  const less: {
    parse(
      input: string,
      options: { processImports: boolean },
      callback: (error: Error | null, root?: { rules: LessNode[] }) => void,
    ): void;
  };
  export default less;
}
