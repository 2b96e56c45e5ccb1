/*
 * Store conformance: concurrent sessions on one mailbox (two store handles, as two Samba workers
 * or the HTTP front end would have), a writer in a child process, and rollback on failure.
 */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store_test.h"

struct second {
	struct mapistore *store;
	struct mapistore_mailbox *mbox;
};

static struct second open_second(struct fx *fx)
{
	struct second s;
	assert_int_equal(mapistore_open(fx->mem, fx->url, &s.store), 0);
	assert_int_equal(mapistore_mailbox_open(fx->mem, s.store, "alice", &s.mbox), 0);
	return s;
}

static void test_two_sessions_interleaved(void **state)
{
	struct fx *fx = *state;
	struct second b = open_second(fx);
	uint64_t inbox = mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
	// A writes, B sees; B writes, A sees; their IDs never collide.
	uint64_t fa, fb;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox, "from A", 1, &fa), 0);
	uint64_t found;
	assert_int_equal(mapistore_folder_find(b.mbox, inbox, "from A", &found), 0);
	assert_int_equal(found, fa);
	assert_int_equal(mapistore_folder_create(b.mbox, inbox, "from B", 1, &fb), 0);
	assert_int_not_equal(fa, fb);
	assert_int_equal(mapistore_folder_find(fx->mbox, inbox, "from B", &found), 0);
	// B cannot create A's name: the check sees A's committed folder.
	assert_int_equal(mapistore_folder_create(b.mbox, inbox, "FROM A", 1, &found), ecDuplicateName);
	// Interleaved message handles: both saves land with distinct MIDs.
	struct mapistore_object *ma, *mb;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, fa, false, &ma), 0);
	assert_int_equal(mapistore_message_create(fx->mem, b.mbox, fa, false, &mb), 0);
	assert_int_not_equal(mapistore_object_id(ma), mapistore_object_id(mb));
	struct mapi_propval pa = fx_str(PidTagSubject, "a"), pb = fx_str(PidTagSubject, "b");
	assert_int_equal(mapistore_object_set_props(mb, &pb, 1), 0);
	assert_int_equal(mapistore_object_set_props(ma, &pa, 1), 0);
	assert_int_equal(mapistore_object_save(mb), 0);
	assert_int_equal(mapistore_object_save(ma), 0);
	assert_int_equal(fx_children(fx, fa, MAPISTORE_KIND_MESSAGE, 0), 2);
	// B changes A's message; A's next read sees B's value and a newer change number.
	struct mapistore_object *bm;
	assert_int_equal(mapistore_message_open(fx->mem, b.mbox, mapistore_object_id(ma), &bm), 0);
	int64_t cn_a = fx_get_i64(fx, mapistore_object_id(ma), PidTagChangeNumber);
	pb = fx_str(PidTagSubject, "changed by B");
	assert_int_equal(mapistore_object_set_props(bm, &pb, 1), 0);
	assert_int_equal(mapistore_object_save(bm), 0);
	assert_string_equal(fx_get_str(fx, mapistore_object_id(ma), PidTagSubject), "changed by B");
	assert_true(mapistore_id_globcnt((uint64_t)fx_get_i64(fx, mapistore_object_id(ma), PidTagChangeNumber)) >
		    mapistore_id_globcnt((uint64_t)cn_a));
	// Named properties registered by one session are the other's.
	struct mapistore_propname pn = { .kind = 1, .name = "shared" };
	pn.guid = mapi_guid_random();
	uint16_t ida, idb;
	assert_int_equal(mapistore_namedprop_ids(b.mbox, &pn, 1, true, &idb), 0);
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &pn, 1, false, &ida), 0);
	assert_int_equal(ida, idb);
	// Deleted by B, gone for A.
	uint64_t mid = mapistore_object_id(ma);
	assert_int_equal(mapistore_message_delete(b.mbox, &mid, 1, true), 0);
	struct mapistore_object *gone;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, mid, &gone), MAPI_E_NOT_FOUND);
	// Saving A's stale handle of a hard-deleted message fails cleanly.
	assert_int_equal(mapistore_object_save(ma), MAPI_E_NOT_FOUND);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_many_interleaved_allocations(void **state)
{
	struct fx *fx = *state;
	struct second b = open_second(fx);
	uint64_t drafts = mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS);
	uint64_t seen[40];
	for (int i = 0; i < 40; i++) {
		struct mapistore_mailbox *m = i % 2 == 0 ? fx->mbox : b.mbox;
		struct mapistore_object *msg;
		assert_int_equal(mapistore_message_create(fx->mem, m, drafts, i % 4 == 1, &msg), 0);
		assert_int_equal(mapistore_object_save(msg), 0);
		seen[i] = mapistore_object_id(msg);
		for (int j = 0; j < i; j++)
			assert_int_not_equal(seen[i], seen[j]);
	}
	assert_int_equal(fx_children(fx, drafts, MAPISTORE_KIND_MESSAGE, 0), 30);
	assert_int_equal(fx_children(fx, drafts, MAPISTORE_KIND_MESSAGE, MAPISTORE_CHILDREN_FAI), 10);
}

