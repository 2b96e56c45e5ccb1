/*
 * store_fixture.c — per-test stores for the conformance suite (see store_test.h).
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "sql_engine.h"
#include "sql_url.h"
#include "store_test.h"

static unsigned url_counter;

bool fx_mariadb(void)
{
	const char *e = getenv("STORE_TEST_ENGINE");
	return e != NULL && strcmp(e, "mariadb") == 0;
}

char *fx_new_url(TALLOC_CTX *mem_ctx, char **dir_r)
{
	const char *base = getenv("STORE_TEST_DIR");
	char *dir = talloc_asprintf(mem_ctx, "%s/store-XXXXXX", base != NULL ? base : "/tmp");
	assert_non_null(dir);
	assert_non_null(mkdtemp(dir));
	*dir_r = dir;
	if (!fx_mariadb())
		return talloc_asprintf(mem_ctx, "sqlite://%s", dir);
	// One database per store: the name is unique per process and test.
	return talloc_asprintf(mem_ctx, "mariadb://root@/t%d_%u?socket=%s&blobs=%s/blobs", (int)getpid(),
			       ++url_counter, getenv("STORE_TEST_SOCKET"), dir);
}

int fx_setup(void **state)
{
	struct fx *fx = talloc_zero(NULL, struct fx);
	assert_non_null(fx);
	fx->mem = fx;
	assert_int_equal(sql_backend_register(), MAPI_E_SUCCESS);
	fx->url = fx_new_url(fx, &fx->dir);
	assert_int_equal(mapistore_open(fx, fx->url, &fx->store), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_mailbox_create(fx, fx->store, "alice", "en", &fx->mbox), MAPI_E_SUCCESS);
	*state = fx;
	return 0;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int fx_teardown(void **state)
{
	struct fx *fx = *state;
	char *dir = talloc_strdup(NULL, fx->dir);
	talloc_free(fx);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	talloc_free(dir);
	return 0;
}

struct mapi_propval fx_str(uint32_t tag, const char *s)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	pv.v.str = discard_const_p(char, s);
	return pv;
}

struct mapi_propval fx_i32(uint32_t tag, int32_t v)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	pv.v.i32 = v;
	return pv;
}

struct mapi_propval fx_bin(uint32_t tag, const void *p, uint32_t len)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	pv.v.bin.length = len;
	pv.v.bin.data = discard_const_p(uint8_t, p);
	return pv;
}

uint64_t fx_message(struct fx *fx, uint64_t fid, const char *subject)
{
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, fid, false, &msg), MAPI_E_SUCCESS);
	struct mapi_propval pv = fx_str(PidTagSubject, subject);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_object_save(msg), MAPI_E_SUCCESS);
	uint64_t mid = mapistore_object_id(msg);
	talloc_free(msg);
	return mid;
}

const char *fx_get_str(struct fx *fx, uint64_t id, uint32_t tag)
{
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, id, &tag, 1, &v), MAPI_E_SUCCESS);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_VALUE);
	return v->v.str;
}

int64_t fx_get_i64(struct fx *fx, uint64_t id, uint32_t tag)
{
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, id, &tag, 1, &v), MAPI_E_SUCCESS);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_VALUE);
	switch (mapi_prop_type(tag)) {
	case PT_LONG: return v->v.i32;
	case PT_BOOLEAN: return v->v.b;
	case PT_SYSTIME: return (int64_t)v->v.time;
	default: return v->v.i64;
	}
}

uint32_t fx_children(struct fx *fx, uint64_t parent, enum mapistore_kind kind, uint32_t flags)
{
	struct mapistore_child *rows;
	uint32_t count = 0;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, parent, kind, flags, NULL, 0, &rows, &count),
			 MAPI_E_SUCCESS);
	return count;
}

const struct sql_engine *fx_engine_connect(struct fx *fx, const char *create_sql, struct sql_conn **conn_r)
{
	const struct sql_engine *e = fx_mariadb() ? &sql_engine_mariadb : &sql_engine_sqlite;
	struct sql_url *u;
	assert_int_equal(sql_url_parse(fx->mem, fx->url, &u), 0);
	assert_int_equal(e->connect(fx->mem, u, conn_r), 0);
	assert_int_equal(e->exec(*conn_r, create_sql), 0);
	return e;
}
