/*
 * Unit tests: mapistore_id (MS-OXCDATA 2.2.1.1-2.2.1.3.1, MS-OXCFXICS 2.2.2.x, MS-OXCSTOR 3.2.5.8/9).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapistore_id.h"
#include "mapi_status.h"

static struct GUID guid_of(uint8_t fill)
{
	uint8_t wire[MAPI_GUID_WIRE_SIZE];
	struct GUID g;

	memset(wire, fill, sizeof(wire));
	mapi_guid_from_wire(wire, &g);
	return g;
}

static void test_make_layout(void **state)
{
	uint8_t wire[8];
	uint64_t id;

	assert_int_equal(mapistore_id_make(1, 0x78271A, &id), MAPI_E_SUCCESS);
	mapistore_id_to_wire(id, wire);
	/* REPLID little-endian, then GLOBCNT most significant byte first (MS-OXCSTOR 4.1) */
	assert_memory_equal(wire, "\x01\x00\x00\x00\x00\x78\x27\x1a", 8);
	assert_int_equal(mapistore_id_replid(id), 1);
	assert_int_equal(mapistore_id_globcnt(id), 0x78271A);
	assert_true(id == UINT64_C(0x1a27780000000001));
	assert_true(mapistore_id_from_wire(wire) == id);
}

static void test_make_extremes(void **state)
{
	uint8_t wire[8];
	uint64_t id;

	assert_int_equal(mapistore_id_make(0xFFFF, MAPISTORE_ID_GLOBCNT_MAX, &id), MAPI_E_SUCCESS);
	mapistore_id_to_wire(id, wire);
	assert_memory_equal(wire, "\xff\xff\xff\xff\xff\xff\xff\xff", 8);
	assert_int_equal(mapistore_id_replid(id), 0xFFFF);
	assert_true(mapistore_id_globcnt(id) == MAPISTORE_ID_GLOBCNT_MAX);
	assert_int_equal(mapistore_id_make(0x0102, 1, &id), MAPI_E_SUCCESS);
	mapistore_id_to_wire(id, wire);
	assert_memory_equal(wire, "\x02\x01\x00\x00\x00\x00\x00\x01", 8);
}

static void test_make_refuses(void **state)
{
	uint64_t id = 42;

	assert_int_equal(mapistore_id_make(0, 1, &id), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_id_make(1, 0, &id), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_id_make(1, MAPISTORE_ID_GLOBCNT_MAX + 1, &id), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_id_make(1, UINT64_MAX, &id), MAPI_E_INVALID_PARAMETER);
	assert_true(id == 42);
}

static void test_globcnt_bytes(void **state)
{
	uint8_t w[6];

	mapistore_id_globcnt_put(w, UINT64_C(0x010203040506));
	assert_memory_equal(w, "\x01\x02\x03\x04\x05\x06", 6);
	assert_true(mapistore_id_globcnt_get(w) == UINT64_C(0x010203040506));
	mapistore_id_globcnt_put(w, UINT64_C(0xAB0000000000FF));	/* bits above 48 dropped */
	assert_memory_equal(w, "\x00\x00\x00\x00\x00\xff", 6);
	mapistore_id_globcnt_put(w, MAPISTORE_ID_GLOBCNT_MAX);
	assert_memory_equal(w, "\xff\xff\xff\xff\xff\xff", 6);
}

/* GLOBCNT byte order makes byte-wise order equal numeric order (MS-OXCFXICS 3.1.5.3). */
static void test_globcnt_order_bytewise(void **state)
{
	static const uint64_t v[] = {1, 0xFF, 0x100, 0xFFFF, 0x10000, 0xFFFFFFFF, UINT64_C(0x100000000),
				     MAPISTORE_ID_GLOBCNT_MAX - 1, MAPISTORE_ID_GLOBCNT_MAX};
	uint8_t a[6], b[6];

	for (size_t i = 0; i + 1 < sizeof(v) / sizeof(v[0]); i++) {
		mapistore_id_globcnt_put(a, v[i]);
		mapistore_id_globcnt_put(b, v[i + 1]);
		assert_true(memcmp(a, b, 6) < 0);
	}
}

