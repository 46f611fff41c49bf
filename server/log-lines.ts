/**
 * The server's log: one JSON line per event. Lines made in one turn of the event loop are
 * written together, after it: Node writes to a file or a pipe synchronously, one system call a
 * write, which cost a cached answer more than finding it did. A process killed outright
 * (SIGKILL, out of memory) loses at most that turn's lines; any exit that runs `exit` listeners
 * (a signal handled by index.ts, `process.exit`, an uncaught error) writes them first.
 */
export interface LineWriterOptions {
  /** Where the text goes (stdout). */
  readonly write: (text: string) => void;
  /** Runs the flush after this turn (setImmediate). */
  readonly afterThisTurn?: (flush: () => void) => void;
  /** Registers the flush for when the process exits. */
  readonly atExit?: (flush: () => void) => void;
}

export function lineWriter(options: LineWriterOptions): (line: Record<string, unknown>) => void {
  const afterThisTurn = options.afterThisTurn ?? ((flush) => setImmediate(flush));
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    options.write(text);
  };
  (options.atExit ?? ((callback) => process.on('exit', callback)))(flush);
  return (line) => {
    if (pending.length === 0) afterThisTurn(flush);
    pending.push(`${JSON.stringify(line)}\n`);
  };
}
