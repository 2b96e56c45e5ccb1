/*
 * Bounds behaviour of the generated NDR codecs (idl/): forged counts are refused before anything
 * is allocated, [range] is enforced, restriction nesting is capped at SAMBEX_NDR_MAX_DEPTH,
 * discriminants, strings and array headers are checked, and the tables say what the specs say.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "asyncemsmdb.h"
#include "emsmdb.h"
#include "nspi.h"
#include "rfr.h"

/* A growing little-endian byte string for building stubs. */
struct wire {
	uint8_t *data;
	size_t len;
	size_t cap;
};

static void put(struct wire *w, const void *p, size_t n)
{
	if (w->len + n > w->cap) {
		/* geometric growth: the depth bomb test builds a megabyte four bytes at a time */
		w->cap = (w->len + n) * 2;
		w->data = talloc_realloc(NULL, w->data, uint8_t, w->cap);
	}
	assert_non_null(w->data);
	memcpy(w->data + w->len, p, n);
	w->len += n;
}

static void put32(struct wire *w, uint32_t v)
{
	uint8_t b[4] = { (uint8_t)v, (uint8_t)(v >> 8), (uint8_t)(v >> 16), (uint8_t)(v >> 24) };

	put(w, b, 4);
}

static void put_handle(struct wire *w)
{
	static const uint8_t h[20] = { 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 };

	put(w, h, sizeof(h));
}

static void put_stat(struct wire *w)
{
	for (int i = 0; i < 9; i++) {
		put32(w, i == 6 ? 1252 : 0);
	}
}

/* Pulls a whole stub as opnum/flags of table on mem_ctx; returns the libndr error. */
static enum ndr_err_code pull(TALLOC_CTX *mem_ctx, const struct ndr_interface_table *table,
			      uint32_t opnum, int flags, const struct wire *w, void **r_out)
{
	const struct ndr_interface_call *call = &table->calls[opnum];
	DATA_BLOB blob = data_blob_const(w->data, w->len);
	struct ndr_pull *ndr = ndr_pull_init_blob(&blob, mem_ctx);
	void *r = talloc_zero_size(mem_ctx, call->struct_size);
	enum ndr_err_code err;

	assert_non_null(ndr);
	assert_non_null(r);
	ndr->flags |= LIBNDR_FLAG_REF_ALLOC;
	err = call->ndr_pull(ndr, flags, r);
	if (r_out != NULL) {
		*r_out = r;
	}
	return err;
}

/* EcDoRpcExt2 [in] with the given rgbIn conformance and cbIn, pcbOut and pcbAuxOut. */
static struct wire rpcext2_in(uint32_t conformance, uint32_t nbytes, uint32_t cb_in,
			      uint32_t pcb_out, uint32_t pcb_aux_out)
{
	struct wire w = { NULL, 0, 0 };

	put_handle(&w);
	put32(&w, 0);			/* pulFlags */
	put32(&w, conformance);		/* rgbIn max count */
	for (uint32_t i = 0; i < nbytes; i++) {
		put(&w, "x", 1);
	}
	while (w.len % 4 != 0) {
		put(&w, "", 1);
	}
	put32(&w, cb_in);
	put32(&w, pcb_out);
	put32(&w, 0);			/* rgbAuxIn max count */
	put32(&w, 0);			/* cbAuxIn */
	put32(&w, pcb_aux_out);
	return w;
}

static void test_huge_count_not_allocated(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire w = rpcext2_in(0x80000000U, 0, 0x80000000U, 0x1000, 0x1000);

	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_emsmdb, EMSMDB_OPNUM_ECDORPCEXT2, NDR_IN, &w,
			      NULL), NDR_ERR_BUFSIZE);
	/* refused before talloc_array: nothing near 2 GiB (or even 1 MiB) was allocated */
	assert_true(talloc_total_size(mem_ctx) < 1024 * 1024);
	talloc_free(w.data);
	talloc_free(mem_ctx);
}

static void test_huge_row_count_in_range_but_not_in_buffer(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire w = { NULL, 0, 0 };

	/* NspiQueryRows [out]: 100000 rows claimed (within [range]), a few bytes present */
	put_stat(&w);
	put32(&w, 0x00020000);		/* ppRows referent */
	put32(&w, 100000);		/* aRow max count */
	put32(&w, 100000);		/* cRows */
	put32(&w, 0);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIQUERYROWS, NDR_OUT, &w,
			      NULL), NDR_ERR_BUFSIZE);
	assert_true(talloc_total_size(mem_ctx) < 64 * 1024);
	talloc_free(w.data);
	talloc_free(mem_ctx);
}

