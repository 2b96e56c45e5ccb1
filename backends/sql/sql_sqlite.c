/*
 * sql_sqlite.c — the SQLite engine of the SQL backend: the embedded default. The database is
 * dir/store.db in WAL mode with synchronous=FULL, so a COMMIT that returned is on disk; a busy
 * timeout lets several processes share the store (writers queue on BEGIN IMMEDIATE).
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "mapi_status.h"
#include "sql_engine.h"

/* How long a writer waits for another session's transaction before ecServerBusy. */
#define SQLITE_BUSY_MS 30000

struct sql_conn {
	sqlite3 *db;
};

struct sql_stmt {
	struct sql_conn *conn;
	sqlite3_stmt *st;
};

static uint32_t map_rc(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_ROW:
	case SQLITE_DONE:
		return MAPI_E_SUCCESS;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ecServerBusy;
	case SQLITE_NOMEM:
		return MAPI_E_NOT_ENOUGH_MEMORY;
	case SQLITE_CONSTRAINT:
		return ecDuplicateName;		/* a unique key: as ER_DUP_ENTRY in sql_mariadb.c */
	default:
		return ecJetError;
	}
}

static int conn_destructor(struct sql_conn *c)
{
	sqlite3_close_v2(c->db);
	return 0;
}

static uint32_t sqlite_exec(struct sql_conn *conn, const char *sql)
{
	return map_rc(sqlite3_exec(conn->db, sql, NULL, NULL, NULL));
}

static uint32_t sqlite_connect(TALLOC_CTX *mem_ctx, const struct sql_url *url, struct sql_conn **conn_r)
{
	if (mkdir(url->path, 0700) != 0 && errno != EEXIST)
		return ecBadConfig;
	char *file = talloc_asprintf(mem_ctx, "%s/store.db", url->path);
	struct sql_conn *c = talloc_zero(mem_ctx, struct sql_conn);
	if (file == NULL || c == NULL) {
		talloc_free(file);
		talloc_free(c);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	int rc = sqlite3_open_v2(file, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
	talloc_free(file);
	talloc_set_destructor(c, conn_destructor);
	if (rc != SQLITE_OK) {
		talloc_free(c);
		return ecBadConfig;
	}
	sqlite3_busy_timeout(c->db, SQLITE_BUSY_MS);
	// WAL lets readers run beside the writer; FULL syncs the WAL at every commit (durability).
	uint32_t status = sqlite_exec(c, "PRAGMA journal_mode=WAL");
	if (status == MAPI_E_SUCCESS)
		status = sqlite_exec(c, "PRAGMA synchronous=FULL");
	if (status != MAPI_E_SUCCESS) {
		talloc_free(c);
		return status;
	}
	*conn_r = c;
	return MAPI_E_SUCCESS;
}

static int stmt_destructor(struct sql_stmt *s)
{
	sqlite3_finalize(s->st);
	return 0;
}

static uint32_t sqlite_prepare(TALLOC_CTX *mem_ctx, struct sql_conn *conn, const char *sql, struct sql_stmt **st_r)
{
	struct sql_stmt *s = talloc_zero(mem_ctx, struct sql_stmt);
	if (s == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	s->conn = conn;
	int rc = sqlite3_prepare_v2(conn->db, sql, -1, &s->st, NULL);
	if (rc != SQLITE_OK) {
		talloc_free(s);
		return map_rc(rc) == MAPI_E_SUCCESS ? ecJetError : map_rc(rc);
	}
	talloc_set_destructor(s, stmt_destructor);
	*st_r = s;
	return MAPI_E_SUCCESS;
}

static uint32_t sqlite_bind_i64(struct sql_stmt *st, unsigned idx, int64_t v)
{
	return map_rc(sqlite3_bind_int64(st->st, (int)idx + 1, v));
}

static uint32_t sqlite_bind_blob(struct sql_stmt *st, unsigned idx, const void *p, size_t len)
{
	if (p == NULL)
		return map_rc(sqlite3_bind_null(st->st, (int)idx + 1));
	// SQLITE_TRANSIENT: SQLite copies, so the caller's buffer may go before the step.
	return map_rc(sqlite3_bind_blob64(st->st, (int)idx + 1, len > 0 ? p : "", len, SQLITE_TRANSIENT));
}

static uint32_t sqlite_step(struct sql_stmt *st, bool *row_r)
{
	int rc = sqlite3_step(st->st);
	*row_r = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return MAPI_E_SUCCESS;
	uint32_t status = map_rc(rc);
	return status == MAPI_E_SUCCESS ? ecJetError : status;
}

static int64_t sqlite_col_i64(struct sql_stmt *st, unsigned idx)
{
	return sqlite3_column_int64(st->st, (int)idx);
}

static uint32_t sqlite_col_blob(struct sql_stmt *st, TALLOC_CTX *mem_ctx, unsigned idx, uint8_t **p_r,
				size_t *len_r, bool *null_r)
{
	*null_r = sqlite3_column_type(st->st, (int)idx) == SQLITE_NULL;
	const void *p = sqlite3_column_blob(st->st, (int)idx);
	int len = sqlite3_column_bytes(st->st, (int)idx);
	uint8_t *copy = talloc_array(mem_ctx, uint8_t, (size_t)len + 1);
	if (copy == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	if (len > 0)
		memcpy(copy, p, (size_t)len);
	copy[len] = 0;
	*p_r = copy;
	*len_r = (size_t)len;
	return MAPI_E_SUCCESS;
}

static int64_t sqlite_changes(struct sql_stmt *st)
{
	return sqlite3_changes(st->conn->db);
}

static void sqlite_reset(struct sql_stmt *st)
{
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
}

const struct sql_engine sql_engine_sqlite = {
	.name = "sqlite",
	.blob_type = "BLOB",
	// IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of deadlocking.
	.begin_sql = "BEGIN IMMEDIATE",
	// SQLite has no ADD COLUMN IF NOT EXISTS; its DDL is transactional, so a migration never half-runs.
	.add_column_guard = "",
	.connect = sqlite_connect,
	.exec = sqlite_exec,
	.prepare = sqlite_prepare,
	.bind_i64 = sqlite_bind_i64,
	.bind_blob = sqlite_bind_blob,
	.step = sqlite_step,
	.col_i64 = sqlite_col_i64,
	.col_blob = sqlite_col_blob,
	.changes = sqlite_changes,
	.reset = sqlite_reset,
};
