/*
 * sql_check.c — statistics and the backend half of the fsck: blob reference counts against the
 * references in props, blob files against blob rows (missing, corrupt, orphan).
 */
#include <dirent.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "sql_blob.h"
#include "sql_private.h"

static uint32_t count_of(struct mapistore_backend *be, const char *sql, const struct sql_arg *args, unsigned n,
			 uint64_t *v_r)
{
	int64_t v = 0;
	uint32_t status = sql_int(be, sql, args, n, &v);
	*v_r = status == MAPI_E_SUCCESS && v > 0 ? (uint64_t)v : 0;
	return status == MAPI_E_NOT_FOUND ? MAPI_E_SUCCESS : status;
}

uint32_t sql_stats(struct mapistore_backend *be, struct mapistore_backend_stats *s)
{
	*s = (struct mapistore_backend_stats){ 0 };
	struct sql_arg folder[] = { SQL_I(MAPISTORE_KIND_FOLDER) };
	struct sql_arg message[] = { SQL_I(MAPISTORE_KIND_MESSAGE) };
	struct sql_arg attach[] = { SQL_I(MAPISTORE_KIND_ATTACHMENT) };
	const char *by_kind = "SELECT COUNT(*) FROM objects WHERE kind = ?";
	uint32_t status = count_of(be, "SELECT COUNT(*) FROM mailboxes", NULL, 0, &s->mailboxes);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, by_kind, folder, 1, &s->folders);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, by_kind, message, 1, &s->messages);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, by_kind, attach, 1, &s->attachments);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, "SELECT COUNT(*) FROM props", NULL, 0, &s->properties);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, "SELECT COUNT(*) FROM blobs", NULL, 0, &s->blobs);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, "SELECT SUM(raw_size) FROM blobs", NULL, 0, &s->blob_bytes_raw);
	if (status == MAPI_E_SUCCESS)
		status = count_of(be, "SELECT SUM(stored_size) FROM blobs", NULL, 0, &s->blob_bytes_stored);
	return status;
}

static void problem(struct mapistore_backend_check *c, TALLOC_CTX *mem_ctx, uint64_t *counter, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void problem(struct mapistore_backend_check *c, TALLOC_CTX *mem_ctx, uint64_t *counter, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = talloc_vasprintf(mem_ctx, fmt, ap);
	va_end(ap);
	(*counter)++;
	char **grown = talloc_realloc(mem_ctx, c->messages, char *, c->message_count + 1);
	if (line == NULL || grown == NULL)
		return;
	c->messages = grown;
	c->messages[c->message_count++] = line;
}

struct blob_row {
	uint8_t hash[SQL_BLOB_HASH_SIZE];
	int64_t refs;
	int64_t raw;
};

static uint32_t load_blob_rows(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct blob_row **rows_r,
			       size_t *count_r)
{
	struct sql_stmt *st;
	struct blob_row *rows = NULL;
	size_t count = 0;
	bool row = true;
	TALLOC_CTX *q = talloc_new(mem_ctx);
	uint32_t status = q == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: sql_query(be, q, "SELECT hash, refs, raw_size FROM blobs ORDER BY hash", NULL, 0, &st);
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row) {
		uint8_t *h;
		size_t len;
		bool null;
		struct blob_row *grown = talloc_realloc(mem_ctx, rows, struct blob_row, count + 1);
		if (grown == NULL) {
			status = MAPI_E_NOT_ENOUGH_MEMORY;
			break;
		}
		rows = grown;
		status = be->eng->col_blob(st, mem_ctx, 0, &h, &len, &null);
		if (status == MAPI_E_SUCCESS && len != SQL_BLOB_HASH_SIZE)
			status = ecJetError;
		if (status != MAPI_E_SUCCESS)
			break;
		memcpy(rows[count].hash, h, SQL_BLOB_HASH_SIZE);
		rows[count].refs = be->eng->col_i64(st, 1);
		rows[count].raw = be->eng->col_i64(st, 2);
		count++;
	}
	talloc_free(q);
	*rows_r = rows;
	*count_r = count;
	return status;
}

