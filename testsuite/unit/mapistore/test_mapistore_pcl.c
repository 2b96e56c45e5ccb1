/*
 * Unit tests: mapistore_pcl (MS-OXCFXICS 2.2.2.3 PredecessorChangeList, 3.1.5.6 conflict handling).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapistore_pcl.h"
#include "mapi_status.h"

/* A GUID whose first wire byte is `first` (so wire order follows `first`), rest `fill`. */
static struct GUID guid_of(uint8_t first, uint8_t fill)
{
	uint8_t wire[MAPI_GUID_WIRE_SIZE];
	struct GUID g;

	memset(wire, fill, sizeof(wire));
	wire[0] = first;
	mapi_guid_from_wire(wire, &g);
	return g;
}

/* An XID of namespace `ns` with a LocalId of `size` bytes holding `value` big-endian. */
static struct mapistore_id_xid xid_of(uint8_t ns, uint8_t size, uint64_t value)
{
	struct mapistore_id_xid x = {.guid = guid_of(ns, 0x77), .local_id_size = size};

	for (int i = size - 1; i >= 0; i--) {
		x.local_id[i] = (uint8_t)value;
		value >>= 8;
	}
	return x;
}

/* A PCL from (namespace, value) pairs with 6-byte LocalIds; pairs end at namespace 0. */
static struct mapistore_pcl *pcl_of(TALLOC_CTX *ctx, const uint64_t *pairs)
{
	struct mapistore_pcl *p = mapistore_pcl_new(ctx);

	assert_non_null(p);
	for (; pairs[0] != 0; pairs += 2) {
		struct mapistore_id_xid x = xid_of((uint8_t)pairs[0], 6, pairs[1]);

		assert_int_equal(mapistore_pcl_add(p, &x), MAPI_E_SUCCESS);
	}
	return p;
}

static size_t put_sized(uint8_t *buf, const struct mapistore_id_xid *x)
{
	return mapistore_id_sized_xid_to_wire(x, buf);
}

