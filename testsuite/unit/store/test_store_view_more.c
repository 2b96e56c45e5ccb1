/*
 * test_store_view_more.c — more store tables (mapistore_view) on SQLite: a larger contents table
 * against a model, backward reads, multi-value instance columns added after the load, Count
 * restrictions, localised hierarchy names, sorted attachment tables, and a parent that goes away.
 */
#include "mapistore_view.h"
#include "store_test.h"

#define T_TAGS MAPI_PROP_TAG(0x6801, PT_MV_UNICODE)	/* a multi-valued string of our own */

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

static struct mapistore_view *contents(struct fx *fx, uint64_t fid, const uint32_t *cols, uint16_t n)
{
	struct mapistore_view *view;
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, fid, MAPISTORE_VIEW_CONTENTS, 0, &view), 0);
	assert_int_equal(mapistore_view_set_columns(view, cols, n), 0);
	return view;
}

static void sort_by(struct mapistore_view *view, uint32_t tag, uint8_t order)
{
	struct mapi_sortorder so = { tag, order };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	assert_int_equal(mapistore_view_sort(view, &set), 0);
}

/* Up to 10 rows from the cursor. */
static struct mapi_proprow_set read10(struct fx *fx, struct mapistore_view *view)
{
	struct mapi_proprow_set rows;
	uint8_t origin;
	assert_int_equal(mapistore_view_query_rows(fx->mem, view, true, true, 10, &origin, &rows), 0);
	return rows;
}

static struct mapi_restriction prop_res(uint8_t relop, struct mapi_propval value)
{
	struct mapi_restriction r = { .type = MAPI_RES_PROPERTY };
	r.u.property.relop = relop;
	r.u.property.prop_tag = value.tag;
	r.u.property.value = value;
	return r;
}

/* 300 messages with pseudo-random importance and delivery time: counts and order against a model. */
static void test_contents_model(void **state)
{
	struct fx *fx = *state;
	enum { N = 300 };
	uint64_t times[N];
	int32_t imp[N];
	uint32_t s = 12345;
	for (uint32_t i = 0; i < N; i++) {
		s = s * 1103515245U + 12345U;
		imp[i] = (int32_t)((s >> 16) % 3);
		times[i] = 130000000000000000ULL + (s >> 8) % 1000000U;
		struct mapistore_object *msg;
		assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
		struct mapi_propval pv[2] = { fx_i32(PidTagImportance, imp[i]),
					      { .tag = PidTagMessageDeliveryTime, .flag = MAPI_PROPVAL_FLAG_VALUE } };
		pv[1].v.time = times[i];
		assert_int_equal(mapistore_object_set_props(msg, pv, 2), 0);
		assert_int_equal(mapistore_object_save(msg), 0);
		talloc_free(msg);
	}
	uint32_t cols[2] = { PidTagMessageDeliveryTime, PidTagImportance };
	struct mapistore_view *view = contents(fx, inbox(fx), cols, 2);
	for (int32_t level = 0; level < 3; level++) {
		uint32_t expect = 0;
		for (uint32_t i = 0; i < N; i++)
			expect += imp[i] >= level;
		struct mapi_restriction r = prop_res(MAPI_RELOP_GE, fx_i32(PidTagImportance, level));
		assert_int_equal(mapistore_view_restrict(view, &r), 0);
		assert_int_equal(mapistore_view_row_count(view), expect);
	}
	struct mapi_sortorder so[2] = { { PidTagImportance, MAPI_SORT_DESCENDING },
					{ PidTagMessageDeliveryTime, MAPI_SORT_ASCENDING } };
	struct mapi_sortorder_set set = { .count = 2, .sorts = so };
	assert_int_equal(mapistore_view_sort(view, &set), 0);
	assert_int_equal(mapistore_view_restrict(view, NULL), 0);
	uint32_t read = 0;
	int32_t last_imp = 3;
	uint64_t last_time = 0;
	for (;;) {
		struct mapi_proprow_set rows;
		uint8_t origin;
		assert_int_equal(mapistore_view_query_rows(fx->mem, view, true, true, 7, &origin, &rows), 0);
		for (uint16_t i = 0; i < rows.count; i++) {
			int32_t im = rows.rows[i].values[1].v.i32;
			uint64_t t = rows.rows[i].values[0].v.time;
			assert_true(im < last_imp || (im == last_imp && t >= last_time));
			last_imp = im;
			last_time = t;
		}
		read += rows.count;
		if (rows.count == 0)
			break;
	}
	assert_int_equal(read, N);
}

