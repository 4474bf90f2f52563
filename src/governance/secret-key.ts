import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OspreyError } from '../core/errors.js';

/** File name of the generated secret inside the data folder. */
export const SECRET_KEY_FILE = 'secret.key';

/**
 * The master secret from which every PII key is derived (see `deriveKeys`).
 * `OSPREY_SECRET_KEY` wins (all nodes of a scale-out deployment must share it); otherwise the secret is read
 * from `<dataDir>/secret.key`, generated there on first use as 32 random bytes in base64 with mode 0600 so
 * only the Osprey user can read it. Losing this key makes every encrypted PII value unreadable.
 */
export function loadSecretKey(o: { secretKey?: string | null; dataDir: string }): Buffer {
  if (o.secretKey) return secretFromString(o.secretKey, 'OSPREY_SECRET_KEY');
  const file = join(o.dataDir, SECRET_KEY_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  if (text !== undefined) return secretFromString(text.trim(), file);
  mkdirSync(o.dataDir, { recursive: true });
  const fresh = randomBytes(32).toString('base64');
  // 'wx' fails if another process created the file meanwhile; then read what it wrote so both agree.
  try {
    writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      return secretFromString(readFileSync(file, 'utf8').trim(), file);
    }
    throw e;
  }
  return Buffer.from(fresh, 'base64');
}

/**
 * A secret given as base64 of at least 32 bytes is used as those bytes; any other string of at least 32
 * characters is used as its UTF-8 bytes (HKDF accepts any input keying material). Shorter secrets are
 * refused: they would make the lookup hashes guessable.
 */
function secretFromString(s: string, where: string): Buffer {
  const trimmed = s.trim();
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length >= 32) return bytes;
  }
  if (Buffer.byteLength(trimmed, 'utf8') >= 32) return Buffer.from(trimmed, 'utf8');
  throw new OspreyError(
    'INVALID_INPUT',
    `${where}: secret key too short: give 32 random bytes in base64 (e.g. \`openssl rand -base64 32\`)`,
  );
}
