/*
 * Store conformance: property values of every type, validation errors, large values in the blob
 * store (deduplication, reference counts, corruption detection), streams, named properties.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store_test.h"

static uint64_t inbox(struct fx *fx)
{
	return mapistore_mailbox_special(fx->mbox, MAPISTORE_INBOX);
}

/* One value of every storable type (MS-OXCDATA 2.11.1). */
static uint32_t all_types(TALLOC_CTX *mem, struct mapi_propval **vals_r)
{
	struct mapi_propval *v = talloc_zero_array(mem, struct mapi_propval, 32);
	uint32_t n = 0;
	uint16_t id = 0x6800;
#define NEXT(type) (v[n].flag = MAPI_PROPVAL_FLAG_VALUE, v[n].tag = MAPI_PROP_TAG(id++, type), &v[n++].v)
	NEXT(PT_SHORT)->i16 = -7;
	NEXT(PT_LONG)->i32 = -123456;
	NEXT(PT_FLOAT)->f32 = 1.5f;
	NEXT(PT_DOUBLE)->f64 = -2.25;
	NEXT(PT_CURRENCY)->i64 = 123456789;
	NEXT(PT_APPTIME)->f64 = 45000.5;
	NEXT(PT_BOOLEAN)->b = 1;
	NEXT(PT_I8)->i64 = INT64_MIN + 3;
	NEXT(PT_STRING8)->str = talloc_strdup(v, "eight bit");
	NEXT(PT_UNICODE)->str = talloc_strdup(v, "unicode \xe2\x82\xac \xf0\x9f\x98\x80");
	NEXT(PT_SYSTIME)->time = 0x01D9000011112222ULL;
	NEXT(PT_CLSID)->guid = mapi_guid_random();
	union mapi_propval_data *d = NEXT(PT_BINARY);
	d->bin.length = 3;
	d->bin.data = talloc_memdup(v, "\x00\x01\x02", 3);
	d = NEXT(PT_SVREID);
	d->bin.length = 2;
	d->bin.data = talloc_memdup(v, "\x01\x00", 2);
	d = NEXT(PT_MV_LONG);
	d->mv.count = 3;
	d->mv.v.i32 = talloc_array(v, int32_t, 3);
	d->mv.v.i32[0] = 1; d->mv.v.i32[1] = -2; d->mv.v.i32[2] = 3;
	d = NEXT(PT_MV_UNICODE);
	d->mv.count = 2;
	d->mv.v.str = talloc_array(v, char *, 2);
	d->mv.v.str[0] = talloc_strdup(v, "a");
	d->mv.v.str[1] = talloc_strdup(v, "\xc3\xa9t\xc3\xa9");
	d = NEXT(PT_MV_BINARY);
	d->mv.count = 1;
	d->mv.v.bin = talloc_zero_array(v, struct mapi_binary, 1);
	d->mv.v.bin[0].length = 1;
	d->mv.v.bin[0].data = talloc_memdup(v, "z", 1);
	d = NEXT(PT_MV_I8);
	d->mv.count = 1;
	d->mv.v.i64 = talloc_array(v, int64_t, 1);
	d->mv.v.i64[0] = 42;
	d = NEXT(PT_MV_CLSID);
	d->mv.count = 1;
	d->mv.v.guid = talloc_array(v, struct GUID, 1);
	d->mv.v.guid[0] = mapi_guid_random();
	d = NEXT(PT_MV_SYSTIME);
	d->mv.count = 0;
#undef NEXT
	*vals_r = v;
	return n;
}

