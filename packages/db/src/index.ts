// The database package: schema, client, and the demo seed.
export * from "./client.ts";
export * as schema from "./schema.ts";
export { seedBase, seedDemo, DEMO_USERS, DEMO_PASSWORD, DEMO_ADMIN_TOTP_SECRET } from "./seed.ts";
export { activeDemoUsers, removeDemoUsers } from "./demo-users.ts";
export { FieldCipher, cipherOf, phoneIndexes, numberIndex, emailIndex } from "./crypto.ts";
export { loadKeys, loadOrCreateKeys, addDataKey, retireDataKeys, type IntakeKeys } from "./keys.ts";
export { ENCRYPTED_COLUMNS, customColumns, reencryptAll, rowsNotUnder, type EncryptedColumn } from "./encrypted.ts";
export { acquireLock, lockHolder, lockPath } from "./lock.ts";
export { StartupError, explainFileError } from "./startup.ts";
export { perConnection, preparedSql } from "./prepared.ts";
export { inOneSnapshot } from "./snapshot.ts";
export { inWriteBatch, setBatchEpilogue, BatchRolledBack } from "./batch.ts";
export { recountFunnelRollup, ROLLUP_BLOCK_DAYS, ROLLUP_DAY_MS } from "./funnelRollup.ts";
export { startCheckpointer, type Checkpointer, type CheckpointReport } from "./checkpoint.ts";
