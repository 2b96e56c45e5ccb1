/*
 * Hex helpers for tests: golden vectors are written as hex strings in TSV files.
 */
#ifndef SAMBEX_TEST_HEX_H
#define SAMBEX_TEST_HEX_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/*
 * Decodes hex digits (spaces ignored, "-" alone means empty) into a new array on mem_ctx.
 * Returns NULL on a non-hex character or an odd digit count.
 */
uint8_t *test_hex_decode(TALLOC_CTX *mem_ctx, const char *hex, size_t *len_r);

/* Encodes len bytes as lower-case hex without spaces, on mem_ctx. */
char *test_hex_encode(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len);

/*
 * Splits a TSV line in place into at most max fields; returns the field count. Lines starting with
 * '#' and empty lines give 0.
 */
size_t test_tsv_split(char *line, char **fields, size_t max);

/* One TSV row: its fields (n of them), on a context freed after the call; line is 1-based. */
typedef void (*test_tsv_row_fn)(TALLOC_CTX *mem_ctx, char **fields, size_t n, unsigned line);

/*
 * Calls fn for every row of dir/file (comments and blank lines skipped) that has between
 * min_fields and max_fields fields (at most 8; one missing trailing empty field is supplied).
 * A file that does not open, and a row with a wrong field count, are TAP failures.
 */
void test_tsv_each_row(const char *dir, const char *file, size_t min_fields, size_t max_fields,
		       test_tsv_row_fn fn);

#endif
