/*
 * sql_gc.c — garbage collection of the blob store: the files of blobs whose reference count fell
 * to 0, files without a blob row (a write rolled back or cut short) and temporary files, once they
 * are older than a grace period.
 *
 * Why it is safe beside writers: a writer takes the blob's row first (UPDATE, or INSERT when
 * new: sql_props.c) and only then looks for the file, writing it when missing. The collector
 * removes a file only inside a transaction that holds that same row: for a count of 0 it deletes
 * the row (WHERE refs = 0, re-checked under the lock); for a file without a row it inserts a
 * placeholder row first (a duplicate means someone holds the blob: keep it). So a writer either
 * runs before (the count is no longer 0, or the row exists) or after (the file is gone and it
 * writes it again). On SQLite the transaction is the whole store's write lock anyway. The grace
 * period additionally keeps any file modified recently (a temporary file being written).
 */
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sql_blob.h"
#include "sql_private.h"

struct gc_run {
	struct mapistore_backend *be;
	time_t cutoff;			/* files modified at or after this are young */
	struct mapistore_backend_gc *r;
	TALLOC_CTX *tmp;		/* paths of the directory walk */
};

/* True when path exists and is older than the grace period; *size_r its size. */
static bool old_file(const struct gc_run *g, const char *path, bool *exists_r, uint64_t *size_r)
{
	struct stat sb;
	*exists_r = stat(path, &sb) == 0;
	*size_r = *exists_r ? (uint64_t)sb.st_size : 0;
	return *exists_r && sb.st_mtime < g->cutoff;
}

static void unlink_counted(struct gc_run *g, const char *path, uint64_t size)
{
	if (unlink(path) == 0) {
		g->r->blobs_removed++;
		g->r->bytes_removed += size;
	}
}

/* Ends the transaction: commit when ok, else roll back. */
static uint32_t gc_end(struct mapistore_backend *be, uint32_t status)
{
	if (status == MAPI_E_SUCCESS)
		return sql_commit(be);
	sql_rollback(be);
	return status;
}

