/*
 * Unit tests: nspi_attrmap (the property table), nspi_row (values, entry IDs, code pages,
 * MS-OXNSPI 2.2.9, 3.1.4.1.6-7, 3.1.4.3.3) and nspi_directory_parse_sid (MS-DTYP 2.4.2.1).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <util/data_blob.h>
#include <gen_ndr/security.h>

#include "nspi_attrmap.h"
#include "nspi_directory.h"
#include "nspi_row.h"
#include "mapi_status.h"

static const uint8_t guid_nspi[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
				       0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };
#define DN "/o=Sambex/cn=Recipients/cn=zoe"

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

/* A user entry with MId 0x42 and a few attributes. */
static struct nspi_entry *user(TALLOC_CTX *mem, const char *cls)
{
	struct nspi_entry *e = talloc_zero(mem, struct nspi_entry);
	struct ldb_message *msg = ldb_msg_new(e);

	e->mid = 0x42;
	e->msg = msg;
	assert_int_equal(ldb_msg_add_string(msg, "objectClass", "top"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "objectClass", cls), 0);
	assert_int_equal(ldb_msg_add_string(msg, "displayName", "Zo\xc3\xab \xe2\x82\xac"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "legacyExchangeDN", DN), 0);
	assert_int_equal(ldb_msg_add_string(msg, "mail", "zoe@sambex.test"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "proxyAddresses", "SMTP:zoe@sambex.test"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "proxyAddresses", "smtp:z@sambex.test"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "memberOf", "CN=g,DC=x"), 0);
	return e;
}

static struct nspi_row_context context(bool eph)
{
	struct nspi_row_context rc = { .code_page = 1252, .ephemeral_ids = eph };

	for (int i = 0; i < 16; i++) {
		((uint8_t *)&rc.server_guid)[i] = (uint8_t)(0x10 + i);
	}
	return rc;
}

static void test_attrmap(void **state)
{
	const struct nspi_attrmap_entry *m = nspi_attrmap_find(0x3001001E);

	assert_non_null(m);
	assert_int_equal(m->tag, 0x3001001F);
	assert_string_equal(m->attribute, "displayName");
	assert_ptr_equal(nspi_attrmap_find(0x3001001F), m);
	assert_string_equal(nspi_attrmap_find(0x3A06001F)->attribute, "givenName");
	assert_string_equal(nspi_attrmap_find(0x39FE001F)->attribute, "mail");
	assert_string_equal(nspi_attrmap_find(0x3A16001F)->attribute, "company");
	assert_string_equal(nspi_attrmap_find(0x3A18001F)->attribute, "department");
	assert_string_equal(nspi_attrmap_find(0x803C001F)->attribute, "distinguishedName");
	assert_string_equal(nspi_attrmap_find(0x8008000D)->attribute, "memberOf");
	assert_string_equal(nspi_attrmap_find(0x800F101E)->attribute, "proxyAddresses");
	assert_null(nspi_attrmap_find(0x12340102));
	assert_null(nspi_attrmap_find(0x3001000A));
	/* Tags are unique, and no secret attribute is ever mapped. */
	for (size_t i = 0; i < nspi_attrmap_count; i++) {
		for (size_t j = i + 1; j < nspi_attrmap_count; j++) {
			assert_int_not_equal(nspi_attrmap[i].tag, nspi_attrmap[j].tag);
		}
		if (nspi_attrmap[i].attribute != NULL) {
			assert_int_not_equal(strcasecmp(nspi_attrmap[i].attribute, "unicodePwd"), 0);
			assert_int_not_equal(strcasecmp(nspi_attrmap[i].attribute,
							"supplementalCredentials"), 0);
		}
	}
	for (const char * const *a = nspi_attrmap_attributes(); *a != NULL; a++) {
		assert_int_not_equal(strcasecmp(*a, "unicodePwd"), 0);
	}
}

static void test_codepage(void **state)
{
	char *s = nspi_row_to_codepage(*state, "Zo\xc3\xab \xe2\x82\xac", 1252);

	assert_string_equal(s, "Zo\xeb \x80");
	assert_string_equal(nspi_row_to_codepage(*state, "a\xe4\xb8\xad" "b", 1252), "a?b");
	assert_string_equal(nspi_row_to_codepage(*state, "a\xe4\xb8\xad" "b", 65001),
			    "a\xe4\xb8\xad" "b");
	assert_string_equal(nspi_row_to_codepage(*state, "", 1252), "");
	assert_string_equal(nspi_row_to_codepage(*state, "x\xff" "y", 1252), "x?y");
	assert_null(nspi_row_to_codepage(*state, "x", 4242424));
}

