/*
 * Folded UTF-8 comparison for restrictions and sorting (see mapistore_fold.h).
 */
#include "mapistore_fold.h"

#include "mapistore_fold_table.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Binary search of a [from, to] table sorted by from; returns the row or NULL. */
static const uint32_t *lookup(const uint32_t (*table)[2], size_t n, uint32_t cp, bool range)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cp < table[mid][0]) {
			hi = mid;
		} else if (range ? cp > table[mid][1] : cp > table[mid][0]) {
			lo = mid + 1;
		} else {
			return table[mid];
		}
	}
	return NULL;
}

unsigned mapistore_fold_flags(uint16_t fuzzy_high)
{
	unsigned flags = 0;

	/* MS-OXCDATA 2.12.4.1: FL_LOOSE asks for the loosest match, case and nonspace alike. */
	if (fuzzy_high & (0x0001 | 0x0004))
		flags |= MAPISTORE_FOLD_CASE;
	if (fuzzy_high & (0x0002 | 0x0004))
		flags |= MAPISTORE_FOLD_NONSPACE;
	return flags;
}

uint32_t mapistore_fold_case(uint32_t cp)
{
	const uint32_t *row;

	if (cp < 0x80)
		return (cp >= 'A' && cp <= 'Z') ? cp + 0x20 : cp;
	row = lookup(mapistore_fold_case_table, NELEM(mapistore_fold_case_table), cp, false);
	return row != NULL ? row[1] : cp;
}

uint32_t mapistore_fold_base(uint32_t cp)
{
	const uint32_t *row;

	if (cp < 0xC0)
		return cp;
	row = lookup(mapistore_fold_base_table, NELEM(mapistore_fold_base_table), cp, false);
	return row != NULL ? row[1] : cp;
}

bool mapistore_fold_is_mark(uint32_t cp)
{
	if (cp < 0x300)
		return false;
	return lookup(mapistore_fold_marks, NELEM(mapistore_fold_marks), cp, true) != NULL;
}

/* A cursor over a string yielding folded code points. */
struct fold_iter {
	const uint8_t *p, *end;
	unsigned flags;
};

/* Decodes one UTF-8 sequence (strict: no overlongs, surrogates or values past U+10FFFF). */
static uint32_t decode(struct fold_iter *it)
{
	const uint8_t *p = it->p;
	size_t left = (size_t)(it->end - p);
	uint32_t cp, min;
	unsigned n;

	if (p[0] < 0x80) {
		it->p++;
		return p[0];
	}
	if ((p[0] & 0xE0) == 0xC0) {
		n = 1, cp = p[0] & 0x1F, min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 2, cp = p[0] & 0x0F, min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 3, cp = p[0] & 0x07, min = 0x10000;
	} else {
		goto invalid;
	}
	if (left <= n)
		goto invalid;
	for (unsigned i = 1; i <= n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			goto invalid;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		goto invalid;
	it->p += n + 1;
	return cp;
invalid:
	/* A stray byte stands for itself (see the header). */
	it->p++;
	return 0xDC00 | p[0];
}

/* The next folded code point, or -1 at the end. */
static int32_t next(struct fold_iter *it)
{
	while (it->p < it->end) {
		uint32_t cp = decode(it);

		if (it->flags & MAPISTORE_FOLD_NONSPACE) {
			if (mapistore_fold_is_mark(cp))
				continue;
			cp = mapistore_fold_base(cp);
		}
		if (it->flags & MAPISTORE_FOLD_CASE)
			cp = mapistore_fold_case(cp);
		return (int32_t)cp;
	}
	return -1;
}

int mapistore_fold_compare(const char *a, size_t len_a, const char *b, size_t len_b,
			   unsigned flags)
{
	struct fold_iter ia = { (const uint8_t *)a, (const uint8_t *)a + len_a, flags };
	struct fold_iter ib = { (const uint8_t *)b, (const uint8_t *)b + len_b, flags };

	for (;;) {
		int32_t ca = next(&ia), cb = next(&ib);

		if (ca != cb)
			return ca < cb ? -1 : 1;
		if (ca < 0)
			return 0;
	}
}

/* True if needle matches at the start of it (it is left wherever the match stopped). */
static bool match_here(struct fold_iter it, struct fold_iter needle)
{
	for (;;) {
		int32_t cn = next(&needle);

		if (cn < 0)
			return true;
		if (next(&it) != cn)
			return false;
	}
}

bool mapistore_fold_find(const char *haystack, size_t len_h, const char *needle, size_t len_n,
			 unsigned flags, bool prefix)
{
	struct fold_iter it = { (const uint8_t *)haystack, (const uint8_t *)haystack + len_h, flags };
	struct fold_iter in = { (const uint8_t *)needle, (const uint8_t *)needle + len_n, flags };

	for (;;) {
		if (match_here(it, in))
			return true;
		if (prefix || it.p >= it.end)
			return false;
		/* Advance one code point (marks included: a match may start anywhere). */
		(void)decode(&it);
	}
}
