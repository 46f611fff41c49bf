/**
 * Reading a workbook is written as a generator that pauses (`yield`) after every slice of XML,
 * so the same code can run straight through (tests, fixtures) or in time slices that give the
 * event loop back (the server and `npm run check`), where a large workbook would otherwise hold
 * up every request for as long as it takes to read. In slices, a step may also yield a promise
 * (a chunk being unpacked on the thread pool): the driver waits for it and hands the result
 * back as the value of that `yield`.
 */

export type Steps<T> = Generator<Promise<unknown> | undefined, T, unknown>;

/** Runs the steps to the end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    // Only a package opened with `background` hands out promises, and only in slices.
    if (step.value !== undefined) throw new Error('A straight-through read cannot wait.');
  }
}

/**
 * Runs the steps, letting pending I/O and timers run whenever `sliceMs` has passed since the
 * last pause. A pause is one macrotask (setImmediate), so a read in progress delays a request
 * by about one slice, and costs next to nothing when nothing else is waiting.
 */
export async function runStepsInSlices<T>(steps: Steps<T>, sliceMs: number): Promise<T> {
  let resume: () => IteratorResult<Promise<unknown> | undefined, T> = () => steps.next();
  let sliceStart = performance.now();
  for (;;) {
    const step = resume();
    if (step.done) return step.value;
    if (step.value !== undefined) {
      try {
        const value = await step.value;
        resume = () => steps.next(value);
      } catch (error) {
        // Thrown at the yield, so that the step's own clean-up (closing an unpacker) runs.
        resume = () => steps.throw(error);
      }
      // No new slice: a chunk already unpacked arrives in a microtask, and that lets no I/O in.
      continue;
    }
    resume = () => steps.next();
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
}
