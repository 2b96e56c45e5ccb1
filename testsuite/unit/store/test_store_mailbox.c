/*
 * Store conformance: the ABI registry, opening stores, schema versions, mailbox creation with the
 * MS-OXOSFLD special folders, localised names, entry IDs, and the fsck on a fresh store.
 */
#include <mysql.h>
#include <sqlite3.h>
#include <stdio.h>

#include "store_test.h"
#include "sql_url.h"

static void test_register_refuses_bad_tables(void **state)
{
	(void)state;
	struct mapistore_backend_vfuncs v = sql_backend_sqlite_vfuncs;
	v.abi_version = MAPISTORE_BACKEND_ABI_VERSION + 1;
	assert_int_equal(mapistore_backend_register(&v), MAPI_E_INVALID_PARAMETER);
	v = sql_backend_sqlite_vfuncs;
	v.size = sizeof(v) - 1;
	assert_int_equal(mapistore_backend_register(&v), MAPI_E_INVALID_PARAMETER);
	v = sql_backend_sqlite_vfuncs;
	v.prop_get = NULL;
	assert_int_equal(mapistore_backend_register(&v), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_backend_register(NULL), MAPI_E_INVALID_PARAMETER);
	// The real tables register, twice is a no-op.
	assert_int_equal(sql_backend_register(), MAPI_E_SUCCESS);
	assert_int_equal(sql_backend_register(), MAPI_E_SUCCESS);
}

static void test_open_unknown_scheme(void **state)
{
	struct fx *fx = *state;
	struct mapistore *s;
	assert_int_equal(mapistore_open(fx->mem, "nosuch:///x", &s), ecBadConfig);
	assert_int_equal(mapistore_open(fx->mem, "no-scheme", &s), ecBadConfig);
	assert_int_equal(mapistore_open(fx->mem, "sqlite://host/x", &s), ecBadConfig);
}

static void test_reopen_keeps_data(void **state)
{
	struct fx *fx = *state;
	struct mapistore *s2;
	struct mapistore_mailbox *m2;
	assert_int_equal(mapistore_open(fx->mem, fx->url, &s2), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_mailbox_open(fx->mem, s2, "alice", &m2), MAPI_E_SUCCESS);
	assert_true(mapi_guid_equal(mapistore_mailbox_guid(m2), mapistore_mailbox_guid(fx->mbox)));
	assert_int_equal(mapistore_mailbox_key(m2), mapistore_mailbox_key(fx->mbox));
}

