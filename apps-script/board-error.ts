/**
 * A problem with the board's data or set-up that the person at the sheet can fix. Handlers
 * throw it; the menu runner shows it in a dialog naming the tab and cell, never a stack trace.
 */
import { cellLabel } from '../schema/issues';

export interface CellRef {
  readonly sheet: string;
  readonly cell: string;
}

export class BoardSheetError extends Error {
  override readonly name = 'BoardSheetError';
  constructor(
    message: string,
    readonly where: CellRef | null = null,
  ) {
    super(message);
  }

  /** "Actions!F7: Due date: ..." or just the message. */
  describe(): string {
    return this.where ? `${cellLabel(this.where)}: ${this.message}` : this.message;
  }
}

/** An error's message, also for errors from another realm or services that throw non-Errors. */
export function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    return String((error as { message: unknown }).message);
  }
  return String(error);
}
