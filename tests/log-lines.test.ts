/**
 * The server's log (server/log-lines.ts): a turn's lines are written together, in order, one
 * JSON object a line, and whatever is pending is written at exit.
 */
import { describe, expect, it } from 'vitest';
import { lineWriter } from '../server/log-lines';

function harness() {
  const writes: string[] = [];
  const turns: (() => void)[] = [];
  let atExit: (() => void) | undefined;
  const log = lineWriter({
    write: (text) => writes.push(text),
    afterThisTurn: (flush) => turns.push(flush),
    atExit: (flush) => {
      atExit = flush;
    },
  });
  const endTurn = () => {
    for (const flush of turns.splice(0)) flush();
  };
  return { writes, log, endTurn, exit: () => atExit?.() };
}

describe('the log line writer', () => {
  it('writes the lines of one turn in one write, in order, a JSON object a line', () => {
    const { writes, log, endTurn } = harness();
    log({ method: 'POST', path: '/graphql', status: 200 });
    log({ method: 'GET', path: '/health', status: 200 });
    log({ event: 'refresh', ok: true });
    expect(writes).toEqual([]);
    endTurn();
    expect(writes).toHaveLength(1);
    const lines = (writes[0] as string).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      { method: 'POST', path: '/graphql', status: 200 },
      { method: 'GET', path: '/health', status: 200 },
      { event: 'refresh', ok: true },
    ]);
    // The next turn is a write of its own; a turn with nothing logged writes nothing.
    log({ status: 404 });
    endTurn();
    endTurn();
    expect(writes).toEqual([writes[0], '{"status":404}\n']);
  });

  it('writes what is pending when the process exits, once', () => {
    const { writes, log, endTurn, exit } = harness();
    log({ status: 500, errors: ['INTERNAL_SERVER_ERROR'] });
    exit();
    expect(writes).toEqual(['{"status":500,"errors":["INTERNAL_SERVER_ERROR"]}\n']);
    endTurn();
    expect(writes).toHaveLength(1);
  });
});
