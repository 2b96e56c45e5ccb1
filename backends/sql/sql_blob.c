/*
 * sql_blob.c — the content-addressed, zstd-compressed blob files (see sql_blob.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gnutls/crypto.h>
#include <zstd.h>

#include "mapi_status.h"
#include "mapistore.h"
#include "sql_blob.h"

#define BLOB_ZSTD_LEVEL 3

uint32_t sql_blob_hash(const uint8_t *data, size_t len, uint8_t hash_r[SQL_BLOB_HASH_SIZE])
{
	return gnutls_hash_fast(GNUTLS_DIG_SHA256, data, len, hash_r) == 0 ? MAPI_E_SUCCESS : MAPI_E_CALL_FAILED;
}

static void hex(char *out, const uint8_t *p, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

char *sql_blob_path(TALLOC_CTX *mem_ctx, const char *dir, const uint8_t hash[SQL_BLOB_HASH_SIZE])
{
	char name[2 * SQL_BLOB_HASH_SIZE + 1];
	hex(name, hash, SQL_BLOB_HASH_SIZE);
	return talloc_asprintf(mem_ctx, "%s/%.2s/%s", dir, name, name);
}

bool sql_blob_parse_name(const char *name, uint8_t hash_r[SQL_BLOB_HASH_SIZE])
{
	if (strlen(name) != 2 * SQL_BLOB_HASH_SIZE)
		return false;
	for (size_t i = 0; i < SQL_BLOB_HASH_SIZE; i++) {
		unsigned v;
		if (sscanf(name + 2 * i, "%2x", &v) != 1 || !((name[2 * i] >= '0' && name[2 * i] <= '9') ||
							       (name[2 * i] >= 'a' && name[2 * i] <= 'f')))
			return false;
		hash_r[i] = (uint8_t)v;
	}
	char back[2 * SQL_BLOB_HASH_SIZE + 1];
	hex(back, hash_r, SQL_BLOB_HASH_SIZE);
	return strcmp(back, name) == 0;
}

/* fsync of a directory, so a rename or a new entry in it survives a crash. */
static bool sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

/* Creates path if missing and makes the new entry durable in its parent directory. */
static bool ensure_dir(TALLOC_CTX *tmp, const char *path)
{
	if (mkdir(path, 0700) != 0)
		return errno == EEXIST;
	const char *slash = strrchr(path, '/');
	char *parent = slash == NULL ? talloc_strdup(tmp, ".")
		: talloc_strndup(tmp, path, slash == path ? 1 : (size_t)(slash - path));
	return parent != NULL && sync_dir(parent);
}

