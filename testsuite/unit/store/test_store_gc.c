/*
 * Blob garbage collection (the backend's gc, `sambex store gc`), on both engines: blobs whose
 * count fell to 0 lose their row and file, files without a row and stale temporary files go, and
 * everything referenced or younger than the grace period stays; the fsck is clean afterwards, and
 * a value written again after a collection reads back.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <sys/time.h>

#include "sql_blob.h"
#include "sql_url.h"
#include "store_test.h"

#define MB 4343

static const char *blob_dir(struct fx *fx)
{
	struct sql_url *u;
	assert_int_equal(sql_url_parse(fx->mem, fx->url, &u), 0);
	return u->blobs;
}

/* Sets a file's modification time an hour back. */
static void age(const char *path)
{
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= 3600;
	tv[1] = tv[0];
	assert_int_equal(utimes(path, tv), 0);
}

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 31 + seed);
}

static char *path_of(struct fx *fx, const uint8_t *p, size_t n)
{
	uint8_t hash[SQL_BLOB_HASH_SIZE];
	assert_int_equal(sql_blob_hash(p, n, hash), 0);
	return sql_blob_path(fx->mem, blob_dir(fx), hash);
}

static bool exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0;
}

static void test_gc_removes_only_garbage(void **state)
{
	struct fx *fx = *state;
	const struct mapistore_backend_vfuncs *vf = mapistore_vfuncs(fx->store);
	struct mapistore_backend *be = mapistore_backend(fx->store);
	static uint8_t kept[70000], dropped[70000], young[70000], orphan[70000];
	fill(kept, sizeof(kept), 1);
	fill(dropped, sizeof(dropped), 2);
	fill(young, sizeof(young), 3);
	fill(orphan, sizeof(orphan), 4);
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->prop_put(be, MB, 1, 0x10000102, kept, sizeof(kept)), 0);
	assert_int_equal(vf->prop_put(be, MB, 2, 0x10000102, dropped, sizeof(dropped)), 0);
	assert_int_equal(vf->prop_put(be, MB, 3, 0x10000102, young, sizeof(young)), 0);
	assert_int_equal(vf->commit(be), 0);
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->prop_delete(be, MB, 2, 0x10000102), 0);
	assert_int_equal(vf->prop_delete(be, MB, 3, 0x10000102), 0);
	assert_int_equal(vf->commit(be), 0);
	// A rolled-back write leaves a file without a row.
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->prop_put(be, MB, 4, 0x10000102, orphan, sizeof(orphan)), 0);
	assert_int_equal(vf->rollback(be), 0);
	char *p_kept = path_of(fx, kept, sizeof(kept)), *p_dropped = path_of(fx, dropped, sizeof(dropped));
	char *p_young = path_of(fx, young, sizeof(young)), *p_orphan = path_of(fx, orphan, sizeof(orphan));
	char *sub = talloc_strndup(fx->mem, p_kept, strlen(blob_dir(fx)) + 3);
	char *p_temp = talloc_asprintf(fx->mem, "%s/.tmp-gctest", sub);
	char *p_temp_new = talloc_asprintf(fx->mem, "%s/.tmp-gcnew", sub);
	FILE *f = fopen(p_temp, "w");
	assert_non_null(f);
	fclose(f);
	f = fopen(p_temp_new, "w");
	assert_non_null(f);
	fclose(f);
	age(p_kept);
	age(p_dropped);
	age(p_orphan);
	age(p_temp);
	assert_true(exists(p_young) && exists(p_orphan));
	struct mapistore_backend_gc r;
	assert_int_equal(mapistore_gc(fx->store, 600, &r), 0);
	assert_int_equal(r.blobs_removed, 2);		/* dropped, orphan */
	assert_true(r.bytes_removed > 0);
	assert_int_equal(r.rows_removed, 1);		/* dropped's row; young's row stays */
	assert_int_equal(r.temp_removed, 1);
	assert_int_equal(r.kept_young, 2);		/* young, the new temporary file */
	assert_true(exists(p_kept) && exists(p_young) && exists(p_temp_new));
	assert_false(exists(p_dropped) || exists(p_orphan) || exists(p_temp));
	uint8_t *data;
	size_t len;
	assert_int_equal(vf->prop_get(be, fx->mem, MB, 1, 0x10000102, &data, &len), 0);
	assert_memory_equal(data, kept, sizeof(kept));
	remove(p_temp_new);
	struct mapistore_backend_check c;
	assert_int_equal(vf->check(be, fx->mem, &c), 0);
	assert_int_equal(c.message_count, 0);
	assert_int_equal(c.orphan_blobs, 0);
	// The same contents written again after the collection: file and row come back.
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->prop_put(be, MB, 5, 0x10000102, dropped, sizeof(dropped)), 0);
	assert_int_equal(vf->prop_put(be, MB, 6, 0x10000102, orphan, sizeof(orphan)), 0);
	assert_int_equal(vf->commit(be), 0);
	assert_int_equal(vf->prop_get(be, fx->mem, MB, 5, 0x10000102, &data, &len), 0);
	assert_memory_equal(data, dropped, sizeof(dropped));
	assert_int_equal(vf->prop_get(be, fx->mem, MB, 6, 0x10000102, &data, &len), 0);
	assert_memory_equal(data, orphan, sizeof(orphan));
	// Once older than the grace period the young blob goes too; a second run finds nothing.
	age(p_young);
	assert_int_equal(mapistore_gc(fx->store, 600, &r), 0);
	assert_int_equal(r.blobs_removed, 1);
	assert_false(exists(p_young));
	assert_int_equal(mapistore_gc(fx->store, 0, &r), 0);
	assert_int_equal(r.blobs_removed + r.rows_removed + r.temp_removed, 0);
	assert_int_equal(vf->check(be, fx->mem, &c), 0);
	assert_int_equal(c.message_count, 0);
	// Not inside a transaction.
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(mapistore_gc(fx->store, 0, &r), MAPI_E_CALL_FAILED);
	assert_int_equal(vf->rollback(be), 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_gc[] = {
	T(test_gc_removes_only_garbage),
};
const size_t store_tests_gc_count = sizeof(store_tests_gc) / sizeof(store_tests_gc[0]);
