/*
 * Unit tests: mapistore_sort and mapistore_value (MS-OXCDATA 2.13, MS-OXCTABL 3.2.5.3): every
 * sortable type ascending and descending, absent values last, ties broken by row id then
 * instance (a total, load-order independent order), multi-key sets, value sizes, validation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include <cmocka.h>

#include "mapistore_sort.h"
#include "mapistore_value.h"
#include "table_test.h"

static struct mapi_sortorder_set *sort_set(TALLOC_CTX *ctx, uint16_t n, const uint32_t *tags,
					   const uint8_t *orders)
{
	struct mapi_sortorder_set *s = talloc_zero(ctx, struct mapi_sortorder_set);

	s->count = n;
	s->sorts = talloc_array(s, struct mapi_sortorder, n + 1);
	for (uint16_t i = 0; i < n; i++) {
		s->sorts[i].prop_tag = tags[i];
		s->sorts[i].order = orders[i];
	}
	return s;
}

/* Sorts rows (given in a scrambled order) and checks the ids come out as want. */
static void check_order(TALLOC_CTX *ctx, const struct mapi_sortorder_set *set,
			struct mapistore_row **rows, uint32_t n, const uint64_t *want)
{
	struct mapistore_sort_entry *e = talloc_array(ctx, struct mapistore_sort_entry, n);

	for (uint32_t i = 0; i < n; i++) {
		/* Reverse the input so no case passes by leaving rows where they were. */
		e[i].row = rows[n - 1 - i];
		e[i].instance = 0;
	}
	assert_int_equal(mapistore_sort_entries(ctx, set, e, n), 0);
	for (uint32_t i = 0; i < n; i++) {
		if (e[i].row->id != want[i])
			fail_msg("position %u: id %llu, want %llu", i,
				 (unsigned long long)e[i].row->id, (unsigned long long)want[i]);
	}
	for (uint32_t i = 1; i < n; i++)
		assert_true(mapistore_sort_compare(set, &e[i - 1], &e[i]) < 0);
}

/* Rows 1..4 hold increasing values of one type; row 5 lacks it. */
static void check_type(TALLOC_CTX *ctx, uint32_t tag, struct mapi_propval v1,
		       struct mapi_propval v2, struct mapi_propval v3, struct mapi_propval v4)
{
	struct mapistore_row *rows[5] = {
		row_new(ctx, 3, 1, v3), row_new(ctx, 1, 1, v1), row_new(ctx, 5, 1,
		pv_i32(T_OTHER, 0)), row_new(ctx, 4, 1, v4), row_new(ctx, 2, 1, v2),
	};
	static const uint64_t asc[] = { 1, 2, 3, 4, 5 }, desc[] = { 4, 3, 2, 1, 5 };
	uint8_t order = MAPI_SORT_ASCENDING;

	check_order(ctx, sort_set(ctx, 1, &tag, &order), rows, 5, asc);
	order = MAPI_SORT_DESCENDING;
	check_order(ctx, sort_set(ctx, 1, &tag, &order), rows, 5, desc);
	assert_true(mapistore_value_is_comparable(mapi_prop_type(tag)));
	assert_int_equal(mapistore_sort_validate(sort_set(ctx, 1, &tag, &order)), 0);
}

