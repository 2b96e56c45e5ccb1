/*
 * engine_dispatch: routes a call to the engine function of its interface and opnum.
 *
 * An operation is a function that decodes the NDR request (with the generated codecs), does the
 * work and encodes the reply. An opnum without a function is answered with the DCE/RPC fault
 * nca_op_rng_error (MS-RPCE 3.1.1.5.3.1), which is what the specs ask of the obsolete opnums and
 * what clients get for operations not built yet: a well-formed fault, never a malformed reply.
 */
#ifndef SAMBEX_ENGINE_DISPATCH_H
#define SAMBEX_ENGINE_DISPATCH_H

#include "engine_server.h"

/*
 * One operation: fills reply (stub allocated on mem_ctx, or fault set). Synchronous; operations
 * that wait (EcDoAsyncWaitEx) will get a tevent_req form when they are built.
 */
typedef void (*engine_op_fn)(TALLOC_CTX *mem_ctx, const struct engine_call *call,
			     struct engine_reply *reply);

struct engine_op_table {
	uint16_t num_ops;
	const engine_op_fn *ops;	/* ops[opnum], NULL where not built */
};

/* The handler sambexd workers serve with: dispatches by call->iface and call->opnum. */
extern const struct engine_handler engine_dispatch_handler;

/* The DCE/RPC fault for an opnum with no operation (nca_op_rng_error). */
#define ENGINE_FAULT_OP_RNG_ERROR 0x1C010002U

#endif
