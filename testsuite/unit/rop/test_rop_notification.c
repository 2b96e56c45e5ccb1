/*
 * Unit tests: rop_notification (MS-OXCNOTIF 2.2.1.4.1.2 NotificationData), the branches the
 * section 4 vectors (vectors/rop) do not reach: search-folder messages, moved folders, the
 * reserved type, TagCount 0xFFFF, Unicode message classes, rows without a column set, and the
 * refusals on both sides. Each accepted buffer re-encodes byte for byte and refuses every
 * truncation.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rop_notification.h"

static const uint32_t tags[] = { 0x0E080003 };	/* one PtypInteger32 column */
static const struct mapi_proptag_array cols = { 1, (uint32_t *)tags };

static uint32_t pull(TALLOC_CTX *ctx, const uint8_t *p, size_t n,
		     const struct mapi_proptag_array *c, struct rop_notification_data *out,
		     size_t *used)
{
	struct mapi_propval_reader r;
	uint32_t st;

	mapi_propval_reader_init(&r, p, n, MAPI_PROPVAL_ROP, NULL);
	st = rop_notification_pull(ctx, &r, c, out);
	*used = r.off;
	return st;
}

/* Decodes with every byte consumed, re-encodes identically, refuses each truncation. */
static void round_trip(const char *hex, const struct mapi_proptag_array *c,
		       struct rop_notification_data *out, TALLOC_CTX *ctx)
{
	uint8_t buf[256];
	size_t n = strlen(hex) / 2, used;
	struct mapi_propval_writer w;
	struct rop_notification_data tmp;

	for (size_t i = 0; i < n; i++) {
		unsigned v;

		assert_int_equal(sscanf(hex + 2 * i, "%2x", &v), 1);
		buf[i] = (uint8_t)v;
	}
	assert_int_equal(pull(ctx, buf, n, c, out, &used), 0);
	assert_int_equal(used, n);
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(rop_notification_push(&w, c, out), 0);
	assert_int_equal(w.len, n);
	assert_memory_equal(w.data, buf, n);
	for (size_t k = 0; k < n; k++) {
		assert_int_equal(pull(ctx, buf, k, c, &tmp, &used), ecRpcFormat);
	}
}

static void test_search_folder_message(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_notification_data d;

	/* ObjectDeleted, S and M: FolderId, MessageId, ParentFolderId */
	round_trip("08c0" "1100000000000001" "2200000000000001" "3300000000000001", NULL, &d, ctx);
	assert_int_equal(d.folder_id, 0x0100000000000011ULL);
	assert_int_equal(d.message_id, 0x0100000000000022ULL);
	assert_int_equal(d.parent_folder_id, 0x0100000000000033ULL);
	/* M alone: no ParentFolderId */
	round_trip("0880" "1100000000000001" "2200000000000001", NULL, &d, ctx);
	assert_int_equal(d.parent_folder_id, 0);
	talloc_free(ctx);
}

static void test_moved_folder(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_notification_data d;

	/* ObjectMoved, a folder: FolderId, ParentFolderId, OldFolderId, OldParentFolderId */
	round_trip("2000" "0100000000000001" "0200000000000001" "0300000000000001"
		   "0400000000000001", NULL, &d, ctx);
	assert_int_equal(d.old_folder_id, 0x0100000000000003ULL);
	assert_int_equal(d.old_parent_folder_id, 0x0100000000000004ULL);
	assert_int_equal(d.old_message_id, 0);
	talloc_free(ctx);
}

static void test_types_without_fields(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_notification_data d;

	round_trip("0004", NULL, &d, ctx);		/* reserved type: flags only */
	round_trip("8000" "0100000000000001", NULL, &d, ctx);	/* SearchCompleted */
	assert_int_equal(d.folder_id, 0x0100000000000001ULL);
	round_trip("0001" "0100", NULL, &d, ctx);	/* TableChanged */
	assert_int_equal(d.table_event_type, ROP_TABLE_EVENT_CHANGED);
	talloc_free(ctx);
}