static void test_every_type(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	static const int32_t n1[] = { 1, 2 }, n2[] = { 1, 3 }, n3[] = { 2 }, n4[] = { 2, 0 };
	static const char *const s1[] = { "a" }, *const s2[] = { "a", "B" }, *const s3[] = { "b" },
			  *const s4[] = { "C", "a" };

	(void)state;
	check_type(ctx, T_SHORT, pv_i16(T_SHORT, -32768), pv_i16(T_SHORT, -1), pv_i16(T_SHORT, 0),
		   pv_i16(T_SHORT, 32767));
	check_type(ctx, T_SIZE, pv_i32(T_SIZE, INT32_MIN), pv_i32(T_SIZE, -7), pv_i32(T_SIZE, 7),
		   pv_i32(T_SIZE, INT32_MAX));
	check_type(ctx, T_I8, pv_i64(T_I8, INT64_MIN), pv_i64(T_I8, -1), pv_i64(T_I8, 1),
		   pv_i64(T_I8, INT64_MAX));
	check_type(ctx, T_CURRENCY, pv_i64(T_CURRENCY, -500), pv_i64(T_CURRENCY, 0),
		   pv_i64(T_CURRENCY, 10000), pv_i64(T_CURRENCY, 10001));
	check_type(ctx, T_FLOAT, pv_f32(T_FLOAT, -INFINITY), pv_f32(T_FLOAT, -0.5f),
		   pv_f32(T_FLOAT, 1e30f), pv_f32(T_FLOAT, NAN));
	check_type(ctx, T_DOUBLE, pv_f64(T_DOUBLE, -1e300), pv_f64(T_DOUBLE, 0.0),
		   pv_f64(T_DOUBLE, INFINITY), pv_f64(T_DOUBLE, NAN));
	check_type(ctx, T_APPTIME, pv_f64(T_APPTIME, 1.0), pv_f64(T_APPTIME, 1.25),
		   pv_f64(T_APPTIME, 40000.0), pv_f64(T_APPTIME, 40000.5));
	check_type(ctx, T_DELIVERY, pv_time(T_DELIVERY, 0), pv_time(T_DELIVERY, 1),
		   pv_time(T_DELIVERY, UINT64_C(0x8000000000000000)),
		   pv_time(T_DELIVERY, UINT64_MAX));
	check_type(ctx, T_ERRVAL, pv_err(T_ERRVAL, 0), pv_err(T_ERRVAL, 0x4B9),
		   pv_err(T_ERRVAL, 0x80040102), pv_err(T_ERRVAL, 0x8004010F));
	check_type(ctx, T_SUBJECT, pv_str(ctx, T_SUBJECT, ""), pv_str(ctx, T_SUBJECT, "apple"),
		   pv_str(ctx, T_SUBJECT, "Banana"), pv_str(ctx, T_SUBJECT, "cherry"));
	check_type(ctx, T_SUBJECT8, pv_str(ctx, T_SUBJECT8, "A"), pv_str(ctx, T_SUBJECT8, "ab"),
		   pv_str(ctx, T_SUBJECT8, "AC"), pv_str(ctx, T_SUBJECT8, "b"));
	check_type(ctx, T_GUID, pv_guid(T_GUID, 0, 0), pv_guid(T_GUID, 0, 1),
		   pv_guid(T_GUID, 1, 0), pv_guid(T_GUID, 0xFFFFFFFF, 0));
	check_type(ctx, T_BLOB, pv_bin(ctx, T_BLOB, NULL, 0), pv_bin(ctx, T_BLOB, "\x00", 1),
		   pv_bin(ctx, T_BLOB, "\x00\x00", 2), pv_bin(ctx, T_BLOB, "\xff", 1));
	check_type(ctx, T_SVREID, pv_bin(ctx, T_SVREID, "\x01", 1),
		   pv_bin(ctx, T_SVREID, "\x01\x00", 2), pv_bin(ctx, T_SVREID, "\x02", 1),
		   pv_bin(ctx, T_SVREID, "\x80", 1));
	check_type(ctx, T_NUMBERS, pv_mv_i32(ctx, T_NUMBERS, 2, n1),
		   pv_mv_i32(ctx, T_NUMBERS, 2, n2), pv_mv_i32(ctx, T_NUMBERS, 1, n3),
		   pv_mv_i32(ctx, T_NUMBERS, 2, n4));
	check_type(ctx, T_KEYWORDS, pv_mv_str(ctx, T_KEYWORDS, 1, s1),
		   pv_mv_str(ctx, T_KEYWORDS, 2, s2), pv_mv_str(ctx, T_KEYWORDS, 1, s3),
		   pv_mv_str(ctx, T_KEYWORDS, 2, s4));
	talloc_free(ctx);
}

