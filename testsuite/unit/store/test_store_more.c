/*
 * Store conformance, further cases: what a fresh object carries, pending-value rules, the blob
 * threshold boundary, large strings, streams on attachments, nested embedded messages, FAI
 * messages through copies and moves, and entry IDs of every special folder.
 */
#include "store_test.h"

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

static bool has_tag(const uint32_t *tags, uint32_t n, uint32_t tag)
{
	for (uint32_t i = 0; i < n; i++) {
		if (tags[i] == tag)
			return true;
	}
	return false;
}

static void test_fresh_objects_carry_change_tracking(void **state)
{
	struct fx *fx = *state;
	static const uint32_t folder_tags[] = { PidTagDisplayName, PidTagFolderType, PidTagFolderId,
		PidTagParentFolderId, PidTagChangeNumber, PidTagChangeKey, PidTagPredecessorChangeList,
		PidTagLastModificationTime };
	uint32_t *tags, n;
	for (unsigned i = 0; i < MAPISTORE_SPECIAL_COUNT; i++) {
		uint64_t fid = mapistore_mailbox_special(fx->mbox, (enum mapistore_special)i);
		assert_int_equal(mapistore_props_list(fx->mem, fx->mbox, fid, &tags, &n), 0);
		for (size_t k = 0; k < sizeof(folder_tags) / sizeof(folder_tags[0]); k++)
			assert_true(has_tag(tags, n, folder_tags[k]));
		for (uint32_t k = 1; k < n; k++)
			assert_true(tags[k] > tags[k - 1]);
	}
	static const uint32_t message_tags[] = { PidTagMid, PidTagParentFolderId, PidTagMessageFlags,
		PidTagCreationTime, PidTagChangeNumber, PidTagChangeKey, PidTagPredecessorChangeList,
		PidTagLastModificationTime, PidTagSubject };
	uint64_t mid = fx_message(fx, inbox(fx), "s");
	assert_int_equal(mapistore_props_list(fx->mem, fx->mbox, mid, &tags, &n), 0);
	assert_int_equal(n, sizeof(message_tags) / sizeof(message_tags[0]));
	for (size_t k = 0; k < sizeof(message_tags) / sizeof(message_tags[0]); k++)
		assert_true(has_tag(tags, n, message_tags[k]));
	// Change numbers of the special folders are distinct and below the message's.
	uint64_t cn_msg = (uint64_t)fx_get_i64(fx, mid, PidTagChangeNumber);
	for (unsigned i = 0; i < MAPISTORE_SPECIAL_COUNT; i++) {
		uint64_t cn = (uint64_t)fx_get_i64(fx, mapistore_mailbox_special(fx->mbox, (enum mapistore_special)i),
						   PidTagChangeNumber);
		assert_true(mapistore_id_globcnt(cn) < mapistore_id_globcnt(cn_msg));
		assert_true(mapistore_id_globcnt(cn) > MAPISTORE_SPECIAL_COUNT);
	}
}

static void test_pending_rules(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval a = fx_str(PidTagSubject, "first"), b = fx_str(PidTagSubject, "second");
	assert_int_equal(mapistore_object_set_props(msg, &a, 1), 0);
	assert_int_equal(mapistore_object_set_props(msg, &b, 1), 0);
	// Another type under the same ID replaces the pending value too.
	struct mapi_propval c = fx_str(MAPI_PROP_TAG(0x0037, PT_STRING8), "third");
	assert_int_equal(mapistore_object_set_props(msg, &c, 1), 0);
	uint32_t tags[3] = { PidTagSubject, MAPI_PROP_TAG(0x0037, PT_STRING8), MAPI_PROP_TAG(0x0037, PT_UNSPECIFIED) };
	struct mapi_propval *v;
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, tags, 3, &v), 0);
	assert_int_equal(v[0].flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_string_equal(v[1].v.str, "third");
	assert_string_equal(v[2].v.str, "third");
	// Computed values of an unsaved message do not exist yet; deleting what is not there is fine.
	uint32_t has = PidTagHasAttachments, none = PidTagComment;
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, &has, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_int_equal(mapistore_object_delete_props(msg, &none, 1), 0);
	assert_int_equal(mapistore_object_delete_props(msg, &none, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	uint64_t mid = mapistore_object_id(msg);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mid, &tags[2], 1, &v), 0);
	assert_int_equal(v->tag, MAPI_PROP_TAG(0x0037, PT_STRING8));
	// The values handed in belong to the caller: changing them afterwards changes nothing.
	char *buf = talloc_strdup(fx->mem, "mutable");
	struct mapi_propval d = fx_str(PidTagComment, buf);
	assert_int_equal(mapistore_object_set_props(msg, &d, 1), 0);
	buf[0] = 'X';
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_string_equal(fx_get_str(fx, mid, PidTagComment), "mutable");
	// Saving with nothing pending is a change too (a new CN).
	int64_t cn1 = fx_get_i64(fx, mid, PidTagChangeNumber);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_true(fx_get_i64(fx, mid, PidTagChangeNumber) != cn1);
}

