/*
 * store_test.h — the store conformance suite: one list of tests run against every engine of the
 * SQL backend. STORE_TEST_ENGINE selects it: "sqlite" (default, a fresh directory per test) or
 * "mariadb" (a fresh database per test on the server at STORE_TEST_SOCKET, which
 * with_mariadb.sh starts and stops). STORE_TEST_DIR is where temporary directories go.
 */
#ifndef SAMBEX_STORE_TEST_H
#define SAMBEX_STORE_TEST_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_props.h"
#include "mapistore.h"
#include "mapistore_id.h"
#include "sql_backend.h"

struct fx {
	TALLOC_CTX *mem;
	char *url;		/* the store of this test */
	char *dir;		/* its directory (SQLite) or blob directory (MariaDB) */
	struct mapistore *store;
	struct mapistore_mailbox *mbox;	/* "alice", created in English */
};

/* cmocka setup/teardown: a fresh store with one mailbox; everything removed afterwards. */
int fx_setup(void **state);
int fx_teardown(void **state);
/* A fresh store URL (and directory) on mem_ctx without opening it. */
char *fx_new_url(TALLOC_CTX *mem_ctx, char **dir_r);
/* True when the suite runs on MariaDB. */
bool fx_mariadb(void);
/* A raw connection (on fx->mem) of the suite's SQL engine to the test's store, after create_sql. */
struct sql_engine;
struct sql_conn;
const struct sql_engine *fx_engine_connect(struct fx *fx, const char *create_sql, struct sql_conn **conn_r);

/* Helpers: one value of each common kind. */
struct mapi_propval fx_str(uint32_t tag, const char *s);
struct mapi_propval fx_i32(uint32_t tag, int32_t v);
struct mapi_propval fx_bin(uint32_t tag, const void *p, uint32_t len);
/* A saved message in fid with a subject; returns its MID. */
uint64_t fx_message(struct fx *fx, uint64_t fid, const char *subject);
/* A string or integer property of a stored object (asserts it exists). */
const char *fx_get_str(struct fx *fx, uint64_t id, uint32_t tag);
int64_t fx_get_i64(struct fx *fx, uint64_t id, uint32_t tag);
/* The live children of one kind (count only). */
uint32_t fx_children(struct fx *fx, uint64_t parent, enum mapistore_kind kind, uint32_t flags);

/* The test lists of each file. */
extern const struct CMUnitTest store_tests_mailbox[];
extern const size_t store_tests_mailbox_count;
extern const struct CMUnitTest store_tests_folder[];
extern const size_t store_tests_folder_count;
extern const struct CMUnitTest store_tests_message[];
extern const size_t store_tests_message_count;
extern const struct CMUnitTest store_tests_props[];
extern const size_t store_tests_props_count;
extern const struct CMUnitTest store_tests_backend[];
extern const size_t store_tests_backend_count;
extern const struct CMUnitTest store_tests_errors[];
extern const size_t store_tests_errors_count;
extern const struct CMUnitTest store_tests_engine[];
extern const size_t store_tests_engine_count;
extern const struct CMUnitTest store_tests_more[];
extern const size_t store_tests_more_count;
extern const struct CMUnitTest store_tests_gc[];
extern const size_t store_tests_gc_count;
extern const struct CMUnitTest store_tests_cache[];
extern const size_t store_tests_cache_count;
extern const struct CMUnitTest store_tests_sessions[];
extern const size_t store_tests_sessions_count;

#endif
