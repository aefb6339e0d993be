/** The part of formulon's API the emulator uses (the package ships no types; see REFERENCE §9). */
declare module 'formulon' {
  export type FormulonLiteral = { type: 'literal'; dataType: string; value: unknown; options?: Record<string, unknown> };
  export type FormulonError = { type: 'error'; errorType: string; message: string };
  export function parse(formula: string, substitutions?: Record<string, FormulonLiteral>): FormulonLiteral | FormulonError;
  export function extract(formula: string): string[];
  const formulon: { parse: typeof parse; extract: typeof extract };
  export default formulon;
}
