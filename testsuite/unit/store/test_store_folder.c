/*
 * Store conformance: folders (MS-OXCFOLD 3.2.5): create, find, duplicate names, properties and
 * change tracking, move with the cycle check, copy, soft/hard delete, empty.
 */
#include "mapistore_pcl.h"
#include "store_test.h"

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

static uint64_t mkfolder(struct fx *fx, uint64_t parent, const char *name)
{
	uint64_t fid;
	assert_int_equal(mapistore_folder_create(fx->mbox, parent, name, MAPISTORE_FOLDER_GENERIC, &fid), 0);
	return fid;
}

static void test_folder_create_and_find(void **state)
{
	struct fx *fx = *state;
	uint64_t a = mkfolder(fx, inbox(fx), "Projects");
	uint64_t found;
	assert_int_equal(mapistore_folder_find(fx->mbox, inbox(fx), "projects", &found), 0);
	assert_int_equal(found, a);
	assert_int_equal(mapistore_folder_find(fx->mbox, inbox(fx), "nope", &found), MAPI_E_NOT_FOUND);
	assert_string_equal(fx_get_str(fx, a, PidTagDisplayName), "Projects");
	assert_int_equal(fx_get_i64(fx, a, PidTagFolderType), 1);
	assert_int_equal(fx_get_i64(fx, a, PidTagParentFolderId), (int64_t)inbox(fx));
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, a, &rec), 0);
	assert_int_equal(rec.parent_id, inbox(fx));
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_FOLDER, 0), 1);
}

static void test_folder_create_errors(void **state)
{
	struct fx *fx = *state;
	uint64_t fid;
	mkfolder(fx, inbox(fx), "Dup");
	// MS-OXCFOLD 3.2.5.2: same name under one parent (case does not matter).
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "DUP", 1, &fid), ecDuplicateName);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "x", 3, &fid), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox(fx), "", 1, &fid), MAPI_E_INVALID_PARAMETER);
	uint64_t missing;
	assert_int_equal(mapistore_id_make(1, 777777, &missing), 0);
	assert_int_equal(mapistore_folder_create(fx->mbox, missing, "x", 1, &fid), MAPI_E_NOT_FOUND);
	uint64_t mid = fx_message(fx, inbox(fx), "m");
	assert_int_equal(mapistore_folder_create(fx->mbox, mid, "x", 1, &fid), MAPI_E_NO_SUPPORT);
	// The same name elsewhere is fine; a search folder is flagged.
	assert_int_equal(mapistore_folder_create(fx->mbox, mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS), "Dup",
						 MAPISTORE_FOLDER_SEARCH, &fid), 0);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, fid, &rec), 0);
	assert_true((rec.flags & MAPISTORE_RECORD_SEARCH) != 0);
}

/* The CN, change key and PCL of id agree (MS-OXCFXICS 3.1.5.3). */
static void check_change(struct fx *fx, uint64_t id, uint64_t *cn_r)
{
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, id, &rec), 0);
	int64_t cn = fx_get_i64(fx, id, PidTagChangeNumber);
	assert_int_equal((uint64_t)cn, rec.change_num);
	uint32_t tags[2] = { PidTagChangeKey, PidTagPredecessorChangeList };
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, id, tags, 2, &v), 0);
	assert_int_equal(v[0].v.bin.length, 22);
	uint8_t guid[16];
	mapi_guid_to_wire(mapistore_mailbox_guid(fx->mbox), guid);
	assert_memory_equal(v[0].v.bin.data, guid, 16);
	assert_int_equal(mapistore_id_globcnt_get(v[0].v.bin.data + 16), mapistore_id_globcnt((uint64_t)cn));
	struct mapistore_pcl *pcl;
	assert_int_equal(mapistore_pcl_parse(fx->mem, v[1].v.bin.data, v[1].v.bin.length, &pcl), 0);
	assert_int_equal(pcl->count, 1);
	struct mapistore_id_xid key;
	assert_int_equal(mapistore_id_xid_from_wire(v[0].v.bin.data, 22, &key), 0);
	assert_true(mapistore_id_xid_equal(&pcl->xids[0], &key));
	*cn_r = (uint64_t)cn;
}

