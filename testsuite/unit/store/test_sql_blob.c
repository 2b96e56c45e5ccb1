/*
 * Unit tests: the content-addressed blob store of the SQL backend (sql_blob.h): names, SHA-256,
 * durable writes, deduplication, and every way a reader refuses a damaged file.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <ftw.h>
#include <cmocka.h>
#include <zstd.h>

#include "mapi_status.h"
#include "mapistore.h"
#include "sql_blob.h"

struct bx {
	TALLOC_CTX *mem;
	char *dir;
};

static int bx_setup(void **state)
{
	struct bx *bx = talloc_zero(NULL, struct bx);
	bx->mem = bx;
	bx->dir = talloc_strdup(bx, "/tmp/sambex-blob-XXXXXX");
	assert_non_null(mkdtemp(bx->dir));
	bx->dir = talloc_asprintf(bx, "%s/blobs", bx->dir);
	*state = bx;
	return 0;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int bx_teardown(void **state)
{
	struct bx *bx = *state;
	char *top = talloc_strndup(bx, bx->dir, strlen(bx->dir) - strlen("/blobs"));
	nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	talloc_free(bx);
	return 0;
}

static void test_sha256_vectors(void **state)
{
	(void)state;
	// FIPS 180-2 test vectors.
	static const uint8_t abc[32] = {
		0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
		0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad };
	static const uint8_t empty[32] = {
		0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
		0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55 };
	uint8_t h[32];
	assert_int_equal(sql_blob_hash((const uint8_t *)"abc", 3, h), 0);
	assert_memory_equal(h, abc, 32);
	assert_int_equal(sql_blob_hash((const uint8_t *)"", 0, h), 0);
	assert_memory_equal(h, empty, 32);
}

static void test_names(void **state)
{
	struct bx *bx = *state;
	uint8_t h[32], back[32];
	for (int i = 0; i < 32; i++)
		h[i] = (uint8_t)(i * 9 + 1);
	char *path = sql_blob_path(bx->mem, "/d", h);
	assert_string_equal(path, "/d/01/010a131c252e374049525b646d767f88919aa3acb5bec7d0d9e2ebf4fd060f18");
	assert_true(sql_blob_parse_name(path + 6, back));
	assert_memory_equal(back, h, 32);
	assert_false(sql_blob_parse_name("", back));
	assert_false(sql_blob_parse_name("010A131C252E374049525B646D767F88919AA3ACB5BEC7D0D9E2EBF4FD060F18", back));
	assert_false(sql_blob_parse_name("010a131c252e374049525b646d767f88919aa3acb5bec7d0d9e2ebf4fd060f1", back));
	assert_false(sql_blob_parse_name("010a131c252e374049525b646d767f88919aa3acb5bec7d0d9e2ebf4fd060f188", back));
	assert_false(sql_blob_parse_name("zz0a131c252e374049525b646d767f88919aa3acb5bec7d0d9e2ebf4fd060f18", back));
	assert_false(sql_blob_parse_name(".tmp-abcdef", back));
	assert_false(sql_blob_parse_name("+10a131c252e374049525b646d767f88919aa3acb5bec7d0d9e2ebf4fd060f18", back));
}

static uint8_t *content(TALLOC_CTX *mem, size_t len, unsigned seed)
{
	uint8_t *p = talloc_size(mem, len + 1);
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)((i * seed) % 61 + (i % 7 == 0 ? i : 0));
	return p;
}

static void put(struct bx *bx, const uint8_t *data, size_t len, uint8_t hash[32], uint64_t *stored)
{
	assert_int_equal(sql_blob_hash(data, len, hash), 0);
	assert_int_equal(sql_blob_write(bx->dir, hash, data, len, stored), 0);
}

static void test_round_trip_and_dedup(void **state)
{
	struct bx *bx = *state;
	size_t sizes[] = { 0, 1, 1000, 65536, 1 << 20 };
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		uint8_t *data = content(bx->mem, sizes[k], (unsigned)k + 3);
		uint8_t hash[32];
		uint64_t stored, stored2;
		put(bx, data, sizes[k], hash, &stored);
		char *path = sql_blob_path(bx->mem, bx->dir, hash);
		struct stat a, b;
		assert_int_equal(stat(path, &a), 0);
		assert_int_equal((uint64_t)a.st_size, stored);
		// The same content again: the file is not rewritten.
		put(bx, data, sizes[k], hash, &stored2);
		assert_int_equal(stat(path, &b), 0);
		assert_int_equal(a.st_ino, b.st_ino);
		assert_int_equal(stored, stored2);
		uint8_t *out;
		assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, sizes[k], &out), 0);
		assert_memory_equal(out, data, sizes[k]);
	}
	// Compressible content is stored smaller.
	uint8_t *zeros = talloc_zero_size(bx->mem, 200000);
	uint8_t hash[32];
	uint64_t stored;
	put(bx, zeros, 200000, hash, &stored);
	assert_true(stored < 1000);
	// No temporary file is left behind.
	char *cmd = talloc_asprintf(bx->mem, "find '%s' -name '.tmp-*' | wc -l", bx->dir);
	FILE *p = popen(cmd, "r");
	unsigned n = 99;
	assert_int_equal(fscanf(p, "%u", &n), 1);
	pclose(p);
	assert_int_equal(n, 0);
}

static void overwrite(struct bx *bx, const uint8_t hash[32], const void *bytes, size_t len)
{
	char *path = sql_blob_path(bx->mem, bx->dir, hash);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, len, f), len);
	fclose(f);
}

static void test_reader_refuses_damage(void **state)
{
	struct bx *bx = *state;
	size_t len = 5000;
	uint8_t *data = content(bx->mem, len, 5), *out;
	uint8_t hash[32];
	uint64_t stored;
	put(bx, data, len, hash, &stored);
	// Wrong expected size (the frame announces another), and sizes past the store's maximum.
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len - 1, &out), ecJetError);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len + 1, &out), ecJetError);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, (uint64_t)MAPISTORE_MAX_VALUE_SIZE + 1, &out), ecJetError);
	// A valid frame of other content of the same size: the hash check refuses it.
	uint8_t *other = content(bx->mem, len, 11);
	size_t bound = ZSTD_compressBound(len);
	uint8_t *z = talloc_size(bx->mem, bound);
	size_t zlen = ZSTD_compress(z, bound, other, len, 1);
	overwrite(bx, hash, z, zlen);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len, &out), ecJetError);
	// Truncated frame, garbage, empty file.
	zlen = ZSTD_compress(z, bound, data, len, 1);
	overwrite(bx, hash, z, zlen / 2);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len, &out), ecJetError);
	overwrite(bx, hash, "garbage!", 8);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len, &out), ecJetError);
	overwrite(bx, hash, "", 0);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len, &out), ecJetError);
	// A file far larger than the content could compress to is not even read.
	uint8_t *huge = talloc_zero_size(bx->mem, bound + 100);
	overwrite(bx, hash, huge, bound + 100);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len, &out), ecJetError);
	// The original frame restores it.
	overwrite(bx, hash, z, zlen);
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, hash, len, &out), 0);
	assert_memory_equal(out, data, len);
	// Missing file.
	uint8_t absent[32] = { 1 };
	assert_int_equal(sql_blob_read(bx->mem, bx->dir, absent, 10, &out), MAPI_E_NOT_FOUND);
}

static void test_write_failures(void **state)
{
	struct bx *bx = *state;
	uint8_t hash[32];
	uint64_t stored;
	assert_int_equal(sql_blob_hash((const uint8_t *)"x", 1, hash), 0);
	// A blob directory under a regular file cannot be created.
	char *file = talloc_asprintf(bx->mem, "%s-file", bx->dir);
	FILE *f = fopen(file, "w");
	assert_non_null(f);
	fclose(f);
	char *bad = talloc_asprintf(bx->mem, "%s/blobs", file);
	assert_int_equal(sql_blob_write(bad, hash, (const uint8_t *)"x", 1, &stored), ecJetError);
	unlink(file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_vectors),
		cmocka_unit_test_setup_teardown(test_names, bx_setup, bx_teardown),
		cmocka_unit_test_setup_teardown(test_round_trip_and_dedup, bx_setup, bx_teardown),
		cmocka_unit_test_setup_teardown(test_reader_refuses_damage, bx_setup, bx_teardown),
		cmocka_unit_test_setup_teardown(test_write_failures, bx_setup, bx_teardown),
	};
	return cmocka_run_group_tests_name("sql_blob", tests, NULL, NULL);
}
