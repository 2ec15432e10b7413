export { maskConnectionString } from './mask-connection-string.ts';
export { POSTGRES_MIGRATIONS } from './migrations.ts';
export { openPostgresStore, type PostgresStoreOptions } from './open-postgres-store.ts';
export { isConnectionLost, retryWhenLost } from './retry-when-lost.ts';
