/**
 * After an erasure commits, SQLite's write-ahead log still holds the erased rows' old pages until
 * a checkpoint. The log is checkpointed (and truncated) as soon as the erasure commits, and again
 * once the erasure's notices (which name the client to their therapist) are sent or given up
 * and scrubbed from the outbox, by whichever process sends them. PostgreSQL's store keeps the same account with its own action:
 * the tables are rewritten (src/store/postgres/erasure-vacuum.ts).
 */
export class ErasureCheckpoints {
  private erased = false;
  /** Outbox rows given up in the open transaction: an erasure's notice among them checkpoints. */
  private scrubbed: number[] = [];
  private readonly whenScrubbed = new Set<number>();

  constructor(private readonly checkpoint: () => void) {}

  /** An erasure in the open transaction, with the outbox rows of its notices. */
  erasure(noticeIds: Iterable<number>): void {
    this.erased = true;
    for (const id of noticeIds) this.whenScrubbed.add(id);
  }

  /**
   * An outbox row taken for sending: a notice of an erasure (it carries the erased alias) counts
   * as this erasure's own, so its sending checkpoints (rewrites) here too, also when another
   * process erased and queued it (`rapport client erase` beside `rapport serve`).
   */
  taken(row: { id: number; message: { erasedAlias?: string } }): void {
    if (row.message.erasedAlias !== undefined) this.whenScrubbed.add(row.id);
  }

  /** An outbox row given up inside the open transaction. */
  scrubbedInTransaction(id: number): void {
    this.scrubbed.push(id);
  }

  /** The open transaction committed. */
  committed(): void {
    if (this.erased) this.checkpoint();
    if (this.scrubbed.length > 0) this.scrubbedRows(this.scrubbed);
  }

  /** The open transaction ended, committed or not. */
  ended(): void {
    this.erased = false;
    this.scrubbed = [];
  }

  /** Rows marked sent or failed (their content scrubbed): a checkpoint if one was an erasure's notice. */
  scrubbedRows(ids: readonly number[]): void {
    let due = false;
    for (const id of ids) due = this.whenScrubbed.delete(id) || due;
    if (due) this.checkpoint();
  }
}
