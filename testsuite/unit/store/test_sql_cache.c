/*
 * The SQL backend's prepared-statement cache (sql_cache.c) and the engines' reset, on both
 * engines: a statement comes back reset and re-bindable, a nested use of the same text gets a
 * second statement, a statement left mid-result releases its snapshot when given back (a
 * second connection can write and the first then sees it), and leases may outlive the cache.
 */
#include "sql_private.h"
#include "store_test.h"

struct conn {
	const struct sql_engine *e;
	struct sql_conn *c;
};

static struct conn conn_open(struct fx *fx)
{
	struct conn x;
	x.e = fx_engine_connect(fx, "CREATE TABLE IF NOT EXISTS c (k BIGINT NOT NULL PRIMARY KEY, b VARBINARY(64))", &x.c);
	return x;
}

static void put(struct conn x, struct sql_cache *cache, int64_t k, const char *b)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sql_stmt *st;
	void *owner;
	bool row;
	assert_int_equal(sql_cache_prepare(cache, x.c, tmp, "REPLACE INTO c (k, b) VALUES (?, ?)", &st, &owner), 0);
	assert_int_equal(x.e->bind_i64(st, 0, k), 0);
	assert_int_equal(x.e->bind_blob(st, 1, b, strlen(b)), 0);
	assert_int_equal(x.e->step(st, &row), 0);
	talloc_free(tmp);
}

/* The values of c in key order, joined with ','. */
static char *dump(struct conn x, struct sql_cache *cache, TALLOC_CTX *mem_ctx, struct sql_stmt **st_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	void *owner;
	bool row;
	char *out = talloc_strdup(mem_ctx, "");
	assert_int_equal(sql_cache_prepare(cache, x.c, tmp, "SELECT b FROM c WHERE k >= ? ORDER BY k", st_r, &owner), 0);
	assert_int_equal(x.e->bind_i64(*st_r, 0, 0), 0);
	while (x.e->step(*st_r, &row) == 0 && row) {
		uint8_t *p;
		size_t len;
		bool null;
		assert_int_equal(x.e->col_blob(*st_r, tmp, 0, &p, &len, &null), 0);
		out = talloc_asprintf_append(out, "%s%s", out[0] != '\0' ? "," : "", (const char *)p);
	}
	talloc_free(tmp);
	return out;
}

static void test_cache_reuse_and_rebind(void **state)
{
	struct fx *fx = *state;
	struct conn x = conn_open(fx);
	struct sql_cache *cache = sql_cache_new(fx->mem, x.e);
	assert_non_null(cache);
	put(x, cache, 1, "one");
	put(x, cache, 2, "two");
	put(x, cache, 1, "uno");
	struct sql_stmt *a, *b;
	assert_string_equal(dump(x, cache, fx->mem, &a), "uno,two");
	put(x, cache, 3, "three");
	assert_string_equal(dump(x, cache, fx->mem, &b), "uno,two,three");
	assert_ptr_equal(a, b);		/* the same prepared statement, reset in between */
	// Stopped after one row, given back, run again: all rows again (the old result is gone).
	TALLOC_CTX *tmp = talloc_new(NULL);
	void *owner;
	bool row;
	assert_int_equal(sql_cache_prepare(cache, x.c, tmp, "SELECT b FROM c WHERE k >= ? ORDER BY k", &a, &owner), 0);
	assert_int_equal(x.e->bind_i64(a, 0, 2), 0);
	assert_int_equal(x.e->step(a, &row), 0);
	assert_true(row);
	// The same text while lent: a statement of its own, which works beside the first.
	struct sql_stmt *nested;
	void *nested_owner;
	assert_int_equal(sql_cache_prepare(cache, x.c, tmp, "SELECT b FROM c WHERE k >= ? ORDER BY k", &nested,
					   &nested_owner), 0);
	assert_ptr_not_equal(nested, a);
	talloc_free(tmp);
	assert_string_equal(dump(x, cache, fx->mem, &b), "uno,two,three");
	assert_true(b == a || b == nested);	/* both stay cached */
	// A failed step does not poison the statement.
	tmp = talloc_new(NULL);
	assert_int_equal(sql_cache_prepare(cache, x.c, tmp, "INSERT INTO c (k, b) VALUES (?, ?)", &a, &owner), 0);
	assert_int_equal(x.e->bind_i64(a, 0, 1), 0);
	assert_int_equal(x.e->bind_blob(a, 1, "dup", 3), 0);
	assert_true(x.e->step(a, &row) != 0);
	talloc_free(tmp);
	tmp = talloc_new(NULL);
	assert_int_equal(sql_cache_prepare(cache, x.c, tmp, "INSERT INTO c (k, b) VALUES (?, ?)", &b, &owner), 0);
	assert_ptr_equal(a, b);
	assert_int_equal(x.e->bind_i64(b, 0, 4), 0);
	assert_int_equal(x.e->bind_blob(b, 1, "four", 4), 0);
	assert_int_equal(x.e->step(b, &row), 0);
	assert_int_equal(x.e->changes(b), 1);
	talloc_free(tmp);
	assert_string_equal(dump(x, cache, fx->mem, &b), "uno,two,three,four");
	// A lease that outlives its cache is harmless.
	TALLOC_CTX *late = talloc_new(NULL);
	assert_int_equal(sql_cache_prepare(cache, x.c, late, "SELECT b FROM c WHERE k >= ? ORDER BY k", &a, &owner), 0);
	talloc_free(cache);
	talloc_free(late);
}

