import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';

/** The store could not be opened at start-up; the message says which store, why, and what to check. */
export class StoreStartError extends Error {
  override name = 'StoreStartError';
}

/** How a store URL is shown in messages and logs: its password (and any secret query value) as `***`. */
export function shownStoreUrl(url: string): string {
  if (!URL.canParse(url)) return url.replace(/\/\/[^/@\s]*@/, '//***@');
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) {
    if (/pass|secret|token|key/i.test(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString();
}

/** `STORE_URL=…` as the user set it (password hidden), or the default it stands for when unset. */
export function storeSetting(url: string | undefined, defaultSqlitePath: string): string {
  return url === undefined ? `${resolve(defaultSqlitePath)}, the default while STORE_URL is not set` : `STORE_URL=${shownStoreUrl(url)}`;
}

/** The sentence a user sees when the store does not answer at start-up: the bot's own words, no secrets. */
export function storeStartMessage(
  url: string | undefined,
  kind: 'sqlite' | 'redis' | 'postgres' | 'memory',
  error: unknown,
  context: { sqlitePath: string; defaultSqlitePath: string; waitMs: number },
): string {
  const setting = storeSetting(url, context.defaultSqlitePath);
  const why = reason(error, context.waitMs, url);
  if (kind === 'sqlite') {
    const folder = dirname(resolve(context.sqlitePath));
    return (
      `Cannot open the SQLite store at ${setting} (${why}). ` +
      `Check that the folder ${folder} exists or can be created, and that it is writable by this process (user ${currentUser()}); ` +
      'or set STORE_URL to a file in a writable folder, e.g. STORE_URL=sqlite:///var/lib/papers-bot/papers-bot.sqlite.'
    );
  }
  const where = url && URL.canParse(url) ? hostAndPort(new URL(url), kind) : 'its host and port';
  if (kind === 'redis') {
    return (
      `Cannot reach the Redis store at ${setting} (${why}). ` +
      `Check that Redis is running and reachable from here at ${where}, and that the URL's password and database number are right; ` +
      'or set STORE_URL to another store.'
    );
  }
  if (kind === 'postgres') {
    return (
      `Cannot reach the Postgres store at ${setting} (${why}). ` +
      `Check that PostgreSQL is running and reachable from here at ${where}, and that the URL's user, password and database are right; ` +
      'or set STORE_URL to another store.'
    );
  }
  return `Cannot open the store at ${setting} (${why}).`;
}

/** A short reason from the error (and its causes), in words; never the URL's password. */
export function reason(error: unknown, waitMs: number, url?: string): string {
  const chain = causes(error);
  const codes = chain.map((e) => String((e as { code?: unknown }).code ?? ''));
  const text = chain.map((e) => (e instanceof Error ? e.message : String(e))).join(' | ');
  const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code) || text.includes(code));
  if (has('ECONNREFUSED')) return 'connection refused';
  if (has('ENOTFOUND', 'EAI_AGAIN')) return 'host not found';
  if (has('28P01', '28000', 'WRONGPASS', 'NOAUTH') || /password authentication failed|invalid username-password|AUTH <password> called/i.test(text)) {
    return 'the server refused the user or password';
  }
  if (has('3D000') || /database ".*" does not exist/.test(text)) return 'the database does not exist';
  if (/Unknown RESP type/.test(text)) return 'something answered there, but not Redis';
  if (has('ENOTDIR', 'EEXIST')) return 'a part of the path is a file, not a folder';
  if (has('EACCES', 'EPERM', 'EROFS')) return 'permission denied';
  if (/SQLITE_CANTOPEN/.test(text)) return 'SQLite cannot open or create the file';
  if (has('ECONNRESET') || /Connection terminated|Socket closed unexpectedly/i.test(text)) return 'the connection was closed';
  if (chain.some((e) => e instanceof DeadlineError)) return `no answer within ${Math.round(waitMs / 100) / 10} s`;
  if (has('ETIMEDOUT') || /timed? ?out|timeout/i.test(text)) return 'the connection timed out';
  // A library's own words, short of its wrappers' ("not connected…", ours).
  const own = chain.find((e) => e instanceof Error && !(e instanceof AggregateError) && !/throwOnConnectError|^the store at /.test(e.message));
  return secretFree(own instanceof Error ? own.message : text, url).slice(0, 200) || 'no answer';
}

/** The bounded wait at start-up ran out. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  const queue = [error];
  while (queue.length > 0 && chain.length < 10) {
    const next = queue.shift();
    if (next === undefined || chain.includes(next)) continue;
    chain.push(next);
    if (next instanceof AggregateError) queue.push(...next.errors);
    if (next instanceof Error && next.cause !== undefined) queue.push(next.cause);
  }
  return chain;
}

/** Removes the URL's password from a library's message, whatever form it took there. */
function secretFree(text: string, url: string | undefined): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi, '$1***@');
  const raw = url && URL.canParse(url) ? new URL(url).password : '';
  for (const secret of [raw, safeDecode(raw)]) if (secret.length >= 3) out = out.split(secret).join('***');
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function hostAndPort(url: URL, kind: 'redis' | 'postgres' | 'memory'): string {
  const host = url.hostname || 'localhost';
  return `${host}:${url.port || (kind === 'redis' ? 6379 : 5432)}`;
}

function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return String(process.getuid?.() ?? 'unknown');
  }
}
