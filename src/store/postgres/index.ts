export { maskConnectionString } from './mask-connection-string.ts';
export { POSTGRES_MIGRATIONS } from './migrations.ts';
export { IMAGE_GRACE_HOURS, openPostgresImages, type PostgresImages } from './open-postgres-images.ts';
export { openPostgresStore, type PostgresStoreOptions } from './open-postgres-store.ts';
export { isConnectionLost, retryWhenLost } from './retry-when-lost.ts';