static void test_every_type_round_trips(void **state)
{
	struct fx *fx = *state;
	struct mapi_propval *vals;
	uint32_t n = all_types(fx->mem, &vals);
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	assert_int_equal(mapistore_object_set_props(msg, vals, n), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	uint32_t *tags = talloc_array(fx->mem, uint32_t, n);
	for (uint32_t i = 0; i < n; i++)
		tags[i] = vals[i].tag;
	struct mapi_propval *got;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mapistore_object_id(msg), tags, n, &got), 0);
	for (uint32_t i = 0; i < n; i++) {
		if (!mapi_propval_equal(&vals[i], &got[i]))
			fail_msg("type 0x%04x did not round-trip", mapi_prop_type(vals[i].tag));
	}
	// PT_UNSPECIFIED finds whatever type is stored.
	for (uint32_t i = 0; i < n; i++)
		tags[i] = MAPI_PROP_TAG(mapi_prop_id(vals[i].tag), PT_UNSPECIFIED);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mapistore_object_id(msg), tags, n, &got), 0);
	for (uint32_t i = 0; i < n; i++)
		assert_true(mapi_propval_equal(&vals[i], &got[i]));
	// And the same values on a folder.
	assert_int_equal(mapistore_props_set(fx->mbox, inbox(fx), vals, n), 0);
	for (uint32_t i = 0; i < n; i++)
		tags[i] = vals[i].tag;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, inbox(fx), tags, n, &got), 0);
	for (uint32_t i = 0; i < n; i++)
		assert_true(mapi_propval_equal(&vals[i], &got[i]));
}

static void test_validation_errors(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval pv = fx_i32(MAPI_PROP_TAG(0x6801, PT_UNSPECIFIED), 1);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv.tag = MAPI_PROP_TAG(0x6801, PT_NULL);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv.tag = MAPI_PROP_TAG(0x6801, PT_ERROR);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv.tag = MAPI_PROP_TAG(0x6801, 0x0099);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv.tag = MAPI_PROP_TAG(0x6801, PT_MV_LONG | MAPI_PROPTYPE_MV_INSTANCE);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv.tag = MAPI_PROP_TAG(0, PT_LONG);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv.tag = MAPI_PROP_TAG(0x3701, PT_OBJECT);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_NO_SUPPORT);
	pv = fx_i32(PidTagMid, 0);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_NO_ACCESS);
	pv = fx_i32(PidTagImportance, 1);
	pv.flag = MAPI_PROPVAL_FLAG_ERROR;
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	// A boolean that is not 0/1 and invalid UTF-8 have no encoding.
	pv = fx_i32(MAPI_PROP_TAG(0x6802, PT_BOOLEAN), 0);
	pv.v.b = 7;
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	pv = fx_str(PidTagSubject, "\xff\xfe bad");
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), MAPI_E_INVALID_PARAMETER);
	// One bad value refuses the whole call: the good one before it is not pending.
	struct mapi_propval two[2] = { fx_str(PidTagSubject, "ok"), fx_i32(MAPI_PROP_TAG(0x6801, PT_NULL), 0) };
	assert_int_equal(mapistore_object_set_props(msg, two, 2), MAPI_E_INVALID_PARAMETER);
	uint32_t tag = PidTagSubject;
	struct mapi_propval *v;
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, &tag, 1, &v), 0);
	assert_int_equal(v->flag, MAPI_PROPVAL_FLAG_ERROR);
}

static void test_value_too_big(void **state)
{
	struct fx *fx = *state;
	// MS-OXCPRPT 3.2.5.16 TooBig: past MAPISTORE_MAX_VALUE_SIZE.
	uint32_t len = MAPISTORE_MAX_VALUE_SIZE;
	uint8_t *big = talloc_zero_size(fx->mem, len);
	assert_non_null(big);
	struct mapi_propval pv = fx_bin(PidTagAttachDataBinary, big, len);
	assert_int_equal(mapistore_prop_validate(&pv), ecTooBig);
	pv.v.bin.length = len - 4;	/* 4 bytes of count: exactly the maximum */
	assert_int_equal(mapistore_prop_validate(&pv), MAPI_E_SUCCESS);
	talloc_free(big);
}

/* Files under dir/xx/ (blob files), counted. */
static unsigned count_blob_files(struct fx *fx)
{
	char *cmd = talloc_asprintf(fx->mem, "find '%s/blobs' -type f -name '[0-9a-f]*' 2>/dev/null | wc -l", fx->dir);
	FILE *p = popen(cmd, "r");
	unsigned n = 0;
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%u", &n), 1);
	pclose(p);
	return n;
}

