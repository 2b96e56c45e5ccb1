/*
 * engine_ndr: decode -> operation -> encode through the generated interface tables.
 */
#include <string.h>

#include "engine_ndr.h"

static void fault(struct engine_reply *reply, uint32_t code)
{
	reply->fault = code;
	reply->stub = NULL;
	reply->stub_len = 0;
}

void engine_ndr_dispatch(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			 const struct engine_ndr_iface *iface, const struct engine_call *call,
			 struct engine_reply *reply)
{
	const struct ndr_interface_call *nc;
	DATA_BLOB in = data_blob_const(call->stub, call->stub_len);
	struct ndr_pull *pull;
	struct ndr_push *push;
	uint32_t code;
	void *r;

	if (call->opnum >= iface->table->num_calls) {
		fault(reply, ENGINE_FAULT_OP_RNG_ERROR);
		return;
	}
	if (iface->calls[call->opnum].reserved) {
		fault(reply, iface->calls[call->opnum].fault);
		return;
	}
	if (iface->ops[call->opnum] == NULL) {
		fault(reply, ENGINE_FAULT_OP_RNG_ERROR);
		return;
	}
	if (call->ndr_flags & LIBNDR_FLAG_NDR64) {
		fault(reply, ENGINE_FAULT_UNSUPPORTED_TYPE);
		return;
	}
	nc = &iface->table->calls[call->opnum];
	r = talloc_zero_size(mem_ctx, nc->struct_size);
	pull = ndr_pull_init_blob(&in, mem_ctx);
	if (r == NULL || pull == NULL) {
		fault(reply, ENGINE_FAULT_CANT_PERFORM);
		return;
	}
	/* As Samba's server does: [ref] pointers get allocated, byte order as the client sent. */
	pull->flags |= LIBNDR_FLAG_REF_ALLOC | (call->ndr_flags & LIBNDR_FLAG_BIGENDIAN);
	if (!NDR_ERR_CODE_IS_SUCCESS(nc->ndr_pull(pull, NDR_IN, r))) {
		fault(reply, ENGINE_FAULT_BAD_STUB_DATA);
		return;
	}
	code = iface->ops[call->opnum](ctx, mem_ctx, &call->caller, r);
	if (code != 0) {
		fault(reply, code);
		return;
	}
	/* The reply goes out little-endian, as Samba frames it (lpcfg_rpc_big_endian is off). */
	push = ndr_push_init_ctx(mem_ctx);
	if (push == NULL || !NDR_ERR_CODE_IS_SUCCESS(nc->ndr_push(push, NDR_OUT, r))) {
		fault(reply, ENGINE_FAULT_CANT_PERFORM);
		return;
	}
	reply->fault = 0;
	reply->stub = push->data;
	reply->stub_len = push->offset;
}
