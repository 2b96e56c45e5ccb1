/*
 * sql_backend.c — the SQL backend's vtable (mapistore_backend.h) over an SQL engine: opening,
 * transactions, counters, mailboxes, object records and the named-property map. Property values
 * and blobs are in sql_props.c, statistics and the fsck in sql_check.c. Every statement is
 * prepared with bound parameters.
 */
#include <string.h>

#include "sql_backend.h"
#include "sql_private.h"

uint32_t sql_query(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, const char *sql, const struct sql_arg *args,
		   unsigned nargs, struct sql_stmt **st_r)
{
	struct sql_stmt *st = NULL;
	void *owner = NULL;
	uint32_t status = sql_cache_prepare(be->cache, be->conn, mem_ctx, sql, &st, &owner);
	if (status != MAPI_E_SUCCESS)
		return status;
	for (unsigned i = 0; status == MAPI_E_SUCCESS && i < nargs; i++) {
		if (args[i].type == 'i')
			status = be->eng->bind_i64(st, i, args[i].i);
		else
			status = be->eng->bind_blob(st, i, args[i].p, args[i].len);
	}
	if (status != MAPI_E_SUCCESS) {
		talloc_free(owner);
		return status;
	}
	*st_r = st;
	return MAPI_E_SUCCESS;
}

/* Prepares, binds and steps once; the statement lives on tmp. */
static uint32_t sql_first(struct mapistore_backend *be, TALLOC_CTX *tmp, const char *sql, const struct sql_arg *args,
			  unsigned nargs, struct sql_stmt **st_r, bool *row_r)
{
	uint32_t status = sql_query(be, tmp, sql, args, nargs, st_r);
	return status == MAPI_E_SUCCESS ? be->eng->step(*st_r, row_r) : status;
}

uint32_t sql_do(struct mapistore_backend *be, const char *sql, const struct sql_arg *args, unsigned nargs,
		int64_t *changes_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row;
	uint32_t status = sql_first(be, tmp, sql, args, nargs, &st, &row);
	if (status == MAPI_E_SUCCESS && changes_r != NULL)
		*changes_r = be->eng->changes(st);
	talloc_free(tmp);
	return status;
}

uint32_t sql_int(struct mapistore_backend *be, const char *sql, const struct sql_arg *args, unsigned nargs,
		 int64_t *v_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = false;
	uint32_t status = sql_first(be, tmp, sql, args, nargs, &st, &row);
	if (status == MAPI_E_SUCCESS && !row)
		status = MAPI_E_NOT_FOUND;
	if (status == MAPI_E_SUCCESS)
		*v_r = be->eng->col_i64(st, 0);
	talloc_free(tmp);
	return status;
}

static int backend_destructor(struct mapistore_backend *be)
{
	// Statements go before the connection they were prepared on.
	TALLOC_FREE(be->cache);
	if (be->in_txn)
		be->eng->exec(be->conn, "ROLLBACK");
	return 0;
}

