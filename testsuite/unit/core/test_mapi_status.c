/*
 * Unit tests: mapi_status (MS-OXCDATA 2.4 name <-> value).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_status.h"

static void test_known_values(void **state)
{
	assert_string_equal(mapi_status_name(0x00000000), "Success");
	assert_string_equal(mapi_status_name(0x80004005), "GeneralFailure");
	assert_string_equal(mapi_status_name(0x8007000E), "OutOfMemory");
	assert_string_equal(mapi_status_name(0x80070057), "InvalidParameter");
	assert_int_equal(MAPI_E_CALL_FAILED, (int)0x80004005);
	assert_int_equal(MAPI_E_NO_ACCESS, (int)0x80070005);
}

static void test_unknown_value(void **state)
{
	char buf[MAPI_STATUS_STRING_SIZE];

	assert_null(mapi_status_name(0x12345678));
	assert_string_equal(mapi_status_string(0x12345678, buf), "0x12345678");
	assert_string_equal(mapi_status_string(0xFFFFFFFF, buf), "0xFFFFFFFF");
	assert_string_equal(mapi_status_string(0x80004005, buf), "GeneralFailure");
}

static void test_every_name_form(void **state)
{
	const char *names[] = { "GeneralFailure", "MAPI_E_CALL_FAILED", "E_FAIL", "ecError",
				"SYNC_E_ERROR" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		uint32_t v = 0;

		assert_true(mapi_status_from_name(names[i], &v));
		assert_int_equal(v, 0x80004005);
	}
}

static void test_bad_names(void **state)
{
	uint32_t v = 42;

	assert_false(mapi_status_from_name(NULL, &v));
	assert_false(mapi_status_from_name("", &v));
	assert_false(mapi_status_from_name("ecErr", &v));		/* prefix of an alternate */
	assert_false(mapi_status_from_name("ecError ", &v));		/* trailing space */
	assert_false(mapi_status_from_name("generalfailure", &v));	/* case matters */
	assert_false(mapi_status_from_name("E_FAIL MAPI_E_CALL_FAILED", &v)); /* two words */
	assert_int_equal(v, 42);
}

/* Every row of the list: its value has a name, and its C name and spec name lead back to a value
 * whose spec name is the same (values shared by two rows resolve to the first). */
static void test_every_row_round_trips(void **state)
{
	size_t rows = 0;

#define MAPI_STATUS(c_name, value, spec_name, alternates) do { \
		uint32_t v1 = 0, v2 = 0; \
		assert_non_null(mapi_status_name(value)); \
		assert_true(mapi_status_from_name(#c_name, &v1)); \
		assert_true(mapi_status_from_name(spec_name, &v2)); \
		assert_int_equal(v1, (uint32_t)(value)); \
		assert_string_equal(mapi_status_name(v2), mapi_status_name(value)); \
		assert_int_equal((uint32_t)c_name, (uint32_t)(value)); \
		rows++; \
	} while (0);
#include "mapi_status_list.h"
#undef MAPI_STATUS
	assert_true(rows >= 6);
}

static void test_is_error(void **state)
{
	assert_false(mapi_status_is_error(0));
	assert_true(mapi_status_is_error(0x80004005));
	assert_false(mapi_status_is_error(0x00040380));	/* a warning: severity bit clear */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_values),
		cmocka_unit_test(test_unknown_value),
		cmocka_unit_test(test_every_name_form),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_every_row_round_trips),
		cmocka_unit_test(test_is_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
