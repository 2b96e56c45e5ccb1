/*
 * Shared body of the NDR fuzz targets: pull any opnum from arbitrary bytes, then check that what
 * pulled survives print, push and a second pull/push unchanged (see fuzz_ndr_call.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_ndr_call.h"

/*
 * An ndr_print sink: formats every line (so bad format arguments still show under the
 * sanitizers) and drops it. ndr_print_function_string() would append each line to one growing
 * string, which is quadratic under ASan for deeply nested restrictions.
 */
static void print_discard(struct ndr_print *ndr, const char *fmt, ...) PRINTF_ATTRIBUTE(2, 3);

static void print_discard(struct ndr_print *ndr, const char *fmt, ...)
{
	char line[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
}

static void print_call(TALLOC_CTX *mem_ctx, const struct ndr_interface_call *call, int flags,
		       const void *r)
{
	struct ndr_print *ndr = talloc_zero(mem_ctx, struct ndr_print);

	if (ndr == NULL) {
		abort();
	}
	ndr->print = print_discard;
	ndr->depth = 1;
	call->ndr_print(ndr, call->name, flags, r);
}

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
		print_call(mem_ctx, call, flags, r);
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
