import { createHash, randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { MageupError } from '../core/errors.js';

/** Bad credentials file or option: the message names the cause. */
export class ServeError extends MageupError {
  override name = 'ServeError';
}

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((done, fail) =>
    scryptCb(password, salt, length, options, (error, key) => (error ? fail(error) : done(key))),
  );
}

// N = 2^15, r = 8, p = 1: 32 MB and tens of milliseconds per check (OWASP's cheat sheet suggests 2^17 with 128 MB;
// a dashboard on a shared 2-core server cannot spend that per request). The parameters are in each hash, so a
// stronger one written later still verifies.
const N = 32768;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

/** `scrypt$N$r$p$<salt>$<key>` (base64): what a credentials file holds for each user. Never the password. */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < 12) throw new ServeError('the password must have at least 12 characters');
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  if (!(n >= 1024 && r >= 1 && p >= 1) || expected.length < 16) return false;
  const key = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: 256 * n * r + 16 * 1024 * 1024 });
  return timingSafeEqual(key, expected);
}

/**
 * A new API token for `name`: 32 random bytes (base64url, `mgu_` prefix), shown once; the credentials file keeps only
 * `name:sha256$<hex>`. A random 256-bit token needs no slow hash: SHA-256 cannot be searched back to it.
 */
function newToken(name: string): { token: string; line: string } {
  const token = `mgu_${randomBytes(32).toString('base64url')}`;
  return { token, line: `${name}:sha256$${createHash('sha256').update(token).digest('hex')}` };
}

/** `serve --new-token`: appends a new token's hash to the credentials file (created 0600) and returns the token. */
export function addToken(file: string, name: string): string {
  const { token, line } = newToken(name);
  appendFileSync(file, `${line}\n`, { mode: 0o600 });
  return token;
}

/**
 * A credentials file: `user:scrypt$…` per line for Basic (`mageup serve --hash-password <user>` prints one) and
 * `name:sha256$<hex>` for a bearer token (`--new-token <name>` appends one); `#` comments.
 */
export function readCredentials(file: string): Map<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ServeError(`--auth-file: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const users = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const colon = line.indexOf(':');
    const user = line.slice(0, colon);
    const hash = line.slice(colon + 1);
    if (
      colon <= 0 ||
      !(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/.test(hash) || /^sha256\$[0-9a-f]{64}$/.test(hash))
    )
      throw new ServeError(
        `--auth-file line ${i + 1}: expected "user:scrypt$…" (mageup serve --hash-password <user> prints one) or "name:sha256$…" (--new-token <name> adds one); passwords and tokens are never stored in clear`,
      );
    users.set(user, hash);
  });
  if (users.size === 0) throw new ServeError('--auth-file: no user in it');
  return users;
}

/**
 * HTTP Basic authentication against hashed passwords, and bearer tokens (`Authorization: Bearer mgu_…`, for scripts
 * reading the API) against hashed tokens. A Basic header that verified once is remembered (by its SHA-256, for 10
 * minutes) so each page does not pay for scrypt again.
 */
export class BasicAuth {
  private readonly verified = new Map<string, number>();
  private readonly tokens: Buffer[];

  constructor(private readonly users: Map<string, string>) {
    this.tokens = [...users.values()]
      .filter((h) => h.startsWith('sha256$'))
      .map((h) => Buffer.from(h.slice('sha256$'.length), 'hex'));
  }

  async check(header: string | undefined, now = Date.now()): Promise<boolean> {
    const bearer = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (bearer) {
      const digest = createHash('sha256').update(bearer[1]!).digest();
      // Every token compared in constant time, none skipped: the answer's timing does not tell which one was close.
      return this.tokens.reduce((ok, t) => timingSafeEqual(t, digest) || ok, false);
    }
    const m = header ? /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header) : null;
    if (!m) return false;
    const digest = createHash('sha256').update(m[1]!).digest('hex');
    const until = this.verified.get(digest);
    if (until !== undefined && until > now) return true;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    const stored = this.users.get(decoded.slice(0, colon));
    // A token's entry is no password: Basic checks scrypt entries only.
    const hash = stored?.startsWith('scrypt$') ? stored : undefined;
    // An unknown user costs the same scrypt as a known one: response times do not tell which names exist.
    const ok = await verifyPassword(decoded.slice(colon + 1), hash ?? DUMMY_HASH);
    if (ok && hash) {
      this.verified.set(digest, now + 10 * 60_000);
      return true;
    }
    return false;
  }
}

const DUMMY_HASH = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;
