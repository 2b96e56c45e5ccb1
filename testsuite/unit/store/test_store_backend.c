/*
 * Store conformance at the ABI level: every operation of struct mapistore_backend_vfuncs called
 * directly, with the guarantees mapistore_backend.h promises (replace semantics, ordering, kind
 * filters, delete cascading to properties, transaction isolation between two handles).
 */
#include "store_test.h"

struct abi {
	const struct mapistore_backend_vfuncs *vf;
	struct mapistore_backend *be;
};

static struct abi abi_of(struct mapistore *store)
{
	struct abi a = { mapistore_vfuncs(store), mapistore_backend(store) };
	return a;
}

#define MB 4242		/* a mailbox key no mailbox uses: the ABI does not require the mailbox row */

static void put_rec(struct abi a, uint64_t id, uint64_t parent, uint32_t kind, uint32_t num)
{
	struct mapistore_record r = { .id = id, .parent_id = parent, .kind = kind, .flags = 0x5, .change_num = id * 3,
				      .num = num };
	assert_int_equal(a.vf->record_put(a.be, MB, &r), 0);
}

static void test_abi_records(void **state)
{
	struct fx *fx = *state;
	struct abi a = abi_of(fx->store);
	assert_int_equal(a.vf->begin(a.be), 0);
	put_rec(a, 100, 0, MAPISTORE_KIND_FOLDER, 0);
	put_rec(a, 300, 100, MAPISTORE_KIND_MESSAGE, 0);
	put_rec(a, 200, 100, MAPISTORE_KIND_MESSAGE, 0);
	put_rec(a, 250, 100, MAPISTORE_KIND_FOLDER, 0);
	put_rec(a, 400, 200, MAPISTORE_KIND_ATTACHMENT, 7);
	assert_int_equal(a.vf->commit(a.be), 0);
	struct mapistore_record r;
	assert_int_equal(a.vf->record_get(a.be, MB, 400, &r), 0);
	assert_int_equal(r.parent_id, 200);
	assert_int_equal(r.kind, MAPISTORE_KIND_ATTACHMENT);
	assert_int_equal(r.flags, 0x5);
	assert_int_equal(r.change_num, 1200);
	assert_int_equal(r.num, 7);
	assert_int_equal(a.vf->record_get(a.be, MB + 1, 400, &r), MAPI_E_NOT_FOUND);
	// Children: one kind, ascending ids.
	uint64_t *ids;
	uint32_t n;
	assert_int_equal(a.vf->record_children(a.be, fx->mem, MB, 100, MAPISTORE_KIND_MESSAGE, &ids, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], 200);
	assert_int_equal(ids[1], 300);
	assert_int_equal(a.vf->record_children(a.be, fx->mem, MB, 100, MAPISTORE_KIND_FOLDER, &ids, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(a.vf->record_children(a.be, fx->mem, MB, 999, MAPISTORE_KIND_FOLDER, &ids, &n), 0);
	assert_int_equal(n, 0);
	// Replace keeps one row.
	assert_int_equal(a.vf->begin(a.be), 0);
	put_rec(a, 300, 250, MAPISTORE_KIND_MESSAGE, 1);
	assert_int_equal(a.vf->commit(a.be), 0);
	assert_int_equal(a.vf->record_children(a.be, fx->mem, MB, 100, MAPISTORE_KIND_MESSAGE, &ids, &n), 0);
	assert_int_equal(n, 1);
	struct mapistore_record *all;
	assert_int_equal(a.vf->record_all(a.be, fx->mem, MB, &all, &n), 0);
	assert_int_equal(n, 5);
	for (uint32_t i = 1; i < n; i++)
		assert_true(all[i].id > all[i - 1].id);
	// Delete takes the properties with it.
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 300, 0x10, (const uint8_t *)"ab", 2), 0);
	assert_int_equal(a.vf->record_delete(a.be, MB, 300), 0);
	assert_int_equal(a.vf->commit(a.be), 0);
	uint8_t *data;
	size_t len;
	assert_int_equal(a.vf->prop_get(a.be, fx->mem, MB, 300, 0x10, &data, &len), MAPI_E_NOT_FOUND);
	assert_int_equal(a.vf->record_get(a.be, MB, 300, &r), MAPI_E_NOT_FOUND);
	// Full 64-bit IDs survive (the top bit too).
	assert_int_equal(a.vf->begin(a.be), 0);
	put_rec(a, UINT64_C(0xFEDCBA9876543211), UINT64_C(0x8000000000000001), MAPISTORE_KIND_FOLDER, UINT32_MAX);
	assert_int_equal(a.vf->commit(a.be), 0);
	assert_int_equal(a.vf->record_get(a.be, MB, UINT64_C(0xFEDCBA9876543211), &r), 0);
	assert_int_equal(r.parent_id, UINT64_C(0x8000000000000001));
	assert_int_equal(r.num, UINT32_MAX);
}

