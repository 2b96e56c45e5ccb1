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
	assert_int_equal(MAPI_E_CALL_FAILED, 0x80004005);
	assert_int_equal(MAPI_E_NO_ACCESS, 0x80070005);
}

/* Values the ROP specs cite by ec* name (MS-OXCROPS, MS-OXCRPC, MS-OXNSPI). */
static void test_rop_spec_names(void **state)
{
	static const struct {
		const char *name;
		uint32_t value;
	} cases[] = {
		{ "ecNone", 0x00000000 }, { "ecNotFound", 0x8004010F }, { "ecNullObject", 0x000004B9 },
		{ "ecRpcFormat", 0x000004B6 }, { "ecNotSupported", 0x80040102 },
		{ "ecBufferTooSmall", 0x0000047D }, { "ecAccessDenied", 0x80070005 },
		{ "ErrorsReturned", 0x00040380 }, { "ecUnknownCodePage", 0x000003EF },
		{ "NotImplemented", 0x80040FFF }, { "ecTooBig", 0x80040305 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint32_t v = 0;

		assert_true(mapi_status_from_name(cases[i].name, &v));
		assert_int_equal(v, cases[i].value);
	}
	assert_string_equal(mapi_status_name(0x8004010F), "NotFound");
	assert_string_equal(mapi_status_name(0x00040380), "ErrorsReturned");
	assert_false(mapi_status_is_error(MAPI_W_ERRORS_RETURNED));
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
		cmocka_unit_test(test_rop_spec_names),
		cmocka_unit_test(test_unknown_value),
		cmocka_unit_test(test_every_name_form),
		cmocka_unit_test(test_bad_names),
		cmocka_unit_test(test_every_row_round_trips),
		cmocka_unit_test(test_is_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
