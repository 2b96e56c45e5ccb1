/*
 * Fuzz target: mapistore_pcl_parse on arbitrary bytes. Whatever parses must serialize to the
 * canonical form (sorted, one XID per namespace), which re-parses equal, serializes to the same
 * bytes, and equals its merge with itself and with the empty PCL.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_status.h"
#include "mapistore_pcl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(bool cond)
{
	if (!cond) {
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_pcl *pcl, *again, *merged, *empty;
	enum mapistore_pcl_order order;
	uint8_t *out, *out2;
	size_t len, len2;
	uint32_t status;

	status = mapistore_pcl_parse(ctx, data, size, &pcl);
	if (status != MAPI_E_SUCCESS) {
		check(status == ecRpcFormat || status == MAPI_E_INVALID_PARAMETER);
		check(talloc_total_blocks(ctx) == 1);
		talloc_free(ctx);
		return 0;
	}
	check(mapistore_pcl_serialize(ctx, pcl, &out, &len) == MAPI_E_SUCCESS);
	check(len == size);	/* canonical form only reorders */
	check(mapistore_pcl_parse(ctx, out, len, &again) == MAPI_E_SUCCESS);
	check(mapistore_pcl_equal(pcl, again));
	check(mapistore_pcl_serialize(ctx, again, &out2, &len2) == MAPI_E_SUCCESS);
	check(len2 == len && (len == 0 || memcmp(out, out2, len) == 0));
	check(mapistore_pcl_merge(ctx, pcl, again, &merged) == MAPI_E_SUCCESS);
	check(mapistore_pcl_equal(merged, pcl));
	empty = mapistore_pcl_new(ctx);
	check(empty != NULL);
	check(mapistore_pcl_compare(pcl, empty, &order) == MAPI_E_SUCCESS);
	check(order == (pcl->count == 0 ? MAPISTORE_PCL_EQUAL : MAPISTORE_PCL_A_INCLUDES_B));
	check(mapistore_pcl_compare(pcl, again, &order) == MAPI_E_SUCCESS && order == MAPISTORE_PCL_EQUAL);
	talloc_free(ctx);
	return 0;
}