/* Runs raw SQL statements on the store with the engine's own client (behind mapistore's back). */
static void raw_sql(struct fx *fx, const char *const *stmts)
{
	struct sql_url *u;
	assert_int_equal(sql_url_parse(fx->mem, fx->url, &u), 0);
	if (!fx_mariadb()) {
		char *file = talloc_asprintf(fx->mem, "%s/store.db", u->path);
		sqlite3 *db;
		assert_int_equal(sqlite3_open(file, &db), SQLITE_OK);
		for (; *stmts != NULL; stmts++)
			assert_int_equal(sqlite3_exec(db, *stmts, NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
		return;
	}
	MYSQL *db = mysql_init(NULL);
	assert_non_null(db);
	assert_non_null(mysql_real_connect(db, u->host, u->user, u->password, u->path, u->port, u->socket, 0));
	for (; *stmts != NULL; stmts++)
		assert_int_equal(mysql_real_query(db, *stmts, strlen(*stmts)), 0);
	mysql_close(db);
}

/* Marks the store as written by newer code: schema version 99. */
static void bump_schema_version(struct fx *fx)
{
	static const char *const stmts[] = { "INSERT INTO schema_version (version) VALUES (99)", NULL };
	raw_sql(fx, stmts);
}

static void test_forward_migration(void **state)
{
	struct fx *fx = *state;
	// Take the store back to schema version 2 (before read-state CNs), as older code left it.
	static const char *const stmts[] = {
		"ALTER TABLE objects DROP COLUMN read_cn", "DELETE FROM schema_version WHERE version = 3", NULL,
	};
	raw_sql(fx, stmts);
	struct mapistore *s2;
	struct mapistore_mailbox *m2;
	// Opening migrates it forward; the data written before is intact and the new column works.
	assert_int_equal(mapistore_open(fx->mem, fx->url, &s2), MAPI_E_SUCCESS);
	assert_int_equal(mapistore_mailbox_open(fx->mem, s2, "alice", &m2), MAPI_E_SUCCESS);
	uint64_t inbox = mapistore_mailbox_special(m2, MAPISTORE_INBOX);
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, m2, inbox, false, &msg), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_message_set_read(m2, mapistore_object_id(msg), true), 0);
	struct mapistore_record rec;
	assert_int_equal(mapistore_record(m2, mapistore_object_id(msg), &rec), 0);
	assert_int_not_equal(rec.read_change_num, 0);
	// Opening again is a no-op (nothing left to migrate).
	assert_int_equal(mapistore_open(fx->mem, fx->url, &s2), MAPI_E_SUCCESS);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, s2, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_schema_version_refused_when_newer(void **state)
{
	struct fx *fx = *state;
	struct mapistore *s2;
	bump_schema_version(fx);
	// A store written by newer code (schema version past ours) is left alone.
	assert_int_equal(mapistore_open(fx->mem, fx->url, &s2), ecVersionMismatch);
}

static void test_mailbox_duplicate_and_bad_args(void **state)
{
	struct fx *fx = *state;
	struct mapistore_mailbox *m;
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, "alice", "en", &m), ecDuplicateName);
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, "bob", "xx", &m), MAPI_E_UNKNOWN_LCID);
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, "", "en", &m), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, NULL, "en", &m), MAPI_E_INVALID_PARAMETER);
	char longname[300];
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, longname, "en", &m), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_mailbox_open(fx->mem, fx->store, "nobody", &m), ecUnknownUser);
	// A failed create left nothing: bob can still be created.
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, "bob", NULL, &m), MAPI_E_SUCCESS);
	assert_int_not_equal(mapistore_mailbox_key(m), mapistore_mailbox_key(fx->mbox));
	assert_false(mapi_guid_equal(mapistore_mailbox_guid(m), mapistore_mailbox_guid(fx->mbox)));
}

static void test_special_folders_tree(void **state)
{
	struct fx *fx = *state;
	struct mapistore_record rec;
	uint64_t root = mapistore_mailbox_special(fx->mbox, MAPISTORE_ROOT);
	uint64_t ipm = mapistore_mailbox_special(fx->mbox, MAPISTORE_IPM_SUBTREE);
	assert_int_equal(mapistore_record(fx->mbox, root, &rec), MAPI_E_SUCCESS);
	assert_int_equal(rec.parent_id, 0);
	assert_int_equal(rec.kind, MAPISTORE_KIND_FOLDER);
	for (unsigned i = 1; i < MAPISTORE_SPECIAL_COUNT; i++) {
		uint64_t fid = mapistore_mailbox_special(fx->mbox, (enum mapistore_special)i);
		assert_int_equal(mapistore_id_replid(fid), 1);
		assert_int_equal(mapistore_record(fx->mbox, fid, &rec), MAPI_E_SUCCESS);
		assert_int_equal(rec.kind, MAPISTORE_KIND_FOLDER);
		assert_int_not_equal(rec.change_num, 0);
		assert_int_equal(fx_get_i64(fx, fid, PidTagFolderId), (int64_t)fid);
		assert_int_equal(fx_get_i64(fx, fid, PidTagParentFolderId), (int64_t)rec.parent_id);
	}
	assert_int_equal(mapistore_mailbox_special(fx->mbox, MAPISTORE_SPECIAL_COUNT), 0);
	assert_int_equal(mapistore_record(fx->mbox, mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX), &rec), 0);
	assert_int_equal(rec.parent_id, ipm);
	uint64_t sync = mapistore_mailbox_special(fx->mbox, MAPISTORE_SYNC_ISSUES);
	assert_int_equal(mapistore_record(fx->mbox, mapistore_mailbox_special(fx->mbox, MAPISTORE_CONFLICTS), &rec), 0);
	assert_int_equal(rec.parent_id, sync);
	assert_int_equal(mapistore_record(fx->mbox, mapistore_mailbox_special(fx->mbox, MAPISTORE_REMINDERS), &rec), 0);
	assert_true((rec.flags & MAPISTORE_RECORD_SEARCH) != 0);
	// MS-OXOSFLD: 11 folders under the IPM subtree (Inbox .. Junk E-mail).
	assert_int_equal(fx_children(fx, ipm, MAPISTORE_KIND_FOLDER, 0), 12);
	assert_int_equal(fx_children(fx, sync, MAPISTORE_KIND_FOLDER, 0), 3);
	assert_int_equal(fx_get_i64(fx, root, PidTagFolderType), 0);
	assert_int_equal(fx_get_i64(fx, ipm, PidTagFolderType), 1);
	assert_string_equal(fx_get_str(fx, ipm, PidTagDisplayName), "Top of Information Store");
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(fx->mbox, MAPISTORE_CALENDAR), PidTagContainerClass),
			    "IPF.Appointment");
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(fx->mbox, MAPISTORE_CONTACTS), PidTagContainerClass),
			    "IPF.Contact");
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(fx->mbox, MAPISTORE_TASKS), PidTagContainerClass),
			    "IPF.Task");
}

