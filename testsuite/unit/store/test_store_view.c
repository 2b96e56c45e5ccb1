/*
 * test_store_view.c — the store's tables (mapistore_view) on SQLite: hierarchy tables of the
 * standard folders (with Depth), contents tables sorted by delivery time, restrictions (SubObject
 * included), bookmarks and positions, FAI against normal messages, attachment and recipient tables.
 */
#include "mapistore_view.h"
#include "store_test.h"

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

/* A saved message with a subject, a delivery time and an importance; fai makes it FAI. */
static uint64_t message(struct fx *fx, uint64_t fid, bool fai, const char *subject, uint64_t delivery,
			int32_t importance)
{
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, fid, fai, &msg), 0);
	struct mapi_propval pv[3] = { fx_str(PidTagSubject, subject), fx_i32(PidTagImportance, importance),
				      { .tag = PidTagMessageDeliveryTime, .flag = MAPI_PROPVAL_FLAG_VALUE } };
	pv[2].v.time = delivery;
	assert_int_equal(mapistore_object_set_props(msg, pv, 3), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	uint64_t mid = mapistore_object_id(msg);
	talloc_free(msg);
	return mid;
}

static struct mapistore_view *open_view(struct fx *fx, uint64_t parent, enum mapistore_view_type type,
					uint32_t flags, const uint32_t *cols, uint16_t n)
{
	struct mapistore_view *view;
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, parent, type, flags, &view), 0);
	assert_int_equal(mapistore_view_set_columns(view, cols, n), 0);
	return view;
}

static struct mapi_proprow_set query(struct fx *fx, struct mapistore_view *view, uint16_t count)
{
	struct mapi_proprow_set set;
	uint8_t origin;
	assert_int_equal(mapistore_view_query_rows(fx->mem, view, true, true, count, &origin, &set), 0);
	return set;
}

static void sort_by(struct mapistore_view *view, uint32_t tag, uint8_t order)
{
	struct mapi_sortorder so = { .prop_tag = tag, .order = order };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	assert_int_equal(mapistore_view_sort(view, &set), 0);
}

static bool has_name(const struct mapi_proprow_set *set, uint32_t col, const char *name)
{
	for (uint16_t i = 0; i < set->count; i++) {
		const struct mapi_propval *v = &set->rows[i].values[col];
		if (v->flag == MAPI_PROPVAL_FLAG_VALUE && strcmp(v->v.str, name) == 0)
			return true;
	}
	return false;
}

