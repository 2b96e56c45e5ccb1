/*
 * Golden vectors for the byte form in which mapistore keeps property values in a backend
 * (store_values.tsv). The form is persistent, so these rows pin it: a value that decodes must
 * re-encode to exactly the same bytes, and malformed bytes must give the expected status.
 * Argument: the directory of the TSV.
 */
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mapi_status.h"
#include "mapistore_private.h"
#include "tap.h"

static void value_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	(void)n;
	size_t len = 0;
	uint32_t tag = (uint32_t)strtoul(f[0], NULL, 16), expected = 0;
	uint8_t *bytes = test_hex_decode(mem_ctx, f[1], &len);
	bool ok = bytes != NULL && mapi_status_from_name(f[2], &expected);
	struct mapi_propval val;
	uint32_t status = ok ? mapistore_prop_decode(mem_ctx, NULL, tag, bytes, len, &val) : MAPI_E_CALL_FAILED;
	ok = ok && status == expected;
	if (ok && status == MAPI_E_SUCCESS) {
		uint8_t *out;
		size_t out_len;
		ok = val.tag == tag && mapistore_prop_encode(mem_ctx, NULL, &val, &out, &out_len) == MAPI_E_SUCCESS &&
		     out_len == len && memcmp(out, bytes, len) == 0;
		// Values that decode are also values mapistore accepts for storing.
		ok = ok && mapistore_prop_validate(&val) == MAPI_E_SUCCESS;
	}
	tap_ok(ok, "store_values.tsv:%u %s", line, f[3]);
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return 2;
	test_tsv_each_row(argv[1], "store_values.tsv", 4, 4, value_row);
	return tap_done();
}
