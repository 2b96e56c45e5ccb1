/*
 * Unit tests: mapi_sortorder (MS-OXCDATA 2.13). The SortOrders of MS-OXCTABL 4.3.1 and 4.5.1.1
 * as golden vectors, the range rules of CategorizedCount and ExpandedCount, Order values,
 * truncations and count bombs.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_sortorder.h"

#define FORMAT ecRpcFormat

static uint32_t pull_set(TALLOC_CTX *mem_ctx, const uint8_t *b, size_t len,
			 struct mapi_sortorder_set *set, size_t *used)
{
	struct mapi_propval_reader r;
	uint32_t ret;

	mapi_propval_reader_init(&r, b, len, MAPI_PROPVAL_ROP, NULL);
	ret = mapi_sortorder_pull_set(mem_ctx, &r, set);
	if (used != NULL) {
		*used = r.off;
	}
	return ret;
}

static void check_set(TALLOC_CTX *mem_ctx, const uint8_t *b, size_t len,
		      struct mapi_sortorder_set *set)
{
	struct mapi_propval_writer w;
	struct mapi_sortorder_set tmp;
	size_t used;

	assert_int_equal(pull_set(mem_ctx, b, len, set, &used), 0);
	assert_int_equal(used, len);
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_sortorder_push_set(&w, set), 0);
	assert_int_equal(w.len, len);
	assert_memory_equal(w.data, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = talloc_memdup(mem_ctx, b, cut + 1);

		assert_int_equal(pull_set(mem_ctx, copy, cut, &tmp, NULL), FORMAT);
	}
}

/* MS-OXCTABL 4.3.1: one SortOrder, PidTagMessageDeliveryTime descending. */
static void test_oxctabl_sort_by_time(void **state)
{
	static const uint8_t b[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x40, 0x00, 0x06, 0x0E,
				     0x01 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_sortorder_set set;

	(void)state;
	check_set(mem_ctx, b, sizeof(b), &set);
	assert_int_equal(set.count, 1);
	assert_int_equal(set.categorized_count, 0);
	assert_int_equal(set.expanded_count, 0);
	assert_int_equal(set.sorts[0].prop_tag, 0x0E060040);
	assert_int_equal(set.sorts[0].order, MAPI_SORT_DESCENDING);
	talloc_free(mem_ctx);
}

/* MS-OXCTABL 4.5.1.1: a category on an MV-instance column, then time descending. */
static void test_oxctabl_sort_by_category(void **state)
{
	static const uint8_t b[] = { 0x02, 0x00, 0x01, 0x00, 0x01, 0x00, 0x1F, 0x30, 0x08, 0x80,
				     0x00, 0x40, 0x00, 0x06, 0x0E, 0x01 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_sortorder_set set;

	(void)state;
	check_set(mem_ctx, b, sizeof(b), &set);
	assert_int_equal(set.count, 2);
	assert_int_equal(set.categorized_count, 1);
	assert_int_equal(set.expanded_count, 1);
	assert_int_equal(set.sorts[0].prop_tag, 0x8008301F);
	assert_int_equal(set.sorts[0].order, MAPI_SORT_ASCENDING);
	assert_int_equal(set.sorts[1].prop_tag, 0x0E060040);
	assert_int_equal(set.sorts[1].order, MAPI_SORT_DESCENDING);
	talloc_free(mem_ctx);
}

static void test_maximum_category_and_empty(void **state)
{
	static const uint8_t maxcat[] = { 0x02, 0x00, 0x01, 0x00, 0x00, 0x00,
					  0x1F, 0x00, 0x37, 0x00, 0x00,
					  0x40, 0x00, 0x06, 0x0E, 0x04 };
	static const uint8_t empty[] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_sortorder_set set;

	(void)state;
	check_set(mem_ctx, maxcat, sizeof(maxcat), &set);
	assert_int_equal(set.sorts[1].order, MAPI_SORT_MAXIMUM_CATEGORY);
	check_set(mem_ctx, empty, sizeof(empty), &set);
	assert_int_equal(set.count, 0);
	assert_null(set.sorts);
	talloc_free(mem_ctx);
}

static void test_refusals(void **state)
{
	static const uint8_t cat_over[] = { 0x01, 0x00, 0x02, 0x00, 0x00, 0x00,
					    0x40, 0x00, 0x06, 0x0E, 0x01 };
	static const uint8_t exp_over[] = { 0x01, 0x00, 0x00, 0x00, 0x01, 0x00,
					    0x40, 0x00, 0x06, 0x0E, 0x01 };
	static const uint8_t order2[] = { 0x01, 0x00, 0x00, 0x00, 0x00, 0x00,
					  0x40, 0x00, 0x06, 0x0E, 0x02 };
	static const uint8_t bomb[] = { 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00,
					0x40, 0x00, 0x06, 0x0E };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_sortorder_set set;
	struct mapi_propval_writer w;
	struct mapi_sortorder so = { 0x0E060040, 0x03 };

	(void)state;
	assert_int_equal(pull_set(mem_ctx, cat_over, sizeof(cat_over), &set, NULL), FORMAT);
	assert_int_equal(pull_set(mem_ctx, exp_over, sizeof(exp_over), &set, NULL), FORMAT);
	assert_int_equal(pull_set(mem_ctx, order2, sizeof(order2), &set, NULL), FORMAT);
	assert_int_equal(pull_set(mem_ctx, bomb, sizeof(bomb), &set, NULL), FORMAT);
	assert_true(talloc_total_size(mem_ctx) < 1024);
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_sortorder_push(&w, &so), MAPI_E_INVALID_PARAMETER);
	set = (struct mapi_sortorder_set){ .count = 1, .categorized_count = 2, .sorts = &so };
	assert_int_equal(mapi_sortorder_push_set(&w, &set), MAPI_E_INVALID_PARAMETER);
	set = (struct mapi_sortorder_set){ .count = 1 };
	assert_int_equal(mapi_sortorder_push_set(&w, &set), MAPI_E_INVALID_PARAMETER);
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxctabl_sort_by_time),
		cmocka_unit_test(test_oxctabl_sort_by_category),
		cmocka_unit_test(test_maximum_category_and_empty),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests_name("mapi_sortorder", tests, NULL, NULL);
}