static void test_tag_counts(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_notification_data d;

	/* ObjectModified with TagCount 0xFFFF: no Tags; with T and U both counts */
	round_trip("1030" "0100000000000001" "ffff" "05000000" "02000000", NULL, &d, ctx);
	assert_int_equal(d.tag_count, 0xFFFF);
	assert_null(d.tags);
	assert_int_equal(d.total_message_count, 5);
	assert_int_equal(d.unread_message_count, 2);
	talloc_free(ctx);
}

static void test_new_mail_unicode(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_notification_data d;
	static const uint8_t bad_flag[] = { 0x02, 0x80, 1, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0,
					    0, 1, 0, 0, 0, 0, 0x02, 0x41, 0x00 };
	size_t used;

	round_trip("0280" "0100000000000001" "0200000000000001" "04000000" "01"
		   "490050000000", NULL, &d, ctx);
	assert_true(d.unicode_flag);
	assert_string_equal(d.message_class, "IP");
	/* UnicodeFlag 2 */
	assert_int_equal(pull(ctx, bad_flag, sizeof(bad_flag), NULL, &d, &used), ecRpcFormat);
	talloc_free(ctx);
}

static void test_table_row(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_notification_data d;
	static const char *row_added = "0001" "0300" "0100000000000001" "0200000000000001"
				       "0500" "00" "2a000000";
	static const uint8_t long_size[] = { 0x00, 0x01, 0x03, 0x00,
		1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0,
		0x06, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x00 };
	size_t used;

	round_trip(row_added, &cols, &d, ctx);
	assert_int_equal(d.table_row_data.count, 1);
	assert_int_equal(d.table_row_data.values[0].v.i32, 42);
	assert_int_equal(d.table_row_bytes.length, 5);
	/* without a column set the bytes are kept and written back as they are */
	round_trip(row_added, NULL, &d, ctx);
	assert_int_equal(d.table_row_data.count, 0);
	assert_int_equal(d.table_row_bytes.length, 5);
	/* TableRowDataSize one byte past the row: refused with a column set only */
	assert_int_equal(pull(ctx, long_size, sizeof(long_size), &cols, &d, &used), ecRpcFormat);
	assert_int_equal(pull(ctx, long_size, sizeof(long_size), NULL, &d, &used), 0);
	assert_int_equal(used, sizeof(long_size));
	/* TableRowDeleted: no InsertAfter fields, no row */
	round_trip("0001" "0400" "0100000000000001", &cols, &d, ctx);
	talloc_free(ctx);
}

static void test_push_refusals(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_propval_writer w;
	struct rop_notification_data d = { .notification_flags = 0x0010, .tag_count = 2 };

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(rop_notification_push(&w, NULL, &d), MAPI_E_INVALID_PARAMETER);
	memset(&d, 0, sizeof(d));
	d.notification_flags = ROP_NOTIFICATION_NEW_MAIL;
	assert_int_equal(rop_notification_push(&w, NULL, &d), MAPI_E_INVALID_PARAMETER);
	memset(&d, 0, sizeof(d));
	d.notification_flags = ROP_NOTIFICATION_TABLE_MODIFIED;
	d.table_event_type = ROP_TABLE_EVENT_ROW_ADDED;
	d.table_row_bytes.length = 3;
	assert_int_equal(rop_notification_push(&w, NULL, &d), MAPI_E_INVALID_PARAMETER);
	d.table_row_bytes.length = 0x10000;
	d.table_row_bytes.data = talloc_zero_array(ctx, uint8_t, 0x10000);
	assert_int_equal(rop_notification_push(&w, NULL, &d), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_search_folder_message),
		cmocka_unit_test(test_moved_folder),
		cmocka_unit_test(test_types_without_fields),
		cmocka_unit_test(test_tag_counts),
		cmocka_unit_test(test_new_mail_unicode),
		cmocka_unit_test(test_table_row),
		cmocka_unit_test(test_push_refusals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
