/*
 * Unit tests: mapi_recipientrow (MS-OXCDATA 2.8.3). Each flag-dependent field on and off
 * (X500DN fields, personal distribution list EntryID/SearchKey, AddressType with O and NoType,
 * E/D/I/T strings in 8-bit and UTF-16), fewer recipient columns than the ROP's, flagged rows;
 * every truncation refused; reserved bits, a column count past the columns and missing strings
 * refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_recipientrow.h"

/* PidTagRecipientType (PtypInteger32), PidTagRecipientDisplayName (PtypString) */
static uint32_t tags[] = { 0x0C150003, 0x5FF6001F };
static const struct mapi_proptag_array cols = { 2, tags };

/* Encodes row, decodes it back, re-encodes identically, refuses every truncation. */
static void round_trip(TALLOC_CTX *ctx, const struct mapi_recipientrow *row,
		       struct mapi_recipientrow *out)
{
	struct mapi_propval_writer w, w2;
	struct mapi_propval_reader r;
	struct mapi_recipientrow tmp;

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_push(&w, &cols, row), 0);
	mapi_propval_reader_init(&r, w.data, w.len, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_pull(ctx, &r, &cols, out), 0);
	assert_int_equal(r.off, w.len);
	mapi_propval_writer_init(&w2, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_push(&w2, &cols, out), 0);
	assert_int_equal(w2.len, w.len);
	assert_memory_equal(w2.data, w.data, w.len);
	for (size_t n = 0; n < w.len; n++) {
		mapi_propval_reader_init(&r, w.data, n, MAPI_PROPVAL_ROP, NULL);
		assert_int_equal(mapi_recipientrow_pull(ctx, &r, &cols, &tmp), ecRpcFormat);
	}
}

static struct mapi_propval *values(TALLOC_CTX *ctx)
{
	struct mapi_propval *v = talloc_zero_array(ctx, struct mapi_propval, 2);

	v[0].tag = tags[0];
	v[0].v.i32 = 1;
	v[1].tag = tags[1];
	v[1].v.str = talloc_strdup(ctx, "Jane");
	return v;
}

static void test_x500(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_recipientrow in = {
		.flags = MAPI_RECIPIENT_TYPE_X500DN | MAPI_RECIPIENT_D | MAPI_RECIPIENT_I |
			 MAPI_RECIPIENT_U | MAPI_RECIPIENT_S,
		.address_prefix_used = 0x5A, .display_type = 0, .x500_dn = "User2",
		.display_name = "user2", .simple_display_name = "user2", .column_count = 2,
	}, out;

	in.properties.count = 2;
	in.properties.values = values(ctx);
	round_trip(ctx, &in, &out);
	assert_int_equal(out.address_prefix_used, 0x5A);
	assert_string_equal(out.x500_dn, "User2");
	assert_string_equal(out.simple_display_name, "user2");
	assert_null(out.email_address);
	assert_null(out.transmittable_display_name);
	assert_string_equal(out.properties.values[1].v.str, "Jane");
	talloc_free(ctx);
}

static void test_pdl(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint8_t eid[5] = { 1, 2, 3, 4, 5 }, key[2] = { 9, 9 };
	struct mapi_recipientrow in = {
		.flags = MAPI_RECIPIENT_TYPE_PDL2 | MAPI_RECIPIENT_D,
		.entry_id = { 5, eid }, .search_key = { 2, key }, .display_name = "list",
		.column_count = 0,
	}, out;

	round_trip(ctx, &in, &out);
	assert_int_equal(out.entry_id.length, 5);
	assert_memory_equal(out.entry_id.data, eid, 5);
	assert_int_equal(out.search_key.length, 2);
	assert_null(out.x500_dn);
	/* empty EntryID and SearchKey, type 6 */
	in.flags = MAPI_RECIPIENT_TYPE_PDL1;
	in.entry_id.length = 0;
	in.search_key.length = 0;
	round_trip(ctx, &in, &out);
	assert_null(out.entry_id.data);
	talloc_free(ctx);
}

