/**
 * @zmtp/majordomo/sqlite: Titanic's durable store in SQLite, for Node (it loads the native better-sqlite3).
 *
 * @packageDocumentation
 */
export { SqliteStore, type SqliteStoreOptions } from './sqlite-store.js'
