/*
 * Fuzz target: the byte form in which mapistore keeps property values in a backend
 * (mapistore_prop_decode). The first 4 bytes are the tag, the rest the stored bytes, as a damaged
 * or hostile database would hand them back. Whatever decodes must re-encode, and the re-encoded
 * bytes must decode to an equal value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_le.h"
#include "mapistore_private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool cond)
{
	if (!cond)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 4)
		return 0;
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint32_t tag = mapi_le32_get(data);
	struct mapi_propval val, again;
	if (mapistore_prop_decode(ctx, NULL, tag, data + 4, size - 4, &val) == MAPI_E_SUCCESS) {
		uint8_t *out;
		size_t len;
		check(mapistore_prop_encode(ctx, NULL, &val, &out, &len) == MAPI_E_SUCCESS);
		check(mapistore_prop_decode(ctx, NULL, tag, out, len, &again) == MAPI_E_SUCCESS);
		check(mapi_propval_equal(&val, &again));
	}
	talloc_free(ctx);
	return 0;
}
