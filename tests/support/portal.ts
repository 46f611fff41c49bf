/**
 * The partners' portal as a browser uses it, through `yoga.fetch`: sign in with the form, keep
 * the cookie, open pages and downloads; and readers for what comes back (the figures a page
 * marks with `data-figure`, CSV rows).
 */
import type { BoardYoga } from '../../server/yoga';

export const BASE = 'http://board.test';

type Fetcher = Pick<BoardYoga, 'fetch'>;

/** `POST /session` as the sign-in form sends it; the cookie to send back, if one was set. */
export async function signIn(
  yoga: Fetcher,
  token: string,
  options: { next?: string; headers?: Record<string, string>; base?: string } = {},
): Promise<{ response: Response; cookie: string | null; setCookie: string | null }> {
  const body = new URLSearchParams({ token, next: options.next ?? '/' });
  const response = await yoga.fetch(`${options.base ?? BASE}/session`, {
    method: 'POST',
    // A browser's own form says it comes from this site; "" leaves a header out.
    headers: Object.fromEntries(
      Object.entries({
        'content-type': 'application/x-www-form-urlencoded',
        'sec-fetch-site': 'same-origin',
        ...options.headers,
      }).filter(([, value]) => value !== ''),
    ),
    body: body.toString(),
    redirect: 'manual',
  });
  const setCookie = response.headers.get('set-cookie');
  const cookie = setCookie?.split(';')[0] ?? null;
  return { response, cookie: cookie && !cookie.endsWith('=') ? cookie : null, setCookie };
}

/** A GET as a browser opens a page: HTML accepted, the session cookie if there is one. */
export function open(
  yoga: Fetcher,
  path: string,
  cookie: string | null,
  headers: Record<string, string> = {},
): Promise<Response> {
  return Promise.resolve(
    yoga.fetch(`${BASE}${path}`, {
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      redirect: 'manual',
    }),
  );
}

/** The figures a page marks with `data-figure="name"`: name -> the text shown. */
export function figuresOf(html: string): Map<string, string> {
  const figures = new Map<string, string>();
  for (const [, name = '', shown = ''] of html.matchAll(/data-figure="([^"]+)">([^<]*)</g)) {
    figures.set(name, shown.trim());
  }
  return figures;
}

/** RFC 4180 rows (quoted fields with doubled quotes, CRLF), without the BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let index = 0; index < input.length; index++) {
    const char = input[index] as string;
    if (quoted) {
      if (char === '"' && input[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && input[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}
