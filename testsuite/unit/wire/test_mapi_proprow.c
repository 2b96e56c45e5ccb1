/*
 * Unit tests: mapi_proprow (MS-OXCDATA 2.7, 2.8, 2.10). The RopGetPropertiesSpecific row of
 * MS-OXCPRPT 4.3.2 decoded to its documented fields; standard and flagged rows over every column
 * type, with typed (PtypUnspecified) columns; row sets; tag and problem arrays; truncations,
 * count bombs and column sets that cannot be rows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_proprow.h"
#include "mapi_restriction.h"

#define FORMAT ecRpcFormat
#define N(a) (sizeof(a) / sizeof((a)[0]))

static uint32_t pull_row(TALLOC_CTX *mem_ctx, const uint8_t *b, size_t len,
			 const struct mapi_proptag_array *cols, struct mapi_proprow *row,
			 size_t *used)
{
	struct mapi_propval_reader r;
	uint32_t ret;

	mapi_propval_reader_init(&r, b, len, MAPI_PROPVAL_ROP, NULL);
	ret = mapi_proprow_pull(mem_ctx, &r, cols, row);
	if (used != NULL) {
		*used = r.off;
	}
	return ret;
}

static size_t push_row(TALLOC_CTX *mem_ctx, const struct mapi_proptag_array *cols,
		       const struct mapi_proprow *row, uint8_t **out)
{
	struct mapi_propval_writer w;

	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_push(&w, cols, row), 0);
	*out = w.data;
	return w.len;
}

/* Decodes, re-encodes identically, refuses every prefix. */
static void check_row_bytes(const struct mapi_proptag_array *cols, const uint8_t *b, size_t len,
			    struct mapi_proprow *row_out, TALLOC_CTX *mem_ctx)
{
	struct mapi_proprow row, tmp;
	uint8_t *out;
	size_t used;

	assert_int_equal(pull_row(mem_ctx, b, len, cols, &row, &used), 0);
	assert_int_equal(used, len);
	assert_int_equal(push_row(mem_ctx, cols, &row, &out), len);
	assert_memory_equal(out, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = talloc_memdup(mem_ctx, b, cut + 1);

		assert_int_equal(pull_row(mem_ctx, copy, cut, cols, &tmp, NULL), FORMAT);
	}
	*row_out = row;
}