static uint32_t sql_open_engine(TALLOC_CTX *mem_ctx, const struct sql_engine *eng, const char *url,
				struct mapistore_backend **be_r)
{
	struct mapistore_backend *be = talloc_zero(mem_ctx, struct mapistore_backend);
	if (be == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	be->eng = eng;
	uint32_t status = sql_url_parse(be, url, &be->url);
	if (status == MAPI_E_SUCCESS && strcmp(be->url->scheme, eng->name) != 0)
		status = ecBadConfig;
	if (status == MAPI_E_SUCCESS)
		status = eng->connect(be, be->url, &be->conn);
	if (status == MAPI_E_SUCCESS) {
		be->cache = sql_cache_new(be, eng);
		status = be->cache == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	}
	if (status == MAPI_E_SUCCESS) {
		be->blob_dir = be->url->blobs;
		talloc_set_destructor(be, backend_destructor);
		status = sql_schema_migrate(be);
	}
	if (status != MAPI_E_SUCCESS) {
		talloc_free(be);
		return status;
	}
	*be_r = be;
	return MAPI_E_SUCCESS;
}

static uint32_t sqlite_open(TALLOC_CTX *mem_ctx, const char *url, struct mapistore_backend **be_r)
{
	return sql_open_engine(mem_ctx, &sql_engine_sqlite, url, be_r);
}

static uint32_t mariadb_open(TALLOC_CTX *mem_ctx, const char *url, struct mapistore_backend **be_r)
{
	return sql_open_engine(mem_ctx, &sql_engine_mariadb, url, be_r);
}

uint32_t sql_begin(struct mapistore_backend *be)
{
	if (be->in_txn)
		return MAPI_E_CALL_FAILED;	/* transactions do not nest (the ABI contract) */
	uint32_t status = be->eng->exec(be->conn, be->eng->begin_sql);
	be->in_txn = status == MAPI_E_SUCCESS;
	return status;
}

uint32_t sql_commit(struct mapistore_backend *be)
{
	if (!be->in_txn)
		return MAPI_E_CALL_FAILED;
	uint32_t status = be->eng->exec(be->conn, "COMMIT");
	if (status != MAPI_E_SUCCESS) {
		be->eng->exec(be->conn, "ROLLBACK");
		status = ecDatabaseRolledBack;
	}
	be->in_txn = false;
	return status;
}

uint32_t sql_rollback(struct mapistore_backend *be)
{
	if (!be->in_txn)
		return MAPI_E_CALL_FAILED;
	be->in_txn = false;
	return be->eng->exec(be->conn, "ROLLBACK");
}

static uint32_t sql_counter_reserve(struct mapistore_backend *be, uint64_t mailbox, uint32_t which,
				    uint64_t count, uint64_t *first_r)
{
	if (count == 0 || count > INT64_MAX / 2)
		return MAPI_E_INVALID_PARAMETER;
	// UPDATE first: it takes the row lock, so concurrent sessions get disjoint ranges.
	struct sql_arg upd[] = { SQL_I(count), SQL_I(mailbox), SQL_I(which) };
	int64_t changed = 0;
	uint32_t status = sql_do(be, "UPDATE counters SET next_value = next_value + ? WHERE mailbox = ? AND ctr = ?",
				 upd, SQL_NARGS(upd), &changed);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (changed == 0) {
		struct sql_arg ins[] = { SQL_I(mailbox), SQL_I(which), SQL_I(1 + count) };
		status = sql_do(be, "INSERT INTO counters (mailbox, ctr, next_value) VALUES (?, ?, ?)", ins,
				SQL_NARGS(ins), NULL);
		if (status == MAPI_E_SUCCESS)
			*first_r = 1;
		return status;
	}
	int64_t next;
	struct sql_arg sel[] = { SQL_I(mailbox), SQL_I(which) };
	status = sql_int(be, "SELECT next_value FROM counters WHERE mailbox = ? AND ctr = ?", sel, SQL_NARGS(sel), &next);
	if (status == MAPI_E_SUCCESS)
		*first_r = (uint64_t)next - count;
	return status;
}

static uint32_t sql_counter_peek(struct mapistore_backend *be, uint64_t mailbox, uint32_t which, uint64_t *next_r)
{
	int64_t next;
	struct sql_arg sel[] = { SQL_I(mailbox), SQL_I(which) };
	uint32_t status = sql_int(be, "SELECT next_value FROM counters WHERE mailbox = ? AND ctr = ?", sel,
				  SQL_NARGS(sel), &next);
	if (status == MAPI_E_NOT_FOUND) {
		*next_r = 1;
		return MAPI_E_SUCCESS;
	}
	if (status == MAPI_E_SUCCESS)
		*next_r = (uint64_t)next;
	return status;
}

static uint32_t sql_mailbox_put(struct mapistore_backend *be, const struct mapistore_mailbox_record *mbox)
{
	uint8_t guid[16];
	mapi_guid_to_wire(&mbox->guid, guid);
	struct sql_arg args[] = { SQL_I(mbox->mailbox_id), SQL_S(mbox->owner), SQL_B(guid, 16), SQL_S(mbox->locale) };
	return sql_do(be, "INSERT INTO mailboxes (id, owner, guid, locale) VALUES (?, ?, ?, ?)", args,
		      SQL_NARGS(args), NULL);
}

/* One mailbox row (id, owner, guid, locale) of a stepped statement. */
static uint32_t read_mailbox(struct mapistore_backend *be, struct sql_stmt *st, TALLOC_CTX *mem_ctx,
			     struct mapistore_mailbox_record *m)
{
	uint8_t *owner, *guid, *locale;
	size_t olen, glen, llen;
	bool null;
	m->mailbox_id = (uint64_t)be->eng->col_i64(st, 0);
	uint32_t status = be->eng->col_blob(st, mem_ctx, 1, &owner, &olen, &null);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->col_blob(st, mem_ctx, 2, &guid, &glen, &null);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->col_blob(st, mem_ctx, 3, &locale, &llen, &null);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (glen != 16)
		return ecJetError;
	mapi_guid_from_wire(guid, &m->guid);
	m->owner = (const char *)owner;
	m->locale = (const char *)locale;
	return MAPI_E_SUCCESS;
}

static uint32_t sql_mailbox_get(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, const char *owner,
				struct mapistore_mailbox_record *mbox_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = false;
	struct sql_arg args[] = { SQL_S(owner) };
	uint32_t status = sql_query(be, tmp, "SELECT id, owner, guid, locale FROM mailboxes WHERE owner = ?", args,
				    SQL_NARGS(args), &st);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->step(st, &row);
	if (status == MAPI_E_SUCCESS)
		status = row ? read_mailbox(be, st, mem_ctx, mbox_r) : MAPI_E_NOT_FOUND;
	talloc_free(tmp);
	return status;
}

static uint32_t sql_mailbox_list(struct mapistore_backend *be, TALLOC_CTX *mem_ctx,
				 struct mapistore_mailbox_record **mboxes_r, uint32_t *count_r)
{
	struct sql_stmt *st;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapistore_mailbox_record *list = talloc_array(mem_ctx, struct mapistore_mailbox_record, 1);
	uint32_t count = 0;
	bool row = true;
	uint32_t status = list == NULL || tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: sql_query(be, tmp, "SELECT id, owner, guid, locale FROM mailboxes ORDER BY id", NULL, 0, &st);
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row) {
		struct mapistore_mailbox_record *grown = talloc_realloc(mem_ctx, list, struct mapistore_mailbox_record,
									 count + 1);
		if (grown == NULL) {
			status = MAPI_E_NOT_ENOUGH_MEMORY;
			break;
		}
		list = grown;
		status = read_mailbox(be, st, list, &list[count++]);
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(list);
		return status;
	}
	*mboxes_r = list;
	*count_r = count;
	return MAPI_E_SUCCESS;
}