/* A statement given back mid-result holds no snapshot or lock: another connection writes. */
static void test_cache_releases_locks(void **state)
{
	struct fx *fx = *state;
	struct conn x = conn_open(fx), y = conn_open(fx);
	struct sql_cache *cx = sql_cache_new(fx->mem, x.e), *cy = sql_cache_new(fx->mem, y.e);
	for (int k = 1; k <= 3; k++)
		put(x, cx, k, "x");
	for (int round = 0; round < 3; round++) {
		TALLOC_CTX *tmp = talloc_new(NULL);
		struct sql_stmt *st;
		void *owner;
		bool row;
		assert_int_equal(sql_cache_prepare(cx, x.c, tmp, "SELECT b FROM c WHERE k >= ? ORDER BY k", &st, &owner), 0);
		assert_int_equal(x.e->bind_i64(st, 0, 0), 0);
		assert_int_equal(x.e->step(st, &row), 0);
		assert_true(row);
		talloc_free(tmp);
		// y writes in a transaction of its own; x sees it at once.
		assert_int_equal(y.e->exec(y.c, y.e->begin_sql), 0);
		put(y, cy, 10 + round, "y");
		assert_int_equal(y.e->exec(y.c, "COMMIT"), 0);
		struct sql_stmt *d;
		char *all = dump(x, cx, fx->mem, &d);
		assert_non_null(strstr(all, "y"));
		assert_int_equal(strlen(all), (size_t)(3 + round + 1) * 2 - 1);
	}
}

/* Through the whole backend: many reads and writes of the same statements stay correct. */
static void test_cache_through_store(void **state)
{
	struct fx *fx = *state;
	uint64_t inbox = mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
	uint64_t mids[40];
	for (unsigned i = 0; i < 40; i++) {
		char subject[32];
		snprintf(subject, sizeof(subject), "m%u", i);
		mids[i] = fx_message(fx, inbox, subject);
	}
	for (unsigned round = 0; round < 3; round++) {
		for (unsigned i = 0; i < 40; i++) {
			char subject[32];
			snprintf(subject, sizeof(subject), "m%u", i);
			assert_string_equal(fx_get_str(fx, mids[i], PidTagSubject), subject);
		}
	}
	assert_int_equal(fx_children(fx, inbox, MAPISTORE_KIND_MESSAGE, 0), 40);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_cache[] = {
	T(test_cache_reuse_and_rebind),
	T(test_cache_releases_locks),
	T(test_cache_through_store),
};
const size_t store_tests_cache_count = sizeof(store_tests_cache) / sizeof(store_tests_cache[0]);