static uint64_t big_message(struct fx *fx, const uint8_t *body, uint32_t len)
{
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval pv = fx_bin(PidTagAttachDataBinary, body, len);
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	return mapistore_object_id(msg);
}

static struct mapistore_backend_stats stats(struct fx *fx)
{
	struct mapistore_backend_stats st;
	assert_int_equal(mapistore_vfuncs(fx->store)->stats(mapistore_backend(fx->store), &st), 0);
	return st;
}

static void test_large_values_in_blobs(void **state)
{
	struct fx *fx = *state;
	uint32_t len = 300 * 1024;
	uint8_t *body = talloc_size(fx->mem, len);
	for (uint32_t i = 0; i < len; i++)
		body[i] = (uint8_t)(i % 251 < 200 ? 'a' + i % 26 : i);
	uint64_t m1 = big_message(fx, body, len);
	uint64_t m2 = big_message(fx, body, len);
	// Deduplicated: one file, two references, compressed below its raw size.
	assert_int_equal(count_blob_files(fx), 1);
	struct mapistore_backend_stats st = stats(fx);
	assert_int_equal(st.blobs, 1);
	assert_true(st.blob_bytes_raw == len + 4);
	assert_true(st.blob_bytes_stored < st.blob_bytes_raw);
	uint32_t tag = PidTagAttachDataBinary;
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, m2, &tag, 1, &v), 0);
	assert_int_equal(v->v.bin.length, len);
	assert_memory_equal(v->v.bin.data, body, len);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
	assert_int_equal(r.backend.blobs_checked, 1);
	// Deleting one reference keeps the blob; deleting both leaves a reclaimable one.
	assert_int_equal(mapistore_message_delete(fx->mbox, &m1, 1, true), 0);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, m2, &tag, 1, &v), 0);
	assert_memory_equal(v->v.bin.data, body, len);
	assert_int_equal(mapistore_message_delete(fx->mbox, &m2, 1, true), 0);
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
	// The same content again reuses the file.
	uint64_t m3 = big_message(fx, body, len);
	assert_int_equal(count_blob_files(fx), 1);
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, m3, &tag, 1, &v), 0);
	assert_memory_equal(v->v.bin.data, body, len);
	// Replacing the value by a small one drops the reference.
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_open(fx->mem, fx->mbox, m3, &msg), 0);
	struct mapi_propval small = fx_bin(PidTagAttachDataBinary, "tiny", 4);
	assert_int_equal(mapistore_object_set_props(msg, &small, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.errors, 0);
}

static void test_corrupt_blob_detected(void **state)
{
	struct fx *fx = *state;
	uint32_t len = 100 * 1024;
	uint8_t *body = talloc_zero_size(fx->mem, len);
	uint64_t mid = big_message(fx, body, len);
	// Overwrite the file with another valid frame: the hash check must catch it.
	char *cmd = talloc_asprintf(fx->mem, "find '%s/blobs' -type f -name '[0-9a-f]*'", fx->dir);
	FILE *p = popen(cmd, "r");
	char path[4096] = "";
	assert_non_null(fgets(path, sizeof(path), p));
	pclose(p);
	path[strcspn(path, "\n")] = 0;
	int fd = open(path, O_WRONLY | O_TRUNC);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "garbage", 7), 7);
	close(fd);
	uint32_t tag = PidTagAttachDataBinary;
	struct mapi_propval *v;
	assert_int_equal(mapistore_props_get(fx->mem, fx->mbox, mid, &tag, 1, &v), ecJetError);
	struct mapistore_check_report r;
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.backend.corrupt_blobs, 1);
	assert_true(r.errors >= 1);
	// A missing file is reported as missing.
	assert_int_equal(unlink(path), 0);
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.backend.missing_blobs, 1);
	// A stray file is an orphan, reclaimable, not an error.
	char *stray = talloc_asprintf(fx->mem, "%s/blobs/00/%064d", fx->dir, 0);
	assert_int_equal(system(talloc_asprintf(fx->mem, "mkdir -p '%s/blobs/00' && touch '%s'", fx->dir, stray)), 0);
	assert_int_equal(mapistore_check(fx->mem, fx->store, &r), 0);
	assert_int_equal(r.backend.orphan_blobs, 1);
}

