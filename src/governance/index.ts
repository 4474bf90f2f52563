export { audit } from './audit.js';
export { type ErasureResult, eraseUser, isSuppressed } from './erase-user.js';
export { exportUser, type UserExport } from './export-user.js';
export { deriveKeys, type PiiKeys } from './keys.js';
export {
  decryptPii,
  encryptPii,
  isPiiTrait,
  lookupHash,
  normalisePiiValue,
  openPii,
  sealPii,
  suppressionHash,
} from './pii.js';
export { loadSecretKey, SECRET_KEY_FILE } from './secret-key.js';

import type { OspreyConfig } from '../core/config.js';
import { deriveKeys, type PiiKeys } from './keys.js';
import { loadSecretKey } from './secret-key.js';

/** The PII keys for a configuration: what the server and CLI call once at start. */
export function piiKeysFor(config: Pick<OspreyConfig, 'secretKey' | 'dataDir'>): PiiKeys {
  return deriveKeys(loadSecretKey(config));
}