static void test_empty(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *p, *q;
	enum mapistore_pcl_order o;
	uint8_t *buf;
	size_t len = 9;
	bool inc;

	assert_int_equal(mapistore_pcl_parse(ctx, NULL, 0, &p), MAPI_E_SUCCESS);
	assert_int_equal(p->count, 0);
	assert_int_equal(mapistore_pcl_serialize(ctx, p, &buf, &len), MAPI_E_SUCCESS);
	assert_null(buf);
	assert_int_equal(len, 0);
	q = pcl_of(ctx, (const uint64_t[]){1, 5, 0});
	assert_int_equal(mapistore_pcl_includes(q, p, &inc), MAPI_E_SUCCESS);
	assert_true(inc);
	assert_int_equal(mapistore_pcl_includes(p, q, &inc), MAPI_E_SUCCESS);
	assert_false(inc);
	assert_int_equal(mapistore_pcl_compare(p, p, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_EQUAL);
	assert_int_equal(mapistore_pcl_compare(q, p, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	assert_int_equal(mapistore_pcl_parse(ctx, NULL, 1, &p), ecRpcFormat);
	talloc_free(ctx);
}

static void test_one_guid_round_trip(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_id_xid x = xid_of(0x10, 6, 0x0000000000AB);
	uint8_t w[32], *buf;
	size_t n = put_sized(w, &x), len;
	struct mapistore_pcl *p;

	assert_int_equal(n, 23);
	assert_int_equal(w[0], 22);
	assert_int_equal(mapistore_pcl_parse(ctx, w, n, &p), MAPI_E_SUCCESS);
	assert_int_equal(p->count, 1);
	assert_true(mapistore_id_xid_equal(&p->xids[0], &x));
	assert_non_null(mapistore_pcl_find(p, &x.guid));
	assert_int_equal(mapistore_pcl_serialize(ctx, p, &buf, &len), MAPI_E_SUCCESS);
	assert_int_equal(len, n);
	assert_memory_equal(buf, w, n);
	talloc_free(ctx);
}

/* Every LocalId size 1..8 in one PCL (one size per namespace). */
static void test_all_local_id_sizes(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint8_t w[8 * 25], *buf;
	size_t off = 0, len;
	struct mapistore_pcl *p;

	for (uint8_t s = 1; s <= 8; s++) {
		struct mapistore_id_xid x = xid_of(s, s, UINT64_C(0x0102030405060708));

		off += put_sized(w + off, &x);
	}
	assert_int_equal(off, 8 * 17 + 36);
	assert_int_equal(mapistore_pcl_parse(ctx, w, off, &p), MAPI_E_SUCCESS);
	assert_int_equal(p->count, 8);
	for (uint8_t s = 1; s <= 8; s++) {
		assert_int_equal(p->xids[s - 1].local_id_size, s);
		assert_int_equal(p->xids[s - 1].local_id[s - 1], 8);
	}
	assert_int_equal(mapistore_pcl_serialize(ctx, p, &buf, &len), MAPI_E_SUCCESS);
	assert_int_equal(len, off);
	assert_memory_equal(buf, w, off);
	talloc_free(ctx);
}

/* MS-OXCFXICS 2.2.2.3: any input order is read; output is sorted by GUID wire bytes. */
static void test_sorting(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_id_xid a = xid_of(0x01, 6, 1), b = xid_of(0x80, 6, 2), c = xid_of(0xFF, 6, 3);
	uint8_t in[3 * 23], want[3 * 23], *buf;
	size_t off = 0, len;
	struct mapistore_pcl *p;

	off += put_sized(in + off, &c);
	off += put_sized(in + off, &a);
	off += put_sized(in + off, &b);
	put_sized(want, &a);
	put_sized(want + 23, &b);
	put_sized(want + 46, &c);
	assert_int_equal(mapistore_pcl_parse(ctx, in, off, &p), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_pcl_serialize(ctx, p, &buf, &len), MAPI_E_SUCCESS);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(buf, want, len);
	talloc_free(ctx);
}

/* The sort key is the 16 wire bytes, not struct GUID's field order: Data1 is little-endian. */
static void test_sort_by_wire_bytes(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *p = mapistore_pcl_new(ctx);
	struct mapistore_id_xid lo = xid_of(0x00, 6, 1), hi = xid_of(0x00, 6, 1);
	uint8_t wlo[16] = {0x02, 0x00, 0x00, 0x01}, whi[16] = {0x01, 0x00, 0x00, 0x02};

	/* as numbers Data1(lo) = 0x01000002 > Data1(hi) = 0x02000001 is false... wire decides */
	mapi_guid_from_wire(whi, &hi.guid);
	mapi_guid_from_wire(wlo, &lo.guid);
	assert_int_equal(mapistore_pcl_add(p, &lo), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_pcl_add(p, &hi), MAPI_E_SUCCESS);
	assert_int_equal(p->count, 2);
	assert_true(mapi_guid_equal(&p->xids[0].guid, &hi.guid));	/* 0x01... < 0x02... */
	talloc_free(ctx);
}

static void test_duplicate_guid_refused(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_id_xid a = xid_of(0x20, 6, 1), a2 = xid_of(0x20, 6, 9), b = xid_of(0x30, 6, 1);
	struct mapistore_id_xid a4 = xid_of(0x20, 4, 9);
	struct mapistore_pcl *p = NULL;
	uint8_t w[4 * 25];
	size_t off;

	off = put_sized(w, &a);
	off += put_sized(w + off, &a);
	assert_int_equal(mapistore_pcl_parse(ctx, w, off, &p), MAPI_E_INVALID_PARAMETER);
	off = put_sized(w, &a);
	off += put_sized(w + off, &b);
	off += put_sized(w + off, &a2);
	assert_int_equal(mapistore_pcl_parse(ctx, w, off, &p), MAPI_E_INVALID_PARAMETER);
	off = put_sized(w, &a);
	off += put_sized(w + off, &a4);	/* same namespace, other size: still a duplicate */
	assert_int_equal(mapistore_pcl_parse(ctx, w, off, &p), MAPI_E_INVALID_PARAMETER);
	assert_null(p);
	assert_int_equal(talloc_total_blocks(ctx), 1);	/* nothing left behind on error */
	talloc_free(ctx);
}

static void test_malformed_sizes(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_id_xid a = xid_of(0x20, 6, 1);
	struct mapistore_pcl *p;
	uint8_t w[64];
	size_t n = put_sized(w, &a);

	for (unsigned size = 0; size < 256; size++) {
		uint8_t buf[300] = {0};
		uint32_t want = (size >= 17 && size <= 24) ? MAPI_E_SUCCESS : ecRpcFormat;

		buf[0] = (uint8_t)size;
		buf[1] = 1;	/* a non-zero GUID byte */
		p = NULL;
		assert_int_equal(mapistore_pcl_parse(ctx, buf, 1 + size, &p), want);
		if (want == MAPI_E_SUCCESS) {
			assert_int_equal(p->count, 1);
			assert_int_equal(p->xids[0].local_id_size, size - 16);
			talloc_free(p);
		} else {
			assert_null(p);
		}
	}
	/* a valid entry followed by a bad size byte */
	w[n] = 16;
	memset(w + n + 1, 0, 16);
	assert_int_equal(mapistore_pcl_parse(ctx, w, n + 17, &p), ecRpcFormat);
	w[n] = 25;
	assert_int_equal(mapistore_pcl_parse(ctx, w, n + 1, &p), ecRpcFormat);
	assert_int_equal(talloc_total_blocks(ctx), 1);
	talloc_free(ctx);
}

/*
 * Every truncation of a valid 3-entry PCL is refused with ecRpcFormat, except the cuts that fall on
 * an entry boundary: those are themselves valid, shorter PCLs (the prefix), by construction of 2.2.2.3.
 */
static void test_every_truncation(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_id_xid x[3] = {xid_of(0x01, 1, 7), xid_of(0x02, 6, 0x123456), xid_of(0x03, 8, 99)};
	size_t bounds[4] = {0}, off = 0;
	struct mapistore_pcl *p;
	uint8_t w[80];
	int refused = 0;

	for (int i = 0; i < 3; i++) {
		off += put_sized(w + off, &x[i]);
		bounds[i + 1] = off;
	}
	for (size_t cut = 0; cut < off; cut++) {
		int entries = -1;

		for (int i = 0; i < 4; i++) {
			if (bounds[i] == cut) {
				entries = i;
			}
		}
		p = NULL;
		if (entries < 0) {
			assert_int_equal(mapistore_pcl_parse(ctx, w, cut, &p), ecRpcFormat);
			assert_null(p);
			refused++;
		} else {
			assert_int_equal(mapistore_pcl_parse(ctx, w, cut, &p), MAPI_E_SUCCESS);
			assert_int_equal(p->count, entries);
		}
	}
	assert_int_equal(refused, (int)off - 3);
	assert_int_equal(mapistore_pcl_parse(ctx, w, off, &p), MAPI_E_SUCCESS);
	assert_int_equal(p->count, 3);
	talloc_free(ctx);
}

static void test_many_guids(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *p = mapistore_pcl_new(ctx), *q;
	uint8_t *buf;
	size_t len;

	/* insert 200 namespaces in a scrambled order */
	for (unsigned i = 0; i < 200; i++) {
		uint8_t ns = (uint8_t)((i * 73 + 11) % 200 + 1);
		struct mapistore_id_xid x = xid_of(ns, 6, ns * 1000u);

		assert_int_equal(mapistore_pcl_add(p, &x), MAPI_E_SUCCESS);
	}
	assert_int_equal(p->count, 200);
	for (unsigned i = 1; i < p->count; i++) {
		assert_true(mapi_guid_compare_wire(&p->xids[i - 1].guid, &p->xids[i].guid) < 0);
	}
	assert_int_equal(mapistore_pcl_serialize(ctx, p, &buf, &len), MAPI_E_SUCCESS);
	assert_int_equal(len, 200 * 23);
	assert_int_equal(mapistore_pcl_parse(ctx, buf, len, &q), MAPI_E_SUCCESS);
	assert_true(mapistore_pcl_equal(p, q));
	talloc_free(ctx);
}

static void test_add_keeps_greater(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *p = pcl_of(ctx, (const uint64_t[]){5, 100, 0});
	struct mapistore_id_xid lower = xid_of(5, 6, 99), higher = xid_of(5, 6, 0x010000000000);
	struct mapistore_id_xid other_size = xid_of(5, 8, 1000), bad = xid_of(6, 0, 0), bad9 = xid_of(6, 6, 1);

	struct mapistore_id_xid orig = xid_of(5, 6, 100);

	assert_int_equal(mapistore_pcl_add(p, &lower), MAPI_E_SUCCESS);
	assert_true(mapistore_id_xid_equal(&p->xids[0], &orig));
	assert_int_equal(mapistore_pcl_add(p, &higher), MAPI_E_SUCCESS);
	assert_true(mapistore_id_xid_equal(&p->xids[0], &higher));
	assert_int_equal(mapistore_pcl_add(p, &other_size), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_pcl_add(p, &bad), MAPI_E_INVALID_PARAMETER);
	bad9.local_id_size = 9;
	assert_int_equal(mapistore_pcl_add(p, &bad9), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(p->count, 1);
	assert_true(mapistore_id_xid_equal(&p->xids[0], &higher));
	talloc_free(ctx);
}

static void test_merge_basic(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *a = pcl_of(ctx, (const uint64_t[]){1, 10, 2, 5, 0});
	struct mapistore_pcl *b = pcl_of(ctx, (const uint64_t[]){2, 7, 3, 1, 0});
	struct mapistore_pcl *want = pcl_of(ctx, (const uint64_t[]){1, 10, 2, 7, 3, 1, 0});
	struct mapistore_pcl *x;
	enum mapistore_pcl_order o;

	assert_int_equal(mapistore_pcl_merge(ctx, a, b, &x), MAPI_E_SUCCESS);
	assert_true(mapistore_pcl_equal(x, want));
	/* 3.1.5.6.2: the merge is a successor of both */
	assert_int_equal(mapistore_pcl_compare(x, a, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	assert_int_equal(mapistore_pcl_compare(x, b, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	/* inputs untouched */
	assert_true(mapistore_pcl_equal(a, pcl_of(ctx, (const uint64_t[]){1, 10, 2, 5, 0})));
	talloc_free(ctx);
}

static const uint64_t merge_samples[][9] = {
	{0},
	{1, 1, 0},
	{1, 9, 0},
	{1, 3, 2, 3, 0},
	{2, 8, 4, 1, 0},
	{3, 0xFFFFFFFFFFFF, 0},
	{1, 5, 2, 1, 3, 7, 4, 2, 0},
};
#define N_SAMPLES (sizeof(merge_samples) / sizeof(merge_samples[0]))

/* Merge is commutative, associative and idempotent over every pair/triple of samples. */
static void test_merge_laws(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *s[N_SAMPLES];

	for (size_t i = 0; i < N_SAMPLES; i++) {
		s[i] = pcl_of(ctx, merge_samples[i]);
	}
	for (size_t i = 0; i < N_SAMPLES; i++) {
		struct mapistore_pcl *ii;

		assert_int_equal(mapistore_pcl_merge(ctx, s[i], s[i], &ii), MAPI_E_SUCCESS);
		assert_true(mapistore_pcl_equal(ii, s[i]));
		for (size_t j = 0; j < N_SAMPLES; j++) {
			struct mapistore_pcl *ij, *ji, *iji;
			enum mapistore_pcl_order o;

			assert_int_equal(mapistore_pcl_merge(ctx, s[i], s[j], &ij), MAPI_E_SUCCESS);
			assert_int_equal(mapistore_pcl_merge(ctx, s[j], s[i], &ji), MAPI_E_SUCCESS);
			assert_true(mapistore_pcl_equal(ij, ji));
			assert_int_equal(mapistore_pcl_merge(ctx, ij, s[i], &iji), MAPI_E_SUCCESS);
			assert_true(mapistore_pcl_equal(iji, ij));
			assert_int_equal(mapistore_pcl_compare(ij, s[i], &o), MAPI_E_SUCCESS);
			assert_true(o == MAPISTORE_PCL_EQUAL || o == MAPISTORE_PCL_A_INCLUDES_B);
			for (size_t k = 0; k < N_SAMPLES; k++) {
				struct mapistore_pcl *l, *r, *jk;

				assert_int_equal(mapistore_pcl_merge(ctx, ij, s[k], &l), MAPI_E_SUCCESS);
				assert_int_equal(mapistore_pcl_merge(ctx, s[j], s[k], &jk), MAPI_E_SUCCESS);
				assert_int_equal(mapistore_pcl_merge(ctx, s[i], jk, &r), MAPI_E_SUCCESS);
				assert_true(mapistore_pcl_equal(l, r));
			}
		}
	}
	talloc_free(ctx);
}

static void test_merge_size_clash(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *a = pcl_of(ctx, (const uint64_t[]){1, 1, 0}), *b = mapistore_pcl_new(ctx), *x = NULL;
	struct mapistore_id_xid y = xid_of(1, 4, 1);
	size_t blocks;

	assert_int_equal(mapistore_pcl_add(b, &y), MAPI_E_SUCCESS);
	blocks = talloc_total_blocks(ctx);
	assert_int_equal(mapistore_pcl_merge(ctx, a, b, &x), MAPI_E_INVALID_PARAMETER);
	assert_null(x);
	assert_int_equal(talloc_total_blocks(ctx), blocks);
	talloc_free(ctx);
}

/* The four outcomes of 3.1.5.6.1, including the figure's A2/B2 conflict. */
static void test_compare_outcomes(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *base = pcl_of(ctx, (const uint64_t[]){0xA, 1, 0xB, 1, 0});
	struct mapistore_pcl *same = pcl_of(ctx, (const uint64_t[]){0xA, 1, 0xB, 1, 0});
	struct mapistore_pcl *server = pcl_of(ctx, (const uint64_t[]){0xA, 2, 0xB, 1, 0});
	struct mapistore_pcl *client = pcl_of(ctx, (const uint64_t[]){0xA, 1, 0xB, 2, 0});
	struct mapistore_pcl *extra = pcl_of(ctx, (const uint64_t[]){0xA, 1, 0xB, 1, 0xC, 1, 0});
	struct mapistore_pcl *disjoint = pcl_of(ctx, (const uint64_t[]){0xC, 1, 0});
	enum mapistore_pcl_order o;
	bool inc;

	assert_int_equal(mapistore_pcl_compare(base, same, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_EQUAL);
	assert_int_equal(mapistore_pcl_compare(server, base, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	assert_int_equal(mapistore_pcl_compare(base, server, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_B_INCLUDES_A);
	assert_int_equal(mapistore_pcl_compare(server, client, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_CONFLICT);
	assert_int_equal(mapistore_pcl_compare(client, server, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_CONFLICT);
	/* a namespace the other has never seen makes a PCL newer */
	assert_int_equal(mapistore_pcl_compare(extra, base, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	assert_int_equal(mapistore_pcl_compare(disjoint, base, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_CONFLICT);
	assert_int_equal(mapistore_pcl_compare(extra, server, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_CONFLICT);
	assert_int_equal(mapistore_pcl_includes(base, same, &inc), MAPI_E_SUCCESS);
	assert_true(inc);
	assert_int_equal(mapistore_pcl_includes(base, server, &inc), MAPI_E_SUCCESS);
	assert_false(inc);
	talloc_free(ctx);
}

/* Resolving a conflict by merging, then a local change (3.1.5.3), gives a successor of both. */
static void test_resolution_then_change(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *server = pcl_of(ctx, (const uint64_t[]){0xA, 2, 0xB, 1, 0});
	struct mapistore_pcl *client = pcl_of(ctx, (const uint64_t[]){0xA, 1, 0xB, 2, 0});
	struct mapistore_pcl *x;
	struct mapistore_id_xid next = xid_of(0xA, 6, 3);
	enum mapistore_pcl_order o;

	assert_int_equal(mapistore_pcl_merge(ctx, server, client, &x), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_pcl_add(x, &next), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_pcl_compare(x, server, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	assert_int_equal(mapistore_pcl_compare(x, client, &o), MAPI_E_SUCCESS);
	assert_int_equal(o, MAPISTORE_PCL_A_INCLUDES_B);
	assert_true(mapistore_id_xid_equal(mapistore_pcl_find(x, &next.guid), &next));
	talloc_free(ctx);
}

static void test_compare_size_clash(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *a = pcl_of(ctx, (const uint64_t[]){1, 1, 0}), *b = mapistore_pcl_new(ctx);
	struct mapistore_id_xid y = xid_of(1, 8, 1);
	enum mapistore_pcl_order o = MAPISTORE_PCL_EQUAL;
	bool inc;

	assert_int_equal(mapistore_pcl_add(b, &y), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_pcl_compare(a, b, &o), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_pcl_compare(b, a, &o), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_pcl_includes(a, b, &inc), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_serialize_refuses_broken(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_id_xid xs[2] = {xid_of(2, 6, 1), xid_of(1, 6, 1)};
	struct mapistore_pcl bad = {2, xs};
	uint8_t *buf = NULL;
	size_t len;

	assert_int_equal(mapistore_pcl_serialize(ctx, &bad, &buf, &len), MAPI_E_INVALID_PARAMETER);
	xs[1] = xs[0];	/* repeated GUID */
	assert_int_equal(mapistore_pcl_serialize(ctx, &bad, &buf, &len), MAPI_E_INVALID_PARAMETER);
	xs[1] = xid_of(3, 6, 1);
	xs[1].local_id_size = 0;
	assert_int_equal(mapistore_pcl_serialize(ctx, &bad, &buf, &len), MAPI_E_INVALID_PARAMETER);
	assert_null(buf);
	talloc_free(ctx);
}

static void test_equal(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *a = pcl_of(ctx, (const uint64_t[]){1, 1, 2, 2, 0});
	struct mapistore_pcl *b = pcl_of(ctx, (const uint64_t[]){2, 2, 1, 1, 0});
	struct mapistore_pcl *c = pcl_of(ctx, (const uint64_t[]){1, 1, 0});
	struct mapistore_pcl *d = pcl_of(ctx, (const uint64_t[]){1, 1, 2, 3, 0});
	struct mapistore_id_xid absent = xid_of(2, 6, 0);

	assert_true(mapistore_pcl_equal(a, b));
	assert_false(mapistore_pcl_equal(a, c));
	assert_false(mapistore_pcl_equal(a, d));
	assert_null(mapistore_pcl_find(c, &absent.guid));
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_one_guid_round_trip),
		cmocka_unit_test(test_all_local_id_sizes),
		cmocka_unit_test(test_sorting),
		cmocka_unit_test(test_sort_by_wire_bytes),
		cmocka_unit_test(test_duplicate_guid_refused),
		cmocka_unit_test(test_malformed_sizes),
		cmocka_unit_test(test_every_truncation),
		cmocka_unit_test(test_many_guids),
		cmocka_unit_test(test_add_keeps_greater),
		cmocka_unit_test(test_merge_basic),
		cmocka_unit_test(test_merge_laws),
		cmocka_unit_test(test_merge_size_clash),
		cmocka_unit_test(test_compare_outcomes),
		cmocka_unit_test(test_resolution_then_change),
		cmocka_unit_test(test_compare_size_clash),
		cmocka_unit_test(test_serialize_refuses_broken),
		cmocka_unit_test(test_equal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
