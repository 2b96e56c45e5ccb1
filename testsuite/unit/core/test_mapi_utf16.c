/*
 * Unit tests: mapi_utf16 (strict UTF-8 <-> UTF-16LE).
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_utf16.h"

struct pair {
	const char *utf8;
	size_t utf8_len;
	const char *utf16;
	size_t utf16_len;
};

#define PAIR(a, b) { a, sizeof(a) - 1, b, sizeof(b) - 1 }

static const struct pair valid_pairs[] = {
	PAIR("", ""),
	PAIR("abc", "a\0b\0c\0"),
	PAIR("\xc3\xa9", "\xe9\x00"),				/* U+00E9 */
	PAIR("\xe2\x82\xac", "\xac\x20"),			/* U+20AC */
	PAIR("\xf0\x9d\x84\x9e", "\x34\xd8\x1e\xdd"),		/* U+1D11E: surrogate pair */
	PAIR("\xf4\x8f\xbf\xbf", "\xff\xdb\xff\xdf"),		/* U+10FFFF, the last */
	PAIR("\xef\xbf\xbf", "\xff\xff"),			/* U+FFFF, a noncharacter */
	PAIR("a\0b", "a\0\0\0b\0"),				/* embedded NUL is data */
	PAIR("\xef\xbb\xbf", "\xff\xfe"),			/* BOM kept as data */
};

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL ? -1 : 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

static void test_valid_both_ways(void **state)
{
	struct mapi_utf16_conv *conv = mapi_utf16_conv_new(*state);

	assert_non_null(conv);
	for (size_t i = 0; i < sizeof(valid_pairs) / sizeof(valid_pairs[0]); i++) {
		const struct pair *p = &valid_pairs[i];
		uint8_t *u16;
		char *u8;
		size_t len;

		assert_int_equal(mapi_utf16_from_utf8(conv, *state, p->utf8, p->utf8_len, &u16, &len), 0);
		assert_int_equal(len, p->utf16_len);
		assert_memory_equal(u16, p->utf16, len);
		assert_int_equal(u16[len], 0);
		assert_int_equal(u16[len + 1], 0);
		assert_ptr_equal(talloc_parent(u16), *state);

		assert_int_equal(mapi_utf16_to_utf8(conv, *state, (const uint8_t *)p->utf16,
						    p->utf16_len, &u8, &len), 0);
		assert_int_equal(len, p->utf8_len);
		assert_memory_equal(u8, p->utf8, len);
		assert_int_equal(u8[len], '\0');
	}
}

struct bad_case {
	const char *bytes;
	size_t len;
	int err;
};

#define BAD(a, e) { a, sizeof(a) - 1, e }

static const struct bad_case bad_utf16[] = {
	BAD("\x00\xd8\x41\x00", EILSEQ),	/* lone high surrogate */
	BAD("\x00\xdc\x41\x00", EILSEQ),	/* lone low surrogate */
	BAD("\x00\xdc", EILSEQ),		/* lone low surrogate at the end */
	BAD("\x1e\xdd\x34\xd8", EILSEQ),	/* pair in the wrong order */
	BAD("\x00\xd8\x00\xd8", EILSEQ),	/* two high surrogates */
	BAD("\x41\x00\x00\xd8", EINVAL),	/* input ends after a high surrogate */
	BAD("\x41\x00\x42", EINVAL),		/* odd byte count */
	BAD("\x41", EINVAL),
};

static const struct bad_case bad_utf8[] = {
	BAD("\xed\xa0\x80", EILSEQ),		/* encoded high surrogate */
	BAD("\xed\xbf\xbf", EILSEQ),		/* encoded low surrogate */
	BAD("\xc0\x80", EILSEQ),		/* overlong NUL */
	BAD("\xe0\x80\xaf", EILSEQ),		/* overlong '/' */
	BAD("\xf4\x90\x80\x80", EILSEQ),	/* U+110000 */
	BAD("\xff", EILSEQ),
	BAD("\x80", EILSEQ),			/* stray continuation byte */
	BAD("a\xc3(", EILSEQ),			/* lead byte without continuation */
	BAD("\xe2\x82", EINVAL),		/* truncated at the end */
	BAD("\xf0\x9d\x84", EINVAL),
};

