/*
 * sql_children.c — record_children_props: the children of an object with the values of some
 * properties in one query (objects LEFT JOIN props, ordered by id), so that loading a table of
 * n rows costs one statement instead of 1 + 2n + n * columns.
 */
#include <string.h>

#include "sql_blob.h"
#include "sql_private.h"

/* Above this many distinct property IDs the query reads every property and filters here. */
#define CHILDREN_MAX_FILTER_IDS 200U

/* The result being built: records, their values, and the blob values to read afterwards. */
struct children_acc {
	TALLOC_CTX *mem_ctx;		/* recs and vals; each value's bytes are children of vals */
	TALLOC_CTX *scratch;		/* the pending blob list */
	const uint32_t *tags;
	uint32_t ntags;
	struct mapistore_record *recs;
	struct mapistore_backend_value *vals;
	uint32_t count, alloc;
	uint8_t **pending_hash;		/* blob hash of vals[pending_idx[k]] */
	size_t *pending_idx;
	size_t npending, pending_alloc;
};

/* The distinct non-zero property IDs of tags (at most ntags) on mem_ctx. */
static uint16_t *distinct_ids(TALLOC_CTX *mem_ctx, const uint32_t *tags, uint32_t ntags, uint32_t *n_r)
{
	uint16_t *ids = talloc_array(mem_ctx, uint16_t, ntags + 1);
	uint32_t n = 0;
	for (uint32_t i = 0; ids != NULL && i < ntags; i++) {
		uint16_t id = (uint16_t)(tags[i] >> 16);
		bool seen = id == 0;
		for (uint32_t k = 0; k < n && !seen; k++)
			seen = ids[k] == id;
		if (!seen)
			ids[n++] = id;
	}
	*n_r = n;
	return ids;
}

#define CHILDREN_SELECT "SELECT o.id, o.parent, o.kind, o.flags, o.cn, o.num, o.read_cn, p.tag, p.val, p.blob_hash " \
	"FROM objects o LEFT JOIN props p ON p.mailbox = o.mailbox AND p.id = o.id"

/*
 * The statement text for nids property IDs (filter false: every property): the SQL depends on
 * the number of IDs only, the IDs themselves are bound ('?' placeholders, two per ID).
 */
static char *children_sql(TALLOC_CTX *mem_ctx, uint32_t nids, bool filter)
{
	if (nids == 0)
		return talloc_strdup(mem_ctx, "SELECT o.id, o.parent, o.kind, o.flags, o.cn, o.num, o.read_cn, "
				     "NULL, NULL, NULL FROM objects o WHERE o.mailbox = ? AND o.parent = ? AND o.kind = ? "
				     "ORDER BY o.id");
	char *sql = talloc_strdup(mem_ctx, CHILDREN_SELECT);
	for (uint32_t i = 0; filter && sql != NULL && i < nids; i++)
		sql = talloc_asprintf_append(sql, "%s p.tag BETWEEN ? AND ?", i == 0 ? " AND (" : " OR");
	if (sql != NULL)
		sql = talloc_asprintf_append(sql, "%s WHERE o.mailbox = ? AND o.parent = ? AND o.kind = ? ORDER BY o.id",
					     filter ? ")" : "");
	return sql;
}