static void check_names(struct fx *fx, const char *locale, const char *inbox, const char *deleted,
			const char *tasks)
{
	struct mapistore_mailbox *m;
	char owner[32];
	snprintf(owner, sizeof(owner), "user-%s", locale);
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, owner, locale, &m), MAPI_E_SUCCESS);
	struct mapistore_mailbox *saved = fx->mbox;
	fx->mbox = m;
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(m, MAPISTORE_INBOX), PidTagDisplayName), inbox);
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(m, MAPISTORE_DELETED_ITEMS), PidTagDisplayName),
			    deleted);
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(m, MAPISTORE_TASKS), PidTagDisplayName), tasks);
	fx->mbox = saved;
}

static void test_localised_names(void **state)
{
	struct fx *fx = *state;
	assert_string_equal(fx_get_str(fx, mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX), PidTagDisplayName),
			    "Inbox");
	check_names(fx, "fr", "Bo\xc3\xaete de r\xc3\xa9" "ception", "\xc3\x89l\xc3\xa9ments supprim\xc3\xa9s",
		    "T\xc3\xa2" "ches");
	check_names(fx, "de", "Posteingang", "Gel\xc3\xb6schte Elemente", "Aufgaben");
	check_names(fx, "en", "Inbox", "Deleted Items", "Tasks");
}

static void check_folder_entry_id(struct fx *fx, const struct mapi_binary *b, uint64_t fid)
{
	// MS-OXCDATA 2.2.4.1: Flags 0, ProviderUID = mailbox GUID, type 0x0001, GID, pad.
	assert_int_equal(b->length, 46);
	for (int i = 0; i < 4; i++)
		assert_int_equal(b->data[i], 0);
	uint8_t guid[16];
	mapi_guid_to_wire(mapistore_mailbox_guid(fx->mbox), guid);
	assert_memory_equal(b->data + 4, guid, 16);
	assert_int_equal(b->data[20], 0x01);
	assert_int_equal(b->data[21], 0x00);
	assert_memory_equal(b->data + 22, guid, 16);
	assert_int_equal(mapistore_id_globcnt_get(b->data + 38), mapistore_id_globcnt(fid));
	assert_int_equal(b->data[44], 0);
	assert_int_equal(b->data[45], 0);
}

static void test_entry_ids_on_root_and_inbox(void **state)
{
	struct fx *fx = *state;
	static const struct { uint32_t tag; enum mapistore_special f; } want[] = {
		{ PidTagIpmAppointmentEntryId, MAPISTORE_CALENDAR }, { PidTagIpmContactEntryId, MAPISTORE_CONTACTS },
		{ PidTagIpmJournalEntryId, MAPISTORE_JOURNAL }, { PidTagIpmNoteEntryId, MAPISTORE_NOTES },
		{ PidTagIpmTaskEntryId, MAPISTORE_TASKS }, { PidTagIpmDraftsEntryId, MAPISTORE_DRAFTS },
	};
	uint64_t holders[2] = { mapistore_mailbox_special(fx->mbox, MAPISTORE_ROOT),
				mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX) };
	for (int h = 0; h < 2; h++) {
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			struct mapi_propval *v;
			assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, holders[h], &want[i].tag, 1, &v), 0);
			assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_VALUE);
			check_folder_entry_id(fx, &v->v.bin, mapistore_mailbox_special(fx->mbox, want[i].f));
		}
		// MS-OXOSFLD 2.2.4: Conflicts, Sync Issues, Local Failures, Server Failures, Junk E-mail.
		uint32_t tag = 0x36D81102U;
		struct mapi_propval *v;
		assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, holders[h], &tag, 1, &v), 0);
		assert_int_equal(v->v.mv.count, 5);
		check_folder_entry_id(fx, &v->v.mv.v.bin[0], mapistore_mailbox_special(fx->mbox, MAPISTORE_CONFLICTS));
		check_folder_entry_id(fx, &v->v.mv.v.bin[1], mapistore_mailbox_special(fx->mbox, MAPISTORE_SYNC_ISSUES));
		check_folder_entry_id(fx, &v->v.mv.v.bin[4], mapistore_mailbox_special(fx->mbox, MAPISTORE_JUNK_EMAIL));
	}
}