static uint32_t sql_record_put(struct mapistore_backend *be, uint64_t mailbox, const struct mapistore_record *rec)
{
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(rec->id), SQL_I(rec->parent_id), SQL_I(rec->kind),
				  SQL_I(rec->flags), SQL_I(rec->change_num), SQL_I(rec->num), SQL_I(rec->read_change_num) };
	// REPLACE is the insert-or-replace both engines understand.
	return sql_do(be, "REPLACE INTO objects (mailbox, id, parent, kind, flags, cn, num, read_cn) "
		      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", args, SQL_NARGS(args), NULL);
}

void sql_read_record(struct mapistore_backend *be, struct sql_stmt *st, struct mapistore_record *r)
{
	r->id = (uint64_t)be->eng->col_i64(st, 0);
	r->parent_id = (uint64_t)be->eng->col_i64(st, 1);
	r->kind = (uint32_t)be->eng->col_i64(st, 2);
	r->flags = (uint32_t)be->eng->col_i64(st, 3);
	r->change_num = (uint64_t)be->eng->col_i64(st, 4);
	r->num = (uint32_t)be->eng->col_i64(st, 5);
	r->read_change_num = (uint64_t)be->eng->col_i64(st, 6);
}

static uint32_t sql_record_get(struct mapistore_backend *be, uint64_t mailbox, uint64_t id,
			       struct mapistore_record *rec_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = false;
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(id) };
	uint32_t status = sql_query(be, tmp, "SELECT id, parent, kind, flags, cn, num, read_cn FROM objects "
				    "WHERE mailbox = ? AND id = ?", args, SQL_NARGS(args), &st);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->step(st, &row);
	if (status == MAPI_E_SUCCESS && !row)
		status = MAPI_E_NOT_FOUND;
	if (status == MAPI_E_SUCCESS)
		sql_read_record(be, st, rec_r);
	talloc_free(tmp);
	return status;
}

