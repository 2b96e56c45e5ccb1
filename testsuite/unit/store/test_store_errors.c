/*
 * Store conformance: the errors the specs name for bad input — unknown IDs, wrong kinds of
 * object, soft-deleted targets, exhausted ID and named-property spaces, unreadable client PCLs.
 */
#include "store_test.h"

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

static uint64_t unknown_id(void)
{
	uint64_t id;
	assert_int_equal(mapistore_id_make(1, 0xABCDEF, &id), 0);
	return id;
}

static void test_unknown_ids(void **state)
{
	struct fx *fx = *state;
	uint64_t id = unknown_id();
	uint32_t tag = PidTagSubject, *tags, n;
	struct mapi_propval *v;
	struct mapistore_object *obj;
	struct mapistore_record rec;
	uint64_t out;
	assert_int_equal(mapistore_record(fx->mbox, id, &rec), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, id, &tag, 1, &v), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_props_list(fx->mem, fx->mbox, id, &tags, &n), MAPI_E_NOT_FOUND);
	struct mapi_propval pv = fx_str(PidTagComment, "c");
	assert_int_equal(mapistore_props_set(fx->mbox, id, &pv, 1), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_props_delete(fx->mbox, id, &tag, 1), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, id, &obj), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_set_read(fx->mbox, id, true), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_delete(fx->mbox, id, 0), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_move(fx->mbox, id, inbox(fx), NULL), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_copy(fx->mbox, id, inbox(fx), NULL, false, &out), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_empty(fx->mbox, id, false, false), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_move(fx->mbox, &out, 0, id, false, NULL), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_delete(fx->mbox, &id, 1, false), MAPI_W_ERRORS_RETURNED);
}

static void test_wrong_kinds(void **state)
{
	struct fx *fx = *state;
	uint64_t mid = fx_message(fx, inbox(fx), "m"), fid, out;
	struct mapistore_object *msg, *att, *x;
	assert_int_equal(mapistore_folder_delete(fx->mbox, mid, 0), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_folder_move(fx->mbox, mid, inbox(fx), NULL), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "f", 1, &fid), 0);
	assert_int_equal(mapistore_folder_move(fx->mbox, fid, mid, NULL), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_folder_copy(fx->mbox, fid, mid, NULL, false, &out), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_folder_empty(fx->mbox, mid, false, false), MAPI_E_NO_SUPPORT);
	// A folder is not a message, a message not an attachment.
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, fid, &msg), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_set_read(fx->mbox, fid, true), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_delete(fx->mbox, &fid, 1, true), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(mapistore_message_move(fx->mbox, &fid, 1, inbox(fx), true, &out), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, att, &x), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_attach_open(fx->mem, att, 0, &x), MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_attach_delete(att, 0), MAPI_E_NO_SUPPORT);
	struct mapistore_recipient row = { .row_id = 0 };
	assert_int_equal(mapistore_message_modify_recipients(att, &row, 1), MAPI_E_NO_SUPPORT);
	// An attachment's record is not a message either.
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mapistore_object_id(att), &x), MAPI_E_NOT_FOUND);
	// Unsaved messages have no attachments to open or delete.
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &x), 0);
	assert_int_equal(mapistore_attach_open(fx->mem, x, 0, &att), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_attach_delete(x, 0), MAPI_E_NOT_FOUND);
}

static void test_soft_deleted_targets(void **state)
{
	struct fx *fx = *state;
	uint64_t f, g, out;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "gone", 1, &f), 0);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "here", 1, &g), 0);
	uint64_t mid = fx_message(fx, g, "m");
	assert_int_equal(mapistore_folder_delete(fx->mbox, f, 0), 0);
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, f, false, &msg), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_message_move(fx->mbox, &mid, 1, f, false, &out), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_move(fx->mbox, g, f, NULL), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_copy(fx->mbox, g, f, NULL, true, &out), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_create(fx->mbox, f, "x", 1, &out), MAPI_E_NOT_FOUND);
	struct mapi_propval pv = fx_str(PidTagComment, "c");
	assert_int_equal(mapistore_props_set(fx->mbox, f, &pv, 1), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_empty(fx->mbox, f, false, false), MAPI_E_NOT_FOUND);
	// The name is free again once its folder is soft-deleted.
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "gone", 1, &out), 0);
	// A message saved after its folder went soft-deleted fails.
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, g, false, &msg), 0);
	assert_int_equal(mapistore_folder_delete(fx->mbox, g, MAPISTORE_DEL_MESSAGES), 0);
	assert_int_equal(mapistore_object_save(msg), MAPI_E_NOT_FOUND);
}

