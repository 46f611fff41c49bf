/**
 * Cross-origin access. Yoga's default answers every origin with its own name and
 * `Access-Control-Allow-Credentials: true`, so any web page could read the API's answers with
 * whatever its visitor's browser holds. Here no origin is allowed unless it is configured
 * (`BOARD_CORS_ORIGINS`); a configured one is allowed to send the bearer header and read the
 * answer, never with credentials (cookies are for this server's own pages, DESIGN §8).
 */
import type { YogaServerOptions } from 'graphql-yoga';

type CorsOption = YogaServerOptions<object, object>['cors'];

/** Yoga's `cors` option for these origins (exact `scheme://host[:port]` strings). */
export function corsPolicy(origins: readonly string[]): CorsOption {
  // No origin allowed: no CORS handling at all, so a preflight is just an unauthenticated request.
  if (origins.length === 0) return false;
  const allowed = new Set(origins);
  return (request: Request) => {
    const origin = request.headers.get('origin');
    if (origin === null || !allowed.has(origin)) return false;
    return {
      origin: [origin],
      methods: ['GET', 'POST'],
      allowedHeaders: ['authorization', 'content-type'],
      credentials: false,
      maxAge: 600,
    };
  };
}