/* MS-OXCTABL 3.2.5.5: reading backwards from the end returns the rows before the cursor. */
static void test_backwards(void **state)
{
	struct fx *fx = *state;
	uint64_t mids[5];
	for (int i = 0; i < 5; i++)
		mids[i] = fx_message(fx, inbox(fx), "m");
	uint32_t col = PidTagMid;
	struct mapistore_view *view = contents(fx, inbox(fx), &col, 1);
	assert_int_equal(mapistore_view_seek(view, MAPISTORE_BOOKMARK_END, 0, NULL, NULL), 0);
	struct mapi_proprow_set rows;
	uint8_t origin;
	assert_int_equal(mapistore_view_query_rows(fx->mem, view, true, false, 2, &origin, &rows), 0);
	assert_int_equal(rows.count, 2);
	assert_int_equal((uint64_t)rows.rows[0].values[0].v.i64, mids[3]);
	assert_int_equal((uint64_t)rows.rows[1].values[0].v.i64, mids[4]);
	assert_int_equal(mapistore_view_query_rows(fx->mem, view, true, false, 10, &origin, &rows), 0);
	assert_int_equal(rows.count, 3);
	assert_int_equal(origin, MAPISTORE_BOOKMARK_BEGINNING);
}

/* MS-OXCTABL 2.2.1.1 MultivalueInstance: one row per value, also when the column comes after the load. */
static void test_instance_column_after_load(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	char *v[3] = { "red", "green", "blue" };
	struct mapi_propval pv = { .tag = T_TAGS, .flag = MAPI_PROPVAL_FLAG_VALUE };
	pv.v.mv.count = 3;
	pv.v.mv.v.str = v;
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	fx_message(fx, inbox(fx), "plain");
	uint32_t col = PidTagMid;
	struct mapistore_view *view = contents(fx, inbox(fx), &col, 1);
	assert_int_equal(mapistore_view_row_count(view), 2);
	uint32_t cols[2] = { PidTagMid, T_TAGS | MAPI_PROPTYPE_MV_INSTANCE };
	assert_int_equal(mapistore_view_set_columns(view, cols, 2), 0);
	assert_int_equal(mapistore_view_row_count(view), 4);	/* three instances and the plain one */
	sort_by(view, T_TAGS | MAPI_PROPTYPE_MV_INSTANCE, MAPI_SORT_ASCENDING);
	struct mapi_proprow_set rows = read10(fx, view);
	assert_int_equal(rows.count, 4);
	assert_string_equal(rows.rows[0].values[1].v.str, "blue");
	assert_string_equal(rows.rows[1].values[1].v.str, "green");
	assert_string_equal(rows.rows[2].values[1].v.str, "red");
}

/* MS-OXCDATA 2.12.12 Count: the first rows of the sorted view that satisfy the restriction. */
static void test_count_restriction(void **state)
{
	struct fx *fx = *state;
	for (int i = 0; i < 10; i++) {
		char subject[16];
		snprintf(subject, sizeof(subject), "s%d", i);
		fx_message(fx, inbox(fx), subject);
	}
	uint32_t col = PidTagSubject;
	struct mapistore_view *view = contents(fx, inbox(fx), &col, 1);
	struct mapi_restriction exist = { .type = MAPI_RES_EXIST };
	exist.u.exist.prop_tag = PidTagSubject;
	struct mapi_restriction count = { .type = MAPI_RES_COUNT };
	count.u.count.count = 3;
	count.u.count.sub = &exist;
	sort_by(view, PidTagSubject, MAPI_SORT_DESCENDING);
	assert_int_equal(mapistore_view_restrict(view, &count), 0);
	struct mapi_proprow_set rows = read10(fx, view);
	assert_int_equal(rows.count, 3);
	assert_string_equal(rows.rows[0].values[0].v.str, "s9");
	assert_string_equal(rows.rows[2].values[0].v.str, "s7");
}

