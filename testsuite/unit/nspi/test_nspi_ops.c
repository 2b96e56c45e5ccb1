/*
 * Unit tests: the NSPI operations end to end through the engine's NDR adapter, without a
 * directory: requests are encoded with the generated codecs, dispatched to a bound session whose
 * GAL is built by hand, and the replies decoded. Covers what the sandbox test cannot reach
 * cheaply: restriction shapes (MS-OXNSPI 3.1.4.1.10), caps, foreign callers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "engine_ndr.h"
#include "mapi_guid.h"
#include "mapi_status.h"
#include "nspi_browse.h"
#include "nspi_ops.h"
#include "nspi_search.h"
#include "nspi_session.h"
#include "nspi_table.h"

#define USER "S-1-5-21-1-2-3-1104"
#define ASSOC 9

/* Sorted: "Alice", "bob", "Carol", "Group", "zed"; only the users have mail. */
static const char *const names[] = { "zed", "Carol", "bob", "Alice", "Group" };

struct fixture {
	TALLOC_CTX *mem;
	struct engine_context ctx;
	struct GUID handle;
	uint32_t mids[5];	/* in GAL order */
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	struct nspi_session *s;

	f->mem = f;
	f->ctx.server_guid = mapi_guid_random();
	f->ctx.nspi = nspi_sessions_new(f);
	s = nspi_session_create(f->ctx.nspi, USER, ASSOC, 1252, 0x409, 0x409);
	s->table = nspi_table_new(s);
	s->table->gal = talloc_zero_array(s->table, struct nspi_entry *, 5);
	for (int i = 0; i < 5; i++) {
		struct ldb_message *msg = ldb_msg_new(s->table);

		ldb_msg_add_string(msg, "objectClass", i == 4 ? "group" : "user");
		ldb_msg_add_string(msg, "displayName", names[i]);
		ldb_msg_add_fmt(msg, "legacyExchangeDN", "/o=Sambex/cn=Recipients/cn=%s", names[i]);
		if (i != 4) {
			ldb_msg_add_fmt(msg, "mail", "%s@sambex.test", names[i]);
		}
		s->table->gal[s->table->gal_count++] = nspi_table_add(s->table, msg, true);
	}
	nspi_table_sort(s->table);
	s->table->gal_loaded = true;
	for (int i = 0; i < 5; i++) {
		f->mids[i] = s->table->gal[i]->mid;
	}
	f->handle = s->handle;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

/* Encodes r's in side, dispatches it as caller, decodes the out side into r; returns the fault. */
static uint32_t run(struct fixture *f, const char *user, uint32_t opnum, void *r)
{
	const struct ndr_interface_call *nc = &sambex_ndr_table_nspi.calls[opnum];
	struct engine_call call = { .iface = ENGINE_IFACE_NSPI, .opnum = (uint16_t)opnum };
	struct ndr_push *push = ndr_push_init_ctx(f->mem);
	struct engine_reply reply;
	struct ndr_pull *pull;
	DATA_BLOB blob;

	call.caller.user_sid = user;
	call.caller.association_id = ASSOC;
	assert_int_equal(nc->ndr_push(push, NDR_IN, r), NDR_ERR_SUCCESS);
	call.stub = push->data;
	call.stub_len = push->offset;
	engine_ndr_dispatch(&f->ctx, f->mem, &nspi_ndr_iface, &call, &reply);
	if (reply.fault != 0) {
		return reply.fault;
	}
	blob = data_blob_const(reply.stub, reply.stub_len);
	pull = ndr_pull_init_blob(&blob, f->mem);
	pull->flags |= LIBNDR_FLAG_REF_ALLOC;
	assert_int_equal(nc->ndr_pull(pull, NDR_OUT, r), NDR_ERR_SUCCESS);
	return 0;
}

static struct nspi_STAT stat_at(uint32_t current)
{
	struct nspi_STAT s = { .CurrentRec = current, .CodePage = 1252, .SortLocale = 0x409 };

	return s;
}

/* GetMatches with filter over the GAL: result code and the MIds (NULL if none returned). */
static uint32_t matches(struct fixture *f, struct nspi_Restriction_r *filter, uint32_t requested,
			struct nspi_PropertyTagArray_r **mids)
{
	struct NspiGetMatches r = { 0 };
	struct nspi_STAT s = stat_at(0);
	struct nspi_PropertyRowSet_r *rows = NULL;

	*mids = NULL;
	r.in.hRpc.uuid = f->handle;
	r.in.pStat = &s;
	r.in.Filter = filter;
	r.in.ulRequested = requested;
	r.out.pStat = &s;
	r.out.ppOutMIds = mids;
	r.out.ppRows = &rows;
	assert_int_equal(run(f, USER, 5, &r), 0);
	*mids = *r.out.ppOutMIds;	/* the pull may allocate a new out pointer */
	return r.out.result;
}

static struct nspi_Restriction_r *exist(TALLOC_CTX *mem, uint32_t tag)
{
	struct nspi_Restriction_r *res = talloc_zero(mem, struct nspi_Restriction_r);

	res->rt = 8;
	res->res.resExist.ulPropTag = tag;
	return res;
}

static struct nspi_Restriction_r *not(TALLOC_CTX *mem, struct nspi_Restriction_r *inner)
{
	struct nspi_Restriction_r *res = talloc_zero(mem, struct nspi_Restriction_r);