static void test_entry_ids(void **state)
{
	struct nspi_entry *e = user(*state, "user");
	struct nspi_row_context rc = context(false);
	struct nspi_PropertyValue_r v;

	assert_true(nspi_row_value(*state, &rc, e, 0x0FFF0102, &v));
	assert_int_equal(v.Value.bin.cb, 28 + strlen(DN) + 1);
	assert_memory_equal(v.Value.bin.lpb, "\0\0\0\0", 4);		/* 2.2.9.3 */
	assert_memory_equal(v.Value.bin.lpb + 4, guid_nspi, 16);
	assert_memory_equal(v.Value.bin.lpb + 20, "\x01\0\0\0\0\0\0\0", 8);
	assert_string_equal((const char *)v.Value.bin.lpb + 28, DN);
	rc = context(true);
	assert_true(nspi_row_value(*state, &rc, e, 0x0FFF0102, &v));
	assert_int_equal(v.Value.bin.cb, 32);				/* 2.2.9.2 */
	assert_memory_equal(v.Value.bin.lpb, "\x87\0\0\0\x10\x11", 6);
	assert_memory_equal(v.Value.bin.lpb + 20, "\x01\0\0\0\0\0\0\0\x42\0\0\0", 12);
	/* The record key stays permanent even with fEphID. */
	assert_true(nspi_row_value(*state, &rc, e, 0x0FF90102, &v));
	assert_int_equal(v.Value.bin.lpb[0], 0);
	assert_true(nspi_row_value(*state, &rc, e, 0x0FF60102, &v));
	assert_int_equal(v.Value.bin.cb, 4);
	assert_memory_equal(v.Value.bin.lpb, "\x42\0\0\0", 4);
	assert_true(nspi_row_value(*state, &rc, e, 0x300B0102, &v));
	assert_string_equal((const char *)v.Value.bin.lpb, "EX:/O=SAMBEX/CN=RECIPIENTS/CN=ZOE");
	assert_true(nspi_row_value(*state, &rc, e, 0x0FF80102, &v));
	assert_memory_equal(v.Value.bin.lpb, guid_nspi, 16);
}

static void test_types(void **state)
{
	struct nspi_row_context rc = context(false);
	struct nspi_PropertyValue_r v;

	assert_true(nspi_row_value(*state, &rc, user(*state, "user"), 0x39000003, &v));
	assert_int_equal(v.Value.l, 0);		/* DT_MAILUSER */
	assert_true(nspi_row_value(*state, &rc, user(*state, "group"), 0x39000003, &v));
	assert_int_equal(v.Value.l, 1);		/* DT_DISTLIST */
	assert_true(nspi_row_value(*state, &rc, user(*state, "group"), 0x0FFE0003, &v));
	assert_int_equal(v.Value.l, 8);
	assert_true(nspi_row_value(*state, &rc, user(*state, "contact"), 0x39000003, &v));
	assert_int_equal(v.Value.l, 6);		/* DT_REMOTE_MAILUSER */
	assert_true(nspi_row_value(*state, &rc, user(*state, "contact"), 0x0FFE0003, &v));
	assert_int_equal(v.Value.l, 6);
}

static void test_strings(void **state)
{
	struct nspi_entry *e = user(*state, "user");
	struct nspi_row_context rc = context(false);
	struct nspi_PropertyValue_r v;

	assert_true(nspi_row_value(*state, &rc, e, 0x3001001F, &v));
	assert_int_equal(v.ulPropTag, 0x3001001F);
	assert_string_equal(v.Value.lpszW, "Zo\xc3\xab \xe2\x82\xac");
	assert_true(nspi_row_value(*state, &rc, e, 0x3001001E, &v));
	assert_int_equal(v.ulPropTag, 0x3001001E);
	assert_string_equal(v.Value.lpszA, "Zo\xeb \x80");
	assert_true(nspi_row_value(*state, &rc, e, 0x3002001E, &v));
	assert_string_equal(v.Value.lpszA, "EX");
	assert_true(nspi_row_value(*state, &rc, e, 0x3003001F, &v));
	assert_string_equal(v.Value.lpszW, DN);
	assert_true(nspi_row_value(*state, &rc, e, 0x800F101F, &v));
	assert_int_equal(v.Value.MVszW.cValues, 2);
	assert_string_equal(v.Value.MVszW.lppszW[1], "smtp:z@sambex.test");
	assert_true(nspi_row_value(*state, &rc, e, 0x800F101E, &v));
	assert_int_equal(v.Value.MVszA.cValues, 2);
	assert_string_equal(v.Value.MVszA.lppszA[0], "SMTP:zoe@sambex.test");
}