/* Makes room for one more record (its values zeroed: tag 0 means absent). */
static uint32_t acc_grow(struct children_acc *acc)
{
	if (acc->count < acc->alloc)
		return MAPI_E_SUCCESS;
	uint32_t alloc = acc->alloc == 0 ? 64 : acc->alloc * 2;
	struct mapistore_record *recs = talloc_realloc(acc->mem_ctx, acc->recs, struct mapistore_record, alloc);
	if (recs == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	acc->recs = recs;
	if (acc->ntags > 0) {
		struct mapistore_backend_value *vals = talloc_realloc(acc->mem_ctx, acc->vals,
								      struct mapistore_backend_value,
								      (size_t)alloc * acc->ntags);
		if (vals == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		memset(vals + (size_t)acc->alloc * acc->ntags, 0,
		       sizeof(*vals) * (size_t)(alloc - acc->alloc) * acc->ntags);
		acc->vals = vals;
	}
	acc->alloc = alloc;
	return MAPI_E_SUCCESS;
}

/* Remembers that vals[idx] is the blob of hash (read once the query is finished). */
static uint32_t acc_pending(struct children_acc *acc, size_t idx, uint8_t *hash)
{
	if (acc->npending == acc->pending_alloc) {
		size_t alloc = acc->pending_alloc == 0 ? 8 : acc->pending_alloc * 2;
		uint8_t **h = talloc_realloc(acc->scratch, acc->pending_hash, uint8_t *, alloc);
		if (h == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		acc->pending_hash = h;
		size_t *i = talloc_realloc(acc->scratch, acc->pending_idx, size_t, alloc);
		if (i == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		acc->pending_idx = i;
		acc->pending_alloc = alloc;
	}
	acc->pending_hash[acc->npending] = hash;
	acc->pending_idx[acc->npending++] = idx;
	return MAPI_E_SUCCESS;
}

/* Stores the property of the current row in every slot of the last record that asks for its ID. */
static uint32_t acc_value(struct mapistore_backend *be, struct children_acc *acc, struct sql_stmt *st, uint32_t tag)
{
	struct mapistore_backend_value *row = acc->vals + (size_t)(acc->count - 1) * acc->ntags;
	uint8_t *val = NULL, *hash = NULL;
	size_t vlen = 0, hlen = 0;
	bool vnull = true, hnull = true, read = false;
	uint32_t status = MAPI_E_SUCCESS;
	for (uint32_t j = 0; status == MAPI_E_SUCCESS && j < acc->ntags; j++) {
		if ((acc->tags[j] >> 16) != (tag >> 16))
			continue;
		if (!read) {
			status = be->eng->col_blob(st, acc->vals, 8, &val, &vlen, &vnull);
			if (status == MAPI_E_SUCCESS)
				status = be->eng->col_blob(st, acc->scratch, 9, &hash, &hlen, &hnull);
			if (status == MAPI_E_SUCCESS && !hnull && hlen != SQL_BLOB_HASH_SIZE)
				status = ecJetError;
			read = true;
		}
		row[j] = (struct mapistore_backend_value){ .tag = tag, .data = val, .len = vlen };
		if (status == MAPI_E_SUCCESS && !hnull)
			status = acc_pending(acc, (size_t)(acc->count - 1) * acc->ntags + j, hash);
	}
	return status;
}

/* One joined row: a new record when its id differs from the last one, then its value. */
static uint32_t acc_row(struct mapistore_backend *be, struct children_acc *acc, struct sql_stmt *st)
{
	uint64_t id = (uint64_t)be->eng->col_i64(st, 0);
	if (acc->count == 0 || acc->recs[acc->count - 1].id != id) {
		uint32_t status = acc_grow(acc);
		if (status != MAPI_E_SUCCESS)
			return status;
		sql_read_record(be, st, &acc->recs[acc->count++]);
	}
	// A NULL tag (no property joined) reads as 0; property ID 0 is never a stored property.
	uint32_t tag = (uint32_t)be->eng->col_i64(st, 7);
	if (tag >> 16 == 0 || acc->ntags == 0)
		return MAPI_E_SUCCESS;
	return acc_value(be, acc, st, tag);
}

/* Reads the blob values after the query: one result at a time on MariaDB. */
static uint32_t acc_blobs(struct mapistore_backend *be, struct children_acc *acc)
{
	uint32_t status = MAPI_E_SUCCESS;
	for (size_t k = 0; status == MAPI_E_SUCCESS && k < acc->npending; k++) {
		struct mapistore_backend_value *v = &acc->vals[acc->pending_idx[k]];
		uint8_t *data;
		size_t len;
		status = sql_blob_value(be, acc->vals, acc->pending_hash[k], SQL_BLOB_HASH_SIZE, &data, &len);
		if (status == MAPI_E_SUCCESS) {
			v->data = data;
			v->len = len;
		}
	}
	return status;
}

/* Binds the ID ranges (when filtered) and the key, and collects every row. */
static uint32_t children_query(struct mapistore_backend *be, TALLOC_CTX *tmp, struct children_acc *acc,
			       uint64_t mailbox, uint64_t parent_id, uint32_t kind)
{
	uint32_t nids = 0;
	uint16_t *ids = distinct_ids(tmp, acc->tags, acc->ntags, &nids);
	bool filter = nids <= CHILDREN_MAX_FILTER_IDS;
	char *sql = ids == NULL ? NULL : children_sql(tmp, nids, filter);
	unsigned nargs = (filter ? 2 * nids : 0) + 3, a = 0;
	struct sql_arg *args = talloc_array(tmp, struct sql_arg, nargs);
	if (sql == NULL || args == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	// MS-OXCDATA 2.9: a tag is the property ID (high 16 bits) and type: match the ID, any type.
	for (uint32_t i = 0; filter && i < nids; i++) {
		args[a++] = SQL_I((uint32_t)ids[i] << 16);
		args[a++] = SQL_I(((uint32_t)ids[i] << 16) | 0xFFFFU);
	}
	args[a++] = SQL_I(mailbox);
	args[a++] = SQL_I(parent_id);
	args[a++] = SQL_I(kind);
	struct sql_stmt *st;
	bool row = true;
	uint32_t status = sql_query(be, tmp, sql, args, nargs, &st);
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row)
		status = acc_row(be, acc, st);
	return status;
}

/* children_query with its statement finished before anything else runs (MariaDB: one result). */
static uint32_t children_run(struct mapistore_backend *be, struct children_acc *acc, uint64_t mailbox,
			     uint64_t parent_id, uint32_t kind)
{
	TALLOC_CTX *q = talloc_new(NULL);
	if (q == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t status = children_query(be, q, acc, mailbox, parent_id, kind);
	talloc_free(q);
	return status;
}

uint32_t sql_record_children_props(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
				   uint64_t parent_id, uint32_t kind, const uint32_t *tags, uint32_t ntags,
				   struct mapistore_record **recs_r, struct mapistore_backend_value **vals_r,
				   uint32_t *count_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct children_acc acc = { .mem_ctx = mem_ctx, .scratch = tmp, .tags = tags,
				    .ntags = tags != NULL ? ntags : 0 };
	uint32_t status = children_run(be, &acc, mailbox, parent_id, kind);
	if (status == MAPI_E_SUCCESS)
		status = acc_blobs(be, &acc);
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(acc.recs);
		talloc_free(acc.vals);
		return status;
	}
	*recs_r = acc.recs;
	*vals_r = acc.vals;
	*count_r = acc.count;
	return MAPI_E_SUCCESS;
}