static void test_folder_props_and_changes(void **state)
{
	struct fx *fx = *state;
	uint64_t f = mkfolder(fx, inbox(fx), "P");
	uint64_t cn1, cn2, cn3;
	check_change(fx, f, &cn1);
	struct mapi_propval pv = fx_str(PidTagContainerClass, "IPF.Note");
	assert_int_equal(mapistore_props_set(fx->mbox, f, &pv, 1), 0);
	check_change(fx, f, &cn2);
	assert_true(mapistore_id_globcnt(cn2) > mapistore_id_globcnt(cn1));
	assert_string_equal(fx_get_str(fx, f, PidTagContainerClass), "IPF.Note");
	uint32_t tag = PidTagContainerClass;
	assert_int_equal(mapistore_props_delete(fx->mbox, f, &tag, 1), 0);
	check_change(fx, f, &cn3);
	assert_true(mapistore_id_globcnt(cn3) > mapistore_id_globcnt(cn2));
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, &tag, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_int_equal(v->v.err, MAPI_E_NOT_FOUND);
	assert_int_equal(mapi_prop_type(v->tag), PT_ERROR);
	// Computed and invalid values are refused; folders only through props_set.
	pv = fx_i32(PidTagFolderId, 1);
	assert_int_equal(mapistore_props_set(fx->mbox, f, &pv, 1), MAPI_E_NO_ACCESS);
	uint64_t mid = fx_message(fx, f, "m");
	pv = fx_str(PidTagSubject, "s");
	assert_int_equal(mapistore_props_set(fx->mbox, mid, &pv, 1), MAPI_E_NO_SUPPORT);
}

static void test_folder_type_change_replaces(void **state)
{
	struct fx *fx = *state;
	uint64_t f = mkfolder(fx, inbox(fx), "T");
	// One type per property ID: a PtypString8 value replaces the PtypString one.
	struct mapi_propval pv = fx_str(MAPI_PROP_TAG(0x6700, PT_STRING8), "eight");
	assert_int_equal(mapistore_props_set(fx->mbox, f, &pv, 1), 0);
	pv = fx_str(MAPI_PROP_TAG(0x6700, PT_UNICODE), "wide");
	assert_int_equal(mapistore_props_set(fx->mbox, f, &pv, 1), 0);
	uint32_t any = MAPI_PROP_TAG(0x6700, PT_UNSPECIFIED);
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, &any, 1, &v), 0);
	assert_int_equal(v->tag, MAPI_PROP_TAG(0x6700, PT_UNICODE));
	assert_string_equal(v->v.str, "wide");
	uint32_t *tags, count, n6700 = 0;
	assert_int_equal(mapistore_props_list(fx->mem, fx->mbox, f, &tags, &count), 0);
	for (uint32_t i = 0; i < count; i++)
		n6700 += mapi_prop_id(tags[i]) == 0x6700;
	assert_int_equal(n6700, 1);
}

