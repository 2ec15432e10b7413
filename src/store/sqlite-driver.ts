import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

const require = createRequire(import.meta.url);

/**
 * The SQLite driver, better-sqlite3, in the major this Node.js can run. From Node 24.19 on,
 * node::ObjectWrap removes an environment cleanup hook when one of its objects is finalized,
 * and asserts an environment is current: better-sqlite3 12's statements and databases are such
 * objects, so a garbage collection run outside JavaScript (an idle one, or the last at exit)
 * aborts the process (`Assertion failed: (env) != nullptr`, SIGABRT). better-sqlite3 13 is
 * built on Node-API and has no such objects, but needs Node-API 10, which Node 20 lacks (its
 * binding crashes there). So Node 24 and later load 13, installed as the optional dependency
 * `better-sqlite3-node-api` (npm skips it where its engines do not match), and earlier versions
 * the 12 they are tested with. Both have the same API.
 */
export const SqliteDatabase: typeof BetterSqlite3 = loadDriver();

function loadDriver(): typeof BetterSqlite3 {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 24) {
    try {
      return require('better-sqlite3-node-api') as typeof BetterSqlite3;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
      process.emitWarning(
        `better-sqlite3 13 (the optional dependency better-sqlite3-node-api) is not installed: Node.js ${process.versions.node} may abort while using the state database; run npm install`,
      );
    }
  }
  return require('better-sqlite3') as typeof BetterSqlite3;
}