/* No value may point at hash (a wrong count or a missing row is the fsck's business, not ours). */
static uint32_t unreferenced(struct mapistore_backend *be, const uint8_t *hash, bool *free_r)
{
	int64_t used = 0;
	struct sql_arg args[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	uint32_t status = sql_int(be, "SELECT COUNT(*) FROM props WHERE blob_hash = ?", args, SQL_NARGS(args), &used);
	*free_r = status == MAPI_E_SUCCESS && used == 0;
	return status;
}

/* A blob row with count 0: the row and its (old) file go together, under the row's lock. */
static uint32_t gc_zero_row(struct gc_run *g, TALLOC_CTX *tmp, const uint8_t *hash)
{
	char *path = sql_blob_path(tmp, g->be->blob_dir, hash);
	bool exists, free_blob = false;
	uint64_t size;
	if (path == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	if (!old_file(g, path, &exists, &size) && exists) {
		g->r->kept_young++;
		return MAPI_E_SUCCESS;
	}
	uint32_t status = sql_begin(g->be);
	if (status != MAPI_E_SUCCESS)
		return status;
	int64_t deleted = 0;
	struct sql_arg args[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	status = unreferenced(g->be, hash, &free_blob);
	if (status == MAPI_E_SUCCESS && free_blob)
		status = sql_do(g->be, "DELETE FROM blobs WHERE hash = ? AND refs = 0", args, SQL_NARGS(args), &deleted);
	if (status == MAPI_E_SUCCESS && deleted == 1) {
		g->r->rows_removed++;
		if (exists)
			unlink_counted(g, path, size);
	}
	return gc_end(g->be, status);
}

/* A file without a row: a placeholder row takes the lock (a duplicate: someone has it now). */
static uint32_t gc_orphan(struct gc_run *g, const char *path, const uint8_t *hash, uint64_t size)
{
	uint32_t status = sql_begin(g->be);
	if (status != MAPI_E_SUCCESS)
		return status;
	bool free_blob = false;
	struct sql_arg ins[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	status = sql_do(g->be, "INSERT INTO blobs (hash, refs, raw_size, stored_size) VALUES (?, 0, 0, 0)", ins,
			SQL_NARGS(ins), NULL);
	if (status == ecDuplicateName) {
		sql_rollback(g->be);
		return MAPI_E_SUCCESS;
	}
	if (status == MAPI_E_SUCCESS)
		status = unreferenced(g->be, hash, &free_blob);
	if (status == MAPI_E_SUCCESS && free_blob)
		unlink_counted(g, path, size);
	if (status == MAPI_E_SUCCESS)
		status = sql_do(g->be, "DELETE FROM blobs WHERE hash = ?", ins, SQL_NARGS(ins), NULL);
	return gc_end(g->be, status);
}

/* One file of a blob subdirectory: temporary, a blob without a row, or anything else (kept). */
static uint32_t gc_file(struct gc_run *g, TALLOC_CTX *tmp, const char *sub, const char *name)
{
	uint8_t hash[SQL_BLOB_HASH_SIZE];
	bool temp = strncmp(name, ".tmp-", 5) == 0;
	if (!temp && !sql_blob_parse_name(name, hash))
		return MAPI_E_SUCCESS;
	char *path = talloc_asprintf(tmp, "%s/%s", sub, name);
	bool exists;
	uint64_t size;
	if (path == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	bool old = old_file(g, path, &exists, &size);
	if (temp) {
		if (old && unlink(path) == 0)
			g->r->temp_removed++;
		else if (exists)
			g->r->kept_young++;
		return MAPI_E_SUCCESS;
	}
	int64_t refs;
	struct sql_arg args[] = { SQL_B(hash, SQL_BLOB_HASH_SIZE) };
	uint32_t status = sql_int(g->be, "SELECT refs FROM blobs WHERE hash = ?", args, SQL_NARGS(args), &refs);
	if (status != MAPI_E_NOT_FOUND)
		return status;		/* has a row: the zero-count pass decided */
	if (!old) {
		g->r->kept_young += exists;
		return MAPI_E_SUCCESS;
	}
	return gc_orphan(g, path, hash, size);
}

/* sql_blob_walk's callback: each file of the blob directory (priv: the run). */
static uint32_t gc_walk(void *priv, const char *sub, const char *name)
{
	struct gc_run *g = priv;
	return gc_file(g, g->tmp, sub, name);
}

/* The hashes of the blob rows with count 0 (read before any of them is touched). */
static uint32_t zero_rows(struct mapistore_backend *be, TALLOC_CTX *tmp, uint8_t ***hashes_r, size_t *count_r)
{
	TALLOC_CTX *q = talloc_new(tmp);
	struct sql_stmt *st;
	bool row = true;
	uint8_t **hashes = NULL;
	size_t count = 0;
	uint32_t status = q == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: sql_query(be, q, "SELECT hash FROM blobs WHERE refs = 0 ORDER BY hash", NULL, 0, &st);
	while (status == MAPI_E_SUCCESS && (status = be->eng->step(st, &row)) == MAPI_E_SUCCESS && row) {
		uint8_t *h;
		size_t len;
		bool null;
		uint8_t **grown = talloc_realloc(tmp, hashes, uint8_t *, count + 1);
		if (grown == NULL) {
			status = MAPI_E_NOT_ENOUGH_MEMORY;
			break;
		}
		hashes = grown;
		status = be->eng->col_blob(st, tmp, 0, &h, &len, &null);
		if (status == MAPI_E_SUCCESS && len == SQL_BLOB_HASH_SIZE)
			hashes[count++] = h;
	}
	talloc_free(q);
	*hashes_r = hashes;
	*count_r = count;
	return status;
}

uint32_t sql_gc(struct mapistore_backend *be, uint32_t grace_seconds, struct mapistore_backend_gc *gc_r)
{
	*gc_r = (struct mapistore_backend_gc){ 0 };
	if (be->blob_dir == NULL)
		return MAPI_E_SUCCESS;
	if (be->in_txn)
		return MAPI_E_CALL_FAILED;	/* it runs its own transactions */
	struct gc_run g = { .be = be, .cutoff = time(NULL) - (time_t)grace_seconds, .r = gc_r };
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint8_t **hashes = NULL;
	size_t count = 0;
	uint32_t status = zero_rows(be, tmp, &hashes, &count);
	for (size_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		status = gc_zero_row(&g, tmp, hashes[i]);
	g.tmp = tmp;
	if (status == MAPI_E_SUCCESS)
		status = sql_blob_walk(tmp, be->blob_dir, gc_walk, &g);
	talloc_free(tmp);
	return status;
}