static void test_id_round_trip_many(void **state)
{
	uint64_t id, g = 1;

	for (int i = 0; i < 48; i++, g = g * 2 + 1) {
		uint16_t r = (uint16_t)(1 + i * 1361);

		assert_int_equal(mapistore_id_make(r, g, &id), MAPI_E_SUCCESS);
		assert_int_equal(mapistore_id_replid(id), r);
		assert_true(mapistore_id_globcnt(id) == g);
	}
}

static void test_gid_wire(void **state)
{
	struct mapistore_id_gid gid = {guid_of(0xA5), 0x123456789ABC}, back;
	uint8_t w[MAPISTORE_ID_GID_SIZE];

	mapistore_id_gid_to_wire(&gid, w);
	assert_memory_equal(w + 16, "\x12\x34\x56\x78\x9a\xbc", 6);
	assert_int_equal(mapistore_id_gid_from_wire(w, sizeof(w), &back), MAPI_E_SUCCESS);
	assert_true(mapi_guid_equal(&back.guid, &gid.guid));
	assert_true(back.globcnt == gid.globcnt);
	assert_int_equal(mapistore_id_gid_from_wire(w, 21, &back), ecRpcFormat);
	assert_int_equal(mapistore_id_gid_from_wire(w, 23, &back), ecRpcFormat);
	assert_int_equal(mapistore_id_gid_from_wire(NULL, 22, &back), ecRpcFormat);
}

static void test_long_term_wire(void **state)
{
	struct mapistore_id_gid gid = {guid_of(0x3C), 7}, back;
	uint8_t w[MAPISTORE_ID_LONG_TERM_SIZE];

	mapistore_id_long_term_to_wire(&gid, w);
	assert_int_equal(w[22], 0);
	assert_int_equal(w[23], 0);
	assert_memory_equal(w + 16, "\x00\x00\x00\x00\x00\x07", 6);
	assert_int_equal(mapistore_id_long_term_from_wire(w, 24, &back), MAPI_E_SUCCESS);
	assert_true(back.globcnt == 7);
	for (size_t len = 0; len < 24; len++) {
		assert_int_equal(mapistore_id_long_term_from_wire(w, len, &back), ecRpcFormat);
	}
	assert_int_equal(mapistore_id_long_term_from_wire(w, 25, &back), ecRpcFormat);
	w[23] = 1;
	assert_int_equal(mapistore_id_long_term_from_wire(w, 24, &back), MAPI_E_INVALID_PARAMETER);
	w[23] = 0;
	w[22] = 0x80;
	assert_int_equal(mapistore_id_long_term_from_wire(w, 24, &back), MAPI_E_INVALID_PARAMETER);
}

static void test_repl_table_basics(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct GUID mbox = guid_of(1), other = guid_of(2), zero = guid_of(0), g;
	struct mapistore_id_repl_table *t = mapistore_id_repl_table_new(ctx, &mbox);
	uint16_t r;

	assert_non_null(t);
	assert_int_equal(mapistore_id_repl_count(t), 1);
	assert_int_equal(mapistore_id_repl_find_replid(t, &mbox, &r), MAPI_E_SUCCESS);
	assert_int_equal(r, MAPISTORE_ID_REPLID_MAILBOX);
	assert_int_equal(mapistore_id_repl_find_guid(t, 1, &g), MAPI_E_SUCCESS);
	assert_true(mapi_guid_equal(&g, &mbox));
	assert_int_equal(mapistore_id_repl_find_guid(t, 0, &g), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_id_repl_find_guid(t, 2, &g), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_id_repl_find_replid(t, &other, &r), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_id_repl_register(t, &other, &r), MAPI_E_SUCCESS);
	assert_int_equal(r, 2);
	assert_int_equal(mapistore_id_repl_register(t, &other, &r), MAPI_E_SUCCESS);
	assert_int_equal(r, 2);	/* same GUID, same REPLID every time */
	assert_int_equal(mapistore_id_repl_register(t, &mbox, &r), MAPI_E_SUCCESS);
	assert_int_equal(r, 1);
	assert_int_equal(mapistore_id_repl_count(t), 2);
	assert_int_equal(mapistore_id_repl_find_guid(t, 2, &g), MAPI_E_SUCCESS);
	assert_true(mapi_guid_equal(&g, &other));
	assert_int_equal(mapistore_id_repl_register(t, &zero, &r), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_id_repl_count(t), 2);
	talloc_free(ctx);
}

