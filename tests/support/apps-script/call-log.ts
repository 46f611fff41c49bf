/**
 * Counts every call the bundle makes on the fake Apps Script services. Each fake object is
 * handed out only through a counting Proxy, so no call can go uncounted; a test then asserts
 * totals per service (e.g. Spreadsheet calls equal for 100 and 10,000 actions).
 */

/** The Apps Script services the fakes stand for, as the counts are grouped. */
export type ServiceName =
  | 'Spreadsheet'
  | 'Ui'
  | 'Html'
  | 'Lock'
  | 'Cache'
  | 'Properties'
  | 'Gmail'
  | 'Mail'
  | 'Script'
  | 'UrlFetch'
  | 'Utilities'
  | 'Console';

export class CallLog {
  /** `Service/Class.method` → number of calls. */
  readonly counts = new Map<string, number>();
  /** Cells read or written in blocks (values, formulas, notes): what a big call moves. */
  cells = 0;

  record(service: ServiceName, className: string, method: string): void {
    const key = `${service}/${className}.${method}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** Calls on one service, e.g. every SpreadsheetApp, Spreadsheet, Sheet and Range call. */
  total(service: ServiceName): number {
    let sum = 0;
    for (const [key, count] of this.counts) if (key.startsWith(`${service}/`)) sum += count;
    return sum;
  }

  /** `Class.method` → count for one service, sorted, for readable assertions and reports. */
  byMethod(service: ServiceName): Record<string, number> {
    const entries = [...this.counts]
      .filter(([key]) => key.startsWith(`${service}/`))
      .map(([key, count]) => [key.slice(service.length + 1), count] as const)
      .sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries);
  }

  reset(): void {
    this.counts.clear();
    this.cells = 0;
  }
}

/**
 * A Proxy that records each method call on `target`. Methods run with the real target as
 * `this`, so fakes can use private state; they hand out other fakes' proxies, never targets.
 */
export function counted<T extends object>(
  target: T,
  log: CallLog,
  service: ServiceName,
  className: string,
): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property, object);
      if (
        typeof value !== 'function' ||
        typeof property === 'symbol' ||
        property === 'constructor'
      ) {
        return value;
      }
      return (...args: unknown[]) => {
        log.record(service, className, property);
        return (value as (...a: unknown[]) => unknown).apply(object, args);
      };
    },
  });
}