static uint32_t sql_record_delete(struct mapistore_backend *be, uint64_t mailbox, uint64_t id)
{
	uint32_t status = sql_props_delete_object(be, mailbox, id);
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(id) };
	if (status == MAPI_E_SUCCESS)
		status = sql_do(be, "DELETE FROM objects WHERE mailbox = ? AND id = ?", args, SQL_NARGS(args), NULL);
	return status;
}

/* Collects the records a stepped query returns, columns as sql_read_record reads them. */
static uint32_t collect_records(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct sql_stmt *st,
				struct mapistore_record **recs_r, uint32_t *count_r)
{
	struct mapistore_record *recs = talloc_array(mem_ctx, struct mapistore_record, 1);
	uint32_t count = 0;
	bool row = true;
	uint32_t status = recs == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row) {
		struct mapistore_record *grown = talloc_realloc(mem_ctx, recs, struct mapistore_record, count + 1);
		if (grown == NULL) {
			status = MAPI_E_NOT_ENOUGH_MEMORY;
			break;
		}
		recs = grown;
		sql_read_record(be, st, &recs[count++]);
	}
	if (status != MAPI_E_SUCCESS) {
		talloc_free(recs);
		return status;
	}
	*recs_r = recs;
	*count_r = count;
	return MAPI_E_SUCCESS;
}

static uint32_t sql_record_children(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
				    uint64_t parent_id, uint32_t kind, uint64_t **ids_r, uint32_t *count_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	struct mapistore_record *recs = NULL;
	uint32_t count = 0;
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(parent_id), SQL_I(kind) };
	uint32_t status = sql_query(be, tmp, "SELECT id, parent, kind, flags, cn, num, read_cn FROM objects "
				    "WHERE mailbox = ? AND parent = ? AND kind = ? ORDER BY id", args, SQL_NARGS(args), &st);
	if (status == MAPI_E_SUCCESS)
		status = collect_records(be, tmp, st, &recs, &count);
	uint64_t *ids = NULL;
	if (status == MAPI_E_SUCCESS && count > 0) {
		ids = talloc_array(mem_ctx, uint64_t, count);
		if (ids == NULL)
			status = MAPI_E_NOT_ENOUGH_MEMORY;
		for (uint32_t i = 0; ids != NULL && i < count; i++)
			ids[i] = recs[i].id;
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS)
		return status;
	*ids_r = ids;
	*count_r = count;
	return MAPI_E_SUCCESS;
}

static uint32_t sql_record_all(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
			       struct mapistore_record **recs_r, uint32_t *count_r)
{
	struct sql_stmt *st;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_arg args[] = { SQL_I(mailbox) };
	uint32_t status = sql_query(be, tmp, "SELECT id, parent, kind, flags, cn, num, read_cn FROM objects "
				    "WHERE mailbox = ? ORDER BY id", args, SQL_NARGS(args), &st);
	if (status == MAPI_E_SUCCESS)
		status = collect_records(be, mem_ctx, st, recs_r, count_r);
	talloc_free(tmp);
	return status;
}

static uint32_t sql_namedprop_put(struct mapistore_backend *be, uint64_t mailbox,
				  const struct mapistore_namedprop_record *np)
{
	uint8_t guid[16];
	mapi_guid_to_wire(&np->guid, guid);
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(np->propid), SQL_B(guid, 16), SQL_I(np->kind), SQL_I(np->lid),
				  SQL_S(np->name) };
	return sql_do(be, "INSERT INTO namedprops (mailbox, propid, guid, kind, lid, name) VALUES (?, ?, ?, ?, ?, ?)",
		      args, SQL_NARGS(args), NULL);
}

