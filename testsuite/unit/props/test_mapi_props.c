/*
 * Unit tests: mapi_props (MS-OXPROPS tables generated from idl/props.tsv and idl/propsets.tsv).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_props.h"

struct known_tag {
	const char *name;
	uint32_t tag;
	uint32_t constant;	/* the generated #define, to check it matches too */
};

/*
 * Values as the specs state them: MS-OXPROPS section 2 (IDs and types) and, for the markers,
 * the table of MS-OXCFXICS 2.2.4.1.4.
 */
static const struct known_tag known_tags[] = {
	{ "PidTagDisplayName", 0x3001001FU, PidTagDisplayName },
	{ "PidTagEntryId", 0x0FFF0102U, PidTagEntryId },
	{ "PidTagSubject", 0x0037001FU, PidTagSubject },
	{ "PidTagFolderId", 0x67480014U, PidTagFolderId },
	{ "PidTagMid", 0x674A0014U, PidTagMid },
	{ "PidTagChangeKey", 0x65E20102U, PidTagChangeKey },
	{ "PidTagPredecessorChangeList", 0x65E30102U, PidTagPredecessorChangeList },
	{ "PidTagSourceKey", 0x65E00102U, PidTagSourceKey },
	{ "PidTagParentSourceKey", 0x65E10102U, PidTagParentSourceKey },
	{ "PidTagChangeNumber", 0x67A40014U, PidTagChangeNumber },
	{ "PidTagLastModificationTime", 0x30080040U, PidTagLastModificationTime },
	{ "PidTagCreationTime", 0x30070040U, PidTagCreationTime },
	{ "PidTagMessageSize", 0x0E080003U, PidTagMessageSize },
	{ "PidTagMessageSizeExtended", 0x0E080014U, PidTagMessageSizeExtended },
	{ "PidTagRecordKey", 0x0FF90102U, PidTagRecordKey },
	{ "PidTagSearchKey", 0x300B0102U, PidTagSearchKey },
	{ "PidTagAttachDataBinary", 0x37010102U, PidTagAttachDataBinary },
	{ "PidTagAttachDataObject", 0x3701000DU, PidTagAttachDataObject },
	{ "PidTagAddressBookContainerId", 0xFFFD0003U, PidTagAddressBookContainerId },
	{ "PidTagStartTopFld", 0x40090003U, PidTagStartTopFld },
	{ "PidTagIncrSyncGroupInfo", 0x407B0102U, PidTagIncrSyncGroupInfo },
};

static void test_known_tags_by_name(void **state)
{
	for (size_t i = 0; i < sizeof(known_tags) / sizeof(known_tags[0]); i++) {
		uint32_t tag = 0;

		assert_true(mapi_props_tag_from_name(known_tags[i].name, &tag));
		assert_int_equal(tag, known_tags[i].tag);
		assert_int_equal(known_tags[i].constant, known_tags[i].tag);
	}
}

static void test_known_tags_by_tag(void **state)
{
	for (size_t i = 0; i < sizeof(known_tags) / sizeof(known_tags[0]); i++) {
		assert_string_equal(mapi_props_tag_name(known_tags[i].tag), known_tags[i].name);
	}
}

static void test_every_tag_round_trips(void **state)
{
	size_t n = mapi_props_tag_count();

	assert_int_equal(n, MAPI_PROPS_TAG_COUNT);
	assert_true(n > 100);
	for (size_t i = 0; i < n; i++) {
		const struct mapi_props_tag_info *info = mapi_props_tag_at(i);
		uint32_t tag = 0;

		assert_non_null(info);
		assert_true(mapi_props_tag_from_name(info->name, &tag));
		assert_int_equal(tag, info->tag);
		assert_ptr_equal(mapi_props_tag_lookup(tag), info);
		assert_string_equal(mapi_props_tag_name(tag), info->name);
		assert_true(mapi_proptype_is_valid(mapi_prop_type(tag)));
		assert_non_null(info->alternate_names);
		assert_non_null(info->section);
	}
	assert_null(mapi_props_tag_at(n));
}

