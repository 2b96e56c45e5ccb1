/*
 * Store conformance: messages (MS-OXCMSG, MS-OXCFOLD 3.2.5.6/3.2.5.11): save semantics, change
 * tracking on every save, read state, soft/hard delete, move/copy, recipients, attachments and
 * embedded messages.
 */
#include "mapistore_pcl.h"
#include "store_test.h"

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

static void test_message_unsaved_is_invisible(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	uint64_t mid = mapistore_object_id(msg);
	assert_int_equal(mapistore_id_replid(mid), 1);
	assert_int_equal(mapistore_object_kind(msg), MAPISTORE_KIND_MESSAGE);
	struct mapi_propval pv = fx_str(PidTagSubject, "hello");
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	// Visible through the handle, not in the store.
	uint32_t tag = PidTagSubject;
	struct mapi_propval *v;
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, &tag, 1, &v), 0);
	assert_string_equal(v->v.str, "hello");
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, 0), 0);
	struct mapistore_object *other;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &other), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, 0), 1);
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &other), 0);
	assert_int_equal(mapistore_object_get_props(fx->mem, other, &tag, 1, &v), 0);
	assert_string_equal(v->v.str, "hello");
	// Store-set values of a new message (MS-OXCMSG 2.2.1.6).
	assert_int_equal(fx_get_i64(fx, mid, PidTagMid), (int64_t)mid);
	assert_int_equal(fx_get_i64(fx, mid, PidTagParentFolderId), (int64_t)inbox(fx));
	assert_int_equal(fx_get_i64(fx, mid, PidTagMessageFlags), 0x08);
	assert_true(fx_get_i64(fx, mid, PidTagCreationTime) > 0);
	assert_true(fx_get_i64(fx, mid, PidTagLastModificationTime) > 0);
	// A message cannot be created in a message or a missing folder.
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, mid, false, &other), MAPI_E_NO_SUPPORT);
	uint64_t missing;
	assert_int_equal(mapistore_id_make(1, 777777, &missing), 0);
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, missing, false, &other), MAPI_E_NOT_FOUND);
}

static void test_message_abandoned_mid_not_reused(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *a, *b;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &a), 0);
	talloc_free(a);
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &b), 0);
	(void)b;
	uint64_t m1 = fx_message(fx, inbox(fx), "1");
	uint64_t m2 = fx_message(fx, inbox(fx), "2");
	assert_true(mapistore_id_globcnt(m2) > mapistore_id_globcnt(m1));
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, 0), 2);
}

static void test_message_changes_on_every_save(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	uint64_t prev = 0;
	for (int i = 0; i < 4; i++) {
		struct mapi_propval pv = fx_i32(PidTagImportance, i % 3);
		assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
		assert_int_equal(mapistore_object_save(msg), 0);
		uint64_t cn = (uint64_t)fx_get_i64(fx, mapistore_object_id(msg), PidTagChangeNumber);
		assert_true(mapistore_id_globcnt(cn) > mapistore_id_globcnt(prev));
		prev = cn;
	}
	// The PCL holds one XID for the mailbox namespace: the latest change (MS-OXCFXICS 3.1.5.3).
	uint32_t tags[2] = { PidTagChangeKey, PidTagPredecessorChangeList };
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mapistore_object_id(msg), tags, 2, &v), 0);
	struct mapistore_pcl *pcl;
	assert_int_equal(mapistore_pcl_parse(fx->mem, v[1].v.bin.data, v[1].v.bin.length, &pcl), 0);
	assert_int_equal(pcl->count, 1);
	assert_int_equal(mapistore_id_globcnt_get(pcl->xids[0].local_id), mapistore_id_globcnt(prev));
	assert_int_equal(mapistore_id_globcnt_get(v[0].v.bin.data + 16), mapistore_id_globcnt(prev));
	// A PCL the client brings is merged, not replaced.
	struct mapistore_id_xid foreign = { .guid = mapi_guid_random(), .local_id_size = 6 };
	mapistore_id_globcnt_put(foreign.local_id, 99);
	struct mapistore_pcl *two = mapistore_pcl_new(fx->mem);
	assert_int_equal(mapistore_pcl_add(two, &foreign), 0);
	uint8_t *buf;
	size_t len;
	assert_int_equal(mapistore_pcl_serialize(fx->mem, two, &buf, &len), 0);
	struct mapi_propval pv = fx_bin(PidTagPredecessorChangeList, buf, (uint32_t)len);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mapistore_object_id(msg), tags, 2, &v), 0);
	assert_int_equal(mapistore_pcl_parse(fx->mem, v[1].v.bin.data, v[1].v.bin.length, &pcl), 0);
	assert_int_equal(pcl->count, 2);
	assert_non_null(mapistore_pcl_find(pcl, &foreign.guid));
}

