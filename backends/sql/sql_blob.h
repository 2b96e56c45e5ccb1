/*
 * sql_blob.h — the content-addressed blob store beside the database: each large value is one
 * zstd-compressed file named by the SHA-256 of its uncompressed content, dir/ab/abcdef... (64 hex
 * digits), written to a temporary file, fsync'ed, renamed into place and its directory fsync'ed,
 * so a file that exists under its name is complete. Equal contents share one file; the database
 * keeps the reference counts (sql_props.c).
 */
#ifndef SAMBEX_SQL_BLOB_H
#define SAMBEX_SQL_BLOB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#define SQL_BLOB_HASH_SIZE 32

/* The SHA-256 of data. Returns MAPI_E_CALL_FAILED if the hash library fails. */
uint32_t sql_blob_hash(const uint8_t *data, size_t len, uint8_t hash_r[SQL_BLOB_HASH_SIZE]);

/* The file name of a hash under dir, on mem_ctx (NULL when out of memory). */
char *sql_blob_path(TALLOC_CTX *mem_ctx, const char *dir, const uint8_t hash[SQL_BLOB_HASH_SIZE]);

/*
 * Stores data (whose hash is hash) unless its file exists; *stored_r is the file's size.
 * Returns ecJetError on an I/O failure (nothing left behind but perhaps a temporary file).
 */
uint32_t sql_blob_write(const char *dir, const uint8_t hash[SQL_BLOB_HASH_SIZE], const uint8_t *data, size_t len,
			uint64_t *stored_r);

/*
 * Reads the blob of hash, whose content is raw_size bytes, into a new buffer on mem_ctx. Refuses
 * (ecJetError) a file larger than raw_size compressed can be, a frame that does not announce
 * exactly raw_size bytes, and content whose SHA-256 is not hash. MAPI_E_NOT_FOUND if the file is
 * missing.
 */
uint32_t sql_blob_read(TALLOC_CTX *mem_ctx, const char *dir, const uint8_t hash[SQL_BLOB_HASH_SIZE],
		       uint64_t raw_size, uint8_t **data_r);

/*
 * Calls fn(priv, subdir_path, name) for every entry but . and .. of each two-character
 * subdirectory of dir (blob files and temporary files), until fn returns non-zero, which is then
 * returned; 0 when the walk ended (a missing dir is an empty one). Paths live on mem_ctx.
 */
typedef uint32_t (*sql_blob_walk_fn)(void *priv, const char *sub, const char *name);
uint32_t sql_blob_walk(TALLOC_CTX *mem_ctx, const char *dir, sql_blob_walk_fn fn, void *priv);

/* Parses 64 hex digits into a hash; false if name is not exactly that. */
bool sql_blob_parse_name(const char *name, uint8_t hash_r[SQL_BLOB_HASH_SIZE]);

#endif