static void test_streams(void **state)
{
	struct fx *fx = *state;
	struct mapistore_object *msg;
	struct mapistore_stream *st;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagBody, MAPISTORE_STREAM_READWRITE, &st), MAPI_E_NOT_FOUND);
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagImportance, MAPISTORE_STREAM_CREATE, &st),
			 MAPI_E_NO_SUPPORT);
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagBody, 7, &st), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagBody, MAPISTORE_STREAM_CREATE, &st), 0);
	// PtypString streams are UTF-16LE: "Hi" then "!" appended in a second write.
	size_t n;
	assert_int_equal(mapistore_stream_write(st, (const uint8_t *)"H\0i\0", 4, &n), 0);
	assert_int_equal(n, 4);
	assert_int_equal(mapistore_stream_write(st, (const uint8_t *)"!\0", 2, &n), 0);
	assert_int_equal(mapistore_stream_size(st), 6);
	uint64_t pos;
	assert_int_equal(mapistore_stream_seek(st, 0, -1, &pos), ecStreamSeekError);
	assert_int_equal(mapistore_stream_seek(st, 3, 0, &pos), MAPI_E_INVALID_PARAMETER);
	assert_int_equal(mapistore_stream_seek(st, 2, -2, &pos), 0);
	assert_int_equal(pos, 4);
	uint8_t buf[16];
	assert_int_equal(mapistore_stream_read(st, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(mapistore_stream_commit(st), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_string_equal(fx_get_str(fx, mapistore_object_id(msg), PidTagBody), "Hi!");
	// Read-only streams refuse writes; reading gives the UTF-16 bytes.
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagBody, MAPISTORE_STREAM_READ, &st), 0);
	assert_int_equal(mapistore_stream_write(st, buf, 1, &n), ecStreamAccessDenied);
	assert_int_equal(mapistore_stream_commit(st), ecStreamAccessDenied);
	assert_int_equal(mapistore_stream_read(st, buf, sizeof(buf), &n), 0);
	assert_int_equal(n, 6);
	assert_memory_equal(buf, "H\0i\0!\0", 6);
	// Binary stream overwrite in the middle; odd-length UTF-16 refused at commit.
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagAttachDataBinary, MAPISTORE_STREAM_CREATE, &st), 0);
	assert_int_equal(mapistore_stream_write(st, (const uint8_t *)"abcdef", 6, &n), 0);
	assert_int_equal(mapistore_stream_seek(st, 0, 2, NULL), 0);
	assert_int_equal(mapistore_stream_write(st, (const uint8_t *)"XY", 2, &n), 0);
	assert_int_equal(mapistore_stream_commit(st), 0);
	uint32_t tag = PidTagAttachDataBinary;
	struct mapi_propval *v;
	assert_int_equal(mapistore_object_get_props(fx->mem, msg, &tag, 1, &v), 0);
	assert_int_equal(v->v.bin.length, 6);
	assert_memory_equal(v->v.bin.data, "abXYef", 6);
	assert_int_equal(mapistore_stream_open(fx->mem, msg, PidTagBody, MAPISTORE_STREAM_READWRITE, &st), 0);
	assert_int_equal(mapistore_stream_seek(st, 2, 0, NULL), 0);
	assert_int_equal(mapistore_stream_write(st, (const uint8_t *)"x", 1, &n), 0);
	assert_int_equal(mapistore_stream_size(st), 7);
	assert_int_equal(mapistore_stream_seek(st, 0, MAPISTORE_MAX_VALUE_SIZE, &pos), 0);
	assert_int_equal(mapistore_stream_write(st, (const uint8_t *)"x", 1, &n), ecTooBig);
	assert_int_equal(mapistore_stream_commit(st), MAPI_E_INVALID_PARAMETER);
}