static void test_count_over_range(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire w = { NULL, 0, 0 };

	put_stat(&w);
	put32(&w, 0x00020000);
	put32(&w, 100001);		/* aRow max count */
	put32(&w, 100001);		/* cRows: [range(0, 100000)] */
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIQUERYROWS, NDR_OUT, &w,
			      NULL), NDR_ERR_RANGE);
	talloc_free(w.data);
	talloc_free(mem_ctx);
}

static void test_big_range_ulong(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire ok = rpcext2_in(4, 4, 4, 0x40000, 0x1008);
	struct wire over = rpcext2_in(4, 4, 4, 0x40001, 0x1008);
	struct wire aux_over = rpcext2_in(4, 4, 4, 0x40000, 0x1009);
	struct EcDoRpcExt2 *r;

	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_emsmdb, EMSMDB_OPNUM_ECDORPCEXT2, NDR_IN, &ok,
			      (void **)&r), NDR_ERR_SUCCESS);
	assert_int_equal(*r->in.pcbOut, 0x40000);
	/* the server side gets [out] pointers that start as copies of [in] */
	assert_non_null(r->out.pcbOut);
	assert_int_equal(*r->out.pcbOut, 0x40000);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_emsmdb, EMSMDB_OPNUM_ECDORPCEXT2, NDR_IN,
			      &over, NULL), NDR_ERR_RANGE);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_emsmdb, EMSMDB_OPNUM_ECDORPCEXT2, NDR_IN,
			      &aux_over, NULL), NDR_ERR_RANGE);
	talloc_free(ok.data);
	talloc_free(over.data);
	talloc_free(aux_over.data);
	talloc_free(mem_ctx);
}

static void test_size_is_must_match(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire w = rpcext2_in(4, 4, 5, 0x100, 0x100);	/* max count 4, cbIn 5 */

	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_emsmdb, EMSMDB_OPNUM_ECDORPCEXT2, NDR_IN, &w,
			      NULL), NDR_ERR_ARRAY_SIZE);
	talloc_free(w.data);
	talloc_free(mem_ctx);
}

static struct wire fqdn_in(uint32_t cb, const char *dn)
{
	struct wire w = { NULL, 0, 0 };
	uint32_t n = (uint32_t)strlen(dn) + 1;

	put32(&w, 0);
	put32(&w, cb);
	put32(&w, cb);
	put32(&w, 0);
	put32(&w, n);
	put(&w, dn, n);
	return w;
}

static void test_rfr_range(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire ok = fqdn_in(10, "/o=S/ou=F");
	struct wire low = fqdn_in(9, "/o=S/ou=");
	struct wire high = fqdn_in(1025, "/o=S/ou=F");

	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_rfr, RFR_OPNUM_RFRGETFQDNFROMSERVERDN, NDR_IN,
			      &ok, NULL), NDR_ERR_SUCCESS);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_rfr, RFR_OPNUM_RFRGETFQDNFROMSERVERDN, NDR_IN,
			      &low, NULL), NDR_ERR_RANGE);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_rfr, RFR_OPNUM_RFRGETFQDNFROMSERVERDN, NDR_IN,
			      &high, NULL), NDR_ERR_RANGE);
	talloc_free(ok.data);
	talloc_free(low.data);
	talloc_free(high.data);
	talloc_free(mem_ctx);
}

/* NspiGetMatches [in] whose Filter is nots NOT restrictions around one EXIST restriction. */
static struct wire nested_filter(unsigned nots)
{
	struct wire w = { NULL, 0, 0 };
	uint32_t ref = 0x00020000;

	put_handle(&w);
	put32(&w, 0);			/* Reserved1 */
	put_stat(&w);
	put32(&w, 0);			/* pReserved: NULL */
	put32(&w, 0);			/* Reserved2 */
	put32(&w, ref);			/* Filter referent */
	for (unsigned i = 0; i < nots; i++) {
		ref += 4;
		put32(&w, 2);		/* rt: NOT */
		put32(&w, 2);		/* discriminant */
		put32(&w, ref);		/* lpRes referent; its pointee follows */
	}
	put32(&w, 8);			/* rt: EXIST */
	put32(&w, 8);
	put32(&w, 0);
	put32(&w, 0x3001001f);
	put32(&w, 0);
	put32(&w, 0);			/* lpPropName: NULL */
	put32(&w, 10);			/* ulRequested */
	put32(&w, 0);			/* pPropTags: NULL */
	return w;
}