/* Missing, unmapped, wrongly typed and link properties are PtypErrorCode NotFound (rule 12). */
static void test_errors(void **state)
{
	static const uint32_t missing[] = { 0x3A06001F, 0x12340102, 0x30010003, 0x8008000D,
					    0x0FFF0003 };
	struct nspi_entry *e = user(*state, "user");
	struct nspi_row_context rc = context(false);
	struct nspi_PropertyValue_r v;

	for (size_t i = 0; i < sizeof(missing) / sizeof(missing[0]); i++) {
		assert_false(nspi_row_value(*state, &rc, e, missing[i], &v));
		assert_int_equal(v.ulPropTag, (missing[i] & 0xFFFF0000U) | 0x000A);
		assert_int_equal((uint32_t)v.Value.err, MAPI_E_NOT_FOUND);
	}
	/* No entry (an unknown MId, rule 11): every property is missing. */
	assert_false(nspi_row_value(*state, &rc, NULL, 0x3001001F, &v));
	assert_int_equal(v.ulPropTag, 0x3001000A);
}

static void test_prop_list(void **state)
{
	struct nspi_entry *e = user(*state, "user");
	struct nspi_row_context rc = context(false);
	struct nspi_PropertyTagArray_r *all = nspi_row_prop_list(*state, &rc, e, false);
	struct nspi_PropertyTagArray_r *skip = nspi_row_prop_list(*state, &rc, e, true);
	bool display = false, member_of = false, given = false;

	assert_non_null(all);
	assert_non_null(skip);
	for (uint32_t i = 0; i < all->cValues; i++) {
		uint32_t type = all->aulPropTag[i] & 0xFFFF;

		assert_true(type != 0x001F && type != 0x101F);	/* rule 4 */
		display |= all->aulPropTag[i] == 0x3001001E;
		member_of |= all->aulPropTag[i] == 0x8008000D;
		given |= all->aulPropTag[i] == 0x3A06001E;
	}
	assert_true(display && member_of && !given);
	assert_int_equal(skip->cValues, all->cValues - 1);	/* rule 3 */
	for (uint32_t i = 0; i < skip->cValues; i++) {
		assert_int_not_equal(skip->aulPropTag[i] & 0xFFFF, 0x000D);
	}
}

static void test_parse_sid(void **state)
{
	struct dom_sid sid;

	assert_true(nspi_directory_parse_sid("S-1-5-21-871696750-2460664314-4076735206-1103", &sid));
	assert_int_equal(sid.sid_rev_num, 1);
	assert_int_equal(sid.id_auth[5], 5);
	assert_int_equal(sid.num_auths, 5);
	assert_int_equal(sid.sub_auths[0], 21);
	assert_int_equal(sid.sub_auths[4], 1103);
	assert_true(nspi_directory_parse_sid("S-1-1-0", &sid));
	assert_int_equal(sid.num_auths, 1);
	assert_true(nspi_directory_parse_sid("S-1-5", &sid));
	assert_int_equal(sid.num_auths, 0);
	assert_true(nspi_directory_parse_sid("S-1-281474976710655-1", &sid));
	assert_int_equal(sid.id_auth[0], 0xFF);
	assert_false(nspi_directory_parse_sid("S-1-281474976710656-1", &sid));
	assert_false(nspi_directory_parse_sid("S-1-5-4294967296", &sid));
	assert_false(nspi_directory_parse_sid("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16", &sid));
	assert_true(nspi_directory_parse_sid("S-1-5-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15", &sid));
	assert_false(nspi_directory_parse_sid("S-1-5-", &sid));
	assert_false(nspi_directory_parse_sid("S-1--5", &sid));
	assert_false(nspi_directory_parse_sid("S-256-5", &sid));
	assert_false(nspi_directory_parse_sid("s-1-5", &sid));
	assert_false(nspi_directory_parse_sid("S-1-5 ", &sid));
	assert_false(nspi_directory_parse_sid(NULL, &sid));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_attrmap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_codepage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_entry_ids, setup, teardown),
		cmocka_unit_test_setup_teardown(test_types, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prop_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_parse_sid, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
