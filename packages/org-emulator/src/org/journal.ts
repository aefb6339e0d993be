/**
 * Undo log for all-or-none semantics. Writes record their inverse while at least one savepoint is open,
 * so `allOrNone` collections, composite requests and graphs can roll back every change they made
 * (cascades included) without copying the store.
 */
export type UndoAction = () => void;

export class Journal {
  private readonly actions: UndoAction[] = [];
  private openSavepoints = 0;

  public get recording(): boolean {
    return this.openSavepoints > 0;
  }

  public record(undo: UndoAction): void {
    if (this.openSavepoints > 0) this.actions.push(undo);
  }

  public savepoint(): number {
    this.openSavepoints += 1;
    return this.actions.length;
  }

  /** Undo everything recorded since the savepoint, newest first, and close it. */
  public rollback(savepoint: number): void {
    while (this.actions.length > savepoint) this.actions.pop()!();
    this.release();
  }

  /** Keep the changes; the log is dropped when the outermost savepoint closes. */
  public release(): void {
    this.openSavepoints -= 1;
    if (this.openSavepoints === 0) this.actions.length = 0;
  }
}
