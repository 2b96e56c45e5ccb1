/*
 * String matching for restrictions and sort orders (MS-OXCDATA 2.12.4 fuzzy levels, 2.12.5 relops,
 * 2.13 sort keys) on the UTF-8 strings that mapi_propval holds.
 *
 * Choices (the spec leaves them to the server):
 *   - case-insensitive means Unicode simple case folding (CaseFolding.txt C+S: one code point to
 *     one code point) over all planes, generated at build time from the Unicode database; full
 *     foldings that expand (U+00DF to "ss") are not applied;
 *   - ignoring nonspace means skipping nonspacing marks (category Mn) and mapping a precomposed
 *     character whose canonical decomposition is a base plus marks to its base (U+00E9 -> 'e');
 *   - FL_LOOSE is ignore-case plus ignore-nonspace;
 *   - bytes that are not valid UTF-8 (PtypString8 holds raw bytes) stand for themselves as the
 *     code points U+DC80..U+DCFF, which no valid UTF-8 decodes to, so they compare by byte value.
 * Comparison is by folded code point, not by a locale collation.
 */
#ifndef SAMBEX_MAPISTORE_FOLD_H
#define SAMBEX_MAPISTORE_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MAPISTORE_FOLD_CASE 0x1		/* FL_IGNORECASE */
#define MAPISTORE_FOLD_NONSPACE 0x2	/* FL_IGNORENONSPACE */

/* The fuzzy-level high word of a ContentRestriction (2.12.4.1) as MAPISTORE_FOLD_* flags. */
unsigned mapistore_fold_flags(uint16_t fuzzy_high);

/* The simple case folding of code point cp (cp itself when it has none). */
uint32_t mapistore_fold_case(uint32_t cp);

/* The base character of cp for ignore-nonspace (cp itself when it has none). */
uint32_t mapistore_fold_base(uint32_t cp);

/* True if cp is a nonspacing mark (category Mn). */
bool mapistore_fold_is_mark(uint32_t cp);

/*
 * Compares the len_a bytes at a with the len_b bytes at b after folding with flags
 * (MAPISTORE_FOLD_*). Returns <0, 0 or >0. Never fails.
 */
int mapistore_fold_compare(const char *a, size_t len_a, const char *b, size_t len_b,
			   unsigned flags);

/*
 * True if needle occurs in haystack after folding: at the start only when prefix is true,
 * anywhere otherwise. An empty needle always occurs.
 */
bool mapistore_fold_find(const char *haystack, size_t len_h, const char *needle, size_t len_n,
			 unsigned flags, bool prefix);

#endif