/* Mailboxes created in French and German show their folder names in the hierarchy table. */
static void test_localised_hierarchy(void **state)
{
	struct fx *fx = *state;
	const char *owners[2] = { "bruno", "dieter" }, *locales[2] = { "fr", "de" };
	const char *inbox_names[2] = { "Bo\xc3\xaete de r\xc3\xa9" "ception", "Posteingang" };
	for (int k = 0; k < 2; k++) {
		struct mapistore_mailbox *mbox;
		assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, owners[k], locales[k], &mbox), 0);
		struct mapistore_view *view;
		uint64_t ipm = mapistore_mailbox_special(mbox, MAPISTORE_IPM_SUBTREE);
		assert_int_equal(mapistore_view_open(fx->mem, mbox, ipm, MAPISTORE_VIEW_HIERARCHY, 0, &view), 0);
		uint32_t cols[2] = { PidTagFolderId, PidTagDisplayName };
		assert_int_equal(mapistore_view_set_columns(view, cols, 2), 0);
		struct mapi_restriction r = prop_res(MAPI_RELOP_EQ,
						     fx_i32(PidTagFolderId, 0));
		r.u.property.value.v.i64 = (int64_t)mapistore_mailbox_special(mbox, MAPISTORE_INBOX);
		struct mapi_proprow row;
		assert_int_equal(mapistore_view_find_row(fx->mem, view, &r, MAPISTORE_BOOKMARK_BEGINNING, 0, false,
							 NULL, &row), 0);
		assert_string_equal(row.values[1].v.str, inbox_names[k]);
	}
}

/* Attachment tables sorted by name; a deleted attachment leaves after a refresh. */
static void test_attachment_table_sorted(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	const char *names[4] = { "d.txt", "a.txt", "c.txt", "b.txt" };
	for (int i = 0; i < 4; i++) {
		struct mapistore_object *att;
		assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
		struct mapi_propval pv = fx_str(PidTagAttachLongFilename, names[i]);
		assert_int_equal(mapistore_object_set_props(att, &pv, 1), 0);
		assert_int_equal(mapistore_object_save(att), 0);
	}
	struct mapistore_view *view;
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, mapistore_object_id(msg), MAPISTORE_VIEW_ATTACHMENTS,
					     0, &view), 0);
	uint32_t cols[2] = { PidTagAttachLongFilename, PidTagAttachNumber };
	assert_int_equal(mapistore_view_set_columns(view, cols, 2), 0);
	sort_by(view, PidTagAttachLongFilename, MAPI_SORT_ASCENDING);
	struct mapi_proprow_set rows = read10(fx, view);
	assert_int_equal(rows.count, 4);
	const int32_t nums[4] = { 1, 3, 2, 0 };
	for (int i = 0; i < 4; i++)
		assert_int_equal(rows.rows[i].values[1].v.i32, nums[i]);
	assert_int_equal(mapistore_attach_delete(msg, 1), 0);
	assert_int_equal(mapistore_view_refresh(view), 0);
	assert_int_equal(mapistore_view_row_count(view), 3);
}

/* A view whose folder was hard-deleted cannot be refreshed; the rows it had stay readable. */
static void test_parent_gone(void **state)
{
	struct fx *fx = *state;
	uint64_t fid;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "Temp", 1, &fid), 0);
	fx_message(fx, fid, "one");
	uint32_t col = PidTagSubject;
	struct mapistore_view *view = contents(fx, fid, &col, 1);
	assert_int_equal(mapistore_view_row_count(view), 1);
	assert_int_equal(mapistore_folder_delete(fx->mbox, fid, MAPISTORE_DEL_MESSAGES | MAPISTORE_DEL_HARD), 0);
	assert_int_equal(mapistore_view_refresh(view), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_view_row_count(view), 1);
	struct mapi_proprow_set rows = read10(fx, view);
	assert_string_equal(rows.rows[0].values[0].v.str, "one");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_contents_model, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_backwards, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_instance_column_after_load, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_count_restriction, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_localised_hierarchy, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_attachment_table_sorted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_parent_gone, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store_view_more", tests, NULL, NULL);
}
