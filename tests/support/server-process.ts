/**
 * The server as a child process, as an officer or a container host starts it: what it prints,
 * its address once it listens, its exit status. No timers of its own: a start that hangs is
 * ended by the test's timeout, and the test's failure shows what the server printed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { onTestFailed, onTestFinished } from 'vitest';

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Resolves with the output once it matches every pattern, or once the process exits. */
  until(...patterns: RegExp[]): Promise<string>;
  /** The base address once the server says where it listens and has read the board once. */
  ready(): Promise<string>;
  readonly exited: Promise<number | null>;
}

/** `tsx`, loadable from any working directory (a bare `--import tsx` resolves from the cwd). */
export const TSX_LOADER = import.meta.resolve('tsx');

export function startServerProcess(
  args: readonly string[],
  options: { cwd?: string; env: NodeJS.ProcessEnv },
): ServerProcess {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const waiting: { patterns: RegExp[]; resolve: (output: string) => void }[] = [];
  const matches = (patterns: RegExp[]) => patterns.every((pattern) => pattern.test(printed));
  const settle = (exited: boolean) => {
    for (const wait of [...waiting]) {
      if (exited || matches(wait.patterns)) {
        waiting.splice(waiting.indexOf(wait), 1);
        wait.resolve(printed);
      }
    }
  };
  const collect = (chunk: Buffer) => {
    printed += chunk.toString();
    settle(false);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code) => {
      settle(true);
      resolve(code);
    });
  });
  onTestFailed(() => {
    console.error(`The server printed:\n${printed}`);
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  const until = (...patterns: RegExp[]) =>
    new Promise<string>((resolve) => {
      if (matches(patterns) || child.exitCode !== null) resolve(printed);
      else waiting.push({ patterns, resolve });
    });

  return {
    child,
    output: () => printed,
    until,
    async ready() {
      // The address (stderr) and the first read of the board (a refresh line on stdout), in
      // whichever order the two streams deliver them.
      const output = await until(/Health:\s+http:\/\/\S+\/health/, /"event":"refresh","ok":true/);
      const base = /Health:\s+(http:\/\/\S+)\/health/.exec(output)?.[1];
      if (!base || !/"event":"refresh","ok":true/.test(output)) {
        throw new Error(`The server did not start:\n${output}`);
      }
      return base;
    },
    exited,
  };
}