static void test_globcnt_exhaustion(void **state)
{
	struct fx *fx = *state;
	const struct mapistore_backend_vfuncs *vf = mapistore_vfuncs(fx->store);
	struct mapistore_backend *be = mapistore_backend(fx->store);
	uint64_t next, first;
	// Push the mailbox's counter to the last GLOBCNT (MS-OXCFXICS 2.2.2.1: 48 bits).
	assert_int_equal(vf->counter_peek(be, mapistore_mailbox_key(fx->mbox), MAPISTORE_COUNTER_GLOBCNT, &next), 0);
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->counter_reserve(be, mapistore_mailbox_key(fx->mbox), MAPISTORE_COUNTER_GLOBCNT,
					     MAPISTORE_ID_GLOBCNT_MAX - next, &first), 0);
	assert_int_equal(vf->commit(be), 0);
	uint64_t fid;
	// One GLOBCNT left: a folder needs two (its FID and its CN).
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "last", 1, &fid), ecParameterOverflow);
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	assert_int_equal(mapistore_object_save(msg), ecParameterOverflow);
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), ecParameterOverflow);
	// Other mailboxes are not affected.
	struct mapistore_mailbox *bob;
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, "bob", "en", &bob), 0);
	assert_int_equal(mapistore_folder_create(bob, mapistore_mailbox_special(bob, MAPISTORE_INBOX), "x", 1, &fid), 0);
}

static void test_named_property_quota(void **state)
{
	struct fx *fx = *state;
	const struct mapistore_backend_vfuncs *vf = mapistore_vfuncs(fx->store);
	struct mapistore_backend *be = mapistore_backend(fx->store);
	struct mapistore_propname pn = { .kind = 0, .lid = 1 };
	pn.guid = mapi_guid_random();
	uint16_t id;
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &pn, 1, true, &id), 0);
	assert_int_equal(id, 0x8000);
	// MS-OXCPRPT 2.2.12.2: at most 32,767 named properties; the next one stays unmapped.
	uint64_t first;
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->counter_reserve(be, mapistore_mailbox_key(fx->mbox), MAPISTORE_COUNTER_NAMEDPROP,
					     0x7FFE - 1, &first), 0);
	assert_int_equal(vf->commit(be), 0);
	pn.lid = 2;
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &pn, 1, true, &id), 0);
	assert_int_equal(id, 0xFFFE);
	pn.lid = 3;
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &pn, 1, true, &id), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(id, 0);
	// Existing names still map.
	pn.lid = 1;
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &pn, 1, false, &id), 0);
	assert_int_equal(id, 0x8000);
	uint16_t ids[2] = { 0x7FFF, 0xFFFF };
	struct mapistore_propname *names;
	uint32_t *st;
	assert_int_equal(mapistore_namedprop_names(fx->mem, fx->mbox, ids, 2, &names, &st), 0);
	assert_int_equal(st[0], MAPI_E_NOT_FOUND);
	assert_int_equal(st[1], MAPI_E_NOT_FOUND);
}

static void test_unreadable_client_pcl(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	// A PCL that is not a SizedXid sequence restarts from the new change alone.
	struct mapi_propval pv = fx_bin(PidTagPredecessorChangeList, "\x05junk", 5);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	uint32_t tag = PidTagPredecessorChangeList;
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mapistore_object_id(msg), &tag, 1, &v), 0);
	assert_int_equal(v->v.bin.length, 23);	/* one SizedXid: size byte + 16 + 6 */
	assert_int_equal(v->v.bin.data[0], 22);
}

static void test_bad_arguments(void **state)
{
	struct fx *fx = *state;
	struct mapistore_mailbox *m;
	struct mapistore *s;
	assert_int_equal(mapistore_open(fx->mem, NULL, &s), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_mailbox_open(fx->mem, NULL, "alice", &m), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_mailbox_open(fx->mem, fx->store, "", &m), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_mailbox_create(fx->mem, NULL, "x", "en", &m), MAPI_E_INVALID_PARAMETER);
	uint64_t fid;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), NULL, 1, &fid), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "x", 1, NULL), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "x", 0, &fid), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "x", 1, &fid), 0);
	assert_int_equal(mapistore_folder_move(fx->mbox, fid, inbox(fx), ""), MAPI_E_INVALID_PARAMETER);
	// Special folders: no move, no delete; the root is not emptied.
	for (unsigned i = 0; i < MAPISTORE_SPECIAL_COUNT; i++) {
		uint64_t sp = mapistore_mailbox_special(fx->mbox, (enum mapistore_special)i);
		assert_int_equal(mapistore_folder_delete(fx->mbox, sp, MAPISTORE_DEL_HARD), MAPI_E_NO_ACCESS);
		assert_int_equal(mapistore_folder_move(fx->mbox, sp, fid, NULL), MAPI_E_NO_ACCESS);
	}
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_errors[] = {
	T(test_unknown_ids),
	T(test_wrong_kinds),
	T(test_soft_deleted_targets),
	T(test_globcnt_exhaustion),
	T(test_named_property_quota),
	T(test_unreadable_client_pcl),
	T(test_bad_arguments),
};
const size_t store_tests_errors_count = sizeof(store_tests_errors) / sizeof(store_tests_errors[0]);
