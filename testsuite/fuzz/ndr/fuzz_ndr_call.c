/*
 * Shared body of the NDR fuzz targets: pull any opnum from arbitrary bytes, then check that what
 * pulled survives print, push and a second pull/push unchanged (see fuzz_ndr_call.h).
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz_ndr_call.h"

/* Pulls blob as call/direction; returns the structure or NULL. */
static void *pull(TALLOC_CTX *mem_ctx, const struct ndr_interface_call *call, int flags,
		  const uint8_t *data, size_t size)
{
	DATA_BLOB blob = data_blob_const(data, size);
	struct ndr_pull *ndr = ndr_pull_init_blob(&blob, mem_ctx);
	void *r = talloc_zero_size(mem_ctx, call->struct_size);

	if (ndr == NULL || r == NULL) {
		abort();
	}
	ndr->flags |= LIBNDR_FLAG_REF_ALLOC;
	if (call->ndr_pull(ndr, flags, r) != NDR_ERR_SUCCESS) {
		return NULL;
	}
	return r;
}

/* Pushes r; a structure that was pulled must always push. */
static DATA_BLOB push(TALLOC_CTX *mem_ctx, const struct ndr_interface_call *call, int flags,
		      const void *r)
{
	struct ndr_push *ndr = ndr_push_init_ctx(mem_ctx);

	if (ndr == NULL || call->ndr_push(ndr, flags, r) != NDR_ERR_SUCCESS) {
		abort();
	}
	return ndr_push_blob(ndr);
}

static void round_trip(const struct ndr_interface_call *call, int flags, const uint8_t *data,
		       size_t size)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	void *r = pull(mem_ctx, call, flags, data, size);
	DATA_BLOB first, second;
	void *r2;

	if (r != NULL) {
		if (ndr_print_function_string(mem_ctx, call->ndr_print, call->name, flags, r) == NULL) {
			abort();
		}
		first = push(mem_ctx, call, flags, r);
		r2 = pull(mem_ctx, call, flags, first.data, first.length);
		if (r2 == NULL) {
			abort();
		}
		second = push(mem_ctx, call, flags, r2);
		if (first.length != second.length ||
		    memcmp(first.data, second.data, first.length) != 0) {
			abort();
		}
	}
	talloc_free(mem_ctx);
}

int fuzz_ndr_call(const struct ndr_interface_table *table, const uint8_t *data, size_t size)
{
	const struct ndr_interface_call *call;

	if (size < 1 || table->num_calls == 0) {
		return 0;
	}
	call = &table->calls[data[0] % table->num_calls];
	round_trip(call, NDR_IN, data + 1, size - 1);
	round_trip(call, NDR_OUT, data + 1, size - 1);
	return 0;
}