/* MS-OXCFOLD 2.2.1.13: the IPM subtree's hierarchy table lists the standard folders. */
static void test_hierarchy_standard(void **state)
{
	struct fx *fx = *state;
	uint64_t ipm = mapistore_mailbox_special(fx->mbox, MAPISTORE_IPM_SUBTREE);
	uint32_t cols[3] = { PidTagDisplayName, PidTagFolderId, PidTagDepth };
	struct mapistore_view *view = open_view(fx, ipm, MAPISTORE_VIEW_HIERARCHY, 0, cols, 3);
	uint32_t n = mapistore_view_row_count(view);
	assert_int_equal(n, fx_children(fx, ipm, MAPISTORE_KIND_FOLDER, 0));
	assert_true(n >= 10);
	sort_by(view, PidTagDisplayName, MAPI_SORT_ASCENDING);
	struct mapi_proprow_set set = query(fx, view, 100);
	assert_int_equal(set.count, n);
	const char *names[] = { "Inbox", "Outbox", "Sent Items", "Deleted Items", "Drafts", "Calendar",
				"Contacts", "Journal", "Notes", "Tasks" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		assert_true(has_name(&set, 0, names[i]));
	for (uint16_t i = 0; i < set.count; i++) {
		assert_int_equal(set.rows[i].values[2].v.i32, 0);
		if (i > 0)
			assert_true(strcasecmp(set.rows[i - 1].values[0].v.str, set.rows[i].values[0].v.str) <= 0);
	}
	// The Inbox row carries its FID.
	for (uint16_t i = 0; i < set.count; i++) {
		if (strcmp(set.rows[i].values[0].v.str, "Inbox") == 0)
			assert_int_equal((uint64_t)set.rows[i].values[1].v.i64, inbox(fx));
	}
}

/* MS-OXCFOLD 2.2.1.13.1 Depth: every level below the folder, PidTagDepth counting from 0. */
static void test_hierarchy_depth(void **state)
{
	struct fx *fx = *state;
	uint64_t sub, subsub;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "Projects", 1, &sub), 0);
	assert_int_equal(mapistore_folder_create(fx->mbox, sub, "Sambex", 1, &subsub), 0);
	uint64_t root = mapistore_mailbox_special(fx->mbox, MAPISTORE_ROOT);
	uint32_t cols[2] = { PidTagDisplayName, PidTagDepth };
	struct mapistore_view *flat = open_view(fx, root, MAPISTORE_VIEW_HIERARCHY, 0, cols, 2);
	struct mapistore_view *deep = open_view(fx, root, MAPISTORE_VIEW_HIERARCHY, MAPISTORE_VIEW_FLAG_DEPTH,
						cols, 2);
	uint32_t n_flat = mapistore_view_row_count(flat), n_deep = mapistore_view_row_count(deep);
	assert_int_equal(n_flat, fx_children(fx, root, MAPISTORE_KIND_FOLDER, 0));
	assert_true(n_deep > n_flat + 10);
	struct mapi_proprow_set set = query(fx, deep, 1000);
	assert_int_equal(set.count, n_deep);
	int seen = 0;
	for (uint16_t i = 0; i < set.count; i++) {
		const char *name = set.rows[i].values[0].v.str;
		int32_t depth = set.rows[i].values[1].v.i32;
		if (strcmp(name, "Inbox") == 0 && ++seen)
			assert_int_equal(depth, 1);
		if (strcmp(name, "Projects") == 0 && ++seen)
			assert_int_equal(depth, 2);
		if (strcmp(name, "Sambex") == 0 && ++seen)
			assert_int_equal(depth, 3);
	}
	assert_int_equal(seen, 3);
	// Restricting on PidTagDepth finds the deepest one.
	struct mapi_restriction res = { .type = MAPI_RES_PROPERTY };
	res.u.property.relop = MAPI_RELOP_GE;
	res.u.property.prop_tag = PidTagDepth;
	res.u.property.value = fx_i32(PidTagDepth, 3);
	assert_int_equal(mapistore_view_restrict(deep, &res), 0);
	assert_int_equal(mapistore_view_row_count(deep), 1);
	// A soft-deleted folder leaves the table and shows in the SoftDeletes one.
	assert_int_equal(mapistore_folder_delete(fx->mbox, subsub, 0), 0);
	struct mapistore_view *inbox_h = open_view(fx, sub, MAPISTORE_VIEW_HIERARCHY, 0, cols, 2);
	assert_int_equal(mapistore_view_row_count(inbox_h), 0);
	struct mapistore_view *gone = open_view(fx, sub, MAPISTORE_VIEW_HIERARCHY,
						MAPISTORE_VIEW_FLAG_SOFT_DELETES, cols, 2);
	assert_int_equal(mapistore_view_row_count(gone), 1);
}

/* 20 messages delivered in a scrambled order: sorted both ways by PidTagMessageDeliveryTime. */
static uint64_t *fill_inbox(struct fx *fx, uint32_t n)
{
	uint64_t *mids = talloc_array(fx->mem, uint64_t, n);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k = (i * 7U) % n;	/* 7 is prime to 20: a permutation */
		char subject[32];
		snprintf(subject, sizeof(subject), "message %02u", k);
		mids[k] = message(fx, inbox(fx), false, subject, 130000000000000000ULL + k * 10000000ULL,
				  (int32_t)(k % 3));
	}
	return mids;
}

