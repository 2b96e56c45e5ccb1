/*
 * Unit tests: mapistore_fold, the string matching behind Content restrictions and string order
 * (MS-OXCDATA 2.12.4 fuzzy levels): simple case folding across scripts, ignore-nonspace,
 * invalid UTF-8, prefix and substring search.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "mapistore_fold.h"

#define C MAPISTORE_FOLD_CASE
#define N MAPISTORE_FOLD_NONSPACE

static int cmp(const char *a, const char *b, unsigned flags)
{
	return mapistore_fold_compare(a, strlen(a), b, strlen(b), flags);
}

static bool find(const char *h, const char *n, unsigned flags, bool prefix)
{
	return mapistore_fold_find(h, strlen(h), n, strlen(n), flags, prefix);
}

static void test_case_table(void **state)
{
	static const struct { uint32_t from, to; } cases[] = {
		{ 'A', 'a' }, { 'Z', 'z' }, { 'a', 'a' }, { '0', '0' }, { '@', '@' }, { '[', '[' },
		{ 0xC0, 0xE0 }, { 0xC9, 0xE9 }, { 0xD6, 0xF6 }, { 0xD7, 0xD7 }, { 0xDE, 0xFE },
		{ 0xDF, 0xDF },		/* sharp s: no simple folding */
		{ 0x1E9E, 0xDF },	/* capital sharp s folds to U+00DF (simple) */
		{ 0x100, 0x101 }, { 0x130, 0x130 }, { 0x178, 0xFF }, { 0x17F, 's' },
		{ 0x391, 0x3B1 }, { 0x3A3, 0x3C3 }, { 0x3C2, 0x3C3 },	/* final sigma */
		{ 0x410, 0x430 }, { 0x42F, 0x44F }, { 0x400, 0x450 },
		{ 0x531, 0x561 }, { 0x10A0, 0x2D00 }, { 0x1E00, 0x1E01 }, { 0x212A, 'k' },
		{ 0x2126, 0x3C9 }, { 0xFF21, 0xFF41 }, { 0x10400, 0x10428 }, { 0x13A0, 0x13A0 },
		{ 0xAB70, 0x13A0 },	/* Cherokee small letters fold to capitals */
		{ 0x4E00, 0x4E00 }, { 0x10FFFF, 0x10FFFF },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_int_equal(mapistore_fold_case(cases[i].from), cases[i].to);
}

static void test_base_and_marks(void **state)
{
	(void)state;
	assert_int_equal(mapistore_fold_base(0xE9), 'e');
	assert_int_equal(mapistore_fold_base(0xC5), 'A');
	assert_int_equal(mapistore_fold_base(0xF1), 'n');
	assert_int_equal(mapistore_fold_base(0x1EA0), 'A');
	assert_int_equal(mapistore_fold_base('e'), 'e');
	assert_int_equal(mapistore_fold_base(0xDF), 0xDF);
	assert_int_equal(mapistore_fold_base(0xD8), 0xD8);	/* O stroke: no decomposition */
	assert_true(mapistore_fold_is_mark(0x301));
	assert_true(mapistore_fold_is_mark(0x300));
	assert_true(mapistore_fold_is_mark(0x36F));
	assert_false(mapistore_fold_is_mark('a'));
	assert_false(mapistore_fold_is_mark(0x2FF));
	assert_false(mapistore_fold_is_mark(0x370));
}

static void test_flags(void **state)
{
	(void)state;
	assert_int_equal(mapistore_fold_flags(0), 0);
	assert_int_equal(mapistore_fold_flags(0x0001), C);
	assert_int_equal(mapistore_fold_flags(0x0002), N);
	assert_int_equal(mapistore_fold_flags(0x0003), C | N);
	assert_int_equal(mapistore_fold_flags(0x0004), C | N);	/* FL_LOOSE */
	assert_int_equal(mapistore_fold_flags(0x0008), 0);
}