static bool write_all(int fd, const uint8_t *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/* temp file, fsync, rename, fsync of the directory: the name appears only for complete content. */
static uint32_t write_file(TALLOC_CTX *tmp, const char *sub, const char *path, const uint8_t *z, size_t zlen)
{
	char *temp = talloc_asprintf(tmp, "%s/.tmp-XXXXXX", sub);
	if (temp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	int fd = mkstemp(temp);
	if (fd < 0)
		return ecJetError;
	bool ok = write_all(fd, z, zlen) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	ok = ok && rename(temp, path) == 0 && sync_dir(sub);
	if (!ok) {
		unlink(temp);
		return ecJetError;
	}
	return MAPI_E_SUCCESS;
}

uint32_t sql_blob_write(const char *dir, const uint8_t hash[SQL_BLOB_HASH_SIZE], const uint8_t *data, size_t len,
			uint64_t *stored_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *path = tmp != NULL ? sql_blob_path(tmp, dir, hash) : NULL;
	char *sub = path != NULL ? talloc_strndup(tmp, path, strlen(dir) + 3) : NULL;
	if (sub == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	struct stat sb;
	uint32_t status = MAPI_E_SUCCESS;
	// Deduplication: the same content is already there, complete (it only appears by rename).
	if (stat(path, &sb) != 0) {
		size_t bound = ZSTD_compressBound(len);
		uint8_t *z = talloc_size(tmp, bound > 0 ? bound : 1);
		size_t zlen = z != NULL ? ZSTD_compress(z, bound, data, len, BLOB_ZSTD_LEVEL) : 0;
		if (z == NULL)
			status = MAPI_E_NOT_ENOUGH_MEMORY;
		else if (ZSTD_isError(zlen) || !ensure_dir(tmp, dir) || !ensure_dir(tmp, sub))
			status = ecJetError;
		else
			status = write_file(tmp, sub, path, z, zlen);
		if (status == MAPI_E_SUCCESS && stat(path, &sb) != 0)
			status = ecJetError;
	}
	if (status == MAPI_E_SUCCESS)
		*stored_r = (uint64_t)sb.st_size;
	talloc_free(tmp);
	return status;
}

static uint32_t read_file(TALLOC_CTX *mem_ctx, const char *path, size_t cap, uint8_t **data_r, size_t *len_r)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return errno == ENOENT ? MAPI_E_NOT_FOUND : ecJetError;
	struct stat sb;
	uint32_t status = MAPI_E_SUCCESS;
	uint8_t *buf = NULL;
	if (fstat(fd, &sb) != 0 || sb.st_size < 0 || (uint64_t)sb.st_size > cap)
		status = ecJetError;
	else if ((buf = talloc_size(mem_ctx, (size_t)sb.st_size + 1)) == NULL)
		status = MAPI_E_NOT_ENOUGH_MEMORY;
	size_t got = 0;
	while (status == MAPI_E_SUCCESS && got < (size_t)sb.st_size) {
		ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			status = ecJetError;
		else
			got += (size_t)r;
	}
	close(fd);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(buf);
		return status;
	}
	*data_r = buf;
	*len_r = got;
	return MAPI_E_SUCCESS;
}

uint32_t sql_blob_read(TALLOC_CTX *mem_ctx, const char *dir, const uint8_t hash[SQL_BLOB_HASH_SIZE],
		       uint64_t raw_size, uint8_t **data_r)
{
	// The decompressed size is capped by what the store ever accepts.
	if (raw_size > MAPISTORE_MAX_VALUE_SIZE)
		return ecJetError;
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *path = tmp != NULL ? sql_blob_path(tmp, dir, hash) : NULL;
	if (path == NULL) {
		talloc_free(tmp);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	uint8_t *z = NULL;
	size_t zlen = 0;
	uint32_t status = read_file(tmp, path, ZSTD_compressBound((size_t)raw_size), &z, &zlen);
	uint8_t *out = NULL;
	if (status == MAPI_E_SUCCESS) {
		unsigned long long announced = ZSTD_getFrameContentSize(z, zlen);
		out = talloc_size(mem_ctx, (size_t)raw_size + 1);
		if (announced != raw_size)
			status = ecJetError;
		else if (out == NULL)
			status = MAPI_E_NOT_ENOUGH_MEMORY;
	}
	if (status == MAPI_E_SUCCESS) {
		size_t n = ZSTD_decompress(out, (size_t)raw_size + 1, z, zlen);
		uint8_t check[SQL_BLOB_HASH_SIZE];
		// The content must be what its name says: a flipped bit is corruption, not a value.
		if (ZSTD_isError(n) || n != raw_size || sql_blob_hash(out, n, check) != MAPI_E_SUCCESS ||
		    memcmp(check, hash, SQL_BLOB_HASH_SIZE) != 0)
			status = ecJetError;
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(out);
		return status;
	}
	*data_r = out;
	return MAPI_E_SUCCESS;
}

uint32_t sql_blob_walk(TALLOC_CTX *mem_ctx, const char *dir, sql_blob_walk_fn fn, void *priv)
{
	DIR *top = opendir(dir);
	if (top == NULL)
		return 0;
	uint32_t rc = 0;
	struct dirent *sub;
	while (rc == 0 && (sub = readdir(top)) != NULL) {
		if (strlen(sub->d_name) != 2 || sub->d_name[0] == '.')
			continue;
		char *subpath = talloc_asprintf(mem_ctx, "%s/%s", dir, sub->d_name);
		DIR *d = subpath != NULL ? opendir(subpath) : NULL;
		struct dirent *f;
		while (rc == 0 && d != NULL && (f = readdir(d)) != NULL) {
			if (strcmp(f->d_name, ".") != 0 && strcmp(f->d_name, "..") != 0)
				rc = fn(priv, subpath, f->d_name);
		}
		if (d != NULL)
			closedir(d);
	}
	closedir(top);
	return rc;
}