static void test_abi_props(void **state)
{
	struct fx *fx = *state;
	struct abi a = abi_of(fx->store);
	uint8_t big[70000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 7);
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 1, 0x30000003, (const uint8_t *)"1234", 4), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 1, 0x10000102, big, sizeof(big)), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 1, 0x20000003, (const uint8_t *)"abcd", 4), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 1, 0x20000003, (const uint8_t *)"wxyz", 4), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 2, 0x10000102, big, sizeof(big)), 0);
	assert_int_equal(a.vf->commit(a.be), 0);
	uint32_t *tags, n;
	assert_int_equal(a.vf->prop_list(a.be, fx->mem, MB, 1, &tags, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(tags[0], 0x10000102);
	assert_int_equal(tags[1], 0x20000003);
	assert_int_equal(tags[2], 0x30000003);
	uint8_t *data;
	size_t len;
	assert_int_equal(a.vf->prop_get(a.be, fx->mem, MB, 1, 0x20000003, &data, &len), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(data, "wxyz", 4);
	assert_int_equal(a.vf->prop_get(a.be, fx->mem, MB, 1, 0x10000102, &data, &len), 0);
	assert_int_equal(len, sizeof(big));
	assert_memory_equal(data, big, sizeof(big));
	// Large values share one blob (on engines with a blob directory).
	struct mapistore_backend_stats st;
	assert_int_equal(a.vf->stats(a.be, &st), 0);
	assert_int_equal(st.blobs, 1);
	assert_int_equal(st.blob_bytes_raw, sizeof(big));
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->prop_delete(a.be, MB, 1, 0x10000102), 0);
	assert_int_equal(a.vf->prop_delete(a.be, MB, 1, 0x77770003), 0);	/* absent: not an error */
	assert_int_equal(a.vf->commit(a.be), 0);
	assert_int_equal(a.vf->prop_list(a.be, fx->mem, MB, 1, &tags, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(a.vf->prop_get(a.be, fx->mem, MB, 2, 0x10000102, &data, &len), 0);
	assert_memory_equal(data, big, sizeof(big));
	struct mapistore_backend_check c;
	assert_int_equal(a.vf->check(a.be, fx->mem, &c), 0);
	assert_int_equal(c.message_count, 0);
	assert_int_equal(c.blobs_checked, 1);
	// A rolled-back large write leaves its file as a (reclaimable) orphan and no reference.
	big[0] ^= 0xFF;
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 3, 0x10000102, big, sizeof(big)), 0);
	assert_int_equal(a.vf->rollback(a.be), 0);
	assert_int_equal(a.vf->check(a.be, fx->mem, &c), 0);
	assert_int_equal(c.message_count, 0);
	assert_int_equal(c.orphan_blobs, 1);
	assert_int_equal(a.vf->prop_get(a.be, fx->mem, MB, 3, 0x10000102, &data, &len), MAPI_E_NOT_FOUND);
}

static void test_abi_namedprops_and_mailboxes(void **state)
{
	struct fx *fx = *state;
	struct abi a = abi_of(fx->store);
	struct mapistore_namedprop_record np = { .propid = 0x8123, .kind = 1, .lid = 0, .name = "n\xc3\xa4me" };
	np.guid = mapi_guid_random();
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->namedprop_put(a.be, MB, &np), 0);
	assert_int_equal(a.vf->commit(a.be), 0);
	uint16_t id;
	assert_int_equal(a.vf->namedprop_find(a.be, MB, &np, &id), 0);
	assert_int_equal(id, 0x8123);
	assert_int_equal(a.vf->namedprop_find(a.be, MB + 1, &np, &id), MAPI_E_NOT_FOUND);
	struct mapistore_namedprop_record key = np;
	key.name = "name";
	assert_int_equal(a.vf->namedprop_find(a.be, MB, &key, &id), MAPI_E_NOT_FOUND);
	key = np;
	key.kind = 0;
	assert_int_equal(a.vf->namedprop_find(a.be, MB, &key, &id), MAPI_E_NOT_FOUND);
	struct mapistore_namedprop_record got;
	assert_int_equal(a.vf->namedprop_get(a.be, fx->mem, MB, 0x8123, &got), 0);
	assert_string_equal(got.name, np.name);
	assert_true(mapi_guid_equal(&got.guid, &np.guid));
	assert_int_equal(got.kind, 1);
	assert_int_equal(a.vf->namedprop_get(a.be, fx->mem, MB, 0x8124, &got), MAPI_E_NOT_FOUND);
	// The same name twice, or the same ID twice, is refused.
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_true(a.vf->namedprop_put(a.be, MB, &np) != 0);
	assert_int_equal(a.vf->rollback(a.be), 0);
	// Mailboxes: owner unique, lookup, list.
	struct mapistore_mailbox_record m = { .mailbox_id = 77, .owner = "carol", .locale = "de" };
	m.guid = mapi_guid_random();
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->mailbox_put(a.be, &m), 0);
	assert_int_equal(a.vf->commit(a.be), 0);
	struct mapistore_mailbox_record back;
	assert_int_equal(a.vf->mailbox_get(a.be, fx->mem, "carol", &back), 0);
	assert_int_equal(back.mailbox_id, 77);
	assert_string_equal(back.locale, "de");
	assert_true(mapi_guid_equal(&back.guid, &m.guid));
	assert_int_equal(a.vf->mailbox_get(a.be, fx->mem, "Carol", &back), MAPI_E_NOT_FOUND);
	m.mailbox_id = 78;
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_true(a.vf->mailbox_put(a.be, &m) != 0);
	assert_int_equal(a.vf->rollback(a.be), 0);
	struct mapistore_mailbox_record *list;
	uint32_t n;
	assert_int_equal(a.vf->mailbox_list(a.be, fx->mem, &list, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[1].owner, "carol");
}

