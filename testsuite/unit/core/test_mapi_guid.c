/*
 * Unit tests: mapi_guid (MS-DTYP 2.3.4 wire and text forms).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_guid.h"

/* MS-DTYP 2.3.4.2: Data1..Data3 little-endian, then Data4 in order. */
static const uint8_t example_wire[16] = {
	0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,
	0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff,
};
static const char example_text[] = "00112233-4455-6677-8899-aabbccddeeff";

static void test_wire_round_trip(void **state)
{
	struct GUID g;
	uint8_t wire[16];
	char buf[MAPI_GUID_STRING_SIZE];

	mapi_guid_from_wire(example_wire, &g);
	assert_int_equal(g.time_low, 0x00112233);
	assert_int_equal(g.time_mid, 0x4455);
	assert_int_equal(g.time_hi_and_version, 0x6677);
	assert_string_equal(mapi_guid_format(&g, buf), example_text);
	mapi_guid_to_wire(&g, wire);
	assert_memory_equal(wire, example_wire, 16);
}

static void test_parse_forms(void **state)
{
	struct GUID a, b, c;

	assert_true(mapi_guid_parse(example_text, &a));
	assert_true(mapi_guid_parse("{00112233-4455-6677-8899-AABBCCDDEEFF}", &b));
	assert_true(mapi_guid_parse("00112233-4455-6677-8899-AaBbCcDdEeFf", &c));
	assert_true(mapi_guid_equal(&a, &b));
	assert_true(mapi_guid_equal(&a, &c));
}

static void test_parse_rejects(void **state)
{
	static const char *bad[] = {
		"",
		"00112233-4455-6677-8899-aabbccddeef",		/* 35 chars */
		"00112233-4455-6677-8899-aabbccddeeff0",	/* 37 chars */
		"00112233445566778899aabbccddeeff",		/* no hyphens */
		"00112233-4455-6677-8899_aabbccddeeff",		/* wrong separator */
		"0011223-34455-6677-8899-aabbccddeeff",		/* hyphen misplaced */
		"00112233-4455-6677-8899-aabbccddeefg",		/* non-hex */
		"{00112233-4455-6677-8899-aabbccddeeff",		/* unclosed brace */
		"00112233-4455-6677-8899-aabbccddeeff}",	/* stray brace */
		"(00112233-4455-6677-8899-aabbccddeeff)",
		" 0112233-4455-6677-8899-aabbccddeeff",
		"0x112233-4455-6677-8899-aabbccddeeff",
		"-0112233-4455-6677-8899-aabbccddeeff",
	};
	struct GUID g;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(mapi_guid_parse(bad[i], &g));
	}
	assert_false(mapi_guid_parse(NULL, &g));
}

static void test_zero_and_compare(void **state)
{
	struct GUID zero = { 0 }, one = { 0 }, big = { 0 };

	assert_true(mapi_guid_is_zero(&zero));
	one.time_low = 1;		/* wire bytes 01 00 00 00 ... */
	big.time_low = 0x100;		/* wire bytes 00 01 00 00 ... */
	assert_false(mapi_guid_is_zero(&one));
	assert_true(mapi_guid_compare_wire(&zero, &one) < 0);
	assert_true(mapi_guid_compare_wire(&big, &one) < 0);	/* wire order, not numeric */
	assert_int_equal(mapi_guid_compare_wire(&one, &one), 0);
}

static void test_random(void **state)
{
	struct GUID a = mapi_guid_random(), b = mapi_guid_random();

	assert_false(mapi_guid_equal(&a, &b));
	assert_int_equal(a.time_hi_and_version >> 12, 4);	/* RFC 4122 version 4 */
	assert_int_equal(a.clock_seq[0] & 0xc0, 0x80);		/* RFC 4122 variant */
}

static void test_format_parse_round_trip(void **state)
{
	for (int i = 0; i < 1000; i++) {
		struct GUID a = mapi_guid_random(), b;
		char buf[MAPI_GUID_STRING_SIZE];

		assert_true(mapi_guid_parse(mapi_guid_format(&a, buf), &b));
		assert_true(mapi_guid_equal(&a, &b));
		assert_int_equal(strlen(buf), 36);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wire_round_trip),
		cmocka_unit_test(test_parse_forms),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_zero_and_compare),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_format_parse_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