/* MS-OXCPRPT 4.3.1/4.3.2: three tags, a FlaggedPropertyRow with false, 98 and NotFound. */
static void test_oxcprpt_get_properties_specific(void **state)
{
	static const uint8_t tags_wire[] = { 0x03, 0x00, 0x0B, 0x00, 0x3E, 0x86, 0x03, 0x00,
					     0x3F, 0x86, 0x02, 0x01, 0xE2, 0x65 };
	static const uint8_t row_wire[] = { 0x01, 0x00, 0x00, 0x00, 0x62, 0x00, 0x00, 0x00,
					    0x0A, 0x0F, 0x01, 0x04, 0x80 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	struct mapi_proptag_array cols;
	struct mapi_proprow row;

	(void)state;
	mapi_propval_reader_init(&r, tags_wire, sizeof(tags_wire), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_pull_tags(mem_ctx, &r, &cols), 0);
	assert_int_equal(cols.count, 3);
	assert_int_equal(cols.tags[0], 0x863E000B);
	assert_int_equal(cols.tags[1], 0x863F0003);
	assert_int_equal(cols.tags[2], 0x65E20102);
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_push_tags(&w, &cols), 0);
	assert_int_equal(w.len, sizeof(tags_wire));
	assert_memory_equal(w.data, tags_wire, sizeof(tags_wire));

	check_row_bytes(&cols, row_wire, sizeof(row_wire), &row, mem_ctx);
	assert_int_equal(row.flag, MAPI_PROPROW_FLAGGED);
	assert_int_equal(row.count, 3);
	assert_int_equal(row.values[0].flag, MAPI_PROPVAL_FLAG_VALUE);
	assert_int_equal(row.values[0].tag, 0x863E000B);
	assert_int_equal(row.values[0].v.b, 0);
	assert_int_equal(row.values[1].v.i32, 98);
	assert_int_equal(row.values[2].flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_int_equal(row.values[2].v.err, 0x8004010F);
	assert_int_equal(row.values[2].tag, 0x65E20102);
	talloc_free(mem_ctx);
}

/* Columns of many types, one row per kind, typed columns included. */
static void test_standard_and_flagged_rows(void **state)
{
	static uint32_t tags[] = { 0x00010002, 0x00020003, 0x00030014, 0x0004001F, 0x0005001E,
				   0x00060102, 0x00070048, 0x0008000B, 0x00090000, 0x000A1003,
				   0x000B3003, 0x000C0040, 0x000D00FB };
	struct mapi_proptag_array cols = { N(tags), tags };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_proprow row = { .flag = MAPI_PROPROW_STANDARD, .count = N(tags) };
	struct mapi_proprow back;
	int32_t mv[] = { 1, 2, 3 };
	uint8_t *out;
	size_t len;

	(void)state;
	row.values = talloc_zero_array(mem_ctx, struct mapi_propval, N(tags));
	for (size_t i = 0; i < N(tags); i++) {
		row.values[i].tag = tags[i];
	}
	row.values[0].v.i16 = -7;
	row.values[1].v.i32 = 70000;
	row.values[2].v.i64 = -1;
	row.values[3].v.str = (char *)"Caf\xc3\xa9";
	row.values[4].v.str = (char *)"ascii";
	row.values[5].v.bin.length = 2;
	row.values[5].v.bin.data = (uint8_t *)"\x00\xff";
	row.values[6].v.guid.time_low = 7;
	row.values[7].v.b = 1;
	row.values[8].tag = 0x0009001F;	/* typed column: the value says PtypString */
	row.values[8].v.str = (char *)"typed";
	row.values[9].v.mv.count = 3;
	row.values[9].v.mv.v.i32 = mv;
	row.values[10].v.i32 = 5;	/* MV-instance column: one value */
	row.values[11].v.time = 0x01C87355EA03051DULL;
	row.values[12].v.bin.length = 1;
	row.values[12].v.bin.data = (uint8_t *)"\x01";

	len = push_row(mem_ctx, &cols, &row, &out);
	check_row_bytes(&cols, out, len, &back, mem_ctx);
	assert_true(mapi_proprow_equal(&row, &back));

	/* the same as a flagged row with a missing value and an error */
	row.flag = MAPI_PROPROW_FLAGGED;
	row.values[3].flag = MAPI_PROPVAL_FLAG_MISSING;
	row.values[8].flag = MAPI_PROPVAL_FLAG_ERROR;
	row.values[8].v.err = 0x8004010F;
	len = push_row(mem_ctx, &cols, &row, &out);
	check_row_bytes(&cols, out, len, &back, mem_ctx);
	assert_true(mapi_proprow_equal(&row, &back));
	talloc_free(mem_ctx);
}

static void test_row_set(void **state)
{
	static uint32_t tags[] = { 0x00010003, 0x0002001F };
	static const uint8_t wire[] = {
		0x02, 0x00,
		0x00, 0x01, 0x00, 0x00, 0x00, 0x41, 0x00, 0x00, 0x00,
		0x01, 0x0A, 0x0F, 0x01, 0x04, 0x80, 0x01,
	};
	struct mapi_proptag_array cols = { N(tags), tags };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	struct mapi_proprow_set set;

	(void)state;
	mapi_propval_reader_init(&r, wire, sizeof(wire), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_pull_set(mem_ctx, &r, &cols, &set), 0);
	assert_int_equal(r.off, sizeof(wire));
	assert_int_equal(set.count, 2);
	assert_string_equal(set.rows[0].values[1].v.str, "A");
	assert_int_equal(set.rows[1].values[0].v.err, 0x8004010F);
	assert_int_equal(set.rows[1].values[1].flag, MAPI_PROPVAL_FLAG_MISSING);
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_push_set(&w, &cols, &set), 0);
	assert_int_equal(w.len, sizeof(wire));
	assert_memory_equal(w.data, wire, sizeof(wire));
	for (size_t cut = 0; cut < sizeof(wire); cut++) {
		uint8_t *copy = talloc_memdup(mem_ctx, wire, cut + 1);

		mapi_propval_reader_init(&r, copy, cut, MAPI_PROPVAL_ROP, NULL);
		assert_int_equal(mapi_proprow_pull_set(mem_ctx, &r, &cols, &set), FORMAT);
	}
	talloc_free(mem_ctx);
}

static void test_problems(void **state)
{
	static const uint8_t wire[] = { 0x01, 0x00, 0x02, 0x00, 0x1F, 0x00, 0x37, 0x00,
					0x05, 0x40, 0x00, 0x80 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	struct mapi_property_problem_array p;

	(void)state;
	mapi_propval_reader_init(&r, wire, sizeof(wire), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_pull_problems(mem_ctx, &r, &p), 0);
	assert_int_equal(p.count, 1);
	assert_int_equal(p.problems[0].index, 2);
	assert_int_equal(p.problems[0].prop_tag, 0x0037001F);
	assert_int_equal(p.problems[0].error_code, 0x80004005);
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_push_problems(&w, &p), 0);
	assert_memory_equal(w.data, wire, sizeof(wire));
	for (size_t cut = 0; cut < sizeof(wire); cut++) {
		mapi_propval_reader_init(&r, wire, cut, MAPI_PROPVAL_ROP, NULL);
		assert_int_equal(mapi_proprow_pull_problems(mem_ctx, &r, &p), FORMAT);
	}
	talloc_free(mem_ctx);
}