static void test_unknown_tags(void **state)
{
	uint32_t tag = 0x12345678U;

	assert_null(mapi_props_tag_by_name("PidTagNoSuchProperty"));
	assert_null(mapi_props_tag_by_name(""));
	assert_null(mapi_props_tag_by_name(NULL));
	assert_false(mapi_props_tag_from_name("pidtagdisplayname", &tag));	/* exact case */
	assert_int_equal(tag, 0x12345678U);
	assert_null(mapi_props_tag_name(0x00000000U));
	assert_null(mapi_props_tag_name(0xFFFFFFFFU));
	/* Same ID, other type: a different property tag. */
	assert_null(mapi_props_tag_name(0x3001001EU));
}

static void test_mv_instance_bit_ignored(void **state)
{
	const struct mapi_props_tag_info *info = mapi_props_tag_lookup(PidTagAddressBookX509Certificate);

	assert_non_null(info);
	assert_int_equal(mapi_prop_type(info->tag), PT_MV_BINARY);
	assert_ptr_equal(mapi_props_tag_lookup(info->tag | MAPI_PROPTYPE_MV_INSTANCE), info);
}

static void test_tag_string(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	char *s;

	assert_non_null(mem_ctx);
	s = mapi_props_tag_string(mem_ctx, PidTagSubject);
	assert_string_equal(s, "PidTagSubject");
	s = mapi_props_tag_string(mem_ctx, 0x7FFF0003U);
	assert_string_equal(s, "0x7FFF0003");
	talloc_free(mem_ctx);
}

static void test_alternate_names_and_sections(void **state)
{
	const struct mapi_props_tag_info *info = mapi_props_tag_by_name("PidTagDisplayName");

	/* Section numbers shift between MS-OXPROPS revisions; only the form is fixed. */
	assert_non_null(info);
	assert_true(strncmp(info->section, "2.", 2) == 0);
	info = mapi_props_tag_by_name("PidTagSubject");
	assert_non_null(info);
	assert_non_null(strstr(info->alternate_names, "PR_SUBJECT"));
}

static void test_named_lookups(void **state)
{
	const struct mapi_props_named_info *info = mapi_props_named_by_name("PidLidPrivate");

	assert_non_null(info);
	assert_int_equal(info->set, MAPI_PROPS_SET_PSETID_Common);
	assert_false(info->is_string);
	assert_int_equal(info->lid, 0x00008506U);
	assert_int_equal(info->lid, PidLidPrivate_LID);
	assert_int_equal(info->type, PT_BOOLEAN);
	assert_ptr_equal(mapi_props_named_by_lid(MAPI_PROPS_SET_PSETID_Common, 0x8506U), info);
	assert_ptr_equal(mapi_props_named_at(MAPI_PROPS_NAMED_PidLidPrivate), info);
	/* The same LID in another set is another property (or none). */
	assert_null(mapi_props_named_by_lid(MAPI_PROPS_SET_PS_MAPI, 0x8506U));

	info = mapi_props_named_by_name("PidLidCategories");
	assert_non_null(info);
	assert_int_equal(info->set, MAPI_PROPS_SET_PS_PUBLIC_STRINGS);
	assert_int_equal(info->lid, 0x00002328U);
	assert_int_equal(info->type, PT_MV_UNICODE);

	info = mapi_props_named_by_name("PidNameKeywords");
	assert_non_null(info);
	assert_true(info->is_string);
	assert_string_equal(info->string_name, "Keywords");
	assert_int_equal(info->type, PidNameKeywords_TYPE);
	assert_ptr_equal(mapi_props_named_by_string(MAPI_PROPS_SET_PS_PUBLIC_STRINGS, "Keywords"), info);
	assert_null(mapi_props_named_by_string(MAPI_PROPS_SET_PS_PUBLIC_STRINGS, "keywords"));
	assert_null(mapi_props_named_by_string(MAPI_PROPS_SET_PS_PUBLIC_STRINGS, NULL));
	assert_null(mapi_props_named_by_name("PidLidNoSuchProperty"));
	assert_null(mapi_props_named_by_name(NULL));
}

