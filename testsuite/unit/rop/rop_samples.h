/*
 * Samples of every described ROP, which idl/compiler/ropc.py writes at build time
 * (rop_samples.c in the build directory): a 'full' and a 'lean' encoding of each request and response, the failure shape and
 * every declared error shape. Rows use the columns rop_sample_columns.
 */
#ifndef SAMBEX_ROP_SAMPLES_H
#define SAMBEX_ROP_SAMPLES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct rop_sample {
	uint8_t rop_id;
	const char *label;
	bool response;
	const char *hex;
};

extern const struct rop_sample rop_samples[];
extern const size_t rop_sample_count;
extern const uint32_t rop_sample_columns[];
extern const uint16_t rop_sample_column_count;

#endif