/* Count bombs: 0xFFFF rows, tags, problems in 10 bytes; nothing big is allocated. */
static void test_count_bombs(void **state)
{
	static const uint8_t bomb[] = { 0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0 };
	static uint32_t tags[] = { 0x0001000B };
	struct mapi_proptag_array cols = { N(tags), tags };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval_reader r;
	struct mapi_proprow_set set;
	struct mapi_proptag_array a;
	struct mapi_property_problem_array p;

	(void)state;
	mapi_propval_reader_init(&r, bomb, sizeof(bomb), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_pull_set(mem_ctx, &r, &cols, &set), FORMAT);
	mapi_propval_reader_init(&r, bomb, sizeof(bomb), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_pull_tags(mem_ctx, &r, &a), FORMAT);
	mapi_propval_reader_init(&r, bomb, sizeof(bomb), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_proprow_pull_problems(mem_ctx, &r, &p), FORMAT);
	assert_true(talloc_total_size(mem_ctx) < 1024);
	talloc_free(mem_ctx);
}

/* A wide column set over a short buffer is refused before the values are allocated. */
static void test_wide_columns_short_input(void **state)
{
	static const uint8_t b[] = { 0x00, 0x01, 0x00, 0x01 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_proptag_array cols = { 60000, talloc_array(mem_ctx, uint32_t, 60000) };
	struct mapi_proprow row;
	size_t before;

	(void)state;
	for (int i = 0; i < 60000; i++) {
		cols.tags[i] = 0x0001000B;
	}
	before = talloc_total_size(mem_ctx);
	assert_int_equal(pull_row(mem_ctx, b, sizeof(b), &cols, &row, NULL), FORMAT);
	assert_int_equal(talloc_total_size(mem_ctx), before);
	talloc_free(mem_ctx);
}

static void test_bad_columns_and_rows(void **state)
{
	static uint32_t null_col[] = { 0x00010001 };
	static uint32_t unknown_col[] = { 0x00010008 };
	static uint32_t ok_col[] = { 0x00010003 };
	static const uint8_t flag2[] = { 0x02, 0x00, 0x00, 0x00, 0x00 };
	struct mapi_proptag_array nulls = { 1, null_col }, unknown = { 1, unknown_col };
	struct mapi_proptag_array ok = { 1, ok_col };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_proprow row;
	struct mapi_propval_writer w;
	struct mapi_propval pv = { .tag = 0x00010003, .flag = MAPI_PROPVAL_FLAG_MISSING };

	(void)state;
	assert_int_equal(pull_row(mem_ctx, flag2, 5, &nulls, &row, NULL),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(pull_row(mem_ctx, flag2, 5, &unknown, &row, NULL),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(pull_row(mem_ctx, flag2, 5, &ok, &row, NULL), FORMAT);
	/* a standard row cannot carry a missing value; a count mismatch is refused */
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_ROP, NULL);
	row = (struct mapi_proprow){ .flag = MAPI_PROPROW_STANDARD, .count = 1, .values = &pv };
	assert_int_equal(mapi_proprow_push(&w, &ok, &row), MAPI_E_INVALID_PARAMETER);
	row.count = 2;
	row.flag = MAPI_PROPROW_FLAGGED;
	assert_int_equal(mapi_proprow_push(&w, &ok, &row), MAPI_E_INVALID_PARAMETER);
	row.count = 1;
	pv.tag = 0x00020003;	/* wrong property ID for the column */
	assert_int_equal(mapi_proprow_push(&w, &ok, &row), MAPI_E_INVALID_PARAMETER);
	talloc_free(mem_ctx);
}

/* A typed column whose wire type is PtypUnspecified is refused. */
static void test_typed_column_unspecified(void **state)
{
	static uint32_t tags[] = { 0x00010000 };
	static const uint8_t standard[] = { 0x00, 0x00, 0x00, 0x05, 0x00, 0x00, 0x00 };
	static const uint8_t flagged[] = { 0x01, 0x00, 0x00, 0x01 };
	struct mapi_proptag_array cols = { 1, tags };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_proprow row;

	(void)state;
	assert_int_equal(pull_row(mem_ctx, standard, sizeof(standard), &cols, &row, NULL), FORMAT);
	assert_int_equal(pull_row(mem_ctx, flagged, sizeof(flagged), &cols, &row, NULL), FORMAT);
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxcprpt_get_properties_specific),
		cmocka_unit_test(test_standard_and_flagged_rows),
		cmocka_unit_test(test_row_set),
		cmocka_unit_test(test_problems),
		cmocka_unit_test(test_count_bombs),
		cmocka_unit_test(test_wide_columns_short_input),
		cmocka_unit_test(test_bad_columns_and_rows),
		cmocka_unit_test(test_typed_column_unspecified),
	};

	return cmocka_run_group_tests_name("mapi_proprow", tests, NULL, NULL);
}
