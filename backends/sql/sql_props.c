/*
 * sql_props.c — property values in the props table, large ones in the blob store with their
 * reference counts in the blobs table, changed in the caller's transaction. A blob row whose
 * count drops to 0 stays (with its file) until the garbage collector (sql_gc.c, `sambex store
 * gc`) removes both under the row's lock, so a concurrent writer of the same content never loses
 * the file under it.
 */
#include <string.h>

#include "sql_blob.h"
#include "sql_private.h"

/* +1 on the blob of hash, creating its row (*created_r) when it has none. */
static uint32_t blob_ref(struct mapistore_backend *be, const uint8_t *hash, size_t raw, bool *created_r)
{
	struct sql_arg upd[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	int64_t changed = 0;
	*created_r = false;
	uint32_t status = sql_do(be, "UPDATE blobs SET refs = refs + 1 WHERE hash = ?", upd, SQL_NARGS(upd), &changed);
	if (status != MAPI_E_SUCCESS || changed > 0)
		return status;
	*created_r = true;
	struct sql_arg ins[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE), SQL_I(raw) };
	return sql_do(be, "INSERT INTO blobs (hash, refs, raw_size, stored_size) VALUES (?, 1, ?, 0)", ins,
		      SQL_NARGS(ins), NULL);
}

static uint32_t blob_unref(struct mapistore_backend *be, const uint8_t *hash, size_t len)
{
	if (len != SQL_BLOB_HASH_SIZE)
		return ecJetError;
	struct sql_arg upd[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	return sql_do(be, "UPDATE blobs SET refs = refs - 1 WHERE hash = ? AND refs > 0", upd, SQL_NARGS(upd), NULL);
}

/* Drops the references of the stored value(s) selected by sql (one column: blob_hash). */
static uint32_t unref_selected(struct mapistore_backend *be, const char *sql, const struct sql_arg *args,
			       unsigned nargs)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = true;
	uint8_t **hashes = NULL;
	size_t count = 0;
	uint32_t status = sql_query(be, tmp, sql, args, nargs, &st);
	// Read every hash first: MariaDB needs the result drained before the next statement.
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row) {
		uint8_t *h;
		size_t len;
		bool null;
		status = be->eng->col_blob(st, tmp, 0, &h, &len, &null);
		if (status != MAPI_E_SUCCESS || null)
			continue;
		if (len != SQL_BLOB_HASH_SIZE) {
			status = ecJetError;
			break;
		}
		uint8_t **grown = talloc_realloc(tmp, hashes, uint8_t *, count + 1);
		if (grown == NULL) {
			status = MAPI_E_NOT_ENOUGH_MEMORY;
			break;
		}
		hashes = grown;
		hashes[count++] = h;
	}
	for (size_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		status = blob_unref(be, hashes[i], SQL_BLOB_HASH_SIZE);
	talloc_free(tmp);
	return status;
}