static void test_folder_move_and_cycles(void **state)
{
	struct fx *fx = *state;
	uint64_t a = mkfolder(fx, inbox(fx), "A");
	uint64_t b = mkfolder(fx, a, "B");
	uint64_t c = mkfolder(fx, b, "C");
	// MS-OXCPRPT 3.2.5.8 FolderCycle: into itself or below itself.
	assert_int_equal(mapistore_folder_move(fx->mbox, a, a, NULL), ecFolderCycle);
	assert_int_equal(mapistore_folder_move(fx->mbox, a, b, NULL), ecFolderCycle);
	assert_int_equal(mapistore_folder_move(fx->mbox, a, c, NULL), ecFolderCycle);
	uint64_t copy;
	assert_int_equal(mapistore_folder_copy(fx->mbox, a, c, NULL, true, &copy), ecFolderCycle);
	// Special folders stay where they are.
	assert_int_equal(mapistore_folder_move(fx->mbox, inbox(fx), a, NULL), MAPI_E_NO_ACCESS);
	// A real move, with a rename, keeps the PCL and adds a change.
	uint64_t cn_before, cn_after;
	check_change(fx, c, &cn_before);
	uint64_t drafts = mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS);
	assert_int_equal(mapistore_folder_move(fx->mbox, c, drafts, "C2"), 0);
	check_change(fx, c, &cn_after);
	assert_true(mapistore_id_globcnt(cn_after) > mapistore_id_globcnt(cn_before));
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, c, &rec), 0);
	assert_int_equal(rec.parent_id, drafts);
	assert_string_equal(fx_get_str(fx, c, PidTagDisplayName), "C2");
	assert_int_equal(fx_get_i64(fx, c, PidTagParentFolderId), (int64_t)drafts);
	assert_int_equal(fx_children(fx, b, MAPISTORE_KIND_FOLDER, 0), 0);
	// Name clash at the destination; unknown destination.
	mkfolder(fx, drafts, "B");
	assert_int_equal(mapistore_folder_move(fx->mbox, b, drafts, NULL), ecDuplicateName);
	uint64_t missing;
	assert_int_equal(mapistore_id_make(1, 777777, &missing), 0);
	assert_int_equal(mapistore_folder_move(fx->mbox, b, missing, "Z"), MAPI_E_NOT_FOUND);
	// Moving into a sibling is fine.
	assert_int_equal(mapistore_folder_move(fx->mbox, b, c, NULL), 0);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_folder_copy(void **state)
{
	struct fx *fx = *state;
	uint64_t a = mkfolder(fx, inbox(fx), "A");
	uint64_t b = mkfolder(fx, a, "B");
	fx_message(fx, a, "m1");
	fx_message(fx, b, "m2");
	uint64_t drafts = mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS);
	uint64_t shallow, deep;
	assert_int_equal(mapistore_folder_copy(fx->mbox, a, drafts, "Shallow", false, &shallow), 0);
	assert_int_equal(fx_children(fx, shallow, MAPISTORE_KIND_MESSAGE, 0), 1);
	assert_int_equal(fx_children(fx, shallow, MAPISTORE_KIND_FOLDER, 0), 0);
	assert_int_equal(mapistore_folder_copy(fx->mbox, a, drafts, NULL, true, &deep), 0);
	assert_string_equal(fx_get_str(fx, deep, PidTagDisplayName), "A");
	assert_int_equal(fx_get_i64(fx, deep, PidTagFolderId), (int64_t)deep);
	assert_int_equal(fx_children(fx, deep, MAPISTORE_KIND_FOLDER, 0), 1);
	uint64_t deep_b;
	assert_int_equal(mapistore_folder_find(fx->mbox, deep, "B", &deep_b), 0);
	assert_int_not_equal(deep_b, b);
	assert_int_equal(fx_children(fx, deep_b, MAPISTORE_KIND_MESSAGE, 0), 1);
	// The source is untouched; a second copy under the same name clashes.
	assert_int_equal(fx_children(fx, a, MAPISTORE_KIND_MESSAGE, 0), 1);
	assert_int_equal(mapistore_folder_copy(fx->mbox, a, drafts, NULL, true, &deep), ecDuplicateName);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_folder_delete(void **state)
{
	struct fx *fx = *state;
	uint64_t a = mkfolder(fx, inbox(fx), "A");
	uint64_t b = mkfolder(fx, a, "B");
	fx_message(fx, a, "m");
	// MS-OXCFOLD 2.2.1.3.1: without DEL_MESSAGES / DEL_FOLDERS nothing goes.
	assert_int_equal(mapistore_folder_delete(fx->mbox, a, 0), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(mapistore_folder_delete(fx->mbox, a, MAPISTORE_DEL_MESSAGES), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_FOLDER, 0), 1);
	assert_int_equal(mapistore_folder_delete(fx->mbox, a, 0x80), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_folder_delete(fx->mbox, inbox(fx), MAPISTORE_DEL_MESSAGES), MAPI_E_NO_ACCESS);
	// Soft delete: hidden, still there with its DeletedOn stamp.
	assert_int_equal(mapistore_folder_delete(fx->mbox, a, MAPISTORE_DEL_MESSAGES | MAPISTORE_DEL_FOLDERS), 0);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_FOLDER, 0), 0);
	assert_int_equal(fx_children(fx, inbox(fx), MAPISTORE_KIND_FOLDER, MAPISTORE_CHILDREN_DELETED), 1);
	assert_true(fx_get_i64(fx, a, PidTagDeletedOn) > 0);
	uint64_t fid;
	assert_int_equal(mapistore_folder_find(fx->mbox, inbox(fx), "A", &fid), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_folder_create(fx->mbox, b, "X", 1, &fid), 0);	/* b itself is not flagged */
	assert_int_equal(mapistore_folder_delete(fx->mbox, a, MAPISTORE_DEL_HARD), MAPI_E_NOT_FOUND);
	// Hard delete: the record and its subtree are gone.
	uint64_t h = mkfolder(fx, inbox(fx), "H");
	uint64_t hm = fx_message(fx, h, "m");
	assert_int_equal(mapistore_folder_delete(fx->mbox, h, MAPISTORE_DEL_MESSAGES | MAPISTORE_DEL_HARD), 0);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(fx->mbox, h, &rec), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_record(fx->mbox, hm, &rec), MAPI_E_NOT_FOUND);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_folder_empty(void **state)
{
	struct fx *fx = *state;
	uint64_t f = mkfolder(fx, inbox(fx), "E");
	mkfolder(fx, f, "sub");
	fx_message(fx, f, "a");
	fx_message(fx, f, "b");
	struct mapistore_object *fai;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, f, true, &fai), 0);
	assert_int_equal(mapistore_object_save(fai), 0);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, 0), 2);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 1);
	assert_int_equal(mapistore_folder_empty(fx->mbox, f, false, false), 0);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, 0), 0);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_DELETED), 2);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_FOLDER, 0), 0);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 1);
	assert_int_equal(mapistore_folder_empty(fx->mbox, f, true, true), 0);
	assert_int_equal(fx_children(fx, f, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 0);
	// MS-OXCFOLD 3.2.5.9: not on the root.
	assert_int_equal(mapistore_folder_empty(fx->mbox, mapistore_mailbox_special(fx->mbox, MAPISTORE_ROOT), 0, 0),
			 MAPI_E_NO_SUPPORT);
}