static void test_child_process_writer(void **state)
{
	struct fx *fx = *state;
	uint64_t inbox = mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		// The child opens its own handle (nothing is shared across fork) and writes.
		TALLOC_CTX *mem = talloc_new(NULL);
		struct mapistore *s;
		struct mapistore_mailbox *m;
		struct mapistore_object *msg;
		struct mapi_propval pv = fx_str(PidTagSubject, "from child");
		int ok = mapistore_open(mem, fx->url, &s) == 0 && mapistore_mailbox_open(mem, s, "alice", &m) == 0 &&
			 mapistore_message_create(mem, m, inbox, false, &msg) == 0 &&
			 mapistore_object_set_props(msg, &pv, 1) == 0 && mapistore_object_save(msg) == 0;
		_exit(ok ? 0 : 1);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	struct mapistore_child *rows;
	uint32_t count, tag = PidTagSubject;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, inbox, MAPISTORE_KIND_MESSAGE, 0, &tag, 1, &rows, &count), 0);
	assert_int_equal(count, 1);
	assert_string_equal(rows[0].vals[0].v.str, "from child");
}

/* One child of the stress test: its own handle, n messages with a small and a large value. */
static int stress_child(const char *url, uint64_t fid, int who, int n)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapistore *s;
	struct mapistore_mailbox *m;
	if (mapistore_open(mem, url, &s) != 0 || mapistore_mailbox_open(mem, s, "alice", &m) != 0)
		return 1;
	uint8_t *big = talloc_zero_size(mem, 80 * 1024);
	// Every writer registers the same names at once: all must get the same IDs.
	struct mapistore_propname names[3];
	uint16_t ids[3];
	for (int k = 0; k < 3; k++) {
		names[k] = (struct mapistore_propname){ .kind = 0, .lid = 0x9000 + (uint32_t)k };
		mapi_guid_parse("00062008-0000-0000-C000-000000000046", &names[k].guid);
	}
	uint32_t nst = mapistore_namedprop_ids(m, names, 3, true, ids);
	if (nst != 0) {
		fprintf(stderr, "writer %d names: 0x%08x\n", who, nst);
		return 4;
	}
	if (ids[0] < 0x8000)
		return 5;
	for (int i = 0; i < n; i++) {
		struct mapistore_object *msg;
		big[0] = (uint8_t)who;
		big[1] = (uint8_t)i;
		struct mapi_propval pv[2] = { fx_i32(PidTagImportance, who), fx_bin(PidTagAttachDataBinary, big, 80 * 1024) };
		uint32_t st = mapistore_message_create(mem, m, fid, false, &msg);
		if (st == 0)
			st = mapistore_object_set_props(msg, pv, 2);
		if (st == 0)
			st = mapistore_object_save(msg);
		if (st != 0) {
			fprintf(stderr, "writer %d message %d: 0x%08x\n", who, i, st);
			return 2;
		}
		if (i % 5 == 0 && mapistore_message_set_read(m, mapistore_object_id(msg), true) != 0)
			return 3;
	}
	talloc_free(mem);
	return 0;
}

