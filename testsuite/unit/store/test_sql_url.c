/*
 * Unit tests: the SQL backend's store URLs (sql_url.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_status.h"
#include "sql_url.h"

static struct sql_url *parse_ok(TALLOC_CTX *mem, const char *url)
{
	struct sql_url *u = NULL;
	assert_int_equal(sql_url_parse(mem, url, &u), MAPI_E_SUCCESS);
	return u;
}

static void test_sqlite(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	(void)state;
	struct sql_url *u = parse_ok(mem, "sqlite:///var/lib/sambex/store");
	assert_string_equal(u->scheme, "sqlite");
	assert_string_equal(u->path, "/var/lib/sambex/store");
	assert_string_equal(u->blobs, "/var/lib/sambex/store/blobs");
	assert_null(u->user);
	u = parse_ok(mem, "sqlite:///d%20ir?blobs=/b");
	assert_string_equal(u->path, "/d ir");
	assert_string_equal(u->blobs, "/b");
	talloc_free(mem);
}

static void test_mariadb(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	(void)state;
	struct sql_url *u = parse_ok(mem, "mariadb://sam:p%40ss@db.example:3307/mail_1?socket=/run/m.sock&blobs=/srv/b");
	assert_string_equal(u->scheme, "mariadb");
	assert_string_equal(u->user, "sam");
	assert_string_equal(u->password, "p@ss");
	assert_string_equal(u->host, "db.example");
	assert_int_equal(u->port, 3307);
	assert_string_equal(u->path, "mail_1");
	assert_string_equal(u->socket, "/run/m.sock");
	assert_string_equal(u->blobs, "/srv/b");
	u = parse_ok(mem, "mariadb://root@/store?socket=/tmp/s");
	assert_null(u->host);
	assert_null(u->password);
	assert_null(u->blobs);
	u = parse_ok(mem, "mariadb:///store");
	assert_null(u->user);
	talloc_free(mem);
}

static void test_bad_urls(void **state)
{
	static const char *const bad[] = {
		"", "sqlite", "://x", "sqlite://host/dir", "sqlite:///", "sqlite:///d?nokey",
		"sqlite:///d?unknown=1", "sqlite:///d%2", "sqlite:///d%zz", "sqlite:///d%00x",
		"mariadb://u@h", "mariadb://u@h/", "mariadb://u@h/bad-name", "mariadb://u@h/a;drop",
		"mariadb://u@h:0/db", "mariadb://u@h:70000/db", "mariadb://u@h:12x/db",
		"mariadb://u@h/db?socket", "mariadb://u@h/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct sql_url *u = NULL;
		if (sql_url_parse(NULL, bad[i], &u) != ecBadConfig)
			fail_msg("accepted '%s'", bad[i]);
	}
	struct sql_url *u;
	assert_int_equal(sql_url_parse(NULL, NULL, &u), ecBadConfig);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sqlite),
		cmocka_unit_test(test_mariadb),
		cmocka_unit_test(test_bad_urls),
	};
	return cmocka_run_group_tests_name("sql_url", tests, NULL, NULL);
}