static void test_depth_cap(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct wire deepest = nested_filter(SAMBEX_NDR_MAX_DEPTH - 1);	/* 256 levels */
	struct wire bomb = nested_filter(SAMBEX_NDR_MAX_DEPTH);		/* 257 levels */
	struct wire huge = nested_filter(100000);
	struct NspiGetMatches *r;
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);

	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETMATCHES, NDR_IN,
			      &deepest, (void **)&r), NDR_ERR_SUCCESS);
	assert_int_equal(ndr_push_NspiGetMatches(push, NDR_IN, r), NDR_ERR_SUCCESS);
	assert_int_equal(push->offset, deepest.len);
	assert_memory_equal(push->data, deepest.data, deepest.len);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETMATCHES, NDR_IN,
			      &bomb, NULL), NDR_ERR_MAX_RECURSION_EXCEEDED);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETMATCHES, NDR_IN,
			      &huge, NULL), NDR_ERR_MAX_RECURSION_EXCEEDED);
	talloc_free(deepest.data);
	talloc_free(bomb.data);
	talloc_free(huge.data);
	talloc_free(mem_ctx);
}

/* NspiGetProps [out] with one PropertyValue_r: tag, discriminant, then raw arm bytes. */
static struct wire one_value(uint32_t tag, uint32_t disc, const uint8_t *arm, size_t arm_len)
{
	struct wire w = { NULL, 0, 0 };

	put32(&w, 0x00020000);		/* ppRows referent */
	put32(&w, 0);			/* Reserved */
	put32(&w, 1);			/* cValues */
	put32(&w, 0x00020004);		/* lpProps referent */
	put32(&w, 1);			/* max count */
	put32(&w, tag);
	put32(&w, 0);
	put32(&w, disc);
	put(&w, arm, arm_len);
	put32(&w, 0);			/* result */
	return w;
}

static void test_discriminant_checked(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	static const uint8_t four[4] = { 1, 0, 0, 0 };
	struct wire ok = one_value(0x39000003, 3, four, 4);
	struct wire mismatch = one_value(0x39000003, 0x1f, four, 4);
	struct wire unknown = one_value(0x39000005, 5, four, 4);	/* PtypFloating64: no arm */

	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &ok,
			      NULL), NDR_ERR_SUCCESS);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT,
			      &mismatch, NULL), NDR_ERR_BAD_SWITCH);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT,
			      &unknown, NULL), NDR_ERR_BAD_SWITCH);
	talloc_free(ok.data);
	talloc_free(mismatch.data);
	talloc_free(unknown.data);
	talloc_free(mem_ctx);
}

/* A PtypString value: referent, then a string with the given header and UTF-16 units. */
static struct wire wide_value(uint32_t max, uint32_t offset, uint32_t count, const uint16_t *units,
			      size_t n)
{
	uint8_t ref[4] = { 8, 0, 2, 0 };
	struct wire w = one_value(0x3001001f, 0x1f, ref, 4);

	w.len -= 4;			/* the string goes before result */
	put32(&w, max);
	put32(&w, offset);
	put32(&w, count);
	for (size_t i = 0; i < n; i++) {
		uint8_t b[2] = { (uint8_t)units[i], (uint8_t)(units[i] >> 8) };

		put(&w, b, 2);
	}
	while (w.len % 4 != 0) {
		put(&w, "", 1);
	}
	put32(&w, 0);
	return w;
}

static void test_strings_checked(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	static const uint16_t good[] = { 'h', 0xd83d, 0xde00, 0 };	/* "h" and U+1F600 */
	static const uint16_t unterminated[] = { 'h', 'i', 'x' };
	static const uint16_t early[] = { 'h', 0, 'x' };
	static const uint16_t lone[] = { 'h', 0xd83d, 0 };
	struct wire w;
	struct NspiGetProps *r;

	w = wide_value(4, 0, 4, good, 4);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &w,
			      (void **)&r), NDR_ERR_SUCCESS);
	assert_string_equal((*r->out.ppRows)->lpProps[0].Value.lpszW, "h\xf0\x9f\x98\x80");
	talloc_free(w.data);
	w = wide_value(3, 0, 3, unterminated, 3);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &w,
			      NULL), NDR_ERR_STRING);
	talloc_free(w.data);
	w = wide_value(3, 0, 3, early, 3);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &w,
			      NULL), NDR_ERR_STRING);
	talloc_free(w.data);
	w = wide_value(3, 0, 3, lone, 3);
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &w,
			      NULL), NDR_ERR_CHARCNV);
	talloc_free(w.data);
	w = wide_value(4, 1, 3, lone, 3);		/* non-zero offset */
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &w,
			      NULL), NDR_ERR_ARRAY_SIZE);
	talloc_free(w.data);
	w = wide_value(2, 0, 3, good, 3);		/* count above max */
	assert_int_equal(pull(mem_ctx, &sambex_ndr_table_nspi, NSPI_OPNUM_NSPIGETPROPS, NDR_OUT, &w,
			      NULL), NDR_ERR_ARRAY_SIZE);
	talloc_free(w.data);
	talloc_free(mem_ctx);
}