	res->rt = 2;
	res->res.resNot.lpRes = inner;
	return res;
}

static struct nspi_Restriction_r *text(TALLOC_CTX *mem, uint32_t rt, uint32_t op_or_fuzzy,
				       const char *value)
{
	struct nspi_Restriction_r *res = talloc_zero(mem, struct nspi_Restriction_r);
	struct nspi_PropertyValue_r *v = talloc_zero(mem, struct nspi_PropertyValue_r);

	v->ulPropTag = 0x3001001F;
	v->Value.lpszW = value;
	res->rt = rt;
	if (rt == 3) {
		res->res.resContent.ulFuzzyLevel = op_or_fuzzy;
		res->res.resContent.ulPropTag = 0x3001001F;
		res->res.resContent.lpProp = v;
	} else {
		res->res.resProperty.relop = op_or_fuzzy;
		res->res.resProperty.ulPropTag = 0x3001001F;
		res->res.resProperty.lpProp = v;
	}
	return res;
}

static void test_exist_and_not(void **state)
{
	struct fixture *f = *state;
	struct nspi_PropertyTagArray_r *mids;

	assert_int_equal(matches(f, exist(f->mem, 0x39FE001F), 10, &mids), 0);
	assert_int_equal(mids->cValues, 4);
	assert_int_equal(matches(f, not(f->mem, exist(f->mem, 0x39FE001F)), 10, &mids), 0);
	assert_int_equal(mids->cValues, 1);
	assert_int_equal(mids->aulPropTag[0], f->mids[3]);	/* Group */
	/* An unmapped tag never exists; its negation holds everywhere. */
	assert_int_equal(matches(f, exist(f->mem, 0x12340102), 10, &mids), 0);
	assert_int_equal(mids->cValues, 0);
}

static void test_content_and_relops(void **state)
{
	struct fixture *f = *state;
	struct nspi_PropertyTagArray_r *mids;

	/* Substring "o" ignoring case: bob, Carol, Group; case-sensitive "B": none. */
	assert_int_equal(matches(f, text(f->mem, 3, 0x10001, "O"), 10, &mids), 0);
	assert_int_equal(mids->cValues, 3);
	assert_int_equal(matches(f, text(f->mem, 3, 0x00001, "B"), 10, &mids), 0);
	assert_int_equal(mids->cValues, 0);
	/* Display name >= "c" (case-insensitive): Carol, Group, zed, in table order. */
	assert_int_equal(matches(f, text(f->mem, 4, 3, "c"), 10, &mids), 0);
	assert_int_equal(mids->cValues, 3);
	assert_int_equal(mids->aulPropTag[0], f->mids[2]);
	assert_int_equal(mids->aulPropTag[2], f->mids[4]);
	/* RELOP_RE and unknown operators are too complex. */
	assert_int_equal(matches(f, text(f->mem, 4, 6, "x"), 10, &mids), MAPI_E_TOO_COMPLEX);
	assert_null(mids);
}

static void test_limits(void **state)
{
	struct fixture *f = *state;
	struct nspi_PropertyTagArray_r *mids;
	struct nspi_Restriction_r *deep = exist(f->mem, 0x3001001F);
	struct nspi_Restriction_r all = { .rt = 0 };	/* And of nothing: true */

	assert_int_equal(matches(f, &all, 5, &mids), 0);
	assert_int_equal(mids->cValues, 5);
	assert_int_equal(matches(f, &all, 4, &mids), MAPI_E_TABLE_TOO_BIG);
	for (int i = 0; i <= NSPI_RESTRICTION_MAX_DEPTH; i++) {
		deep = not(f->mem, deep);
	}
	assert_int_equal(matches(f, deep, 10, &mids), MAPI_E_TOO_COMPLEX);
}

/* Another user's session or no session at all: a fault, never data. */
static void test_foreign_caller(void **state)
{
	struct fixture *f = *state;
	struct NspiUpdateStat r = { 0 };
	struct nspi_STAT s = stat_at(0);

	r.in.hRpc.uuid = f->handle;
	r.in.pStat = &s;
	r.out.pStat = &s;
	assert_int_equal(run(f, "S-1-5-21-1-2-3-1105", 2, &r), NSPI_FAULT_CONTEXT_MISMATCH);
	r.in.hRpc.uuid = mapi_guid_random();
	assert_int_equal(run(f, USER, 2, &r), NSPI_FAULT_CONTEXT_MISMATCH);
	r.in.hRpc.uuid = f->handle;
	assert_int_equal(run(f, USER, 2, &r), 0);
	assert_int_equal(r.out.result, 0);
	assert_int_equal(r.out.pStat->TotalRecs, 5);	/* decoded into the out pointer */
}

/* A huge Count returns what there is; the position ends past the last row. */
static void test_query_rows_count(void **state)
{
	struct fixture *f = *state;
	struct NspiQueryRows r = { 0 };
	struct nspi_STAT s = stat_at(0);
	struct nspi_PropertyRowSet_r *rows = NULL;

	r.in.hRpc.uuid = f->handle;
	r.in.pStat = &s;
	r.in.Count = UINT32_MAX;
	r.out.pStat = &s;
	r.out.ppRows = &rows;
	assert_int_equal(run(f, USER, 3, &r), 0);
	assert_int_equal(r.out.result, 0);
	rows = *r.out.ppRows;
	assert_int_equal(rows->cRows, 5);
	assert_int_equal(r.out.pStat->CurrentRec, NSPI_MID_END_OF_TABLE);
	assert_string_equal(rows->aRow[0].lpProps[3].Value.lpszA, "Alice");
	/* Again from the end: no rows, Success. */
	s = *r.out.pStat;
	r.in.pStat = &s;
	assert_int_equal(run(f, USER, 3, &r), 0);
	assert_int_equal(r.out.result, 0);
	assert_int_equal((*r.out.ppRows)->cRows, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_exist_and_not, setup, teardown),
		cmocka_unit_test_setup_teardown(test_content_and_relops, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_caller, setup, teardown),
		cmocka_unit_test_setup_teardown(test_query_rows_count, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
