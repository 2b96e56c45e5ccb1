/*
 * engine_ndr: runs a call through an interface's generated tables (idl/, sambex_ndr_dep):
 * decode the request with table->calls[opnum].ndr_pull, hand the decoded structure to the
 * operation, encode its out side with ndr_push.
 *
 * Answers, in order (a well-formed answer every time, never a malformed one):
 *   opnum out of range                       fault nca_op_rng_error (MS-RPCE 3.1.1.5.3.1)
 *   opnum the spec reserves (not on wire)    the fault the IDL names for it (calls[opnum].fault)
 *   no operation built for the opnum yet     fault nca_op_rng_error
 *   request does not decode                  fault bad stub data (0x6f7)
 *   out of memory, or our reply cannot encode fault cannot perform (0x6d8)
 *   the operation returns a fault            that fault
 *   otherwise                                the encoded out side
 */
#ifndef SAMBEX_ENGINE_NDR_H
#define SAMBEX_ENGINE_NDR_H

#include <stdint.h>
#include <talloc.h>
#include <ndr.h>

#include "engine_context.h"
#include "engine_proto.h"
#include "sambex_ndr.h"

/* DCE/RPC fault codes the engine sends (MS-RPCE 2.2.2.11; Samba's gen_ndr/dcerpc.h). */
#define ENGINE_FAULT_OP_RNG_ERROR 0x1C010002U
#define ENGINE_FAULT_BAD_STUB_DATA 0x000006F7U
#define ENGINE_FAULT_UNSUPPORTED_TYPE 0x000006C7U	/* NDR64 and other transfer syntaxes */
#define ENGINE_FAULT_CANT_PERFORM 0x000006D8U	/* our own reply did not encode */

/*
 * One operation. r is the call's generated structure with r->in decoded (and allocated on
 * mem_ctx); the operation fills r->out — allocating its [out] pointers on mem_ctx — and returns 0,
 * or a DCE/RPC fault code to send instead of a reply.
 */
typedef uint32_t (*engine_ndr_op)(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				  const struct engine_caller *caller, void *r);

struct engine_ndr_iface {
	const struct ndr_interface_table *table;
	const struct sambex_ndr_call_info *calls;	/* table->num_calls entries */
	const engine_ndr_op *ops;			/* table->num_calls entries, NULL = not built */
};

/* Answers call (see above); reply->stub is allocated on mem_ctx. */
void engine_ndr_dispatch(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			 const struct engine_ndr_iface *iface, const struct engine_call *call,
			 struct engine_reply *reply);

#endif