static void test_repl_table_new_refuses(void **state)
{
	struct GUID zero = guid_of(0);

	assert_null(mapistore_id_repl_table_new(NULL, &zero));
	assert_null(mapistore_id_repl_table_new(NULL, NULL));
}

/* All 65535 REPLIDs can be handed out, then ecParameterOverflow (MS-OXCSTOR 3.2.5.9). */
static void test_repl_table_full(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct GUID g = guid_of(0xEE);
	struct mapistore_id_repl_table *t = mapistore_id_repl_table_new(ctx, &g);
	uint8_t w[16] = {0};
	uint16_t r = 0;

	for (uint32_t i = 2; i <= 0xFFFF; i++) {
		w[0] = (uint8_t)i;
		w[1] = (uint8_t)(i >> 8);
		w[2] = 1;
		mapi_guid_from_wire(w, &g);
		assert_int_equal(mapistore_id_repl_register(t, &g, &r), MAPI_E_SUCCESS);
		assert_int_equal(r, i);
	}
	assert_int_equal(mapistore_id_repl_count(t), 0xFFFF);
	w[2] = 2;
	mapi_guid_from_wire(w, &g);
	assert_int_equal(mapistore_id_repl_register(t, &g, &r), ecParameterOverflow);
	w[2] = 1;
	mapi_guid_from_wire(w, &g);	/* an existing one still resolves */
	assert_int_equal(mapistore_id_repl_register(t, &g, &r), MAPI_E_SUCCESS);
	assert_int_equal(r, 0xFFFF);
	talloc_free(ctx);
}

static void test_id_gid_conversions(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct GUID mbox = guid_of(0x11), other = guid_of(0x22);
	struct mapistore_id_repl_table *t = mapistore_id_repl_table_new(ctx, &mbox);
	struct mapistore_id_gid gid;
	uint64_t id, id2;

	assert_int_equal(mapistore_id_make(1, 0x1234, &id), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_to_gid(t, id, &gid), MAPI_E_SUCCESS);
	assert_true(mapi_guid_equal(&gid.guid, &mbox));
	assert_true(gid.globcnt == 0x1234);
	assert_int_equal(mapistore_id_from_gid(t, &gid, false, &id2), MAPI_E_SUCCESS);
	assert_true(id2 == id);

	/* unknown REPLID; REPLID 0; GLOBCNT 0 */
	assert_int_equal(mapistore_id_make(9, 1, &id), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_to_gid(t, id, &gid), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_id_to_gid(t, UINT64_C(0x0100000000000000), &gid), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_id_to_gid(t, 1, &gid), MAPI_E_INVALID_PARAMETER);

	/* unknown REPLGUID: refused, or registered on request */
	gid.guid = other;
	gid.globcnt = MAPISTORE_ID_GLOBCNT_MAX;
	assert_int_equal(mapistore_id_from_gid(t, &gid, false, &id), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_id_repl_count(t), 1);
	assert_int_equal(mapistore_id_from_gid(t, &gid, true, &id), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_replid(id), 2);
	assert_true(mapistore_id_globcnt(id) == MAPISTORE_ID_GLOBCNT_MAX);

	/* MS-OXCSTOR 3.2.5.9: zero REPLGUID, zero counter */
	gid.guid = guid_of(0);
	assert_int_equal(mapistore_id_from_gid(t, &gid, true, &id), MAPI_E_INVALID_PARAMETER);
	gid.guid = mbox;
	gid.globcnt = 0;
	assert_int_equal(mapistore_id_from_gid(t, &gid, true, &id), MAPI_E_INVALID_PARAMETER);
	gid.globcnt = MAPISTORE_ID_GLOBCNT_MAX + 1;
	assert_int_equal(mapistore_id_from_gid(t, &gid, true, &id), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_id_repl_count(t), 2);
	talloc_free(ctx);
}