static struct mapistore_propname lid_name(uint32_t lid)
{
	struct mapistore_propname pn = { .kind = 0, .lid = lid };
	mapi_guid_parse("00062008-0000-0000-C000-000000000046", &pn.guid);	/* PSETID_Common */
	return pn;
}

static void test_named_properties(void **state)
{
	struct fx *fx = *state;
	struct mapistore_propname names[4] = { lid_name(0x8501), lid_name(0x8502) };
	names[2] = lid_name(0);
	names[2].kind = 1;
	names[2].name = "x-custom-header";
	mapi_guid_parse("00020329-0000-0000-C000-000000000046", &names[2].guid);	/* PS_PUBLIC_STRINGS */
	names[3] = lid_name(0x1234);
	mapi_guid_parse("00020328-0000-0000-C000-000000000046", &names[3].guid);	/* PS_MAPI */
	uint16_t ids[4];
	// Without create: nothing mapped, ErrorsReturned.
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, names, 3, false, ids), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(ids[0], 0);
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, names, 3, true, ids), 0);
	assert_int_equal(ids[0], 0x8000);
	assert_int_equal(ids[1], 0x8001);
	assert_int_equal(ids[2], 0x8002);
	uint16_t again[4];
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, names, 3, false, again), 0);
	assert_memory_equal(again, ids, sizeof(uint16_t) * 3);
	// MS-OXCPRPT 2.2.12.2: PS_MAPI names are not mapped; bad kinds neither.
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &names[3], 1, true, again), MAPI_W_ERRORS_RETURNED);
	assert_int_equal(again[0], 0);
	struct mapistore_propname bad = names[2];
	bad.kind = 2;
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &bad, 1, true, again), MAPI_W_ERRORS_RETURNED);
	bad.kind = 1;
	bad.name = "";
	assert_int_equal(mapistore_namedprop_ids(fx->mbox, &bad, 1, true, again), MAPI_W_ERRORS_RETURNED);
	// Names back from IDs.
	uint16_t q[3] = { 0x8002, 0x8000, 0x9999 };
	struct mapistore_propname *got;
	uint32_t *st;
	assert_int_equal(mapistore_namedprop_names(fx->mem, fx->mbox, q, 3, &got, &st), 0);
	assert_int_equal(st[0], 0);
	assert_int_equal(got[0].kind, 1);
	assert_string_equal(got[0].name, "x-custom-header");
	assert_true(mapi_guid_equal(&got[0].guid, &names[2].guid));
	assert_int_equal(got[1].lid, 0x8501);
	assert_int_equal(st[2], MAPI_E_NOT_FOUND);
	// Per mailbox: bob's map is his own.
	struct mapistore_mailbox *bob;
	assert_int_equal(mapistore_mailbox_create(fx->mem, fx->store, "bob", "en", &bob), 0);
	assert_int_equal(mapistore_namedprop_ids(bob, &names[1], 1, true, again), 0);
	assert_int_equal(again[0], 0x8000);
	// A named property value round-trips under its ID.
	struct mapistore_object *msg;
	assert_int_equal(mapistore_message_create(fx->mem, fx->mbox, inbox(fx), false, &msg), 0);
	struct mapi_propval pv = fx_str(MAPI_PROP_TAG(ids[2], PT_UNICODE), "value");
	assert_int_equal(mapistore_object_set_props(msg, &pv, 1), 0);
	assert_int_equal(mapistore_object_save(msg), 0);
	assert_string_equal(fx_get_str(fx, mapistore_object_id(msg), pv.tag), "value");
}

#define T(f) cmocka_unit_test_setup_teardown(f, fx_setup, fx_teardown)
const struct CMUnitTest store_tests_props[] = {
	T(test_every_type_round_trips),
	T(test_validation_errors),
	T(test_value_too_big),
	T(test_large_values_in_blobs),
	T(test_corrupt_blob_detected),
	T(test_streams),
	T(test_named_properties),
};
const size_t store_tests_props_count = sizeof(store_tests_props) / sizeof(store_tests_props[0]);