static void test_contents_sort_delivery(void **state)
{
	struct fx *fx = *state;
	uint64_t *mids = fill_inbox(fx, 20);
	uint32_t cols[3] = { PidTagMid, PidTagSubject, PidTagMessageDeliveryTime };
	struct mapistore_view *view = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS, 0, cols, 3);
	sort_by(view, PidTagMessageDeliveryTime, MAPI_SORT_DESCENDING);
	struct mapi_proprow_set set = query(fx, view, 50);
	assert_int_equal(set.count, 20);
	for (uint16_t i = 0; i < 20; i++)
		assert_int_equal((uint64_t)set.rows[i].values[0].v.i64, mids[19 - i]);
	sort_by(view, PidTagMessageDeliveryTime, MAPI_SORT_ASCENDING);
	set = query(fx, view, 50);
	for (uint16_t i = 0; i < 20; i++) {
		assert_int_equal((uint64_t)set.rows[i].values[0].v.i64, mids[i]);
		char subject[32];
		snprintf(subject, sizeof(subject), "message %02u", i);
		assert_string_equal(set.rows[i].values[1].v.str, subject);
	}
}

/* Property and Content restrictions; the restriction's tags need not be columns. */
static void test_contents_restrict(void **state)
{
	struct fx *fx = *state;
	fill_inbox(fx, 20);
	uint32_t cols[1] = { PidTagSubject };
	struct mapistore_view *view = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS, 0, cols, 1);
	assert_int_equal(mapistore_view_row_count(view), 20);
	struct mapi_restriction res = { .type = MAPI_RES_PROPERTY };
	res.u.property.relop = MAPI_RELOP_EQ;
	res.u.property.prop_tag = PidTagImportance;
	res.u.property.value = fx_i32(PidTagImportance, 2);
	assert_int_equal(mapistore_view_restrict(view, &res), 0);
	assert_int_equal(mapistore_view_row_count(view), 6);	/* k = 2, 5, 8, 11, 14, 17 */
	struct mapi_restriction content = { .type = MAPI_RES_CONTENT };
	content.u.content.fuzzy_low = MAPI_FL_SUBSTRING;
	content.u.content.fuzzy_high = MAPI_FL_IGNORECASE;
	content.u.content.prop_tag = PidTagSubject;
	content.u.content.value = fx_str(PidTagSubject, "AGE 1");
	assert_int_equal(mapistore_view_restrict(view, &content), 0);
	assert_int_equal(mapistore_view_row_count(view), 10);	/* 10..19 */
	struct mapi_restriction both[2] = { res, content };
	struct mapi_restriction and = { .type = MAPI_RES_AND };
	and.u.and_or.count = 2;
	and.u.and_or.items = both;
	assert_int_equal(mapistore_view_restrict(view, &and), 0);
	sort_by(view, PidTagSubject, MAPI_SORT_ASCENDING);
	struct mapi_proprow_set set = query(fx, view, 50);
	assert_int_equal(set.count, 3);
	assert_string_equal(set.rows[0].values[0].v.str, "message 11");
	assert_string_equal(set.rows[2].values[0].v.str, "message 17");
	assert_int_equal(mapistore_view_restrict(view, NULL), 0);
	assert_int_equal(mapistore_view_row_count(view), 20);
}

