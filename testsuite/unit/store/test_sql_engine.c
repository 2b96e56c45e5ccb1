/*
 * Store conformance at the SQL-engine level (backends/sql/sql_engine.h): the same statements
 * through the SQLite and the MariaDB engine must behave alike — placeholders, NULL versus empty
 * bytes, 64-bit extremes, binary data with NUL bytes, row iteration, changed-row counts, errors.
 */
#include "sql_engine.h"
#include "sql_url.h"
#include "store_test.h"

struct eng {
	const struct sql_engine *e;
	struct sql_conn *c;
};

static struct eng eng_open(struct fx *fx)
{
	struct eng x;
	x.e = fx_engine_connect(fx, "CREATE TABLE IF NOT EXISTS t (k BIGINT NOT NULL PRIMARY KEY, b VARBINARY(64))", &x.c);
	return x;
}

static void ins(struct eng x, TALLOC_CTX *mem, int64_t k, const void *p, size_t len)
{
	struct sql_stmt *st;
	bool row;
	assert_int_equal(x.e->prepare(mem, x.c, "INSERT INTO t (k, b) VALUES (?, ?)", &st), 0);
	assert_int_equal(x.e->bind_i64(st, 0, k), 0);
	assert_int_equal(x.e->bind_blob(st, 1, p, len), 0);
	assert_int_equal(x.e->step(st, &row), 0);
	assert_false(row);
	assert_int_equal(x.e->changes(st), 1);
	talloc_free(st);
}

static void test_engine_values(void **state)
{
	struct fx *fx = *state;
	struct eng x = eng_open(fx);
	ins(x, fx->mem, INT64_MIN, "a\0b", 3);
	ins(x, fx->mem, INT64_MAX, "", 0);
	ins(x, fx->mem, 0, NULL, 0);
	ins(x, fx->mem, -1, "\xff\xfe\x00\x01", 4);
	struct sql_stmt *st;
	bool row;
	assert_int_equal(x.e->prepare(fx->mem, x.c, "SELECT k, b FROM t WHERE k >= ? ORDER BY k", &st), 0);
	assert_int_equal(x.e->bind_i64(st, 0, INT64_MIN), 0);
	static const struct { int64_t k; const char *b; size_t len; bool null; } want[] = {
		{ INT64_MIN, "a\0b", 3, false }, { -1, "\xff\xfe\x00\x01", 4, false }, { 0, "", 0, true },
		{ INT64_MAX, "", 0, false },
	};
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(x.e->step(st, &row), 0);
		assert_true(row);
		assert_int_equal(x.e->col_i64(st, 0), want[i].k);
		uint8_t *p;
		size_t len;
		bool null;
		assert_int_equal(x.e->col_blob(st, fx->mem, 1, &p, &len, &null), 0);
		assert_int_equal(null, want[i].null);
		assert_int_equal(len, want[i].len);
		assert_memory_equal(p, want[i].b, len);
		assert_int_equal(p[len], 0);
		// A NULL integer column reads as 0.
		assert_int_equal(x.e->col_i64(st, 1) == 0 || !want[i].null, true);
	}
	assert_int_equal(x.e->step(st, &row), 0);
	assert_false(row);
	talloc_free(st);
}

