export { createApiKey, describeKey, hashApiKey, type MintedKey, verifyApiKey } from './api-keys.js';
export { BATCH_BODY_LIMIT, buildServer, EVENT_BODY_LIMIT, type ServerOptions } from './app.js';
export { errorReply, STATUS_BY_CODE } from './http-errors.js';
