/*
 * Unit tests: mapi_entryid (MS-OXCDATA 2.2.4.1-3, 2.2.5.1-2; MS-OXNSPI 2.2.9.2-3). Every
 * structure built, encoded, decoded back and compared; every truncation and one extra byte
 * refused; every MUST the decoders enforce broken once; the kind classifier.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_entryid.h"

typedef uint32_t (*pull_fn)(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len, void *out);

/* Adapters so every decoder has one shape. */
static uint32_t pull_folder(TALLOC_CTX *c, const uint8_t *p, size_t n, void *o)
{
	return mapi_entryid_pull_folder(p, n, o);
}

static uint32_t pull_message(TALLOC_CTX *c, const uint8_t *p, size_t n, void *o)
{
	return mapi_entryid_pull_message(p, n, o);
}

static uint32_t pull_store(TALLOC_CTX *c, const uint8_t *p, size_t n, void *o)
{
	return mapi_entryid_pull_store(c, p, n, o);
}

static uint32_t pull_ab(TALLOC_CTX *c, const uint8_t *p, size_t n, void *o)
{
	return mapi_entryid_pull_ab(c, p, n, o);
}

static uint32_t pull_ephemeral(TALLOC_CTX *c, const uint8_t *p, size_t n, void *o)
{
	return mapi_entryid_pull_ephemeral(p, n, o);
}

static uint32_t pull_oneoff(TALLOC_CTX *c, const uint8_t *p, size_t n, void *o)
{
	return mapi_entryid_pull_oneoff(c, p, n, o);
}

/* Every shorter prefix refused; one byte more refused unless trailing bytes are allowed. */
static void check_cuts(TALLOC_CTX *ctx, pull_fn pull, const uint8_t *p, size_t len, size_t size,
		       bool trailing_ok)
{
	void *tmp = talloc_zero_size(ctx, size);
	uint8_t *longer = talloc_array(ctx, uint8_t, len + 1);

	for (size_t n = 0; n < len; n++) {
		assert_int_equal(pull(ctx, p, n, tmp), ecRpcFormat);
	}
	memcpy(longer, p, len);
	longer[len] = 0x55;
	assert_int_equal(pull(ctx, longer, len + 1, tmp), trailing_ok ? 0 : ecRpcFormat);
	assert_int_equal(pull(ctx, NULL, 0, tmp), ecRpcFormat);
}

/* Sets byte at of a copy of p to v: the decoder must refuse it. */
static void check_broken(TALLOC_CTX *ctx, pull_fn pull, const uint8_t *p, size_t len, size_t size,
			 size_t at, uint8_t v)
{
	uint8_t *copy = talloc_memdup(ctx, p, len);
	void *tmp = talloc_zero_size(ctx, size);

	copy[at] = v;
	assert_int_equal(pull(ctx, copy, len, tmp), ecRpcFormat);
}