static void test_abi_isolation_between_handles(void **state)
{
	struct fx *fx = *state;
	struct abi a = abi_of(fx->store);
	struct mapistore *other;
	assert_int_equal(mapistore_open(fx->mem, fx->url, &other), 0);
	struct abi b = abi_of(other);
	// Uncommitted writes of one handle are invisible to the other; committed ones are visible.
	assert_int_equal(a.vf->begin(a.be), 0);
	put_rec(a, 500, 0, MAPISTORE_KIND_FOLDER, 0);
	struct mapistore_record r;
	assert_int_equal(b.vf->record_get(b.be, MB, 500, &r), MAPI_E_NOT_FOUND);
	assert_int_equal(a.vf->commit(a.be), 0);
	assert_int_equal(b.vf->record_get(b.be, MB, 500, &r), 0);
	// Counters: disjoint ranges across handles, each counter and mailbox on its own.
	uint64_t x, y, z;
	assert_int_equal(a.vf->begin(a.be), 0);
	assert_int_equal(a.vf->counter_reserve(a.be, MB, MAPISTORE_COUNTER_GLOBCNT, 10, &x), 0);
	assert_int_equal(a.vf->commit(a.be), 0);
	assert_int_equal(b.vf->begin(b.be), 0);
	assert_int_equal(b.vf->counter_reserve(b.be, MB, MAPISTORE_COUNTER_GLOBCNT, 10, &y), 0);
	assert_int_equal(b.vf->counter_reserve(b.be, MB, MAPISTORE_COUNTER_OBJECT, 1, &z), 0);
	assert_int_equal(b.vf->commit(b.be), 0);
	assert_int_equal(y, x + 10);
	assert_int_equal(z, 1);
	// Freeing a handle in a transaction rolls it back.
	assert_int_equal(b.vf->begin(b.be), 0);
	put_rec(b, 600, 0, MAPISTORE_KIND_FOLDER, 0);
	talloc_free(other);
	assert_int_equal(a.vf->record_get(a.be, MB, 600, &r), MAPI_E_NOT_FOUND);
	// Writes proceed after the other handle is gone.
	assert_int_equal(a.vf->begin(a.be), 0);
	put_rec(a, 601, 0, MAPISTORE_KIND_FOLDER, 0);
	assert_int_equal(a.vf->commit(a.be), 0);
}

