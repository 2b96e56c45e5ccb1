/*
 * sql_mariadb.c — the MariaDB/MySQL engine of the SQL backend, through libmariadb's prepared
 * statements (binary protocol, every value bound). InnoDB gives row locks and durable commits
 * (innodb_flush_log_at_trx_commit=1, the server default), so several front-end hosts can share
 * one store.
 */
#include <string.h>

#include <mysql.h>
#include <mysqld_error.h>

#include "mapi_status.h"
#include "sql_engine.h"

struct sql_conn {
	MYSQL *db;
};

struct sql_stmt {
	struct sql_conn *conn;
	MYSQL_STMT *st;
	unsigned nparams;
	MYSQL_BIND *params;
	int64_t *ints;			/* storage the integer parameters point at */
	TALLOC_CTX *copies;		/* the bytes parameters point at, until the next reset */
	unsigned ncols;
	MYSQL_BIND *cols;
	unsigned long *lengths;
	my_bool *nulls;
	bool executed;
	bool has_result;
};

static uint32_t map_errno(unsigned err)
{
	switch (err) {
	case 0: return MAPI_E_SUCCESS;
	case ER_LOCK_DEADLOCK:
	case ER_LOCK_WAIT_TIMEOUT: return ecServerBusy;
	case ER_DUP_ENTRY: return ecDuplicateName;
	default: return ecJetError;
	}
}

static int conn_destructor(struct sql_conn *c)
{
	mysql_close(c->db);
	return 0;
}

static uint32_t maria_exec(struct sql_conn *conn, const char *sql)
{
	if (mysql_real_query(conn->db, sql, strlen(sql)) != 0)
		return map_errno(mysql_errno(conn->db));
	MYSQL_RES *res = mysql_store_result(conn->db);
	if (res != NULL)
		mysql_free_result(res);
	return MAPI_E_SUCCESS;
}

static bool real_connect(struct sql_conn *c, const struct sql_url *url, const char *db)
{
	return mysql_real_connect(c->db, url->host, url->user, url->password, db, url->port, url->socket, 0) != NULL;
}