uint32_t sql_prop_put(struct mapistore_backend *be, uint64_t mailbox, uint64_t id, uint32_t tag,
		      const uint8_t *data, size_t len)
{
	struct sql_arg key[] = { SQL_I(mailbox), SQL_I(id), SQL_I(tag) };
	uint32_t status = unref_selected(be, "SELECT blob_hash FROM props WHERE mailbox = ? AND id = ? AND tag = ?",
					 key, SQL_NARGS(key));
	if (status != MAPI_E_SUCCESS)
		return status;
	if (be->blob_dir == NULL || len < SQL_BLOB_THRESHOLD) {
		struct sql_arg args[] = { SQL_I(mailbox), SQL_I(id), SQL_I(tag), SQL_B(data != NULL ? data : (const uint8_t *)"", len),
					  SQL_B(NULL, 0) };
		return sql_do(be, "REPLACE INTO props (mailbox, id, tag, val, blob_hash) VALUES (?, ?, ?, ?, ?)", args,
			      SQL_NARGS(args), NULL);
	}
	uint8_t hash[SQL_BLOB_HASH_SIZE];
	uint64_t stored = 0;
	bool created = false;
	status = sql_blob_hash(data, len, hash);
	// The blob row first: its lock keeps the garbage collector (sql_gc.c) off the file while this
	// transaction runs; then the file, complete before the row that references it commits.
	if (status == MAPI_E_SUCCESS)
		status = blob_ref(be, hash, len, &created);
	if (status == MAPI_E_SUCCESS)
		status = sql_blob_write(be->blob_dir, hash, data, len, &stored);
	struct sql_arg size[] = { SQL_I(stored), SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	if (status == MAPI_E_SUCCESS && created)
		status = sql_do(be, "UPDATE blobs SET stored_size = ? WHERE hash = ?", size, SQL_NARGS(size), NULL);
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(id), SQL_I(tag), SQL_B(NULL, 0), SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	if (status == MAPI_E_SUCCESS)
		status = sql_do(be, "REPLACE INTO props (mailbox, id, tag, val, blob_hash) VALUES (?, ?, ?, ?, ?)", args,
				SQL_NARGS(args), NULL);
	return status;
}

uint32_t sql_blob_value(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, const uint8_t *hash, size_t hlen,
			   uint8_t **data_r, size_t *len_r)
{
	if (hlen != SQL_BLOB_HASH_SIZE || be->blob_dir == NULL)
		return ecJetError;
	int64_t raw;
	struct sql_arg args[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	uint32_t status = sql_int(be, "SELECT raw_size FROM blobs WHERE hash = ?", args, SQL_NARGS(args), &raw);
	if (status == MAPI_E_NOT_FOUND || (status == MAPI_E_SUCCESS && raw < 0))
		status = ecJetError;	/* a reference without its blob row is corruption */
	if (status == MAPI_E_SUCCESS)
		status = sql_blob_read(mem_ctx, be->blob_dir, hash, (uint64_t)raw, data_r);
	if (status == MAPI_E_NOT_FOUND)
		status = ecJetError;
	if (status == MAPI_E_SUCCESS)
		*len_r = (size_t)raw;
	return status;
}

uint32_t sql_prop_get(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox, uint64_t id,
		      uint32_t tag, uint8_t **data_r, size_t *len_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = false, vnull = true, hnull = true;
	uint8_t *val = NULL, *hash = NULL;
	size_t vlen = 0, hlen = 0;
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(id), SQL_I(tag) };
	uint32_t status = sql_query(be, tmp, "SELECT val, blob_hash FROM props WHERE mailbox = ? AND id = ? AND tag = ?",
				    args, SQL_NARGS(args), &st);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->step(st, &row);
	if (status == MAPI_E_SUCCESS && !row)
		status = MAPI_E_NOT_FOUND;
	if (status == MAPI_E_SUCCESS)
		status = be->eng->col_blob(st, mem_ctx, 0, &val, &vlen, &vnull);
	if (status == MAPI_E_SUCCESS)
		status = be->eng->col_blob(st, tmp, 1, &hash, &hlen, &hnull);
	if (status == MAPI_E_SUCCESS && !hnull) {
		// Finish the row before the next query (MariaDB serves one result at a time).
		bool more;
		be->eng->step(st, &more);
		talloc_free(val);
		status = sql_blob_value(be, mem_ctx, hash, hlen, data_r, len_r);
	} else if (status == MAPI_E_SUCCESS) {
		*data_r = val;
		*len_r = vlen;
	}
	talloc_free(tmp);
	return status;
}

uint32_t sql_prop_delete(struct mapistore_backend *be, uint64_t mailbox, uint64_t id, uint32_t tag)
{
	struct sql_arg key[] = { SQL_I(mailbox), SQL_I(id), SQL_I(tag) };
	uint32_t status = unref_selected(be, "SELECT blob_hash FROM props WHERE mailbox = ? AND id = ? AND tag = ?",
					 key, SQL_NARGS(key));
	if (status == MAPI_E_SUCCESS)
		status = sql_do(be, "DELETE FROM props WHERE mailbox = ? AND id = ? AND tag = ?", key, SQL_NARGS(key), NULL);
	return status;
}

uint32_t sql_props_delete_object(struct mapistore_backend *be, uint64_t mailbox, uint64_t id)
{
	struct sql_arg key[] = { SQL_I(mailbox), SQL_I(id) };
	uint32_t status = unref_selected(be, "SELECT blob_hash FROM props WHERE mailbox = ? AND id = ?", key,
					 SQL_NARGS(key));
	if (status == MAPI_E_SUCCESS)
		status = sql_do(be, "DELETE FROM props WHERE mailbox = ? AND id = ?", key, SQL_NARGS(key), NULL);
	return status;
}

uint32_t sql_prop_list(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox, uint64_t id,
		       uint32_t **tags_r, uint32_t *count_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct sql_stmt *st;
	bool row = true;
	uint32_t *tags = talloc_array(mem_ctx, uint32_t, 1), count = 0;
	struct sql_arg args[] = { SQL_I(mailbox), SQL_I(id) };
	uint32_t status = tags == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: sql_query(be, tmp, "SELECT tag FROM props WHERE mailbox = ? AND id = ? ORDER BY tag", args,
			    SQL_NARGS(args), &st);
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row) {
		uint32_t *grown = talloc_realloc(mem_ctx, tags, uint32_t, count + 1);
		if (grown == NULL) {
			status = MAPI_E_NOT_ENOUGH_MEMORY;
			break;
		}
		tags = grown;
		tags[count++] = (uint32_t)be->eng->col_i64(st, 0);
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(tags);
		return status;
	}
	*tags_r = tags;
	*count_r = count;
	return MAPI_E_SUCCESS;
}