/* record_children_props: records as record_children lists them, values by property ID. */
static void test_abi_children_props(void **state)
{
	struct fx *fx = *state;
	struct abi a = abi_of(fx->store);
	static uint8_t big[70000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (uint8_t)(i * 13);
	assert_int_equal(a.vf->begin(a.be), 0);
	put_rec(a, 100, 0, MAPISTORE_KIND_FOLDER, 0);
	put_rec(a, 300, 100, MAPISTORE_KIND_MESSAGE, 0);
	put_rec(a, 200, 100, MAPISTORE_KIND_MESSAGE, 9);
	put_rec(a, 250, 100, MAPISTORE_KIND_FOLDER, 0);
	put_rec(a, 400, 100, MAPISTORE_KIND_MESSAGE, 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 200, 0x0037001F, (const uint8_t *)"subj", 4), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 200, 0x0E080003, (const uint8_t *)"size", 4), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 200, 0x10000102, big, sizeof(big)), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 300, 0x0037001E, (const uint8_t *)"s8", 2), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 300, 0x00380003, (const uint8_t *)"next", 4), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 250, 0x0037001F, (const uint8_t *)"folder", 6), 0);
	assert_int_equal(a.vf->prop_put(a.be, MB, 400, 0x0E080003, (const uint8_t *)"", 0), 0);
	assert_int_equal(a.vf->commit(a.be), 0);
	// Subject asked as PT_UNSPECIFIED, size twice, body (a blob on engines with a blob directory),
	// and a property nobody has.
	const uint32_t tags[] = { 0x00370000, 0x0E080003, 0x10000102, 0x7FFF0003, 0x0E080003 };
	struct mapistore_record *recs;
	struct mapistore_backend_value *vals;
	uint32_t n = 99;
	assert_int_equal(a.vf->record_children_props(a.be, fx->mem, MB, 100, MAPISTORE_KIND_MESSAGE, tags, 5, &recs,
						     &vals, &n), 0);
	assert_int_equal(n, 3);
	assert_int_equal(recs[0].id, 200);
	assert_int_equal(recs[1].id, 300);
	assert_int_equal(recs[2].id, 400);
	assert_int_equal(recs[0].num, 9);
	assert_int_equal(recs[0].parent_id, 100);
	assert_int_equal(recs[0].kind, MAPISTORE_KIND_MESSAGE);
	assert_int_equal(recs[0].flags, 0x5);
	assert_int_equal(recs[0].change_num, 600);
	const struct mapistore_backend_value *v = vals;
	assert_int_equal(v[0].tag, 0x0037001F);
	assert_int_equal(v[0].len, 4);
	assert_memory_equal(v[0].data, "subj", 4);
	assert_int_equal(v[1].tag, 0x0E080003);
	assert_memory_equal(v[1].data, "size", 4);
	assert_int_equal(v[2].tag, 0x10000102);
	assert_int_equal(v[2].len, sizeof(big));
	assert_memory_equal(v[2].data, big, sizeof(big));
	assert_int_equal(v[3].tag, 0);
	assert_int_equal(v[4].tag, 0x0E080003);
	assert_memory_equal(v[4].data, "size", 4);
	v = vals + 5;		/* 300: the stored type comes back, other properties stay out */
	assert_int_equal(v[0].tag, 0x0037001E);
	assert_memory_equal(v[0].data, "s8", 2);
	assert_int_equal(v[1].tag, 0);
	assert_int_equal(v[2].tag, 0);
	assert_int_equal(v[3].tag, 0);
	v = vals + 10;		/* 400: a zero-length value is a value */
	assert_int_equal(v[0].tag, 0);
	assert_int_equal(v[1].tag, 0x0E080003);
	assert_int_equal(v[1].len, 0);
	assert_non_null(v[1].data);
	// Kind filter, no tags, unknown parent.
	assert_int_equal(a.vf->record_children_props(a.be, fx->mem, MB, 100, MAPISTORE_KIND_FOLDER, NULL, 0, &recs,
						     &vals, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(recs[0].id, 250);
	assert_int_equal(a.vf->record_children_props(a.be, fx->mem, MB, 999, MAPISTORE_KIND_MESSAGE, tags, 5, &recs,
						     &vals, &n), 0);
	assert_int_equal(n, 0);
	assert_int_equal(a.vf->record_children_props(a.be, fx->mem, MB + 1, 100, MAPISTORE_KIND_MESSAGE, tags, 5,
						     &recs, &vals, &n), 0);
	assert_int_equal(n, 0);
}

/* Many columns (more than one statement's worth of ID ranges): same answer. */
static void test_abi_children_many_tags(void **state)
{
	struct fx *fx = *state;
	struct abi a = abi_of(fx->store);
	enum { NT = 300 };
	uint32_t tags[NT];
	for (uint32_t i = 0; i < NT; i++)
		tags[i] = ((0x1000U + i) << 16) | 0x0003U;
	assert_int_equal(a.vf->begin(a.be), 0);
	for (uint64_t m = 1; m <= 3; m++) {
		put_rec(a, 10 + m, 10, MAPISTORE_KIND_MESSAGE, 0);
		for (uint32_t i = 0; i < NT; i += 7)
			assert_int_equal(a.vf->prop_put(a.be, MB, 10 + m, tags[i], (const uint8_t *)&i, 4), 0);
	}
	assert_int_equal(a.vf->commit(a.be), 0);
	struct mapistore_record *recs;
	struct mapistore_backend_value *vals;
	uint32_t n;
	assert_int_equal(a.vf->record_children_props(a.be, fx->mem, MB, 10, MAPISTORE_KIND_MESSAGE, tags, NT, &recs,
						     &vals, &n), 0);
	assert_int_equal(n, 3);
	for (uint32_t r = 0; r < n; r++) {
		assert_int_equal(recs[r].id, 11 + r);
		for (uint32_t i = 0; i < NT; i++) {
			const struct mapistore_backend_value *v = &vals[r * NT + i];
			if (i % 7 != 0) {
				assert_int_equal(v->tag, 0);
				continue;
			}
			assert_int_equal(v->tag, tags[i]);
			assert_int_equal(v->len, 4);
			assert_memory_equal(v->data, &i, 4);
		}
	}
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_backend[] = {
	T(test_abi_records),
	T(test_abi_props),
	T(test_abi_namedprops_and_mailboxes),
	T(test_abi_isolation_between_handles),
	T(test_abi_children_props),
	T(test_abi_children_many_tags),
};
const size_t store_tests_backend_count = sizeof(store_tests_backend) / sizeof(store_tests_backend[0]);