static void test_every_named_round_trips(void **state)
{
	size_t n = mapi_props_named_count();

	assert_int_equal(n, MAPI_PROPS_NAMED_COUNT);
	for (size_t i = 0; i < n; i++) {
		const struct mapi_props_named_info *info = mapi_props_named_at(i);

		assert_non_null(info);
		assert_ptr_equal(mapi_props_named_by_name(info->name), info);
		assert_non_null(mapi_props_set_at(info->set));
		if (info->is_string) {
			assert_ptr_equal(mapi_props_named_by_string(info->set, info->string_name), info);
		} else {
			assert_ptr_equal(mapi_props_named_by_lid(info->set, info->lid), info);
		}
		assert_true(mapi_proptype_is_valid(info->type));
	}
	assert_null(mapi_props_named_at(n));
}

/* MS-OXPROPS 1.3.2 GUIDs. */
static void test_property_sets(void **state)
{
	enum mapi_props_set set;
	struct GUID guid;

	assert_true(mapi_props_set_by_name("PSETID_Common", &set));
	assert_int_equal(set, MAPI_PROPS_SET_PSETID_Common);
	assert_true(mapi_guid_parse("00062008-0000-0000-C000-000000000046", &guid));
	assert_true(mapi_guid_equal(&mapi_props_set_at(set)->guid, &guid));

	assert_true(mapi_guid_parse("{6ED8DA90-450B-101B-98DA-00AA003F1305}", &guid));
	assert_true(mapi_props_set_by_guid(&guid, &set));
	assert_int_equal(set, MAPI_PROPS_SET_PSETID_Meeting);
	assert_string_equal(mapi_props_set_at(set)->name, "PSETID_Meeting");

	assert_true(mapi_guid_parse("00020329-0000-0000-c000-000000000046", &guid));
	assert_true(mapi_props_set_by_guid(&guid, &set));
	assert_int_equal(set, MAPI_PROPS_SET_PS_PUBLIC_STRINGS);

	assert_false(mapi_props_set_by_name("PSETID_Nope", &set));
	assert_false(mapi_props_set_by_name(NULL, &set));
	memset(&guid, 0, sizeof(guid));
	assert_false(mapi_props_set_by_guid(&guid, &set));
	assert_false(mapi_props_set_by_guid(NULL, &set));
	assert_null(mapi_props_set_at(MAPI_PROPS_SET_COUNT));
}

static void test_every_set_round_trips(void **state)
{
	for (unsigned int i = 0; i < MAPI_PROPS_SET_COUNT; i++) {
		const struct mapi_props_set_info *info = mapi_props_set_at((enum mapi_props_set)i);
		enum mapi_props_set set;
		struct GUID parsed;

		assert_non_null(info);
		assert_true(mapi_props_set_by_name(info->name, &set));
		assert_int_equal(set, i);
		assert_true(mapi_guid_parse(info->guid_text, &parsed));
		assert_true(mapi_guid_equal(&parsed, &info->guid));
		assert_true(mapi_props_set_by_guid(&parsed, &set));
		assert_int_equal(set, i);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_tags_by_name),
		cmocka_unit_test(test_known_tags_by_tag),
		cmocka_unit_test(test_every_tag_round_trips),
		cmocka_unit_test(test_unknown_tags),
		cmocka_unit_test(test_mv_instance_bit_ignored),
		cmocka_unit_test(test_tag_string),
		cmocka_unit_test(test_alternate_names_and_sections),
		cmocka_unit_test(test_named_lookups),
		cmocka_unit_test(test_every_named_round_trips),
		cmocka_unit_test(test_property_sets),
		cmocka_unit_test(test_every_set_round_trips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