static void test_engine_changes_and_errors(void **state)
{
	struct fx *fx = *state;
	struct eng x = eng_open(fx);
	for (int i = 1; i <= 5; i++)
		ins(x, fx->mem, i, "v", 1);
	struct sql_stmt *st;
	bool row;
	assert_int_equal(x.e->prepare(fx->mem, x.c, "UPDATE t SET b = ? WHERE k > ?", &st), 0);
	assert_int_equal(x.e->bind_blob(st, 0, "w", 1), 0);
	assert_int_equal(x.e->bind_i64(st, 1, 2), 0);
	assert_int_equal(x.e->step(st, &row), 0);
	assert_int_equal(x.e->changes(st), 3);
	talloc_free(st);
	assert_int_equal(x.e->prepare(fx->mem, x.c, "DELETE FROM t WHERE k = ?", &st), 0);
	assert_int_equal(x.e->bind_i64(st, 0, 99), 0);
	assert_int_equal(x.e->step(st, &row), 0);
	assert_int_equal(x.e->changes(st), 0);
	talloc_free(st);
	// Bad SQL, a duplicate key, a missing table are engine errors, not crashes.
	assert_true(x.e->prepare(fx->mem, x.c, "SELEKT nothing", &st) != 0);
	assert_true(x.e->exec(x.c, "DROP TABLE no_such_table") != 0);
	assert_int_equal(x.e->prepare(fx->mem, x.c, "INSERT INTO t (k, b) VALUES (?, ?)", &st), 0);
	assert_int_equal(x.e->bind_i64(st, 0, 1), 0);
	assert_int_equal(x.e->bind_blob(st, 1, "x", 1), 0);
	assert_true(x.e->step(st, &row) != 0);
	talloc_free(st);
	// Transactions through exec: a rolled-back insert is gone.
	assert_int_equal(x.e->exec(x.c, x.e->begin_sql), 0);
	ins(x, fx->mem, 77, "r", 1);
	assert_int_equal(x.e->exec(x.c, "ROLLBACK"), 0);
	assert_int_equal(x.e->prepare(fx->mem, x.c, "SELECT COUNT(*) FROM t WHERE k = ?", &st), 0);
	assert_int_equal(x.e->bind_i64(st, 0, 77), 0);
	assert_int_equal(x.e->step(st, &row), 0);
	assert_true(row);
	assert_int_equal(x.e->col_i64(st, 0), 0);
	talloc_free(st);
	// Statements survive the buffer they were bound from.
	char *tmp = talloc_strdup(fx->mem, "transient");
	assert_int_equal(x.e->prepare(fx->mem, x.c, "INSERT INTO t (k, b) VALUES (?, ?)", &st), 0);
	assert_int_equal(x.e->bind_i64(st, 0, 1000), 0);
	assert_int_equal(x.e->bind_blob(st, 1, tmp, strlen(tmp)), 0);
	memset(tmp, 'X', strlen(tmp));
	assert_int_equal(x.e->step(st, &row), 0);
	talloc_free(st);
	assert_int_equal(x.e->prepare(fx->mem, x.c, "SELECT b FROM t WHERE k = 1000", &st), 0);
	assert_int_equal(x.e->step(st, &row), 0);
	uint8_t *p;
	size_t len;
	bool null;
	assert_int_equal(x.e->col_blob(st, fx->mem, 0, &p, &len, &null), 0);
	assert_int_equal(len, 9);
	assert_memory_equal(p, "transient", 9);
	talloc_free(st);
}

static void test_engine_connect_failures(void **state)
{
	struct fx *fx = *state;
	struct sql_url *u;
	struct sql_conn *c;
	if (fx_mariadb()) {
		// A socket where no server listens.
		assert_int_equal(sql_url_parse(fx->mem, "mariadb://root@/x?socket=/nonexistent/sock", &u), 0);
		assert_int_equal(sql_engine_mariadb.connect(fx->mem, u, &c), ecBadConfig);
	} else {
		// A directory that cannot be created.
		assert_int_equal(sql_url_parse(fx->mem, "sqlite:///proc/sambex-no/such", &u), 0);
		assert_int_equal(sql_engine_sqlite.connect(fx->mem, u, &c), ecBadConfig);
	}
	// And the store refuses the URL of the other engine's scheme through this one.
	struct mapistore *s;
	assert_true(mapistore_open(fx->mem, fx_mariadb() ? "mariadb://root@/y?socket=/nonexistent/sock"
							 : "sqlite:///proc/sambex-no/such", &s) != 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_engine[] = {
	T(test_engine_values),
	T(test_engine_changes_and_errors),
	T(test_engine_connect_failures),
};
const size_t store_tests_engine_count = sizeof(store_tests_engine) / sizeof(store_tests_engine[0]);