static void test_concurrent_writers(void **state)
{
	struct fx *fx = *state;
	enum { WRITERS = 4, EACH = 10 };
	uint64_t fid;
	assert_int_equal(mapistore_folder_create(fx->mbox, mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX), "busy",
						 1, &fid), 0);
	pid_t pids[WRITERS];
	for (int w = 0; w < WRITERS; w++) {
		pids[w] = fork();
		assert_true(pids[w] >= 0);
		if (pids[w] == 0)
			_exit(stress_child(fx->url, fid, w, EACH));
	}
	// The parent writes at the same time through its own handle.
	uint64_t mine = fx_message(fx, fid, "parent");
	struct mapistore_propname names[3];
	uint16_t ids[3];
	for (int k = 0; k < 3; k++) {
		names[k] = (struct mapistore_propname){ .kind = 0, .lid = 0x9000 + (uint32_t)k };
		mapi_guid_parse("00062008-0000-0000-C000-000000000046", &names[k].guid);
	}
	for (int w = 0; w < WRITERS; w++) {
		int status;
		assert_int_equal(waitpid(pids[w], &status, 0), pids[w]);
		assert_true(WIFEXITED(status));
		assert_int_equal(WEXITSTATUS(status), 0);
	}
	// The names were mapped once, whoever came first: three distinct IDs, found without creating.
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, names, 3, false, ids), 0);
	assert_true(ids[0] != ids[1] && ids[1] != ids[2] && ids[0] != ids[2]);
	struct mapistore_propname *back;
	uint32_t *bst;
	assert_int_equal(mapistore_namedprop_names(fx->mem, fx->mbox, ids, 3, &back, &bst), 0);
	for (int k = 0; k < 3; k++)
		assert_int_equal(back[k].lid, 0x9000 + k);
	uint32_t tags[2] = { PidTagImportance, PidTagAttachDataBinary };
	struct mapistore_child *rows;
	uint32_t count;
	assert_int_equal(mapistore_children(fx->mem, fx->mbox, fid, MAPISTORE_KIND_MESSAGE, 0, tags, 2, &rows, &count), 0);
	assert_int_equal(count, WRITERS * EACH + 1);
	unsigned per[WRITERS] = { 0 };
	for (uint32_t i = 0; i < count; i++) {
		if (rows[i].id == mine)
			continue;
		assert_int_equal(rows[i].vals[1].v.bin.length, 80 * 1024);
		assert_int_equal(rows[i].vals[1].v.bin.data[0], rows[i].vals[0].v.i32);
		per[rows[i].vals[0].v.i32]++;
	}
	for (int w = 0; w < WRITERS; w++)
		assert_int_equal(per[w], EACH);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	for (uint32_t i = 0; i < r.line_count; i++)
		print_message("# %s\n", r.lines[i]);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.backend.blobs_checked, WRITERS * EACH);
}