static void test_message_entry_id(void **state)
{
	struct fx *fx = *state;
	uint64_t inbox = mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
	uint64_t mid = fx_message(fx, inbox, "x");
	struct mapi_binary b;
	// MS-OXCDATA 2.2.4.2: 70 bytes, type eitLTPrivateMessage, folder then message GIDs.
	assert_int_equal(mapistore_mailbox_entry_id(fx->mem, fx->mbox, inbox, mid, &b), MAPI_E_SUCCESS);
	assert_int_equal(b.length, 70);
	assert_int_equal(b.data[20], 0x07);
	assert_int_equal(mapistore_id_globcnt_get(b.data + 38), mapistore_id_globcnt(inbox));
	assert_int_equal(mapistore_id_globcnt_get(b.data + 62), mapistore_id_globcnt(mid));
	uint64_t bad;
	assert_int_equal(mapistore_id_make(7, 5, &bad), 0);
	assert_int_equal(mapistore_mailbox_entry_id(fx->mem, fx->mbox, bad, 0, &b), MAPI_E_NOT_FOUND);
}

static void test_fresh_store_checks_clean(void **state)
{
	struct fx *fx = *state;
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), MAPI_E_SUCCESS);
	for (uint32_t i = 0; i < r.line_count; i++)
		print_message("# %s\n", r.lines[i]);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.mailboxes, 1);
	assert_int_equal(r.objects, MAPISTORE_SPECIAL_COUNT);
	struct mapistore_backend_stats st;
	assert_int_equal(mapistore_vfuncs(fx->store)->stats(mapistore_backend(fx->store), &st), MAPI_E_SUCCESS);
	assert_int_equal(st.mailboxes, 1);
	assert_int_equal(st.folders, MAPISTORE_SPECIAL_COUNT);
	assert_int_equal(st.messages, 0);
}

static void test_check_finds_broken_tree(void **state)
{
	struct fx *fx = *state;
	const struct mapistore_backend_vfuncs *vf = mapistore_vfuncs(fx->store);
	struct mapistore_backend *be = mapistore_backend(fx->store);
	uint64_t orphan_parent, looped;
	assert_int_equal(mapistore_id_make(1, 900000, &orphan_parent), 0);
	assert_int_equal(mapistore_id_make(1, 900001, &looped), 0);
	// A folder whose parent is missing, and a folder that is its own parent: written raw.
	struct mapistore_record a = { .id = looped, .parent_id = looped, .kind = MAPISTORE_KIND_FOLDER };
	struct mapistore_record b = { .id = orphan_parent + 0, .parent_id = 0, .kind = MAPISTORE_KIND_MESSAGE };
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->record_put(be, mapistore_mailbox_key(fx->mbox), &a), 0);
	assert_int_equal(vf->record_put(be, mapistore_mailbox_key(fx->mbox), &b), 0);
	assert_int_equal(vf->commit(be), 0);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), MAPI_E_SUCCESS);
	// Cycle, message without parent, two IDs above the counter.
	assert_true(r.errors >= 4);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_mailbox[] = {
	T(test_register_refuses_bad_tables),
	T(test_open_unknown_scheme),
	T(test_reopen_keeps_data),
	T(test_schema_version_refused_when_newer),
	T(test_forward_migration),
	T(test_mailbox_duplicate_and_bad_args),
	T(test_special_folders_tree),
	T(test_localised_names),
	T(test_entry_ids_on_root_and_inbox),
	T(test_message_entry_id),
	T(test_fresh_store_checks_clean),
	T(test_check_finds_broken_tree),
};
const size_t store_tests_mailbox_count = sizeof(store_tests_mailbox) / sizeof(store_tests_mailbox[0]);