static void test_children_columns(void **state)
{
	struct fx *fx = *state;
	mkfolder(fx, inbox(fx), "one");
	mkfolder(fx, inbox(fx), "two");
	uint32_t tags[3] = { PidTagDisplayName, PidTagFolderId, PidTagComment };
	struct mapistore_child *rows;
	uint32_t count;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, inbox(fx), MAPISTORE_KIND_FOLDER, 0, tags, 3, &rows,
					    &count), 0);
	assert_int_equal(count, 2);
	assert_string_equal(rows[0].vals[0].v.str, "one");
	assert_int_equal(rows[0].vals[1].v.i64, (int64_t)rows[0].id);
	assert_int_equal(rows[0].vals[2].flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_string_equal(rows[1].vals[0].v.str, "two");
	uint64_t missing;
	assert_int_equal(mapistore_id_make(1, 777777, &missing), 0);
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, missing, MAPISTORE_KIND_FOLDER, 0, tags, 3, &rows, &count),
			 MAPI_E_NOT_FOUND);
}

static void test_computed_folder_counts(void **state)
{
	struct fx *fx = *state;
	uint64_t f = mkfolder(fx, inbox(fx), "Counts");
	uint32_t tags[5] = { PidTagContentCount, PidTagContentUnreadCount, 0x36170003U, 0x66380003U, PidTagSubfolders };
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, tags, 5, &v), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(v[i].v.i32, 0);
	assert_int_equal(v[4].v.b, 0);
	uint64_t m1 = fx_message(fx, f, "a");
	fx_message(fx, f, "b");
	uint64_t m3 = fx_message(fx, f, "c");
	struct mapistore_object *fai;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, f, true, &fai), 0);
	assert_int_equal(mapistore_object_save(fai), 0);
	mkfolder(fx, f, "sub1");
	uint64_t s2 = mkfolder(fx, f, "sub2");
	assert_int_equal(mapistore_message_set_read(fx->mbox, m1, true), 0);
	assert_int_equal(mapistore_message_delete(fx->mbox, &m3, 1, false), 0);
	assert_int_equal(mapistore_folder_delete(fx->mbox, s2, 0), 0);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, tags, 5, &v), 0);
	assert_int_equal(v[0].v.i32, 2);	/* live, non-FAI */
	assert_int_equal(v[1].v.i32, 1);	/* of which unread */
	assert_int_equal(v[2].v.i32, 1);	/* FAI */
	assert_int_equal(v[3].v.i32, 1);	/* live subfolders */
	assert_int_equal(v[4].v.b, 1);
	assert_int_equal(v[0].tag, PidTagContentCount);
	// PT_UNSPECIFIED finds them; another type does not; they cannot be set.
	uint32_t any = MAPI_PROP_TAG(0x3602, PT_UNSPECIFIED), wrong = MAPI_PROP_TAG(0x3602, PT_I8);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, &any, 1, &v), 0);
	assert_int_equal(v->v.i32, 2);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, &wrong, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
	struct mapi_propval pv = fx_i32(PidTagContentCount, 9);
	assert_int_equal(mapistore_props_set(fx->mbox, f, &pv, 1), MAPI_E_NO_ACCESS);
	// As columns of a hierarchy table.
	struct mapistore_child *rows;
	uint32_t count;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, inbox(fx), MAPISTORE_KIND_FOLDER, 0, tags, 5, &rows,
					    &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(rows[0].vals[0].v.i32, 2);
	// PidTagHasAttachments is a message's, not a folder's.
	uint32_t has = PidTagHasAttachments;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, &has, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, m1, &has, 1, &v), 0);
	assert_int_equal(v->v.b, 0);
	struct mapistore_object *msg, *att;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, m1, &msg), 0);
	assert_int_equal(mapistore_attach_create(fx->mem, msg, &att), 0);
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, &has, 1, &v), 0);
	assert_int_equal(v->v.b, 1);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, f, tags, 1, &v), 0);
	assert_int_equal(v->v.i32, 2);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_folder[] = {
	T(test_folder_create_and_find),
	T(test_folder_create_errors),
	T(test_folder_props_and_changes),
	T(test_folder_type_change_replaces),
	T(test_folder_move_and_cycles),
	T(test_folder_copy),
	T(test_folder_delete),
	T(test_folder_empty),
	T(test_children_columns),
	T(test_computed_folder_counts),
};
const size_t store_tests_folder_count = sizeof(store_tests_folder) / sizeof(store_tests_folder[0]);
