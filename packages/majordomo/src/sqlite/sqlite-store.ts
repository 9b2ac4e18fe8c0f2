import Database from 'better-sqlite3'
import {
  type DeadLetter,
  packParts,
  type StoredRequest,
  type StoredStatus,
  type TitanicStore,
  unpackParts,
} from '../titanic/store.js'

/** Options of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /**
   * SQLite's `synchronous` setting (default `'FULL'`): with WAL, FULL syncs the log on every commit, so a
   * request acknowledged to a client survives power loss; NORMAL survives a process crash but may lose the
   * last commits on power loss.
   */
  synchronous?: 'FULL' | 'NORMAL'
}

interface Row {
  id: string
  service: string
  body: Uint8Array
  state: 'pending' | 'done' | 'dead'
  attempts: number
  reply: Uint8Array | null
  reason: string | null
}

/**
 * A {@link TitanicStore} in one SQLite file through better-sqlite3. SQLite was chosen because it is
 * embedded (no server), its transactions are durable when they return, and better-sqlite3 calls are
 * synchronous, so a write is on disk before Titanic acknowledges. The database runs in WAL mode, which
 * lets readers (`titanic.reply`) proceed during writes and makes each commit one sequential log append.
 */
export class SqliteStore implements TitanicStore {
  readonly #db: Database.Database
  readonly #add: Database.Statement
  readonly #attempt: Database.Statement
  readonly #complete: Database.Statement
  readonly #dead: Database.Statement
  readonly #get: Database.Statement
  readonly #remove: Database.Statement

  constructor(path: string, options: SqliteStoreOptions = {}) {
    this.#db = new Database(path)
    this.#db.pragma('journal_mode = WAL')
    this.#db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    this.#db.exec(`CREATE TABLE IF NOT EXISTS requests (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      service TEXT NOT NULL,
      body BLOB NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      reply BLOB,
      reason TEXT
    )`)
    this.#add = this.#db.prepare('INSERT INTO requests (id, service, body) VALUES (?, ?, ?)')
    this.#attempt = this.#db.prepare(
      "UPDATE requests SET attempts = attempts + 1 WHERE id = ? AND state = 'pending' RETURNING *",
    )
    this.#complete = this.#db.prepare(
      "UPDATE requests SET state = 'done', reply = ? WHERE id = ? AND state = 'pending'",
    )
    this.#dead = this.#db.prepare(
      "UPDATE requests SET state = 'dead', reason = ? WHERE id = ? AND state = 'pending'",
    )
    this.#get = this.#db.prepare('SELECT * FROM requests WHERE id = ?')
    this.#remove = this.#db.prepare('DELETE FROM requests WHERE id = ?')
  }

  async add(id: string, service: string, body: Uint8Array[]): Promise<void> {
    this.#add.run(id, service, packParts(body))
  }

  async pending(): Promise<StoredRequest[]> {
    const rows = this.#db
      .prepare("SELECT * FROM requests WHERE state = 'pending' ORDER BY seq")
      .all() as Row[]
    return rows.map(toRequest)
  }

  async attempt(id: string): Promise<StoredRequest | undefined> {
    const row = this.#attempt.get(id) as Row | undefined
    return row && toRequest(row)
  }

  async complete(id: string, reply: Uint8Array[]): Promise<boolean> {
    return this.#complete.run(packParts(reply), id).changes === 1
  }

  async deadLetter(id: string, reason: string): Promise<void> {
    this.#dead.run(reason, id)
  }

  async status(id: string): Promise<StoredStatus> {
    const row = this.#get.get(id) as Row | undefined
    if (row === undefined) return { state: 'unknown' }
    if (row.state === 'done') return { state: 'done', reply: unpackParts(row.reply!) }
    if (row.state === 'dead') return { state: 'dead', reason: row.reason ?? '' }
    return { state: 'pending' }
  }

  async remove(id: string): Promise<void> {
    this.#remove.run(id)
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const rows = this.#db.prepare("SELECT * FROM requests WHERE state = 'dead' ORDER BY seq").all() as Row[]
    return rows.map((row) => ({
      id: row.id,
      service: row.service,
      attempts: row.attempts,
      reason: row.reason ?? '',
    }))
  }

  async close(): Promise<void> {
    this.#db.close()
  }
}

function toRequest(row: Row): StoredRequest {
  return { id: row.id, service: row.service, body: unpackParts(row.body), attempts: row.attempts }
}
