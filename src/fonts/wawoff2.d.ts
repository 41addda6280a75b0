/** wawoff2 (Google's woff2 compiled to WebAssembly) ships no types; these are its two functions. */
declare module 'wawoff2' {
  /** An sfnt (TrueType/OpenType) font to WOFF2. */
  export function compress(sfnt: Uint8Array): Promise<Uint8Array>;
  /** A WOFF2 font back to its sfnt. */
  export function decompress(woff2: Uint8Array): Promise<Uint8Array>;
}