static struct mapistore_backend_stats stats(struct fx *fx)
{
	struct mapistore_backend_stats st;
	assert_int_equal(mapistore_vfuncs(fx->store)->stats(mapistore_backend(fx->store), &st), 0);
	return st;
}

static void test_blob_threshold_boundary(void **state)
{
	struct fx *fx = *state;
	// The stored form of a binary is 4 + length bytes; 64 KiB and more go to a blob.
	uint32_t below = 64 * 1024 - 5, at = 64 * 1024 - 4;
	uint8_t *data = talloc_zero_size(fx->mem, at);
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval pv = fx_bin(PidTagAttachDataBinary, data, below);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(stats(fx).blobs, 0);
	pv.v.bin.length = at;
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(stats(fx).blobs, 1);
	uint32_t tag = PidTagAttachDataBinary;
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mapistore_object_id(msg), &tag, 1, &v), 0);
	assert_int_equal(v->v.bin.length, at);
}

static void test_large_unicode_body(void **state)
{
	struct fx *fx = *state;
	size_t len = 150 * 1024;
	char *body = talloc_array(fx->mem, char, len + 1);
	for (size_t i = 0; i < len; i++)
		body[i] = (char)('a' + i % 26);
	// A few multi-byte characters (UTF-8 in memory, UTF-16LE stored).
	memcpy(body + 100, "\xc3\xa9\xe2\x82\xac", 5);
	body[len] = 0;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval pv = fx_str(PidTagBody, body);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(stats(fx).blobs, 1);
	assert_string_equal(fx_get_str(fx, mapistore_object_id(msg), PidTagBody), body);
	// Read back as a stream: UTF-16LE, two bytes per BMP character.
	struct mapistore_stream *st;
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagBody, MAPISTORE_STREAM_READ, &st), 0);
	assert_int_equal(mapistore_stream_size(st), 2 * (len - 3));
}

static void test_stream_on_attachment(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = fx_message(fx, inbox(fx), "with file");
	struct mapistore_object *msg, *att;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	struct mapistore_stream *st;
	assert_int_equal(mapistore_stream_open(fx->mem, att, PidTagAttachDataBinary, MAPISTORE_STREAM_CREATE, &st), 0);
	uint8_t chunk[4096];
	size_t n;
	for (int i = 0; i < 40; i++) {
		memset(chunk, i, sizeof(chunk));
		assert_int_equal(mapistore_stream_write(st, chunk, sizeof(chunk), &n), 0);
	}
	assert_int_equal(mapistore_stream_commit(st), 0);
	assert_int_equal(mapistore_object_save(att), 0);
	struct mapistore_object *again;
	assert_int_equal(mapistore_attach_open(fx->mem, msg, 0, &again), 0);
	assert_int_equal(mapistore_stream_open(fx->mem, again, PidTagAttachDataBinary, MAPISTORE_STREAM_READ, &st), 0);
	assert_int_equal(mapistore_stream_size(st), 40 * 4096);
	assert_int_equal(mapistore_stream_seek(st, 0, 39 * 4096, NULL), 0);
	assert_int_equal(mapistore_stream_read(st, chunk, sizeof(chunk), &n), 0);
	assert_int_equal(n, 4096);
	assert_int_equal(chunk[0], 39);
	assert_int_equal(chunk[4095], 39);
	assert_int_equal(stats(fx).blobs, 1);
}