static void test_folder(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_folder_entryid in = { .folder_type = MAPI_ENTRYID_PRIVATE_FOLDER }, out;
	struct mapi_propval_writer w;

	memset(in.provider_uid, 0xA1, 16);
	memset(in.database_guid, 0xB2, 16);
	memcpy(in.global_counter, "\x00\x00\x00\x00\x00\x2A", 6);
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_folder(&w, &in), 0);
	assert_int_equal(w.len, MAPI_ENTRYID_FOLDER_SIZE);
	assert_int_equal(mapi_entryid_kind(w.data, w.len), MAPI_ENTRYID_FOLDER);
	assert_int_equal(mapi_entryid_pull_folder(w.data, w.len, &out), 0);
	assert_memory_equal(&in, &out, sizeof(in));
	check_cuts(ctx, pull_folder, w.data, w.len, sizeof(out), false);
	check_broken(ctx, pull_folder, w.data, w.len, sizeof(out), 0, 1);	/* Flags */
	check_broken(ctx, pull_folder, w.data, w.len, sizeof(out), 20, 2);	/* type 2 */
	check_broken(ctx, pull_folder, w.data, w.len, sizeof(out), 44, 1);	/* Pad */
	in.folder_type = MAPI_ENTRYID_PRIVATE_MESSAGE;
	assert_int_equal(mapi_entryid_push_folder(&w, &in), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_message(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_message_entryid in = { .message_type = MAPI_ENTRYID_PUBLIC_MESSAGE }, out;
	struct mapi_propval_writer w;

	memset(in.provider_uid, 0x11, 16);
	memset(in.folder_database_guid, 0x22, 16);
	memset(in.folder_global_counter, 0x33, 6);
	memset(in.message_database_guid, 0x44, 16);
	memset(in.message_global_counter, 0x55, 6);
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_message(&w, &in), 0);
	assert_int_equal(w.len, MAPI_ENTRYID_MESSAGE_SIZE);
	assert_int_equal(mapi_entryid_kind(w.data, w.len), MAPI_ENTRYID_MESSAGE);
	assert_int_equal(mapi_entryid_pull_message(w.data, w.len, &out), 0);
	assert_memory_equal(&in, &out, sizeof(in));
	check_cuts(ctx, pull_message, w.data, w.len, sizeof(out), false);
	check_broken(ctx, pull_message, w.data, w.len, sizeof(out), 3, 1);
	check_broken(ctx, pull_message, w.data, w.len, sizeof(out), 20, 1);	/* folder type */
	check_broken(ctx, pull_message, w.data, w.len, sizeof(out), 45, 1);	/* first Pad */
	check_broken(ctx, pull_message, w.data, w.len, sizeof(out), 69, 1);	/* last Pad */
	in.message_type = MAPI_ENTRYID_PUBLIC_FOLDER;
	assert_int_equal(mapi_entryid_push_message(&w, &in), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_store_public(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_store_entryid in = { .wrapped_type = MAPI_ENTRYID_STORE_PUBLIC,
					 .server_shortname = "SRV1" }, out;
	struct mapi_propval_writer w;

	memcpy(in.wrapped_provider_uid,
	       "\x1C\x83\x02\x10\xAA\x66\x11\xCD\x9B\xC8\x00\xAA\x00\x2F\xC4\x5A", 16);
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_store(&w, &in), 0);
	assert_int_equal(w.len, 60 + 5);
	assert_int_equal(mapi_entryid_kind(w.data, w.len), MAPI_ENTRYID_STORE);
	assert_int_equal(mapi_entryid_pull_store(ctx, w.data, w.len, &out), 0);
	assert_string_equal(out.server_shortname, "SRV1");
	assert_null(out.mailbox_dn);
	assert_int_equal(out.extra.length, 0);
	/* trailing bytes are kept (extra) and written back */
	check_cuts(ctx, pull_store, w.data, w.len, sizeof(out), true);
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 4, 0x39);	/* ProviderUID */
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 20, 1);	/* Version */
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 21, 1);	/* Flag */
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 22, 'e');	/* DLLFileName */
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 35, 'X');	/* its zeros */
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 36, 1);	/* WrappedFlags */
	check_broken(ctx, pull_store, w.data, w.len, sizeof(out), 56, 7);	/* WrappedType */
	/* a mailbox store needs its DN */
	in.wrapped_type = MAPI_ENTRYID_STORE_MAILBOX;
	assert_int_equal(mapi_entryid_push_store(&w, &in), MAPI_E_INVALID_PARAMETER);
	in.wrapped_type = 3;
	assert_int_equal(mapi_entryid_push_store(&w, &in), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_store_extra(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint8_t v2[3] = { 1, 2, 3 };
	struct mapi_store_entryid in = { .wrapped_type = MAPI_ENTRYID_STORE_MAILBOX,
					 .server_shortname = "S", .mailbox_dn = "/o=x/cn=y",
					 .extra = { 3, v2 } }, out;
	struct mapi_propval_writer w, w2;

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_store(&w, &in), 0);
	assert_int_equal(mapi_entryid_pull_store(ctx, w.data, w.len, &out), 0);
	assert_string_equal(out.mailbox_dn, "/o=x/cn=y");
	assert_int_equal(out.extra.length, 3);
	mapi_propval_writer_init(&w2, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_store(&w2, &out), 0);
	assert_int_equal(w2.len, w.len);
	assert_memory_equal(w2.data, w.data, w.len);
	in.extra.data = NULL;
	assert_int_equal(mapi_entryid_push_store(&w, &in), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_ab(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_ab_entryid in = { .display_type = 1, .dn = "/o=org/cn=list" }, out;
	struct mapi_propval_writer w;

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_ab(&w, &in), 0);
	assert_int_equal(w.len, 28 + strlen(in.dn) + 1);
	assert_int_equal(mapi_entryid_kind(w.data, w.len), MAPI_ENTRYID_AB_PERMANENT);
	assert_int_equal(mapi_entryid_pull_ab(ctx, w.data, w.len, &out), 0);
	assert_int_equal(out.display_type, 1);
	assert_string_equal(out.dn, in.dn);
	check_cuts(ctx, pull_ab, w.data, w.len, sizeof(out), false);
	check_broken(ctx, pull_ab, w.data, w.len, sizeof(out), 1, 1);		/* R1 */
	check_broken(ctx, pull_ab, w.data, w.len, sizeof(out), 19, 0);		/* ProviderUID */
	check_broken(ctx, pull_ab, w.data, w.len, sizeof(out), 20, 2);		/* R4 */
	in.dn = NULL;
	assert_int_equal(mapi_entryid_push_ab(&w, &in), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_ephemeral(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_ab_ephemeral_entryid in = { .display_type = 0, .mid = 0x1234 }, out;
	struct mapi_propval_writer w;

	memset(in.provider_uid, 0x77, 16);
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_ephemeral(&w, &in), 0);
	assert_int_equal(w.len, MAPI_ENTRYID_EPHEMERAL_SIZE);
	assert_int_equal(w.data[0], 0x87);
	assert_int_equal(mapi_entryid_kind(w.data, w.len), MAPI_ENTRYID_AB_EPHEMERAL);
	assert_int_equal(mapi_entryid_pull_ephemeral(w.data, w.len, &out), 0);
	assert_memory_equal(&in, &out, sizeof(in));
	check_cuts(ctx, pull_ephemeral, w.data, w.len, sizeof(out), false);
	check_broken(ctx, pull_ephemeral, w.data, w.len, sizeof(out), 0, 0x00);	/* ID Type */
	check_broken(ctx, pull_ephemeral, w.data, w.len, sizeof(out), 3, 1);	/* R3 */
	check_broken(ctx, pull_ephemeral, w.data, w.len, sizeof(out), 23, 1);	/* R4 */
	talloc_free(ctx);
}

static void oneoff_round_trip(uint16_t flags)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_oneoff_entryid in = { .flags = flags, .display_name = "Jane Doe",
					  .address_type = "SMTP",
					  .email_address = "jane@example.test" }, out;
	struct mapi_propval_writer w;
	size_t unit = (flags & MAPI_ENTRYID_ONEOFF_UNICODE) ? 2 : 1;

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	assert_int_equal(mapi_entryid_push_oneoff(&w, &in), 0);
	assert_int_equal(w.len, 24 + unit * (9 + 5 + 18));
	assert_int_equal(mapi_entryid_kind(w.data, w.len), MAPI_ENTRYID_ONEOFF);
	assert_int_equal(mapi_entryid_pull_oneoff(ctx, w.data, w.len, &out), 0);
	assert_int_equal(out.flags, flags);
	assert_string_equal(out.display_name, "Jane Doe");
	assert_string_equal(out.address_type, "SMTP");
	assert_string_equal(out.email_address, "jane@example.test");
	check_cuts(ctx, pull_oneoff, w.data, w.len, sizeof(out), false);
	check_broken(ctx, pull_oneoff, w.data, w.len, sizeof(out), 4, 0x80);	/* ProviderUID */
	check_broken(ctx, pull_oneoff, w.data, w.len, sizeof(out), 20, 1);	/* Version */
	in.email_address = NULL;
	assert_int_equal(mapi_entryid_push_oneoff(&w, &in), MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

static void test_oneoff(void **state)
{
	oneoff_round_trip(MAPI_ENTRYID_ONEOFF_UNICODE | 0x0001);
	oneoff_round_trip(0x0000);
}

static void test_kind(void **state)
{
	static const uint8_t short_one[19] = { 0 };
	uint8_t other[46] = { 0 };

	assert_int_equal(mapi_entryid_kind(NULL, 0), MAPI_ENTRYID_UNKNOWN);
	assert_int_equal(mapi_entryid_kind(short_one, sizeof(short_one)), MAPI_ENTRYID_UNKNOWN);
	assert_int_equal(mapi_entryid_kind(other, 45), MAPI_ENTRYID_UNKNOWN);
	assert_int_equal(mapi_entryid_kind(other, 46), MAPI_ENTRYID_FOLDER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folder),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_store_public),
		cmocka_unit_test(test_store_extra),
		cmocka_unit_test(test_ab),
		cmocka_unit_test(test_ephemeral),
		cmocka_unit_test(test_oneoff),
		cmocka_unit_test(test_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