static void test_booleans(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *rows[4] = {
		row_new(ctx, 1, 1, pv_bool(T_READ, 1)), row_new(ctx, 2, 1, pv_bool(T_READ, 0)),
		row_new(ctx, 3, 0), row_new(ctx, 4, 1, pv_bool(T_READ, 0)),
	};
	static const uint64_t asc[] = { 2, 4, 1, 3 }, desc[] = { 1, 2, 4, 3 };
	uint32_t tag = T_READ;
	uint8_t order = MAPI_SORT_ASCENDING;

	(void)state;
	check_order(ctx, sort_set(ctx, 1, &tag, &order), rows, 4, asc);
	order = MAPI_SORT_DESCENDING;
	check_order(ctx, sort_set(ctx, 1, &tag, &order), rows, 4, desc);
	talloc_free(ctx);
}

static void test_ties_by_id(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *rows[6];
	static const uint64_t want_asc[] = { 2, 9, 30, 1, 5, 7 };
	static const uint64_t want_desc[] = { 1, 5, 7, 2, 9, 30 };
	uint32_t tag = T_SUBJECT;
	uint8_t order = MAPI_SORT_ASCENDING;

	(void)state;
	rows[0] = row_new(ctx, 7, 1, pv_str(ctx, T_SUBJECT, "b"));
	rows[1] = row_new(ctx, 30, 1, pv_str(ctx, T_SUBJECT, "a"));
	rows[2] = row_new(ctx, 1, 1, pv_str(ctx, T_SUBJECT, "B"));	/* equal to "b" */
	rows[3] = row_new(ctx, 9, 1, pv_str(ctx, T_SUBJECT, "A"));
	rows[4] = row_new(ctx, 5, 1, pv_str(ctx, T_SUBJECT, "b"));
	rows[5] = row_new(ctx, 2, 1, pv_str(ctx, T_SUBJECT, "a"));
	check_order(ctx, sort_set(ctx, 1, &tag, &order), rows, 6, want_asc);
	order = MAPI_SORT_DESCENDING;
	/* Descending reverses the key, not the tie-break: ids stay ascending within a key. */
	check_order(ctx, sort_set(ctx, 1, &tag, &order), rows, 6, want_desc);
	talloc_free(ctx);
}

static void test_no_sort_is_by_id(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row *rows[4] = {
		row_new(ctx, 40, 0), row_new(ctx, 10, 0), row_new(ctx, 30, 0), row_new(ctx, 20, 0),
	};
	static const uint64_t want[] = { 10, 20, 30, 40 };
	struct mapi_sortorder_set empty = { 0 };

	(void)state;
	check_order(ctx, NULL, rows, 4, want);
	check_order(ctx, &empty, rows, 4, want);
	assert_int_equal(mapistore_sort_validate(NULL), 0);
	assert_int_equal(mapistore_sort_validate(&empty), 0);
	talloc_free(ctx);
}

static void test_multi_key(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	const uint32_t tags[] = { T_READ, T_DELIVERY, T_SUBJECT };
	const uint8_t orders[] = { MAPI_SORT_ASCENDING, MAPI_SORT_DESCENDING, MAPI_SORT_ASCENDING };
	struct mapistore_row *rows[7] = {
		row_new(ctx, 1, 3, pv_bool(T_READ, 1), pv_time(T_DELIVERY, 10),
			pv_str(ctx, T_SUBJECT, "x")),
		row_new(ctx, 2, 3, pv_bool(T_READ, 0), pv_time(T_DELIVERY, 10),
			pv_str(ctx, T_SUBJECT, "y")),
		row_new(ctx, 3, 3, pv_bool(T_READ, 0), pv_time(T_DELIVERY, 20),
			pv_str(ctx, T_SUBJECT, "z")),
		row_new(ctx, 4, 3, pv_bool(T_READ, 0), pv_time(T_DELIVERY, 10),
			pv_str(ctx, T_SUBJECT, "a")),
		row_new(ctx, 5, 2, pv_bool(T_READ, 0), pv_str(ctx, T_SUBJECT, "a")),
		row_new(ctx, 6, 2, pv_bool(T_READ, 1), pv_time(T_DELIVERY, 30)),
		row_new(ctx, 7, 1, pv_time(T_DELIVERY, 99)),
	};
	static const uint64_t want[] = { 3, 4, 2, 5, 6, 1, 7 };

	(void)state;
	check_order(ctx, sort_set(ctx, 3, tags, orders), rows, 7, want);
	talloc_free(ctx);
}

