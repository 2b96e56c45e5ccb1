/*
 * sql_private.h — shared state and helpers of the SQL backend's files.
 */
#ifndef SAMBEX_SQL_PRIVATE_H
#define SAMBEX_SQL_PRIVATE_H

#include "mapi_status.h"
#include "mapistore_backend.h"
#include "sql_engine.h"

/* Values of at least this many bytes go to the blob store (when the store has one). */
#define SQL_BLOB_THRESHOLD (64U * 1024U)

struct sql_cache;

struct mapistore_backend {
	const struct sql_engine *eng;
	struct sql_conn *conn;
	struct sql_cache *cache;	/* prepared statements of conn (sql_cache.c) */
	struct sql_url *url;
	const char *blob_dir;		/* NULL: every value stays in the database */
	bool in_txn;
};

/* One bound parameter. */
struct sql_arg {
	char type;			/* 'i' integer, 'b' bytes (NULL p: SQL NULL) */
	int64_t i;
	const void *p;
	size_t len;
};
#define SQL_I(v) ((struct sql_arg){ .type = 'i', .i = (int64_t)(v) })
#define SQL_B(ptr, n) ((struct sql_arg){ .type = 'b', .p = (ptr), .len = (n) })
#define SQL_S(str) ((struct sql_arg){ .type = 'b', .p = (str), .len = strlen(str) })
#define SQL_NARGS(a) ((unsigned)(sizeof(a) / sizeof((a)[0])))

/* A statement cache for a connection of eng; freeing it finalizes its statements. */
struct sql_cache *sql_cache_new(TALLOC_CTX *mem_ctx, const struct sql_engine *eng);
/*
 * The prepared statement of sql, reset and lent until *owner_r (a talloc object on mem_ctx) is
 * freed (a text lent already gets a second cached statement); a statement of its own
 * (*owner_r == *st_r) when the cache is full. Errors as the engine's prepare.
 */
uint32_t sql_cache_prepare(struct sql_cache *c, struct sql_conn *conn, TALLOC_CTX *mem_ctx, const char *sql,
			   struct sql_stmt **st_r, void **owner_r);

/*
 * Prepares sql (from the connection's cache) and binds args; the caller steps it. The statement
 * belongs to mem_ctx: free that context (never the statement itself) when done.
 */
uint32_t sql_query(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, const char *sql, const struct sql_arg *args,
		   unsigned nargs, struct sql_stmt **st_r);
/* Prepares, binds and runs a statement that returns no rows; *changes_r (may be NULL) rows changed. */
uint32_t sql_do(struct mapistore_backend *be, const char *sql, const struct sql_arg *args, unsigned nargs,
		int64_t *changes_r);
/* Runs a query whose first row's first column is an integer: *v_r, or MAPI_E_NOT_FOUND without rows. */
uint32_t sql_int(struct mapistore_backend *be, const char *sql, const struct sql_arg *args, unsigned nargs,
		 int64_t *v_r);

/* The columns id, parent, kind, flags, cn, num, read_cn (in that order, from 0) of a stepped row. */
void sql_read_record(struct mapistore_backend *be, struct sql_stmt *st, struct mapistore_record *r);

/* The vtable's transactions (sql_backend.c), for the files that run their own. */
uint32_t sql_begin(struct mapistore_backend *be);
uint32_t sql_commit(struct mapistore_backend *be);
uint32_t sql_rollback(struct mapistore_backend *be);

/* Brings the schema up to date (sql_schema.c). */
uint32_t sql_schema_migrate(struct mapistore_backend *be);
/* The version the schema is at, and the version this code writes. */
uint32_t sql_schema_version(struct mapistore_backend *be, int64_t *version_r);
int64_t sql_schema_latest(void);

/* Property values with blobs (sql_props.c); in the caller's transaction. */
uint32_t sql_props_delete_object(struct mapistore_backend *be, uint64_t mailbox, uint64_t id);

/* The bytes of a blob-backed value (hash of hlen bytes): ecJetError when the blob is missing. */
uint32_t sql_blob_value(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, const uint8_t *hash, size_t hlen,
			uint8_t **data_r, size_t *len_r);

/* The vtable functions implemented in sql_props.c, sql_check.c and sql_children.c. */
uint32_t sql_prop_put(struct mapistore_backend *be, uint64_t mailbox, uint64_t id, uint32_t tag,
		      const uint8_t *data, size_t len);
uint32_t sql_prop_get(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox, uint64_t id,
		      uint32_t tag, uint8_t **data_r, size_t *len_r);
uint32_t sql_prop_delete(struct mapistore_backend *be, uint64_t mailbox, uint64_t id, uint32_t tag);
uint32_t sql_prop_list(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox, uint64_t id,
		       uint32_t **tags_r, uint32_t *count_r);
uint32_t sql_stats(struct mapistore_backend *be, struct mapistore_backend_stats *stats_r);
uint32_t sql_check(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct mapistore_backend_check *check_r);
uint32_t sql_record_children_props(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
				   uint64_t parent_id, uint32_t kind, const uint32_t *tags, uint32_t ntags,
				   struct mapistore_record **recs_r, struct mapistore_backend_value **vals_r,
				   uint32_t *count_r);
uint32_t sql_gc(struct mapistore_backend *be, uint32_t grace_seconds, struct mapistore_backend_gc *gc_r);

#endif
