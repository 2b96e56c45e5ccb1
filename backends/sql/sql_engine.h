/*
 * sql_engine.h — the tiny SQL-engine vtable under backends/sql: the one SQL backend
 * (sql_backend.c) speaks portable SQL through it, and each engine file (sql_sqlite.c,
 * sql_mariadb.c) keeps its dialect and client-library differences to itself.
 *
 * Statements always use '?' placeholders with bound values (never string pasting). Errors are
 * MAPI statuses: ecJetError for an engine failure, ecServerBusy for a lock timeout or deadlock,
 * ecBadConfig for a URL or server the engine cannot use, MAPI_E_NOT_ENOUGH_MEMORY.
 */
#ifndef SAMBEX_SQL_ENGINE_H
#define SAMBEX_SQL_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "sql_url.h"

struct sql_conn;	/* talloc object; freeing it closes the connection */
struct sql_stmt;	/* talloc object; freeing it finalizes the statement */

struct sql_engine {
	const char *name;
	/* Type names the portable DDL leaves to the engine: "{BLOB}" in schema text. */
	const char *blob_type;
	/* The statement that opens a write transaction. */
	const char *begin_sql;
	/* "{IF_NOT_EXISTS}" in ADD COLUMN: "IF NOT EXISTS" where the dialect has it, else "". */
	const char *add_column_guard;

	/* Connects (creating the database when the engine can) as url says; *conn_r on mem_ctx. */
	uint32_t (*connect)(TALLOC_CTX *mem_ctx, const struct sql_url *url, struct sql_conn **conn_r);
	/* Runs one statement without parameters or rows (DDL, COMMIT). */
	uint32_t (*exec)(struct sql_conn *conn, const char *sql);
	/* Prepares sql; *st_r on mem_ctx. */
	uint32_t (*prepare)(TALLOC_CTX *mem_ctx, struct sql_conn *conn, const char *sql, struct sql_stmt **st_r);
	/* Binds parameter idx (0-based) to an integer, or to bytes (NULL with len 0 binds SQL NULL). */
	uint32_t (*bind_i64)(struct sql_stmt *st, unsigned idx, int64_t v);
	uint32_t (*bind_blob)(struct sql_stmt *st, unsigned idx, const void *p, size_t len);
	/* Runs the statement (first call) and moves to the next row: *row_r false when done. */
	uint32_t (*step)(struct sql_stmt *st, bool *row_r);
	/* Columns of the current row (0-based). A NULL integer reads as 0. */
	int64_t (*col_i64)(struct sql_stmt *st, unsigned idx);
	/* A copy of a bytes column on mem_ctx (NUL-terminated past len); *null_r for SQL NULL. */
	uint32_t (*col_blob)(struct sql_stmt *st, TALLOC_CTX *mem_ctx, unsigned idx, uint8_t **p_r, size_t *len_r,
			     bool *null_r);
	/* Rows the last step of an INSERT/UPDATE/DELETE changed. */
	int64_t (*changes)(struct sql_stmt *st);
	/*
	 * Makes a prepared statement ready to be bound and run again: pending rows dropped, locks and
	 * snapshots it held released, parameters cleared. Without a round trip to a server.
	 */
	void (*reset)(struct sql_stmt *st);
};

extern const struct sql_engine sql_engine_sqlite;
extern const struct sql_engine sql_engine_mariadb;

#endif