static void test_counter_basics(void **state)
{
	struct mapistore_id_counter c;
	uint64_t v;

	assert_int_equal(mapistore_id_counter_init(&c, 1), MAPI_E_SUCCESS);
	assert_true(mapistore_id_counter_remaining(&c) == MAPISTORE_ID_GLOBCNT_MAX);
	assert_int_equal(mapistore_id_counter_alloc(&c, &v), MAPI_E_SUCCESS);
	assert_true(v == 1);
	assert_int_equal(mapistore_id_counter_alloc(&c, &v), MAPI_E_SUCCESS);
	assert_true(v == 2);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, 100, &v), MAPI_E_SUCCESS);
	assert_true(v == 3);
	assert_int_equal(mapistore_id_counter_alloc(&c, &v), MAPI_E_SUCCESS);
	assert_true(v == 103);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, 0, &v), MAPI_E_INVALID_PARAMETER);
	assert_true(c.next == 104);
}

static void test_counter_init_refuses(void **state)
{
	struct mapistore_id_counter c = {77};

	assert_int_equal(mapistore_id_counter_init(&c, 0), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_id_counter_init(&c, MAPISTORE_ID_GLOBCNT_MAX + 2), MAPI_E_INVALID_PARAMETER);
	assert_true(c.next == 77);
	/* MAX + 1 is a valid, exhausted state (what a persisted exhausted counter reloads as) */
	assert_int_equal(mapistore_id_counter_init(&c, MAPISTORE_ID_GLOBCNT_MAX + 1), MAPI_E_SUCCESS);
	assert_true(mapistore_id_counter_remaining(&c) == 0);
}

/* The last GLOBCNT is 2^48-1; after it every allocation is refused and nothing moves. */
static void test_counter_exhaustion(void **state)
{
	struct mapistore_id_counter c;
	uint64_t v = 0;

	assert_int_equal(mapistore_id_counter_init(&c, MAPISTORE_ID_GLOBCNT_MAX - 1), MAPI_E_SUCCESS);
	assert_true(mapistore_id_counter_remaining(&c) == 2);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, 3, &v), ecParameterOverflow);
	assert_true(v == 0);
	assert_true(c.next == MAPISTORE_ID_GLOBCNT_MAX - 1);
	assert_int_equal(mapistore_id_counter_alloc(&c, &v), MAPI_E_SUCCESS);
	assert_true(v == MAPISTORE_ID_GLOBCNT_MAX - 1);
	assert_int_equal(mapistore_id_counter_alloc(&c, &v), MAPI_E_SUCCESS);
	assert_true(v == MAPISTORE_ID_GLOBCNT_MAX);
	assert_true(mapistore_id_counter_remaining(&c) == 0);
	v = 5;
	assert_int_equal(mapistore_id_counter_alloc(&c, &v), ecParameterOverflow);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, 1, &v), ecParameterOverflow);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, UINT64_MAX, &v), ecParameterOverflow);
	assert_true(v == 5);
}