static uint32_t sql_namedprop_find(struct mapistore_backend *be, uint64_t mailbox,
				   const struct mapistore_namedprop_record *key, uint16_t *propid_r)
{
	uint8_t guid[16];
	mapi_guid_to_wire(&key->guid, guid);
	int64_t v;
	struct sql_arg args[] = { SQL_I(mailbox), SQL_B(guid, 16), SQL_I(key->kind), SQL_I(key->lid), SQL_S(key->name) };
	uint32_t status = sql_int(be, "SELECT propid FROM namedprops WHERE mailbox = ? AND guid = ? AND kind = ? "
				  "AND lid = ? AND name = ?", args, SQL_NARGS(args), &v);
	if (status == MAPI_E_SUCCESS)
		*propid_r = (uint16_t)v;
	return status;
}

static uint32_t sql_namedprop_get(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
				  uint16_t propid, struct mapistore_namedprop_record *np_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = false, null;
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(propid) };
	uint32_t status = sql_query(be, tmp, "SELECT guid, kind, lid, name FROM namedprops WHERE mailbox = ? AND propid = ?",
				    args, SQL_NARGS(args), &st);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->step(st, &row);
	if (status == MAPI_E_SUCCESS && !row)
		status = MAPI_E_NOT_FOUND;
	uint8_t *guid = NULL, *name = NULL;
	size_t glen = 0, nlen = 0;
	if (status == MAPI_E_SUCCESS)
		status = be->eng->col_blob(st, tmp, 0, &guid, &glen, &null);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->col_blob(st, mem_ctx, 3, &name, &nlen, &null);
	if (status == MAPI_E_SUCCESS && glen != 16)
		status = ecJetError;
	if (status == MAPI_E_SUCCESS) {
		np_r->propid = propid;
		mapi_guid_from_wire(guid, &np_r->guid);
		np_r->kind = (uint8_t)be->eng->col_i64(st, 1);
		np_r->lid = (uint32_t)be->eng->col_i64(st, 2);
		np_r->name = (const char *)name;
	}
	talloc_free(tmp);
	return status;
}

/* The members every SQL table shares; only the scheme and open differ. */
#define SQL_VFUNCS_COMMON \
	.abi_version = MAPISTORE_BACKEND_ABI_VERSION, \
	.size = sizeof(struct mapistore_backend_vfuncs), \
	.begin = sql_begin, .commit = sql_commit, .rollback = sql_rollback, \
	.counter_reserve = sql_counter_reserve, .counter_peek = sql_counter_peek, \
	.mailbox_put = sql_mailbox_put, .mailbox_get = sql_mailbox_get, .mailbox_list = sql_mailbox_list, \
	.record_put = sql_record_put, .record_get = sql_record_get, .record_delete = sql_record_delete, \
	.record_children = sql_record_children, .record_all = sql_record_all, \
	.prop_put = sql_prop_put, .prop_get = sql_prop_get, .prop_delete = sql_prop_delete, \
	.prop_list = sql_prop_list, \
	.namedprop_put = sql_namedprop_put, .namedprop_find = sql_namedprop_find, \
	.namedprop_get = sql_namedprop_get, \
	.stats = sql_stats, .check = sql_check, \
	.record_children_props = sql_record_children_props, .gc = sql_gc

const struct mapistore_backend_vfuncs sql_backend_sqlite_vfuncs = {
	SQL_VFUNCS_COMMON,
	.scheme = "sqlite",
	.open = sqlite_open,
};

const struct mapistore_backend_vfuncs sql_backend_mariadb_vfuncs = {
	SQL_VFUNCS_COMMON,
	.scheme = "mariadb",
	.open = mariadb_open,
};

uint32_t sql_backend_register(void)
{
	uint32_t status = mapistore_backend_register(&sql_backend_sqlite_vfuncs);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_backend_register(&sql_backend_mariadb_vfuncs);
	return status;
}