static void test_message_delete_props_pending(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = fx_message(fx, inbox(fx), "s");
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &msg), 0);
	uint32_t tag = PidTagSubject;
	assert_int_equal(mapistore_object_delete_props(msg, &tag, 1), 0);
	struct mapi_propval *v;
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, &tag, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_string_equal(fx_get_str(fx, mid, PidTagSubject), "s");
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mid, &tag, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
	// Set after delete wins.
	struct mapi_propval pv = fx_str(PidTagSubject, "again");
	assert_int_equal(mapistore_object_delete_props(msg, &tag, 1), 0);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_string_equal(fx_get_str(fx, mid, PidTagSubject), "again");
}

static void test_message_read_state(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = fx_message(fx, inbox(fx), "r");
	struct mapistore_record before;
	assert_int_equal(mapistore_record(fx->mbox, mid, &before), 0);
	assert_int_equal(before.read_change_num, 0);
	assert_int_equal(mapistore_message_set_read(fx->mbox, mid, true), 0);
	// MS-OXCFXICS 2.2.1.1.4: a read-state change gets its own CN; the content CN stays.
	struct mapistore_record after;
	assert_int_equal(mapistore_record(fx->mbox, mid, &after), 0);
	assert_int_equal(after.change_num, before.change_num);
	assert_true(mapistore_id_globcnt(after.read_change_num) > mapistore_id_globcnt(before.change_num));
	assert_int_equal(fx_get_i64(fx, mid, PidTagChangeNumber), (int64_t)before.change_num);
	assert_int_equal(fx_get_i64(fx, mid, PidTagMessageFlags) & 1, 1);
	assert_int_equal(fx_get_i64(fx, mid, PidTagRead), 1);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, mid, &rec), 0);
	assert_true((rec.flags & MAPISTORE_RECORD_READ) != 0);
	assert_int_equal(mapistore_message_set_read(fx->mbox, mid, false), 0);
	struct mapistore_record again;
	assert_int_equal(mapistore_record(fx->mbox, mid, &again), 0);
	assert_true(mapistore_id_globcnt(again.read_change_num) > mapistore_id_globcnt(after.read_change_num));
	assert_int_equal(fx_get_i64(fx, mid, PidTagMessageFlags) & 1, 0);
	assert_int_equal(fx_get_i64(fx, mid, PidTagMessageFlags) & 8, 8);
	assert_int_equal(mapistore_message_set_read(fx->mbox, inbox(fx), true), MAPI_E_NOT_FOUND);
	// A stale handle does not undo the read state when it saves.
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &msg), 0);
	assert_int_equal(mapistore_message_set_read(fx->mbox, mid, true), 0);
	struct mapi_propval pv = fx_str(PidTagSubject, "x");
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_record(fx->mbox, mid, &rec), 0);
	assert_true((rec.flags & MAPISTORE_RECORD_READ) != 0);
}

static void test_message_soft_and_hard_delete(void **state)
{
	struct fx *fx = *state;
	uint64_t m[3] = { fx_message(fx, inbox(fx), "a"), fx_message(fx, inbox(fx), "b"), 0 };
	assert_int_equal(mapistore_id_make(1, 777777, &m[2]), 0);
	// MS-OXCFOLD 3.2.5.11: an unknown MID makes it a partial completion.
	assert_int_equal(mapistore_message_delete(fx->mbox, m, 3, false), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, 0), 0);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_DELETED), 2);
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, m[0], &msg), MAPI_E_NOT_FOUND);
	// Soft-deleted messages are no longer deletable as live ones; a hard delete of live ones removes them.
	uint64_t h = fx_message(fx, inbox(fx), "h");
	assert_int_equal(mapistore_message_delete(fx->mbox, &h, 1, true), 0);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, h, &rec), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_delete(fx->mbox, &h, 1, true), MAPI_W_ERRORS_RETURNED);
}