static void test_compare(void **state)
{
	(void)state;
	assert_int_equal(cmp("abc", "abc", 0), 0);
	assert_int_equal(cmp("", "", 0), 0);
	assert_true(cmp("abc", "ABC", 0) > 0);
	assert_int_equal(cmp("abc", "ABC", C), 0);
	assert_true(cmp("ab", "abc", C) < 0);
	assert_true(cmp("abd", "abc", C) > 0);
	assert_true(cmp("", "a", 0) < 0);
	assert_int_equal(cmp("Straße", "STRAẞE", C), 0);
	assert_true(cmp("Straße", "STRASSE", C) != 0);	/* no full folding */
	assert_int_equal(cmp("ΣΊΣΥΦΟΣ", "σίσυφος", C), 0);
	assert_int_equal(cmp("ΣΊΣΥΦΟΣ", "σίσυφος", C), 0);
	assert_int_equal(cmp("ПРИВЕТ", "привет", C), 0);
	assert_true(cmp("ПРИВЕТ", "привет", 0) != 0);
	assert_int_equal(cmp("café", "cafe", N), 0);
	assert_true(cmp("café", "cafe", 0) != 0);
	assert_int_equal(cmp("CAFÉ", "cafe", C | N), 0);
	assert_true(cmp("CAFÉ", "cafe", N) != 0);
	assert_int_equal(cmp("cafe\xcc\x81", "cafe", N), 0);	/* combining acute skipped */
	assert_int_equal(cmp("cafe\xcc\x81", "caf\xc3\xa9", N), 0);
	assert_true(cmp("cafe\xcc\x81", "caf\xc3\xa9", 0) != 0);
	assert_int_equal(cmp("\xf0\x90\x90\x80", "\xf0\x90\x90\xa8", C), 0);	/* Deseret */
	/* Order is by code point: 'Z' (0x7A folded) before U+00E9. */
	assert_true(cmp("Z", "\xc3\xa9", C) < 0);
	assert_true(cmp("a", "B", C) < 0);
	assert_true(cmp("a", "B", 0) > 0);
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* Stray bytes compare as themselves and never equal a valid character. */
	assert_int_equal(cmp("\xff", "\xff", C), 0);
	assert_true(cmp("\xfe", "\xff", C) < 0);
	assert_true(cmp("\xc3", "\xc3\xa9", C) != 0);
	assert_true(cmp("\xc0\x80", "", C) != 0);		/* overlong NUL */
	assert_true(cmp("\xed\xa0\x80", "x", C) != 0);		/* encoded surrogate */
	assert_true(cmp("\xf4\x90\x80\x80", "x", C) != 0);	/* past U+10FFFF */
	assert_true(cmp("\xe0\x80\x80", "x", 0) != 0);
	assert_int_equal(cmp("\xc3\xa9\xff", "\xc3\x89\xff", C), 0);
	assert_true(find("ab\xff" "cd", "\xff" "C", C, false));
	assert_false(find("ab\xff", "\xc3\xbf", C, false));	/* y-diaeresis is not byte 0xFF */
	/* A truncated sequence at the very end. */
	assert_true(cmp("abc\xe2\x82", "abc\xe2\x82", 0) == 0);
	assert_true(cmp("abc\xe2\x82", "abc\xe2", 0) > 0);
}

static void test_find(void **state)
{
	(void)state;
	assert_true(find("hello world", "world", 0, false));
	assert_false(find("hello world", "world", 0, true));
	assert_true(find("hello world", "hello", 0, true));
	assert_true(find("hello world", "", 0, true));
	assert_true(find("", "", 0, false));
	assert_false(find("", "a", 0, false));
	assert_false(find("hello", "hello!", 0, false));
	assert_true(find("hello", "hello", 0, true));
	assert_false(find("Hello", "hello", 0, true));
	assert_true(find("Hello", "hELLo", C, true));
	assert_true(find("aaab", "aab", 0, false));	/* backtracking */
	assert_true(find("ababac", "abac", 0, false));
	assert_true(find("xxÉcole", "ecole", C | N, false));
	assert_false(find("xxÉcole", "ecole", C, false));
	assert_true(find("Ünïcödé", "unicode", C | N, true));
	assert_true(find("le cafe\xcc\x81 noir", "CAFE NOIR", C | N, false));
	assert_true(find("Σίσυφος", "ΊΣΥ", C, false));
	assert_false(find("Σίσυφος", "ΙΣΥ", C, false));
	assert_true(find("Σίσυφος", "ΙΣΥ", C | N, false));
	assert_true(find("日本語のテキスト", "テキ", 0, false));
	assert_false(find("日本語のテキスト", "テキ", 0, true));
}

/* Over every code point: folding is idempotent and bases are never marks. */
static void test_all_code_points(void **state)
{
	uint32_t folded = 0, based = 0;

	(void)state;
	for (uint32_t cp = 0; cp <= 0x10FFFF; cp++) {
		uint32_t f = mapistore_fold_case(cp), b = mapistore_fold_base(cp);

		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		assert_int_equal(mapistore_fold_case(f), f);
		assert_false(mapistore_fold_is_mark(b) && !mapistore_fold_is_mark(cp));
		folded += f != cp;
		based += b != cp;
	}
	/* Unicode 14 has about 1,400 simple foldings and about 1,000 decomposable letters. */
	assert_true(folded > 1300 && folded < 1600);
	assert_true(based > 700 && based < 1500);
}

/* Comparison is antisymmetric and consistent with equality of folded forms. */
static void test_compare_properties(void **state)
{
	static const char *const words[] = { "", "a", "A", "ab", "aB", "b", "é", "É", "e\xcc\x81",
					     "ß", "ẞ", "ss", "Σ", "σ", "ς", "\xff", "z", "日本" };
	const size_t n = sizeof(words) / sizeof(words[0]);

	(void)state;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			for (unsigned flags = 0; flags < 4; flags++) {
				int a = cmp(words[i], words[j], flags);
				int b = cmp(words[j], words[i], flags);

				assert_int_equal(a, -b);
				assert_int_equal(a == 0, find(words[i], words[j], flags, true) &&
					      find(words[j], words[i], flags, true));
				for (size_t k = 0; k < n; k++) {
					/* Transitivity of <=. */
					if (a <= 0 && cmp(words[j], words[k], flags) <= 0)
						assert_true(cmp(words[i], words[k], flags) <= 0);
				}
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_case_table),
		cmocka_unit_test(test_base_and_marks),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_all_code_points),
		cmocka_unit_test(test_compare_properties),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