static void test_address_type(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_recipientrow in = {
		.flags = MAPI_RECIPIENT_TYPE_NONE | MAPI_RECIPIENT_O | MAPI_RECIPIENT_E |
			 MAPI_RECIPIENT_T | MAPI_RECIPIENT_U,
		.address_type = "EX", .email_address = "a@b", .transmittable_display_name = "A",
		.column_count = 1,
	}, out;

	in.properties.count = 1;
	in.properties.values = values(ctx);
	round_trip(ctx, &in, &out);
	assert_string_equal(out.address_type, "EX");
	assert_string_equal(out.transmittable_display_name, "A");
	assert_int_equal(out.properties.count, 1);
	/* O with another type: no AddressType on the wire, 8-bit strings */
	in.flags = MAPI_RECIPIENT_TYPE_SMTP | MAPI_RECIPIENT_O | MAPI_RECIPIENT_E;
	in.address_type = NULL;
	round_trip(ctx, &in, &out);
	assert_null(out.address_type);
	assert_string_equal(out.email_address, "a@b");
	talloc_free(ctx);
}

static void test_flagged_row(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_recipientrow in = { .flags = MAPI_RECIPIENT_TYPE_SMTP, .column_count = 2 }, out;
	struct mapi_propval *v = values(ctx);

	v[1].flag = MAPI_PROPVAL_FLAG_MISSING;
	in.properties.flag = 0x01;
	in.properties.count = 2;
	in.properties.values = v;
	round_trip(ctx, &in, &out);
	assert_int_equal(out.properties.flag, 0x01);
	assert_int_equal(out.properties.values[1].flag, MAPI_PROPVAL_FLAG_MISSING);
	talloc_free(ctx);
}

static void test_refusals(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	static const uint8_t reserved[] = { 0x03, 0x08, 0x00, 0x00 };	/* 0x0800 set */
	static const uint8_t too_many[] = { 0x03, 0x00, 0x03, 0x00, 0x00 };	/* 3 of 2 */
	static const uint8_t no_nul[] = { 0x13, 0x00, 'a', 'b' };	/* D, 8-bit, no NUL */
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	struct mapi_recipientrow row = { .flags = MAPI_RECIPIENT_TYPE_SMTP };

	mapi_propval_reader_init(&r, reserved, sizeof(reserved), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_pull(ctx, &r, &cols, &row), ecRpcFormat);
	mapi_propval_reader_init(&r, too_many, sizeof(too_many), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_pull(ctx, &r, &cols, &row), ecRpcFormat);
	mapi_propval_reader_init(&r, no_nul, sizeof(no_nul), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_pull(ctx, &r, &cols, &row), ecRpcFormat);
	mapi_propval_reader_init(&r, too_many, sizeof(too_many), MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_recipientrow_pull(ctx, &r, NULL, &row), MAPI_E_INVALID_PARAMETER);

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	row.flags = MAPI_RECIPIENT_TYPE_SMTP | 0x1000;
	assert_int_equal(mapi_recipientrow_push(&w, &cols, &row), MAPI_E_INVALID_PARAMETER);
	row.flags = MAPI_RECIPIENT_TYPE_SMTP | MAPI_RECIPIENT_D;	/* no display_name */
	assert_int_equal(mapi_recipientrow_push(&w, &cols, &row), MAPI_E_INVALID_PARAMETER);
	row.flags = MAPI_RECIPIENT_TYPE_X500DN;				/* no x500_dn */
	assert_int_equal(mapi_recipientrow_push(&w, &cols, &row), MAPI_E_INVALID_PARAMETER);
	row.flags = MAPI_RECIPIENT_TYPE_PDL1;
	row.entry_id.length = 0x10000;
	assert_int_equal(mapi_recipientrow_push(&w, &cols, &row), MAPI_E_INVALID_PARAMETER);
	row.entry_id.length = 1;					/* NULL data */
	assert_int_equal(mapi_recipientrow_push(&w, &cols, &row), MAPI_E_INVALID_PARAMETER);
	row.flags = MAPI_RECIPIENT_TYPE_SMTP;
	row.column_count = 3;
	assert_int_equal(mapi_recipientrow_push(&w, &cols, &row), MAPI_E_INVALID_PARAMETER);
	row.column_count = 0;
	assert_int_equal(mapi_recipientrow_push(&w, NULL, &row), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_x500),
		cmocka_unit_test(test_pdl),
		cmocka_unit_test(test_address_type),
		cmocka_unit_test(test_flagged_row),
		cmocka_unit_test(test_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