/* MS-OXCTABL 3.2.5.8-3.2.5.12: positions, seeks and bookmarks over a store table. */
static void test_contents_positions_bookmarks(void **state)
{
	struct fx *fx = *state;
	uint64_t *mids = fill_inbox(fx, 20);
	uint32_t cols[1] = { PidTagMid };
	struct mapistore_view *view = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS, 0, cols, 1);
	sort_by(view, PidTagMessageDeliveryTime, MAPI_SORT_ASCENDING);
	uint32_t num, den;
	assert_int_equal(mapistore_view_query_position(view, &num, &den), 0);
	assert_int_equal(num, 0);
	assert_int_equal(den, 20);
	bool less;
	int32_t sought;
	assert_int_equal(mapistore_view_seek(view, MAPISTORE_BOOKMARK_BEGINNING, 5, &less, &sought), 0);
	assert_false(less);
	assert_int_equal(sought, 5);
	uint32_t bm;
	assert_int_equal(mapistore_view_create_bookmark(view, &bm), 0);
	struct mapi_proprow_set set = query(fx, view, 3);
	assert_int_equal((uint64_t)set.rows[0].values[0].v.i64, mids[5]);
	assert_int_equal(mapistore_view_query_position(view, &num, &den), 0);
	assert_int_equal(num, 8);
	bool gone;
	assert_int_equal(mapistore_view_seek_bookmark(view, bm, 2, &gone, &less, &sought), 0);
	assert_false(gone);
	set = query(fx, view, 1);
	assert_int_equal((uint64_t)set.rows[0].values[0].v.i64, mids[7]);
	assert_int_equal(mapistore_view_seek(view, MAPISTORE_BOOKMARK_END, -30, &less, &sought), 0);
	assert_true(less);
	assert_int_equal(sought, -20);
	assert_int_equal(mapistore_view_seek_fractional(view, 1, 2), 0);
	assert_int_equal(mapistore_view_query_position(view, &num, &den), 0);
	assert_int_equal(num, 10);
	// A column added after the load keeps the cursor and the bookmark.
	uint32_t more[2] = { PidTagMid, PidTagSubject };
	assert_int_equal(mapistore_view_set_columns(view, more, 2), 0);
	assert_int_equal(mapistore_view_query_position(view, &num, &den), 0);
	assert_int_equal(num, 10);
	set = query(fx, view, 1);
	assert_string_equal(set.rows[0].values[1].v.str, "message 10");
	assert_int_equal(mapistore_view_seek_bookmark(view, bm, 0, &gone, &less, &sought), 0);
	set = query(fx, view, 1);
	assert_string_equal(set.rows[0].values[1].v.str, "message 05");
	// FindRow on a property that is neither column nor sort key.
	struct mapi_restriction res = { .type = MAPI_RES_PROPERTY };
	res.u.property.relop = MAPI_RELOP_EQ;
	res.u.property.prop_tag = PidTagImportance;
	res.u.property.value = fx_i32(PidTagImportance, 1);
	struct mapi_proprow row;
	assert_int_equal(mapistore_view_find_row(fx->mem, view, &res, MAPISTORE_BOOKMARK_CURRENT, 0, false, &gone,
						 &row), 0);
	assert_string_equal(row.values[1].v.str, "message 07");
	assert_int_equal(mapistore_view_free_bookmark(view, bm), 0);
	assert_int_equal(mapistore_view_seek_bookmark(view, bm, 0, &gone, &less, &sought), MAPI_E_INVALID_BOOKMARK);
	// Sorting invalidates bookmarks (MS-OXCTABL 3.2.5.3).
	assert_int_equal(mapistore_view_create_bookmark(view, &bm), 0);
	sort_by(view, PidTagSubject, MAPI_SORT_DESCENDING);
	assert_int_equal(mapistore_view_seek_bookmark(view, bm, 0, &gone, &less, &sought), MAPI_E_INVALID_BOOKMARK);
}

