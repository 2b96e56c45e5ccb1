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

#endif