static void test_push_rejects_bad_input(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);
	struct NspiBind bind;
	struct EcDoRpcExt2 ext2;
	uint32_t zero = 0;

	memset(&bind, 0, sizeof(bind));
	/* pStat is [ref]: NULL cannot be marshalled */
	assert_int_equal(ndr_push_NspiBind(push, NDR_IN, &bind), NDR_ERR_INVALID_POINTER);
	memset(&ext2, 0, sizeof(ext2));
	ext2.in.pcxh = talloc_zero(mem_ctx, struct policy_handle);
	ext2.in.pulFlags = &zero;
	ext2.in.pcbOut = &zero;
	ext2.in.pcbAuxOut = &zero;
	ext2.in.cbIn = 3;		/* three bytes claimed, no buffer */
	assert_int_equal(ndr_push_EcDoRpcExt2(push, NDR_IN, &ext2), NDR_ERR_INVALID_POINTER);
	talloc_free(mem_ctx);
}

static void test_tables(void **state)
{
	const struct ndr_interface_table *t = &sambex_ndr_table_emsmdb;

	/* rpc-operations.tsv: UUIDs, versions (major | minor << 16) and call counts */
	assert_int_equal(t->num_calls, 15);
	assert_int_equal(t->syntax_id.uuid.time_low, 0xa4f1db00);
	assert_int_equal(t->syntax_id.if_version, 0 | (81 << 16));
	assert_int_equal(sambex_ndr_table_asyncemsmdb.num_calls, 1);
	assert_int_equal(sambex_ndr_table_asyncemsmdb.syntax_id.uuid.time_low, 0x5261574a);
	assert_int_equal(sambex_ndr_table_asyncemsmdb.syntax_id.if_version, 0 | (1 << 16));
	assert_int_equal(sambex_ndr_table_nspi.num_calls, 21);
	assert_int_equal(sambex_ndr_table_nspi.syntax_id.uuid.time_low, 0xf5cc5a18);
	assert_int_equal(sambex_ndr_table_nspi.syntax_id.uuid.node[5], 0x26);
	assert_int_equal(sambex_ndr_table_nspi.syntax_id.if_version, 56);
	assert_int_equal(sambex_ndr_table_rfr.num_calls, 2);
	assert_int_equal(sambex_ndr_table_rfr.syntax_id.uuid.time_low, 0x1544f5e0);
	assert_int_equal(sambex_ndr_table_rfr.syntax_id.if_version, 1);
	assert_string_equal(sambex_ndr_table_nspi.calls[NSPI_OPNUM_NSPIRESOLVENAMESW].name,
			    "NspiResolveNamesW");
	assert_string_equal(t->calls[EMSMDB_OPNUM_ECDORPCEXT2].name, "EcDoRpcExt2");
}

static void test_reserved_opnums(void **state)
{
	static const int emsmdb_reserved[] = { 0, 2, 3, 5, 7, 8, 9, 12, 13 };
	static const int nspi_reserved[] = { 15, 17, 18 };
	size_t n = 0;

	for (size_t i = 0; i < sizeof(emsmdb_reserved) / sizeof(emsmdb_reserved[0]); i++) {
		const struct sambex_ndr_call_info *c = &sambex_ndr_calls_emsmdb[emsmdb_reserved[i]];

		assert_true(c->reserved);
		assert_int_equal(c->fault, SAMBEX_NDR_FAULT_OP_RNG_ERROR);
	}
	for (size_t i = 0; i < EMSMDB_CALL_COUNT; i++) {
		n += sambex_ndr_calls_emsmdb[i].reserved;
	}
	assert_int_equal(n, 9);
	n = 0;
	for (size_t i = 0; i < sizeof(nspi_reserved) / sizeof(nspi_reserved[0]); i++) {
		assert_true(sambex_ndr_calls_nspi[nspi_reserved[i]].reserved);
	}
	for (size_t i = 0; i < NSPI_CALL_COUNT; i++) {
		n += sambex_ndr_calls_nspi[i].reserved;
	}
	assert_int_equal(n, 3);
	assert_false(sambex_ndr_calls_rfr[0].reserved);
	assert_false(sambex_ndr_calls_asyncemsmdb[0].reserved);
	assert_int_equal(sambex_ndr_calls_emsmdb[EMSMDB_OPNUM_ECDORPCEXT2].fault, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_huge_count_not_allocated),
		cmocka_unit_test(test_huge_row_count_in_range_but_not_in_buffer),
		cmocka_unit_test(test_count_over_range),
		cmocka_unit_test(test_big_range_ulong),
		cmocka_unit_test(test_size_is_must_match),
		cmocka_unit_test(test_rfr_range),
		cmocka_unit_test(test_depth_cap),
		cmocka_unit_test(test_discriminant_checked),
		cmocka_unit_test(test_strings_checked),
		cmocka_unit_test(test_push_rejects_bad_input),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_reserved_opnums),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
