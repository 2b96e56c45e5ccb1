/*
 * Unit tests: mapi_proptype (MS-OXCDATA 2.9 property tags, 2.11.1 property types).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "mapi_proptype.h"

struct fixed_case {
	uint16_t type;
	size_t size;
};

/* MS-OXCDATA 2.11.1: the fixed sizes in the table's size column. */
static const struct fixed_case fixed_cases[] = {
	{ PT_SHORT, 2 }, { PT_LONG, 4 }, { PT_FLOAT, 4 }, { PT_DOUBLE, 8 }, { PT_CURRENCY, 8 },
	{ PT_APPTIME, 8 }, { PT_ERROR, 4 }, { PT_BOOLEAN, 1 }, { PT_I8, 8 }, { PT_SYSTIME, 8 },
	{ PT_CLSID, 16 },
};

static const uint16_t variable_types[] = {
	PT_UNSPECIFIED, PT_NULL, PT_OBJECT, PT_STRING8, PT_UNICODE, PT_SVREID, PT_SRESTRICT,
	PT_ACTIONS, PT_BINARY, PT_MV_SHORT, PT_MV_LONG, PT_MV_UNICODE, PT_MV_BINARY, PT_MV_CLSID,
};

static void test_fixed_sizes(void **state)
{
	for (size_t i = 0; i < sizeof(fixed_cases) / sizeof(fixed_cases[0]); i++) {
		size_t size = 0;

		assert_true(mapi_proptype_fixed_size(fixed_cases[i].type, &size));
		assert_int_equal(size, fixed_cases[i].size);
	}
}

static void test_variable_sizes(void **state)
{
	for (size_t i = 0; i < sizeof(variable_types) / sizeof(variable_types[0]); i++) {
		size_t size = 99;

		assert_false(mapi_proptype_fixed_size(variable_types[i], &size));
		assert_int_equal(size, 99);
	}
}

static void test_validity(void **state)
{
	assert_true(mapi_proptype_is_valid(PT_LONG));
	assert_true(mapi_proptype_is_valid(PT_MV_UNICODE));
	assert_true(mapi_proptype_is_valid(PT_MV_LONG | MAPI_PROPTYPE_MV_INSTANCE));
	assert_false(mapi_proptype_is_valid(PT_LONG | MAPI_PROPTYPE_MV_INSTANCE)); /* needs MV */
	assert_false(mapi_proptype_is_valid(0x0008));		/* a gap in the table */
	assert_false(mapi_proptype_is_valid(0x1001));		/* no multi-value PtypNull */
	assert_false(mapi_proptype_is_valid(0x100B));		/* no multi-value PtypBoolean */
	assert_false(mapi_proptype_is_valid(0x1000));
	assert_false(mapi_proptype_is_valid(0xFFFF));
}

static void test_multi_and_base(void **state)
{
	assert_true(mapi_proptype_is_multi(PT_MV_STRING8));
	assert_false(mapi_proptype_is_multi(PT_STRING8));
	assert_int_equal(mapi_proptype_base(PT_MV_UNICODE), PT_UNICODE);
	assert_int_equal(mapi_proptype_base(PT_MV_LONG | MAPI_PROPTYPE_MV_INSTANCE), PT_LONG);
	assert_int_equal(mapi_proptype_base(PT_BINARY), PT_BINARY);
	assert_int_equal(mapi_proptype_base(PT_MV_BINARY), PT_BINARY);
}

static void test_names(void **state)
{
	uint16_t t = 0;

	assert_string_equal(mapi_proptype_name(PT_LONG), "PtypInteger32");
	assert_string_equal(mapi_proptype_name(PT_UNICODE), "PtypString");
	assert_string_equal(mapi_proptype_name(PT_MV_LONG | MAPI_PROPTYPE_MV_INSTANCE),
			    "PtypMultipleInteger32");
	assert_null(mapi_proptype_name(0x0008));
	assert_true(mapi_proptype_from_name("PtypString", &t));
	assert_int_equal(t, PT_UNICODE);
	assert_true(mapi_proptype_from_name("PT_MV_BINARY", &t));
	assert_int_equal(t, PT_MV_BINARY);
	assert_false(mapi_proptype_from_name("PtypStrin", &t));
	assert_false(mapi_proptype_from_name("ptypstring", &t));
	assert_false(mapi_proptype_from_name(NULL, &t));
}

/* Every valid type's name leads back to the type. */
static void test_name_round_trip(void **state)
{
	unsigned valid = 0;

	for (uint32_t type = 0; type <= 0xFFFF; type++) {
		uint16_t back = 0;

		if (!mapi_proptype_is_valid((uint16_t)type) ||
		    (type & MAPI_PROPTYPE_MV_INSTANCE) != 0) {
			continue;
		}
		valid++;
		assert_true(mapi_proptype_from_name(mapi_proptype_name((uint16_t)type), &back));
		assert_int_equal(back, type);
	}
	assert_int_equal(valid, 32);	/* 20 single-value + 12 multi-value types */
}

static void test_alignment(void **state)
{
	assert_int_equal(mapi_proptype_alignment(PT_BOOLEAN), 1);
	assert_int_equal(mapi_proptype_alignment(PT_SHORT), 2);
	assert_int_equal(mapi_proptype_alignment(PT_LONG), 4);
	assert_int_equal(mapi_proptype_alignment(PT_I8), 8);
	assert_int_equal(mapi_proptype_alignment(PT_SYSTIME), 8);
	assert_int_equal(mapi_proptype_alignment(PT_CLSID), 4);
	assert_int_equal(mapi_proptype_alignment(PT_UNICODE), sizeof(void *));
	assert_int_equal(mapi_proptype_alignment(PT_MV_SHORT), sizeof(void *));
	assert_int_equal(mapi_proptype_alignment(0x0008), 0);
}

static void test_prop_tags(void **state)
{
	uint32_t tag = MAPI_PROP_TAG(0x3001, PT_UNICODE);	/* PidTagDisplayName */

	assert_int_equal(tag, 0x3001001F);
	assert_int_equal(mapi_prop_id(tag), 0x3001);
	assert_int_equal(mapi_prop_type(tag), PT_UNICODE);
	assert_int_equal(MAPI_PROP_TAG(0xFFFF, 0xFFFF), 0xFFFFFFFF);
	assert_int_equal(MAPI_PROP_TAG(0x8000, 0x1FFFF), 0x8000FFFF);	/* type is masked */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixed_sizes),
		cmocka_unit_test(test_variable_sizes),
		cmocka_unit_test(test_validity),
		cmocka_unit_test(test_multi_and_base),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_name_round_trip),
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_prop_tags),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