static uint32_t maria_connect(TALLOC_CTX *mem_ctx, const struct sql_url *url, struct sql_conn **conn_r)
{
	struct sql_conn *c = talloc_zero(mem_ctx, struct sql_conn);
	if (c == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	c->db = mysql_init(NULL);
	if (c->db == NULL) {
		talloc_free(c);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	talloc_set_destructor(c, conn_destructor);
	uint32_t status = MAPI_E_SUCCESS;
	if (!real_connect(c, url, url->path)) {
		// A missing database is created (the name was checked to be [A-Za-z0-9_] by sql_url).
		if (mysql_errno(c->db) != ER_BAD_DB_ERROR || !real_connect(c, url, NULL)) {
			status = ecBadConfig;
		} else {
			char *sql = talloc_asprintf(c, "CREATE DATABASE IF NOT EXISTS `%s`", url->path);
			status = sql == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : maria_exec(c, sql);
			if (status == MAPI_E_SUCCESS && mysql_select_db(c->db, url->path) != 0)
				status = ecBadConfig;
		}
	}
	if (status == MAPI_E_SUCCESS)
		status = maria_exec(c, "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES'");
	// Each statement sees what other sessions committed (name checks, named-property look-ups);
	// counters stay safe because their UPDATE takes the row lock.
	if (status == MAPI_E_SUCCESS)
		status = maria_exec(c, "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
	if (status != MAPI_E_SUCCESS) {
		talloc_free(c);
		return status;
	}
	*conn_r = c;
	return MAPI_E_SUCCESS;
}

static int stmt_destructor(struct sql_stmt *s)
{
	if (s->st != NULL)
		mysql_stmt_close(s->st);
	return 0;
}

static uint32_t maria_prepare(TALLOC_CTX *mem_ctx, struct sql_conn *conn, const char *sql, struct sql_stmt **st_r)
{
	struct sql_stmt *s = talloc_zero(mem_ctx, struct sql_stmt);
	if (s == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	s->conn = conn;
	s->st = mysql_stmt_init(conn->db);
	talloc_set_destructor(s, stmt_destructor);
	if (s->st == NULL || mysql_stmt_prepare(s->st, sql, strlen(sql)) != 0) {
		uint32_t status = s->st == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : map_errno(mysql_stmt_errno(s->st));
		talloc_free(s);
		return status == MAPI_E_SUCCESS ? ecJetError : status;
	}
	s->nparams = (unsigned)mysql_stmt_param_count(s->st);
	s->params = talloc_zero_array(s, MYSQL_BIND, s->nparams + 1);
	s->ints = talloc_zero_array(s, int64_t, s->nparams + 1);
	if (s->params == NULL || s->ints == NULL) {
		talloc_free(s);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*st_r = s;
	return MAPI_E_SUCCESS;
}

static uint32_t maria_bind_i64(struct sql_stmt *st, unsigned idx, int64_t v)
{
	if (idx >= st->nparams)
		return MAPI_E_INVALID_PARAMETER;
	st->ints[idx] = v;
	MYSQL_BIND *b = &st->params[idx];
	memset(b, 0, sizeof(*b));
	b->buffer_type = MYSQL_TYPE_LONGLONG;
	b->buffer = &st->ints[idx];
	return MAPI_E_SUCCESS;
}

static uint32_t maria_bind_blob(struct sql_stmt *st, unsigned idx, const void *p, size_t len)
{
	if (idx >= st->nparams)
		return MAPI_E_INVALID_PARAMETER;
	MYSQL_BIND *b = &st->params[idx];
	memset(b, 0, sizeof(*b));
	if (p == NULL) {
		b->buffer_type = MYSQL_TYPE_NULL;
		return MAPI_E_SUCCESS;
	}
	// A copy: the caller's buffer may be gone by the time the statement runs.
	if (st->copies == NULL)
		st->copies = talloc_new(st);
	void *copy = st->copies == NULL ? NULL : talloc_memdup(st->copies, len > 0 ? p : "", len > 0 ? len : 1);
	if (copy == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	b->buffer_type = MYSQL_TYPE_BLOB;
	b->buffer = copy;
	b->buffer_length = (unsigned long)len;
	return MAPI_E_SUCCESS;
}

/* Runs the statement; for a query, buffers the result and binds zero-length column buffers. */
static uint32_t maria_execute(struct sql_stmt *st)
{
	st->executed = true;
	if ((st->nparams > 0 && mysql_stmt_bind_param(st->st, st->params) != 0) || mysql_stmt_execute(st->st) != 0)
		return map_errno(mysql_stmt_errno(st->st));
	MYSQL_RES *meta = mysql_stmt_result_metadata(st->st);
	if (meta == NULL)
		return MAPI_E_SUCCESS;
	st->ncols = mysql_num_fields(meta);
	mysql_free_result(meta);
	st->has_result = true;
	st->cols = talloc_zero_array(st, MYSQL_BIND, st->ncols + 1);
	st->lengths = talloc_zero_array(st, unsigned long, st->ncols + 1);
	st->nulls = talloc_zero_array(st, my_bool, st->ncols + 1);
	if (st->cols == NULL || st->lengths == NULL || st->nulls == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (unsigned i = 0; i < st->ncols; i++) {
		// Zero-length buffers: fetch reports lengths, mysql_stmt_fetch_column reads the values.
		st->cols[i].buffer_type = MYSQL_TYPE_BLOB;
		st->cols[i].length = &st->lengths[i];
		st->cols[i].is_null = &st->nulls[i];
	}
	if (mysql_stmt_store_result(st->st) != 0 || mysql_stmt_bind_result(st->st, st->cols) != 0)
		return map_errno(mysql_stmt_errno(st->st));
	return MAPI_E_SUCCESS;
}

static uint32_t maria_step(struct sql_stmt *st, bool *row_r)
{
	*row_r = false;
	if (!st->executed) {
		uint32_t status = maria_execute(st);
		if (status != MAPI_E_SUCCESS)
			return status == MAPI_E_SUCCESS ? ecJetError : status;
	}
	if (!st->has_result)
		return MAPI_E_SUCCESS;
	int rc = mysql_stmt_fetch(st->st);
	if (rc == MYSQL_NO_DATA)
		return MAPI_E_SUCCESS;
	if (rc != 0 && rc != MYSQL_DATA_TRUNCATED)
		return ecJetError;
	*row_r = true;
	return MAPI_E_SUCCESS;
}

static int64_t maria_col_i64(struct sql_stmt *st, unsigned idx)
{
	if (idx >= st->ncols || st->nulls[idx])
		return 0;
	long long v = 0;
	my_bool is_null = 0;
	MYSQL_BIND b;
	memset(&b, 0, sizeof(b));
	b.buffer_type = MYSQL_TYPE_LONGLONG;
	b.buffer = &v;
	b.is_null = &is_null;
	if (mysql_stmt_fetch_column(st->st, &b, idx, 0) != 0)
		return 0;
	return (int64_t)v;
}

static uint32_t maria_col_blob(struct sql_stmt *st, TALLOC_CTX *mem_ctx, unsigned idx, uint8_t **p_r, size_t *len_r,
			       bool *null_r)
{
	if (idx >= st->ncols)
		return MAPI_E_INVALID_PARAMETER;
	*null_r = st->nulls[idx] != 0;
	size_t len = *null_r ? 0 : st->lengths[idx];
	uint8_t *buf = talloc_array(mem_ctx, uint8_t, len + 1);
	if (buf == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	buf[len] = 0;
	if (len > 0) {
		unsigned long got = 0;
		MYSQL_BIND b;
		memset(&b, 0, sizeof(b));
		b.buffer_type = MYSQL_TYPE_BLOB;
		b.buffer = buf;
		b.buffer_length = (unsigned long)len;
		b.length = &got;
		if (mysql_stmt_fetch_column(st->st, &b, idx, 0) != 0 || got != len) {
			talloc_free(buf);
			return ecJetError;
		}
	}
	*p_r = buf;
	*len_r = len;
	return MAPI_E_SUCCESS;
}

static int64_t maria_changes(struct sql_stmt *st)
{
	return (int64_t)mysql_stmt_affected_rows(st->st);
}

/* Client-side only: mysql_stmt_reset would cost a round trip, and execute starts afresh anyway. */
static void maria_reset(struct sql_stmt *st)
{
	if (st->has_result)
		mysql_stmt_free_result(st->st);
	st->executed = false;
	st->has_result = false;
	st->ncols = 0;
	TALLOC_FREE(st->cols);
	TALLOC_FREE(st->lengths);
	TALLOC_FREE(st->nulls);
	TALLOC_FREE(st->copies);
	memset(st->params, 0, sizeof(*st->params) * (st->nparams + 1));
}

const struct sql_engine sql_engine_mariadb = {
	.name = "mariadb",
	.blob_type = "LONGBLOB",
	.begin_sql = "START TRANSACTION",
	// MariaDB commits DDL at once; IF NOT EXISTS makes a re-run after a crash harmless.
	.add_column_guard = "IF NOT EXISTS",
	.connect = maria_connect,
	.exec = maria_exec,
	.prepare = maria_prepare,
	.bind_i64 = maria_bind_i64,
	.bind_blob = maria_bind_blob,
	.step = maria_step,
	.col_i64 = maria_col_i64,
	.col_blob = maria_col_blob,
	.changes = maria_changes,
	.reset = maria_reset,
};
