/*
 * Fuzz target: a whole ROP output buffer as the client splits it (rop_buffer_pull_responses,
 * MS-OXCROPS 2.2.1), with a fixed column set for every row-carrying response. Whatever splits
 * must re-encode (rop_buffer_push_responses) to exactly the same bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rop_buffer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* PidTagDisplayName, PidTagEntryId, PidTagMessageSize, PidTagLastModificationTime */
static const uint32_t tags[] = { 0x3001001F, 0x0FFF0102, 0x0E080003, 0x30080040 };

static const struct mapi_proptag_array *fixed_columns(void *private_data, uint32_t index,
						      const struct rop_codec *codec)
{
	return private_data;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mapi_proptag_array cols = { .count = 4, .tags = (uint32_t *)tags };
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_buffer buf;
	uint8_t *out;
	size_t out_len;

	if (rop_buffer_pull_responses(ctx, data, size, fixed_columns, &cols, NULL, &buf) == 0) {
		if (rop_buffer_push_responses(ctx, &buf, fixed_columns, &cols, NULL, &out,
					      &out_len) != 0 ||
		    out_len != size || memcmp(out, data, size) != 0) {
			abort();
		}
	}
	talloc_free(ctx);
	return 0;
}
