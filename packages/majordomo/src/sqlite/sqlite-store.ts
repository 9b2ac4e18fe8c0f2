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
 * Writes made in one turn of the event loop are committed together (group commit).
 */
export class SqliteStore implements TitanicStore {
  readonly #db: Database.Database
  readonly #add: Database.Statement
  readonly #attempt: Database.Statement
  readonly #complete: Database.Statement
  readonly #dead: Database.Statement
  readonly #get: Database.Statement
  readonly #remove: Database.Statement
  /** Writes waiting for the next group commit, each with the settlement of its caller's promise. */
  #batch: { write: () => unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = []

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
    await this.#write(() => this.#add.run(id, service, packParts(body)))
  }

  async pending(): Promise<StoredRequest[]> {
    const rows = this.#db
      .prepare("SELECT * FROM requests WHERE state = 'pending' ORDER BY seq")
      .all() as Row[]
    return rows.map(toRequest)
  }

  async attempt(id: string): Promise<StoredRequest | undefined> {
    const row = (await this.#write(() => this.#attempt.get(id))) as Row | undefined
    return row && toRequest(row)
  }

  async complete(id: string, reply: Uint8Array[]): Promise<boolean> {
    const result = (await this.#write(() => this.#complete.run(packParts(reply), id))) as Database.RunResult
    return result.changes === 1
  }

  async deadLetter(id: string, reason: string): Promise<void> {
    await this.#write(() => this.#dead.run(reason, id))
  }

  async status(id: string): Promise<StoredStatus> {
    const row = this.#get.get(id) as Row | undefined
    if (row === undefined) return { state: 'unknown' }
    if (row.state === 'done') return { state: 'done', reply: unpackParts(row.reply!) }
    if (row.state === 'dead') return { state: 'dead', reason: row.reason ?? '' }
    return { state: 'pending' }
  }

  async remove(id: string): Promise<void> {
    await this.#write(() => this.#remove.run(id))
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
    this.#commit()
    this.#db.close()
  }

  /**
   * Group commit: writes made in the same turn of the event loop share one transaction, so one log sync
   * covers them all. Each caller's promise settles after the commit, so nothing is reported stored before
   * it is durable; with `synchronous = FULL` a sync costs milliseconds, and batching is what keeps many
   * concurrent clients from queueing behind one another's syncs.
   */
  #write(write: () => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      if (this.#batch.length === 0) setImmediate(() => this.#commit())
      this.#batch.push({ write, resolve, reject })
    })
  }

  #commit(): void {
    const batch = this.#batch
    if (batch.length === 0) return
    this.#batch = []
    const outcomes: { ok: boolean; value: unknown }[] = []
    try {
      this.#db.transaction(() => {
        for (const entry of batch) {
          // Each write in its own savepoint: one failing write (a duplicate id) does not undo the others.
          try {
            outcomes.push({ ok: true, value: this.#db.transaction(entry.write)() })
          } catch (error) {
            outcomes.push({ ok: false, value: error })
          }
        }
      })()
    } catch (error) {
      for (const entry of batch) entry.reject(error)
      return
    }
    batch.forEach((entry, i) => {
      const outcome = outcomes[i]!
      if (outcome.ok) entry.resolve(outcome.value)
      else entry.reject(outcome.value)
    })
  }
}

function toRequest(row: Row): StoredRequest {
  return { id: row.id, service: row.service, body: unpackParts(row.body), attempts: row.attempts }
}
