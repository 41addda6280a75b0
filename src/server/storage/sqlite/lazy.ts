/**
 * A value made on first use. Statements are prepared lazily because their tables exist only once
 * migrate() has run, and the storage is opened before that.
 */
export function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}