static void check_row(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct mapistore_backend_check *c,
		      const struct blob_row *r)
{
	char *path = sql_blob_path(mem_ctx, be->blob_dir != NULL ? be->blob_dir : "", r->hash);
	int64_t used = 0;
	struct sql_arg args[] = { SQL_B(r->hash, SQL_BLOB_HASH_SIZE) };
	if (sql_int(be, "SELECT COUNT(*) FROM props WHERE blob_hash = ?", args, 1, &used) != MAPI_E_SUCCESS)
		used = -1;
	c->blobs_checked++;
	if (used != r->refs)
		problem(c, mem_ctx, &c->refcount_errors, "blob %s: reference count %" PRId64 ", %" PRId64 " references",
			path, r->refs, used);
	if (be->blob_dir == NULL || r->refs == 0)
		return;
	uint8_t *data;
	uint32_t status = sql_blob_read(mem_ctx, be->blob_dir, r->hash, (uint64_t)r->raw, &data);
	if (status == MAPI_E_NOT_FOUND)
		problem(c, mem_ctx, &c->missing_blobs, "blob %s: file missing", path);
	else if (status != MAPI_E_SUCCESS)
		problem(c, mem_ctx, &c->corrupt_blobs, "blob %s: content does not match its name", path);
	else
		talloc_free(data);
}

static bool has_row(const struct blob_row *rows, size_t count, const uint8_t *hash)
{
	for (size_t i = 0; i < count; i++) {
		if (memcmp(rows[i].hash, hash, SQL_BLOB_HASH_SIZE) == 0)
			return true;
	}
	return false;
}

struct orphan_walk {
	struct mapistore_backend_check *c;
	const struct blob_row *rows;
	size_t count;
};

/* sql_blob_walk's callback: a file no blob row names (or a temporary file) is an orphan. */
static uint32_t orphan_walk(void *priv, const char *sub, const char *name)
{
	struct orphan_walk *w = priv;
	uint8_t hash[SQL_BLOB_HASH_SIZE];
	(void)sub;
	if (name[0] == '.' && strncmp(name, ".tmp-", 5) != 0)
		return 0;
	// Not an error: a write cut short (crash, rollback) leaves its file behind unreferenced.
	if (!sql_blob_parse_name(name, hash) || !has_row(w->rows, w->count, hash))
		w->c->orphan_blobs++;
	return 0;
}

/* Counts the files in the blob directory that no blob row names (reclaimable, see sql_gc.c). */
static void check_orphans(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct mapistore_backend_check *c,
			  const struct blob_row *rows, size_t count)
{
	struct orphan_walk w = { .c = c, .rows = rows, .count = count };
	sql_blob_walk(mem_ctx, be->blob_dir, orphan_walk, &w);
}

uint32_t sql_check(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct mapistore_backend_check *c)
{
	*c = (struct mapistore_backend_check){ 0 };
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct blob_row *rows = NULL;
	size_t count = 0;
	uint32_t status = load_blob_rows(be, tmp, &rows, &count);
	for (size_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		check_row(be, mem_ctx, c, &rows[i]);
	// A value pointing at a hash without a blob row.
	int64_t dangling = 0;
	if (status == MAPI_E_SUCCESS)
		status = sql_int(be, "SELECT COUNT(*) FROM props WHERE blob_hash IS NOT NULL AND blob_hash NOT IN "
				 "(SELECT hash FROM blobs)", NULL, 0, &dangling);
	if (status == MAPI_E_SUCCESS && dangling > 0)
		problem(c, mem_ctx, &c->missing_blobs, "%" PRId64 " values reference no blob row", dangling);
	if (status == MAPI_E_SUCCESS && be->blob_dir != NULL)
		check_orphans(be, mem_ctx, c, rows, count);
	talloc_free(tmp);
	return status;
}