/* A large shuffled set: the merge sort agrees with qsort on (key, id). */
struct pair {
	int32_t key;
	uint64_t id;
};

static int pair_cmp(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;	/* descending */
	return x->id < y->id ? -1 : x->id > y->id;
}

static void test_large_against_qsort(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	const uint32_t n = 5000;
	struct pair *p = talloc_array(ctx, struct pair, n);
	struct mapistore_sort_entry *e = talloc_array(ctx, struct mapistore_sort_entry, n);
	uint32_t tag = T_SIZE, seed = 12345;
	uint8_t order = MAPI_SORT_DESCENDING;

	(void)state;
	for (uint32_t i = 0; i < n; i++) {
		seed = seed * 1103515245 + 12345;
		p[i].key = (int32_t)((seed >> 16) % 100);
		p[i].id = (uint64_t)(n - i) * 7;
		e[i].row = row_new(ctx, p[i].id, 1, pv_i32(T_SIZE, p[i].key));
		e[i].instance = 0;
	}
	qsort(p, n, sizeof(*p), pair_cmp);
	assert_int_equal(mapistore_sort_entries(ctx, sort_set(ctx, 1, &tag, &order), e, n), 0);
	for (uint32_t i = 0; i < n; i++)
		assert_int_equal(e[i].row->id, p[i].id);
	/* Sizes 0, 1, 2, 3 do not break the merge. */
	for (uint32_t k = 0; k < 4; k++)
		assert_int_equal(mapistore_sort_entries(ctx, NULL, e, k), 0);
	talloc_free(ctx);
}

static void test_instances_compare(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	static const int32_t nums[] = { 30, 10, 20 };
	struct mapistore_row *r = row_new(ctx, 1, 1, pv_mv_i32(ctx, T_NUMBERS, 3, nums));
	struct mapistore_row *r2 = row_new(ctx, 2, 1, pv_mv_i32(ctx, T_NUMBERS, 1, nums + 1));
	struct mapistore_sort_entry e[4] = { { r, 1 }, { r, 2 }, { r, 3 }, { r2, 1 } };
	uint32_t tag = T_MVI_NUMBERS;
	uint8_t order = MAPI_SORT_ASCENDING;
	struct mapi_sortorder_set *set = sort_set(ctx, 1, &tag, &order);

	(void)state;
	assert_int_equal(mapistore_sort_validate(set), 0);
	assert_int_equal(mapistore_sort_entries(ctx, set, e, 4), 0);
	/* 10 (row 1 inst 2), 10 (row 2 inst 1), 20 (inst 3), 30 (inst 1). */
	assert_ptr_equal(e[0].row, r);
	assert_int_equal(e[0].instance, 2);
	assert_ptr_equal(e[1].row, r2);
	assert_int_equal(e[2].instance, 3);
	assert_int_equal(e[3].instance, 1);
	/* The same entry compares equal to itself. */
	assert_int_equal(mapistore_sort_compare(set, &e[0], &e[0]), 0);
	talloc_free(ctx);
}