static void test_counter_range_to_the_end(void **state)
{
	struct mapistore_id_counter c;
	uint64_t v;

	assert_int_equal(mapistore_id_counter_init(&c, 1), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, MAPISTORE_ID_GLOBCNT_MAX + 1, &v),
			 ecParameterOverflow);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, UINT64_MAX, &v), ecParameterOverflow);
	assert_int_equal(mapistore_id_counter_alloc_range(&c, MAPISTORE_ID_GLOBCNT_MAX, &v), MAPI_E_SUCCESS);
	assert_true(v == 1);
	assert_true(mapistore_id_counter_remaining(&c) == 0);
}

/* Every LocalId size 1..8 round-trips through XID and SizedXid. */
static void test_xid_sizes(void **state)
{
	for (uint8_t size = 1; size <= 8; size++) {
		struct mapistore_id_xid x = {.guid = guid_of(size), .local_id_size = size}, y;
		uint8_t w[1 + MAPISTORE_ID_XID_MAX_SIZE];
		size_t n, used;

		for (uint8_t i = 0; i < size; i++) {
			x.local_id[i] = (uint8_t)(0xF0 + i);
		}
		n = mapistore_id_xid_to_wire(&x, w);
		assert_int_equal(n, 16 + size);
		assert_int_equal(mapistore_id_xid_from_wire(w, n, &y), MAPI_E_SUCCESS);
		assert_true(mapistore_id_xid_equal(&x, &y));
		n = mapistore_id_sized_xid_to_wire(&x, w);
		assert_int_equal(n, 17 + size);
		assert_int_equal(w[0], 16 + size);
		assert_int_equal(mapistore_id_sized_xid_from_wire(w, n, &y, &used), MAPI_E_SUCCESS);
		assert_int_equal(used, n);
		assert_true(mapistore_id_xid_equal(&x, &y));
		/* trailing bytes are left for the caller */
		assert_int_equal(mapistore_id_sized_xid_from_wire(w, sizeof(w), &y, &used), MAPI_E_SUCCESS);
		assert_int_equal(used, n);
		for (size_t cut = 0; cut < n; cut++) {
			assert_int_equal(mapistore_id_sized_xid_from_wire(w, cut, &y, &used), ecRpcFormat);
		}
	}
}

static void test_xid_bad_sizes(void **state)
{
	uint8_t w[40] = {0};
	struct mapistore_id_xid x = {.guid = guid_of(1)}, y;
	size_t used = 99;

	for (size_t len = 0; len < sizeof(w); len++) {
		uint32_t want = (len >= 17 && len <= 24) ? MAPI_E_SUCCESS : ecRpcFormat;

		assert_int_equal(mapistore_id_xid_from_wire(w, len, &y), want);
	}
	assert_int_equal(mapistore_id_xid_from_wire(NULL, 17, &y), ecRpcFormat);
	for (unsigned size = 0; size < 256; size++) {
		uint32_t want = (size >= 17 && size <= 24) ? MAPI_E_SUCCESS : ecRpcFormat;

		w[0] = (uint8_t)size;
		assert_int_equal(mapistore_id_sized_xid_from_wire(w, sizeof(w), &y, &used), want);
	}
	assert_int_equal(mapistore_id_sized_xid_from_wire(w, 0, &y, &used), ecRpcFormat);
	assert_int_equal(mapistore_id_sized_xid_from_wire(NULL, 5, &y, &used), ecRpcFormat);
	x.local_id_size = 0;
	assert_int_equal(mapistore_id_xid_to_wire(&x, w), 0);
	assert_int_equal(mapistore_id_sized_xid_to_wire(&x, w), 0);
	x.local_id_size = 9;
	assert_int_equal(mapistore_id_xid_to_wire(&x, w), 0);
	assert_int_equal(mapistore_id_sized_xid_to_wire(&x, w), 0);
}

