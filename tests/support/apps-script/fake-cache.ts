/**
 * CacheService's script cache: one for every user and run of the script, whose entries expire
 * on the fake clock (FakeAppsScript.now), as Apps Script's do.
 */
import { type CallLog, counted } from './call-log';

/** Apps Script's limits: 10 minutes when no expiry is given, 6 hours at most. */
const DEFAULT_SECONDS = 600;
const MAX_SECONDS = 21_600;

export class FakeCache implements Pick<GoogleAppsScript.Cache.Cache, 'get' | 'put' | 'remove'> {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry || entry.expiresAt <= this.now()) return null;
    return entry.value;
  }

  put(key: string, value: string, expirationInSeconds: number = DEFAULT_SECONDS): void {
    if (typeof value !== 'string') throw new Error('Cache.put takes a string value');
    const seconds = Math.min(expirationInSeconds, MAX_SECONDS);
    this.entries.set(key, { value, expiresAt: this.now() + seconds * 1_000 });
  }

  remove(key: string): void {
    this.entries.delete(key);
  }
}

export function fakeCacheService(
  scriptCache: FakeCache,
  log: CallLog,
): GoogleAppsScript.Cache.CacheService {
  const service: Pick<GoogleAppsScript.Cache.CacheService, 'getScriptCache'> = {
    getScriptCache: () => counted(scriptCache, log, 'Cache', 'Cache') as never,
  };
  return counted(service, log, 'Cache', 'CacheService') as never;
}
