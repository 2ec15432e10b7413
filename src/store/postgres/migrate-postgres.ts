import type pg from 'pg';
import { POSTGRES_MIGRATIONS } from './migrations.ts';

// Any fixed number: the advisory lock that keeps two processes from migrating at once.
const MIGRATION_LOCK = 0x66656564;

/**
 * Applies the migrations not yet run, each in its own transaction, under an advisory lock so
 * that workers starting together migrate once. A schema newer than this feedmill is refused.
 */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS feedmill_schema (version integer NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM feedmill_schema');
      const version = rows[0]?.version ?? 0;
      if (version > POSTGRES_MIGRATIONS.length)
        throw new Error(
          `database schema version ${version} is newer than this feedmill (${POSTGRES_MIGRATIONS.length}); upgrade feedmill`,
        );
      for (let index = version; index < POSTGRES_MIGRATIONS.length; index++) {
        await client.query('BEGIN');
        try {
          await client.query(POSTGRES_MIGRATIONS[index]!);
          await client.query('DELETE FROM feedmill_schema');
          await client.query('INSERT INTO feedmill_schema (version) VALUES ($1)', [index + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}