static void test_nested_embedded_messages(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = fx_message(fx, inbox(fx), "level 0");
	struct mapistore_object *msg, *att, *emb, *att2, *emb2;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	assert_int_equal(mapistore_attach_embedded(fx->mem, att, true, &emb), 0);
	assert_int_equal(mapistore_object_save(emb), 0);
	assert_int_equal(mapistore_object_save(att), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, emb, &att2), 0);
	assert_int_equal(mapistore_attach_embedded(fx->mem, att2, true, &emb2), 0);
	struct mapi_propval pv = fx_str(PidTagSubject, "level 2");
	assert_int_equal(mapistore_object_set_props(emb2, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(emb2), 0);
	assert_int_equal(mapistore_object_save(att2), 0);
	// A copy duplicates the whole chain with new IDs.
	uint64_t out;
	assert_int_equal(mapistore_message_move(fx->mbox, &mid, 1, mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS),
						true, &out), 0);
	struct mapistore_backend_stats st = stats(fx);
	assert_int_equal(st.attachments, 4);
	assert_int_equal(st.messages, 6);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
	// A hard delete of the original removes its chain and leaves the copy's.
	assert_int_equal(mapistore_message_delete(fx->mbox, &mid, 1, true), 0);
	st = stats(fx);
	assert_int_equal(st.attachments, 2);
	assert_int_equal(st.messages, 3);
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_fai_through_copies_and_moves(void **state)
{
	struct fx *fx = *state;
	uint64_t f, g;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "f", 1, &f), 0);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "g", 1, &g), 0);
	struct mapistore_object *fai;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, f, true, &fai), 0);
	struct mapi_propval pv = fx_str(PidTagMessageClass, "IPM.Configuration.Test");
	assert_int_equal(mapistore_object_set_props(fai, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(fai), 0);
	uint64_t fai_id = mapistore_object_id(fai);
	// MS-OXCMSG 2.2.1.6: an FAI message carries mfFAI.
	assert_int_equal(fx_get_i64(fx, fai_id, PidTagMessageFlags) & 0x40, 0x40);
	uint64_t copy;
	assert_int_equal(mapistore_folder_copy(fx->mbox, f, g, NULL, false, &copy), 0);
	assert_int_equal(fx_children(fx, copy, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 1);
	assert_int_equal(fx_children(fx, copy, MAPISTORE_KIND_MESSAGE, 0), 0);
	uint64_t moved;
	assert_int_equal(mapistore_message_move(fx->mbox, &fai_id, 1, g, false, &moved), 0);
	assert_int_equal(fx_children(fx, g, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 1);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 0);
	assert_string_equal(fx_get_str(fx, moved, PidTagMessageClass), "IPM.Configuration.Test");
}

static void test_entry_ids_of_every_special_folder(void **state)
{
	struct fx *fx = *state;
	for (unsigned i = 0; i < MAPISTORE_SPECIAL_COUNT; i++) {
		uint64_t fid = mapistore_mailbox_special(fx->mbox, (enum mapistore_special)i);
		struct mapi_binary eid;
		assert_int_equal(mapistore_mailbox_entry_id(fx->mem, fx->mbox, fid, 0, &eid), 0);
		assert_int_equal(eid.length, 46);
		// The GID inside (MS-OXCDATA 2.2.4.1) reads back as the FID through the REPLID table.
		struct mapistore_id_gid gid;
		uint8_t wire[22];
		memcpy(wire, eid.data + 22, 22);
		assert_int_equal(mapistore_id_gid_from_wire(wire, 22, &gid), 0);
		assert_true(mapi_guid_equal(&gid.guid, mapistore_mailbox_guid(fx->mbox)));
		assert_int_equal(gid.globcnt, mapistore_id_globcnt(fid));
		assert_int_equal(gid.globcnt, i + 1);
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_more[] = {
	T(test_fresh_objects_carry_change_tracking),
	T(test_pending_rules),
	T(test_blob_threshold_boundary),
	T(test_large_unicode_body),
	T(test_stream_on_attachment),
	T(test_nested_embedded_messages),
	T(test_fai_through_copies_and_moves),
	T(test_entry_ids_of_every_special_folder),
};
const size_t store_tests_more_count = sizeof(store_tests_more) / sizeof(store_tests_more[0]);