/* MS-OXCFOLD 2.2.1.14: contents and associated contents tables are disjoint. */
static void test_fai_vs_normal(void **state)
{
	struct fx *fx = *state;
	for (int i = 0; i < 5; i++)
		message(fx, inbox(fx), false, "normal", 1000 + (uint64_t)i, 0);
	for (int i = 0; i < 3; i++)
		message(fx, inbox(fx), true, "associated", 2000 + (uint64_t)i, 0);
	uint32_t cols[1] = { PidTagSubject };
	struct mapistore_view *normal = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS, 0, cols, 1);
	struct mapistore_view *fai = open_view(fx, inbox(fx), MAPISTORE_VIEW_ASSOCIATED, 0, cols, 1);
	struct mapistore_view *flag = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS,
						MAPISTORE_VIEW_FLAG_ASSOCIATED, cols, 1);
	assert_int_equal(mapistore_view_row_count(normal), 5);
	assert_int_equal(mapistore_view_row_count(fai), 3);
	assert_int_equal(mapistore_view_row_count(flag), 3);
	struct mapi_proprow_set set = query(fx, fai, 10);
	for (uint16_t i = 0; i < set.count; i++)
		assert_string_equal(set.rows[i].values[0].v.str, "associated");
	set = query(fx, normal, 10);
	for (uint16_t i = 0; i < set.count; i++)
		assert_string_equal(set.rows[i].values[0].v.str, "normal");
	// Soft deletes: the message moves to the SoftDeletes table after a refresh.
	uint32_t mid_col = PidTagMid;
	assert_int_equal(mapistore_view_set_columns(normal, &mid_col, 1), 0);
	assert_int_equal(mapistore_view_seek(normal, MAPISTORE_BOOKMARK_BEGINNING, 0, NULL, NULL), 0);
	set = query(fx, normal, 1);
	uint64_t mid = (uint64_t)set.rows[0].values[0].v.i64;
	assert_int_equal(mapistore_message_delete(fx->mbox, &mid, 1, false), 0);
	assert_int_equal(mapistore_view_row_count(normal), 5);	/* a snapshot */
	assert_int_equal(mapistore_view_refresh(normal), 0);
	assert_int_equal(mapistore_view_row_count(normal), 4);
	struct mapistore_view *deleted = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS,
						   MAPISTORE_VIEW_FLAG_SOFT_DELETES, &mid_col, 1);
	assert_int_equal(mapistore_view_row_count(deleted), 1);
}