static void test_message_move_and_copy(void **state)
{
	struct fx *fx = *state;
	uint64_t drafts = mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS);
	uint64_t m1 = fx_message(fx, inbox(fx), "one");
	uint64_t m2 = fx_message(fx, inbox(fx), "two");
	uint64_t mids[2] = { m1, m2 }, out[2];
	uint32_t tag = PidTagPredecessorChangeList;
	struct mapi_propval *before;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, m1, &tag, 1, &before), 0);
	assert_int_equal(mapistore_message_move(fx->mbox, mids, 2, drafts, true, out), 0);
	assert_int_not_equal(out[0], m1);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, 0), 2);
	assert_int_equal(fx_children(fx, drafts, MAPISTORE_KIND_MESSAGE, 0), 2);
	assert_string_equal(fx_get_str(fx, out[0], PidTagSubject), "one");
	assert_int_equal(fx_get_i64(fx, out[0], PidTagMid), (int64_t)out[0]);
	assert_int_equal(fx_get_i64(fx, out[0], PidTagParentFolderId), (int64_t)drafts);
	// Move: gone from the source, same content, PCL still includes the old version.
	uint64_t sent = mapistore_mailbox_special(fx->mbox, MAPISTORE_SENT_ITEMS);
	assert_int_equal(mapistore_message_move(fx->mbox, &m1, 1, sent, false, out), 0);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, m1, &rec), MAPI_E_NOT_FOUND);
	assert_string_equal(fx_get_str(fx, out[0], PidTagSubject), "one");
	struct mapi_propval *after;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, out[0], &tag, 1, &after), 0);
	struct mapistore_pcl *p_before, *p_after;
	assert_int_equal(mapistore_pcl_parse(fx->mem, before->v.bin.data, before->v.bin.length, &p_before), 0);
	assert_int_equal(mapistore_pcl_parse(fx->mem, after->v.bin.data, after->v.bin.length, &p_after), 0);
	bool includes;
	assert_int_equal(mapistore_pcl_includes(p_after, p_before, &includes), 0);
	assert_true(includes);
	// Errors: search folder destination, not a folder, unknown MIDs.
	uint64_t search;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "s", MAPISTORE_FOLDER_SEARCH, &search), 0);
	assert_int_equal(mapistore_message_move(fx->mbox, &m2, 1, search, false, NULL), ecSearchFolder);
	assert_int_equal(mapistore_message_move(fx->mbox, &m2, 1, m2, false, NULL), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_message_move(fx->mbox, &m1, 1, drafts, false, out), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(out[0], 0);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static struct mapistore_recipient recip(TALLOC_CTX *mem, uint32_t row, const char *name)
{
	struct mapistore_recipient r = { .row_id = row, .count = name != NULL ? 2 : 0 };
	r.vals = talloc_zero_array(mem, struct mapi_propval, 2);
	r.vals[0] = fx_str(PidTagDisplayName, name);
	r.vals[1] = fx_i32(PidTagRecipientType, 1);
	return r;
}

static void test_recipients(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapistore_recipient rows[2] = { recip(fx->mem, 0, "Ann"), recip(fx->mem, 1, "Ben") };
	assert_int_equal(mapistore_message_modify_recipients(msg, rows, 2), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	uint64_t mid = mapistore_object_id(msg);
	uint32_t tags[2] = { PidTagDisplayName, 0x30000003U };
	struct mapistore_child *r;
	uint32_t count;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, mid, MAPISTORE_KIND_RECIPIENT, 0, tags, 2, &r, &count), 0);
	assert_int_equal(count, 2);
	assert_string_equal(r[0].vals[0].v.str, "Ann");
	assert_int_equal(r[1].vals[1].v.i32, 1);
	assert_int_equal(r[1].num, 1);
	// Replace row 0, remove row 1 (a row without values).
	struct mapistore_recipient change[2] = { recip(fx->mem, 0, "Anna"), recip(fx->mem, 1, NULL) };
	assert_int_equal(mapistore_message_modify_recipients(msg, change, 2), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, mid, MAPISTORE_KIND_RECIPIENT, 0, tags, 2, &r, &count), 0);
	assert_int_equal(count, 1);
	assert_string_equal(r[0].vals[0].v.str, "Anna");
	// Copies carry recipients; bad values are refused.
	uint64_t out;
	assert_int_equal(mapistore_message_move(fx->mbox, &mid, 1, inbox(fx), true, &out), 0);
	assert_int_equal(fx_children(fx, out, MAPISTORE_KIND_RECIPIENT, 0), 1);
	struct mapistore_recipient bad = recip(fx->mem, 3, "x");
	bad.vals[1].tag = MAPI_PROP_TAG(0x0C15, PT_NULL);
	assert_int_equal(mapistore_message_modify_recipients(msg, &bad, 1), MAPI_E_INVALID_PARAMETER);
}