static void test_validate(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint32_t tag = T_SUBJECT, tags2[2] = { T_MVI_NUMBERS, T_MVI_KEYWORDS };
	uint8_t order = MAPI_SORT_ASCENDING, orders2[2] = { 0, 0 };
	struct mapi_sortorder_set *set = sort_set(ctx, 1, &tag, &order);

	(void)state;
	assert_int_equal(mapistore_sort_validate(set), 0);
	set->categorized_count = 1;
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_NO_SUPPORT);
	set->categorized_count = 0;
	set->sorts[0].order = MAPI_SORT_MAXIMUM_CATEGORY;
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_NO_SUPPORT);
	set->sorts[0].order = 2;
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_INVALID_PARAMETER);
	set->sorts[0].order = 0;
	set->sorts[0].prop_tag = MAPI_PROP_TAG(1, PT_OBJECT);
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_TOO_COMPLEX);
	set->sorts[0].prop_tag = MAPI_PROP_TAG(1, PT_SRESTRICT);
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_TOO_COMPLEX);
	set->sorts[0].prop_tag = MAPI_PROP_TAG(1, 0x0099);
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_TOO_COMPLEX);
	set->sorts[0].prop_tag = MAPI_PROP_TAG(1, PT_LONG | MAPI_PROPTYPE_MV_INSTANCE);
	assert_int_equal(mapistore_sort_validate(set), MAPI_E_INVALID_PARAMETER);
	/* Two different instance properties: refused. */
	assert_int_equal(mapistore_sort_validate(sort_set(ctx, 2, tags2, orders2)),
			 MAPI_E_TOO_COMPLEX);
	tags2[1] = T_MVI_NUMBERS;
	assert_int_equal(mapistore_sort_validate(sort_set(ctx, 2, tags2, orders2)), 0);
	talloc_free(ctx);
}

static void test_value_compare_edges(void **state)
{
	union mapi_propval_data a, b;

	(void)state;
	a.f64 = -0.0;
	b.f64 = 0.0;
	assert_int_equal(mapistore_value_compare(PT_DOUBLE, &a, &b, 0), 0);
	a.f64 = NAN;
	b.f64 = NAN;
	assert_int_equal(mapistore_value_compare(PT_DOUBLE, &a, &b, 0), 0);
	b.f64 = INFINITY;
	assert_true(mapistore_value_compare(PT_DOUBLE, &a, &b, 0) > 0);
	a.str = NULL;
	b.str = (char *)"";
	assert_true(mapistore_value_compare(PT_UNICODE, &a, &b, 0) < 0);
	assert_int_equal(mapistore_value_compare(PT_UNICODE, &a, &a, 0), 0);
	a.b = 1;
	b.b = 1;
	assert_int_equal(mapistore_value_compare(PT_BOOLEAN, &a, &b, 0), 0);
	/* Types without an order compare equal and say so. */
	assert_int_equal(mapistore_value_compare(PT_OBJECT, &a, &b, 0), 0);
	assert_false(mapistore_value_is_comparable(PT_OBJECT));
	assert_false(mapistore_value_is_comparable(PT_NULL));
	assert_false(mapistore_value_is_comparable(PT_ACTIONS));
	assert_true(mapistore_value_is_comparable(PT_MV_BINARY));
	/* Sizes. */
	a.str = (char *)"abc";
	assert_int_equal(mapistore_value_size(PT_UNICODE, &a), 4);
	a.str = NULL;
	assert_int_equal(mapistore_value_size(PT_STRING8, &a), 0);
	assert_int_equal(mapistore_value_size(PT_SHORT, &a), 2);
	assert_int_equal(mapistore_value_size(PT_BOOLEAN, &a), 1);
	assert_int_equal(mapistore_value_size(PT_SYSTIME, &a), 8);
	assert_int_equal(mapistore_value_size(PT_LONG, &a), 4);
	assert_int_equal(mapistore_value_size(PT_OBJECT, &a), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type),
		cmocka_unit_test(test_booleans),
		cmocka_unit_test(test_ties_by_id),
		cmocka_unit_test(test_no_sort_is_by_id),
		cmocka_unit_test(test_multi_key),
		cmocka_unit_test(test_large_against_qsort),
		cmocka_unit_test(test_instances_compare),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_value_compare_edges),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