/* A message with recipients (display name, e-mail) and one attachment named file. */
static uint64_t message_with(struct fx *fx, const char *to, const char *file)
{
	struct mapistore_object *msg, *att;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval pv = fx_str(PidTagSubject, file);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	struct mapi_propval rv[2][2] = { { fx_str(PidTagDisplayName, "Ann"), fx_str(PidTagEmailAddress, "ann@x") },
					 { fx_str(PidTagDisplayName, to), fx_str(PidTagEmailAddress, to) } };
	struct mapistore_recipient rows[2] = { { .row_id = 0, .count = 2, .vals = rv[0] },
					       { .row_id = 1, .count = 2, .vals = rv[1] } };
	assert_int_equal(mapistore_message_modify_recipients(msg, rows, 2), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	struct mapi_propval av[2] = { fx_str(PidTagAttachLongFilename, file), fx_i32(PidTagAttachMethod, 1) };
	assert_int_equal(mapistore_object_set_props(att, av, 2), 0);
	assert_int_equal(mapistore_object_save(att), 0);
	uint64_t mid = mapistore_object_id(msg);
	talloc_free(msg);
	return mid;
}

/* MS-OXCDATA 2.12.10 SubObject restrictions on recipients and attachments. */
static void test_subobject(void **state)
{
	struct fx *fx = *state;
	message_with(fx, "bob@x", "a.txt");
	uint64_t m2 = message_with(fx, "carol@x", "b.pdf");
	message_with(fx, "dave@x", "c.txt");
	uint32_t cols[1] = { PidTagMid };
	struct mapistore_view *view = open_view(fx, inbox(fx), MAPISTORE_VIEW_CONTENTS, 0, cols, 1);
	struct mapi_restriction to = { .type = MAPI_RES_PROPERTY };
	to.u.property.relop = MAPI_RELOP_EQ;
	to.u.property.prop_tag = PidTagEmailAddress;
	to.u.property.value = fx_str(PidTagEmailAddress, "CAROL@X");
	struct mapi_restriction sub = { .type = MAPI_RES_SUBOBJECT };
	sub.u.subobject.subobject = PidTagMessageRecipients;
	sub.u.subobject.sub = &to;
	assert_int_equal(mapistore_view_restrict(view, &sub), 0);
	struct mapi_proprow_set set = query(fx, view, 10);
	assert_int_equal(set.count, 1);
	assert_int_equal((uint64_t)set.rows[0].values[0].v.i64, m2);
	// Every message has Ann.
	to.u.property.value = fx_str(PidTagEmailAddress, "ann@x");
	assert_int_equal(mapistore_view_restrict(view, &sub), 0);
	assert_int_equal(mapistore_view_row_count(view), 3);
	// Attachments whose name ends in .txt (substring), and AttachNumber 0 (computed).
	struct mapi_restriction name = { .type = MAPI_RES_CONTENT };
	name.u.content.fuzzy_low = MAPI_FL_SUBSTRING;
	name.u.content.prop_tag = PidTagAttachLongFilename;
	name.u.content.value = fx_str(PidTagAttachLongFilename, ".txt");
	sub.u.subobject.subobject = PidTagMessageAttachments;
	sub.u.subobject.sub = &name;
	assert_int_equal(mapistore_view_restrict(view, &sub), 0);
	assert_int_equal(mapistore_view_row_count(view), 2);
	struct mapi_restriction num = { .type = MAPI_RES_PROPERTY };
	num.u.property.relop = MAPI_RELOP_EQ;
	num.u.property.prop_tag = PidTagAttachNumber;
	num.u.property.value = fx_i32(PidTagAttachNumber, 1);
	sub.u.subobject.sub = &num;
	assert_int_equal(mapistore_view_restrict(view, &sub), 0);
	assert_int_equal(mapistore_view_row_count(view), 0);
}

/* Attachment and recipient tables of a message (MS-OXCMSG 2.2.3.17, RowId rows of 2.2.3.5). */
static void test_attachment_recipient_tables(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = message_with(fx, "bob@x", "a.txt");
	uint32_t acols[2] = { PidTagAttachNumber, PidTagAttachLongFilename };
	struct mapistore_view *att = open_view(fx, mid, MAPISTORE_VIEW_ATTACHMENTS, 0, acols, 2);
	struct mapi_proprow_set set = query(fx, att, 10);
	assert_int_equal(set.count, 1);
	assert_int_equal(set.rows[0].values[0].v.i32, 0);
	assert_string_equal(set.rows[0].values[1].v.str, "a.txt");
	uint32_t rcols[2] = { PidTagRowid, PidTagEmailAddress };
	struct mapistore_view *rcp = open_view(fx, mid, MAPISTORE_VIEW_RECIPIENTS, 0, rcols, 2);
	sort_by(rcp, PidTagRowid, MAPI_SORT_DESCENDING);
	set = query(fx, rcp, 10);
	assert_int_equal(set.count, 2);
	assert_int_equal(set.rows[0].values[0].v.i32, 1);
	assert_string_equal(set.rows[0].values[1].v.str, "bob@x");
	assert_string_equal(set.rows[1].values[1].v.str, "ann@x");
	uint32_t *tags;
	uint16_t n;
	assert_int_equal(mapistore_view_query_columns_all(fx->mem, rcp, &tags, &n), 0);
	bool display = false;
	for (uint16_t i = 0; i < n; i++)
		display |= tags[i] == PidTagDisplayName;
	assert_true(display);
}

static void test_open_errors(void **state)
{
	struct fx *fx = *state;
	struct mapistore_view *view;
	uint64_t mid = fx_message(fx, inbox(fx), "x");
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, 0x123456789ULL, MAPISTORE_VIEW_CONTENTS, 0, &view),
			 MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, mid, MAPISTORE_VIEW_CONTENTS, 0, &view),
			 MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, inbox(fx), MAPISTORE_VIEW_RECIPIENTS, 0, &view),
			 MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, inbox(fx), 99, 0, &view), MAPI_E_INVALID_PARAMETER);
	// Without columns QueryRows is ecNullObject (MS-OXCTABL 3.2.5.5), as in the engine.
	assert_int_equal(mapistore_view_open(fx->mem, fx->mbox, inbox(fx), MAPISTORE_VIEW_CONTENTS, 0, &view), 0);
	struct mapi_proprow_set set;
	uint8_t origin;
	assert_int_equal(mapistore_view_query_rows(fx->mem, view, true, true, 1, &origin, &set), ecNullObject);
	assert_int_equal(mapistore_view_row_count(view), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_hierarchy_standard, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_hierarchy_depth, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_contents_sort_delivery, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_contents_restrict, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_contents_positions_bookmarks, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fai_vs_normal, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_subobject, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_attachment_recipient_tables, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_open_errors, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store_view", tests, NULL, NULL);
}