static void test_invalid_utf16(void **state)
{
	for (size_t i = 0; i < sizeof(bad_utf16) / sizeof(bad_utf16[0]); i++) {
		char *out = (char *)1;
		size_t len = 1;

		assert_int_equal(mapi_utf16_to_utf8(NULL, *state, (const uint8_t *)bad_utf16[i].bytes,
						    bad_utf16[i].len, &out, &len), bad_utf16[i].err);
		assert_null(out);
		assert_int_equal(len, 0);
	}
}

static void test_invalid_utf8(void **state)
{
	for (size_t i = 0; i < sizeof(bad_utf8) / sizeof(bad_utf8[0]); i++) {
		uint8_t *out = (uint8_t *)1;
		size_t len = 1;

		assert_int_equal(mapi_utf16_from_utf8(NULL, *state, bad_utf8[i].bytes, bad_utf8[i].len,
						      &out, &len), bad_utf8[i].err);
		assert_null(out);
		assert_int_equal(len, 0);
	}
}

/* A converter that saw an error in the middle of a sequence converts the next input cleanly. */
static void test_reuse_after_error(void **state)
{
	struct mapi_utf16_conv *conv = mapi_utf16_conv_new(*state);
	uint8_t *u16;
	char *u8;
	size_t len;

	assert_int_equal(mapi_utf16_from_utf8(conv, *state, "\xe2\x82", 2, &u16, &len), EINVAL);
	assert_int_equal(mapi_utf16_from_utf8(conv, *state, "\xac", 1, &u16, &len), EILSEQ);
	assert_int_equal(mapi_utf16_from_utf8(conv, *state, "x", 1, &u16, &len), 0);
	assert_memory_equal(u16, "x\0", 2);
	assert_int_equal(mapi_utf16_to_utf8(conv, *state, (const uint8_t *)"\x00\xd8", 2, &u8, &len),
			 EINVAL);
	assert_int_equal(mapi_utf16_to_utf8(conv, *state, (const uint8_t *)"\x1e\xdd", 2, &u8, &len),
			 EILSEQ);
	assert_int_equal(mapi_utf16_to_utf8(conv, *state, (const uint8_t *)"y\0", 2, &u8, &len), 0);
	assert_string_equal(u8, "y");
}

/* Worst-case sizing holds for the densest inputs of each direction. */
static void test_large_inputs(void **state)
{
	size_t n = 100000, len;
	char *euros = talloc_array(*state, char, n * 3);
	uint8_t *u16;
	char *u8;

	for (size_t i = 0; i < n; i++) {
		memcpy(euros + 3 * i, "\xe2\x82\xac", 3);
	}
	assert_int_equal(mapi_utf16_from_utf8(NULL, *state, euros, n * 3, &u16, &len), 0);
	assert_int_equal(len, n * 2);
	assert_int_equal(mapi_utf16_to_utf8(NULL, *state, u16, len, &u8, &len), 0);
	assert_int_equal(len, n * 3);
	assert_memory_equal(u8, euros, len);

	memset(euros, 'a', n);
	assert_int_equal(mapi_utf16_from_utf8(NULL, *state, euros, n, &u16, &len), 0);
	assert_int_equal(len, n * 2);
}

static void test_conv_freed_with_parent(void **state)
{
	TALLOC_CTX *ctx = talloc_new(*state);
	struct mapi_utf16_conv *conv = mapi_utf16_conv_new(ctx);

	assert_non_null(conv);
	assert_int_equal(talloc_free(ctx), 0);	/* runs the destructor, which closes iconv */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_valid_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf16, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reuse_after_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_conv_freed_with_parent, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