static void test_xid_gid(void **state)
{
	struct mapistore_id_gid gid = {guid_of(0x42), 0xA1B2C3}, back;
	struct mapistore_id_xid x;
	uint8_t xw[24], gw[22];

	mapistore_id_xid_from_gid(&gid, &x);
	assert_int_equal(x.local_id_size, 6);
	assert_int_equal(mapistore_id_xid_to_wire(&x, xw), 22);
	mapistore_id_gid_to_wire(&gid, gw);
	assert_memory_equal(xw, gw, 22);	/* a GID is a 22-byte XID */
	assert_int_equal(mapistore_id_xid_to_gid(&x, &back), MAPI_E_SUCCESS);
	assert_true(back.globcnt == gid.globcnt);
	x.local_id_size = 8;
	assert_int_equal(mapistore_id_xid_to_gid(&x, &back), MAPI_E_INVALID_PARAMETER);
}

static void test_change_key(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct GUID mbox = guid_of(0x5A);
	struct mapistore_id_repl_table *t = mapistore_id_repl_table_new(ctx, &mbox);
	struct mapistore_id_xid ck;
	uint8_t w[24];
	uint64_t cn;

	assert_int_equal(mapistore_id_make(1, 0x0102030405, &cn), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_change_key(t, cn, &ck), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_xid_to_wire(&ck, w), 22);
	assert_memory_equal(w + 16, "\x00\x01\x02\x03\x04\x05", 6);
	assert_true(mapi_guid_equal(&ck.guid, &mbox));
	assert_int_equal(mapistore_id_make(3, 1, &cn), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_id_change_key(t, cn, &ck), MAPI_E_NOT_FOUND);
	talloc_free(ctx);
}

static void test_xid_compare_local(void **state)
{
	struct mapistore_id_xid a = {.guid = guid_of(1), .local_id_size = 6};
	struct mapistore_id_xid b = a;
	int c = 7;

	assert_int_equal(mapistore_id_xid_compare_local(&a, &b, &c), MAPI_E_SUCCESS);
	assert_int_equal(c, 0);
	b.local_id[0] = 1;	/* most significant byte */
	a.local_id[5] = 0xFF;
	assert_int_equal(mapistore_id_xid_compare_local(&a, &b, &c), MAPI_E_SUCCESS);
	assert_int_equal(c, -1);
	assert_int_equal(mapistore_id_xid_compare_local(&b, &a, &c), MAPI_E_SUCCESS);
	assert_int_equal(c, 1);
	b.local_id_size = 5;
	assert_int_equal(mapistore_id_xid_compare_local(&a, &b, &c), MAPI_E_INVALID_PARAMETER);
	b = a;
	b.guid = guid_of(2);
	assert_int_equal(mapistore_id_xid_compare_local(&a, &b, &c), MAPI_E_INVALID_PARAMETER);
	a.local_id_size = b.local_id_size = 0;
	b.guid = a.guid;
	assert_int_equal(mapistore_id_xid_compare_local(&a, &b, &c), MAPI_E_INVALID_PARAMETER);
	assert_false(mapistore_id_xid_equal(&a, &(struct mapistore_id_xid){.guid = guid_of(3)}));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_make_layout),
		cmocka_unit_test(test_make_extremes),
		cmocka_unit_test(test_make_refuses),
		cmocka_unit_test(test_globcnt_bytes),
		cmocka_unit_test(test_globcnt_order_bytewise),
		cmocka_unit_test(test_id_round_trip_many),
		cmocka_unit_test(test_gid_wire),
		cmocka_unit_test(test_long_term_wire),
		cmocka_unit_test(test_repl_table_basics),
		cmocka_unit_test(test_repl_table_new_refuses),
		cmocka_unit_test(test_repl_table_full),
		cmocka_unit_test(test_id_gid_conversions),
		cmocka_unit_test(test_counter_basics),
		cmocka_unit_test(test_counter_init_refuses),
		cmocka_unit_test(test_counter_exhaustion),
		cmocka_unit_test(test_counter_range_to_the_end),
		cmocka_unit_test(test_xid_sizes),
		cmocka_unit_test(test_xid_bad_sizes),
		cmocka_unit_test(test_xid_gid),
		cmocka_unit_test(test_change_key),
		cmocka_unit_test(test_xid_compare_local),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