static void test_attachments(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg, *att, *att2;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_object_save(msg), 0);
	uint64_t mid = mapistore_object_id(msg);
	uint64_t cn0 = (uint64_t)fx_get_i64(fx, mid, PidTagChangeNumber);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att2), 0);
	assert_int_equal(mapistore_object_num(att), 0);
	assert_int_equal(mapistore_object_num(att2), 1);
	uint8_t data[100];
	memset(data, 0xAB, sizeof(data));
	struct mapi_propval pv[2] = { fx_bin(PidTagAttachDataBinary, data, sizeof(data)), fx_i32(PidTagAttachMethod, 1) };
	assert_int_equal(mapistore_object_set_props(att, pv, 2), 0);
	assert_int_equal(mapistore_object_save(att), 0);
	// An attachment save is a change of the message.
	uint64_t cn1 = (uint64_t)fx_get_i64(fx, mid, PidTagChangeNumber);
	assert_true(mapistore_id_globcnt(cn1) > mapistore_id_globcnt(cn0));
	struct mapistore_object *again;
	assert_int_equal(mapistore_attach_open(fx->mem, msg, 0, &again), 0);
	uint32_t tag = PidTagAttachDataBinary;
	struct mapi_propval *v;
	assert_int_equal(mapistore_object_get_props(fx->mem, again, &tag, 1, &v), 0);
	assert_int_equal(v->v.bin.length, sizeof(data));
	assert_memory_equal(v->v.bin.data, data, sizeof(data));
	assert_int_equal(mapistore_attach_open(fx->mem, msg, 7, &again), MAPI_E_NOT_FOUND);
	assert_int_equal(fx_children(fx, mid, MAPISTORE_KIND_ATTACHMENT, 0), 2);
	assert_int_equal(mapistore_attach_delete(msg, 1), 0);
	assert_int_equal(mapistore_attach_delete(msg, 1), MAPI_E_NOT_FOUND);
	assert_int_equal(fx_children(fx, mid, MAPISTORE_KIND_ATTACHMENT, 0), 1);
	uint64_t cn2 = (uint64_t)fx_get_i64(fx, mid, PidTagChangeNumber);
	assert_true(mapistore_id_globcnt(cn2) > mapistore_id_globcnt(cn1));
	// The next number is the highest in use + 1.
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att2), 0);
	assert_int_equal(mapistore_object_num(att2), 1);
}

static void test_embedded_message(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = fx_message(fx, inbox(fx), "outer");
	struct mapistore_object *msg, *att, *emb, *emb2;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	assert_int_equal(mapistore_attach_embedded(fx->mem, att, false, &emb), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_attach_embedded(fx->mem, att, true, &emb), 0);
	struct mapi_propval pv = fx_str(PidTagSubject, "inner");
	assert_int_equal(mapistore_object_set_props(emb, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(emb), 0);
	assert_int_equal(mapistore_object_save(att), 0);
	assert_int_equal(mapistore_attach_embedded(fx->mem, att, false, &emb2), 0);
	assert_int_equal(mapistore_object_id(emb2), mapistore_object_id(emb));
	assert_string_equal(fx_get_str(fx, mapistore_object_id(emb), PidTagSubject), "inner");
	assert_int_equal(fx_get_i64(fx, mapistore_object_id(att),
				    PidTagAttachMethod), 5);
	assert_int_equal(mapistore_attach_embedded(fx->mem, msg, false, &emb2), MAPI_E_NO_SUPPORT);
	// Embedded messages are not folder contents, and go with copies.
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_MESSAGE, 0), 1);
	uint64_t out;
	assert_int_equal(mapistore_message_move(fx->mbox, &mid, 1, inbox(fx), true, &out), 0);
	struct mapistore_child *rows;
	uint32_t count;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, out, MAPISTORE_KIND_ATTACHMENT, 0, NULL, 0, &rows, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(fx_children(fx, rows[0].id, MAPISTORE_KIND_MESSAGE, 0), 1);
	assert_int_equal(mapistore_message_delete(fx->mbox, &mid, 1, true), 0);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, mapistore_object_id(emb), &rec), MAPI_E_NOT_FOUND);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_message[] = {
	T(test_message_unsaved_is_invisible),
	T(test_message_abandoned_mid_not_reused),
	T(test_message_changes_on_every_save),
	T(test_message_delete_props_pending),
	T(test_message_read_state),
	T(test_message_soft_and_hard_delete),
	T(test_message_move_and_copy),
	T(test_recipients),
	T(test_attachments),
	T(test_embedded_message),
};
const size_t store_tests_message_count = sizeof(store_tests_message) / sizeof(store_tests_message[0]);