static void test_failed_operation_rolls_back(void **state)
{
	struct fx *fx = *state;
	uint64_t inbox = mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
	uint64_t a, b;
	assert_int_equal(mapistore_folder_create(fx->mbox, inbox, "A", 1, &a), 0);
	assert_int_equal(mapistore_folder_create(fx->mbox, a, "B", 1, &b), 0);
	fx_message(fx, b, "m");
	uint64_t drafts = mapistore_mailbox_special(fx->mbox, MAPISTORE_DRAFTS);
	uint64_t clash;
	assert_int_equal(mapistore_folder_create(fx->mbox, drafts, "B", 1, &clash), 0);
	// Copying A's subtree into Drafts under the name "B" fails at the top; nothing is left.
	struct mapistore_backend_stats before, after;
	const struct mapistore_backend_vfuncs *vf = mapistore_vfuncs(fx->store);
	assert_int_equal(vf->stats(mapistore_backend(fx->store), &before), 0);
	uint64_t copy;
	assert_int_equal(mapistore_folder_copy(fx->mbox, a, drafts, "B", true, &copy), ecDuplicateName);
	assert_int_equal(vf->stats(mapistore_backend(fx->store), &after), 0);
	assert_int_equal(after.folders, before.folders);
	assert_int_equal(after.messages, before.messages);
	assert_int_equal(after.properties, before.properties);
	// A hand-made transaction the backend rolls back leaves no trace either.
	struct mapistore_backend *be = mapistore_backend(fx->store);
	struct mapistore_record r = { .parent_id = inbox, .kind = MAPISTORE_KIND_FOLDER };
	assert_int_equal(mapistore_id_make(1, 424242, &r.id), 0);
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->begin(be), MAPI_E_CALL_FAILED);
	assert_int_equal(vf->record_put(be, mapistore_mailbox_key(fx->mbox), &r), 0);
	assert_int_equal(vf->rollback(be), 0);
	assert_int_equal(vf->commit(be), MAPI_E_CALL_FAILED);
	struct mapistore_record got;
	assert_int_equal(mapistore_record(fx->mbox, r.id, &got), MAPI_E_NOT_FOUND);
}

static void test_counters_and_backend_misc(void **state)
{
	struct fx *fx = *state;
	const struct mapistore_backend_vfuncs *vf = mapistore_vfuncs(fx->store);
	struct mapistore_backend *be = mapistore_backend(fx->store);
	uint64_t first, next;
	assert_int_equal(vf->counter_peek(be, 999, MAPISTORE_COUNTER_GLOBCNT, &next), 0);
	assert_int_equal(next, 1);
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->counter_reserve(be, 999, MAPISTORE_COUNTER_GLOBCNT, 10, &first), 0);
	assert_int_equal(first, 1);
	assert_int_equal(vf->counter_reserve(be, 999, MAPISTORE_COUNTER_GLOBCNT, 5, &first), 0);
	assert_int_equal(first, 11);
	assert_int_equal(vf->counter_reserve(be, 999, MAPISTORE_COUNTER_GLOBCNT, 0, &first), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(vf->commit(be), 0);
	assert_int_equal(vf->counter_peek(be, 999, MAPISTORE_COUNTER_GLOBCNT, &next), 0);
	assert_int_equal(next, 16);
	// A rolled-back reservation is given back.
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->counter_reserve(be, 999, MAPISTORE_COUNTER_GLOBCNT, 100, &first), 0);
	assert_int_equal(vf->rollback(be), 0);
	assert_int_equal(vf->counter_peek(be, 999, MAPISTORE_COUNTER_GLOBCNT, &next), 0);
	assert_int_equal(next, 16);
	// Zero-length values are values; mailbox listing.
	assert_int_equal(vf->begin(be), 0);
	assert_int_equal(vf->prop_put(be, 999, 5, 0x12340102, (const uint8_t *)"", 0), 0);
	assert_int_equal(vf->commit(be), 0);
	uint8_t *data;
	size_t len;
	assert_int_equal(vf->prop_get(be, fx->mem, 999, 5, 0x12340102, &data, &len), 0);
	assert_int_equal(len, 0);
	assert_int_equal(vf->prop_get(be, fx->mem, 999, 5, 0x12350102, &data, &len), MAPI_E_NOT_FOUND);
	struct mapistore_mailbox_record *mbs;
	uint32_t n;
	assert_int_equal(vf->mailbox_list(be, fx->mem, &mbs, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(mbs[0].owner, "alice");
	assert_string_equal(mbs[0].locale, "en");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_sessions[] = {
	T(test_two_sessions_interleaved),
	T(test_many_interleaved_allocations),
	T(test_child_process_writer),
	T(test_concurrent_writers),
	T(test_failed_operation_rolls_back),
	T(test_counters_and_backend_misc),
};
const size_t store_tests_sessions_count = sizeof(store_tests_sessions) / sizeof(store_tests_sessions[0]);
