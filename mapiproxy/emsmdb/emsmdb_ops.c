/*
 * emsmdb_ops: EMSMDB (MS-OXCRPC 3.1.4) and AsyncEMSMDB (MS-OXCRPC 3.3.4) operations built so far.
 */
#include "emsmdb_ops.h"
#include "emsmdb.h"
#include "asyncemsmdb.h"
#include "mapi_status.h"

/* MS-OXCRPC 3.1.4.6: "MUST always succeed and return 0". */
static uint32_t ec_dummy_rpc(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			     const struct engine_caller *caller, void *rv)
{
	struct EcDummyRpc *r = rv;

	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/*
 * MS-OXCRPC 3.3.4.1: with an asynchronous context handle the server does not know, the call
 * completes at once with NotificationPending set. No session holds one yet (EcDoAsyncConnectEx
 * comes with the EMSMDB engine), so every handle is such a handle.
 */
static uint32_t ec_do_async_wait_ex(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				    const struct engine_caller *caller, void *rv)
{
	struct EcDoAsyncWaitEx *r = rv;

	r->out.pulFlagsOut = talloc(mem_ctx, uint32_t);
	if (r->out.pulFlagsOut == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	*r->out.pulFlagsOut = 0x00000001;	/* NotificationPending */
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

static const engine_ndr_op emsmdb_ops[EMSMDB_CALL_COUNT] = {
	[6] = ec_dummy_rpc,
};

const struct engine_ndr_iface emsmdb_ndr_iface = {
	.table = &sambex_ndr_table_emsmdb,
	.calls = sambex_ndr_calls_emsmdb,
	.ops = emsmdb_ops,
};

static const engine_ndr_op asyncemsmdb_ops[ASYNCEMSMDB_CALL_COUNT] = {
	[0] = ec_do_async_wait_ex,
};

const struct engine_ndr_iface asyncemsmdb_ndr_iface = {
	.table = &sambex_ndr_table_asyncemsmdb,
	.calls = sambex_ndr_calls_asyncemsmdb,
	.ops = asyncemsmdb_ops,
};
