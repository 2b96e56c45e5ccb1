/*
 * engine_dispatch: the (interface, opnum) -> operation table and the engine_handler around it.
 */
#include <errno.h>
#include <tevent.h>

#include "engine_dispatch.h"

/* Filled as each interface's operations are built (issues 7 and later). */
static const struct engine_op_table engine_tables[ENGINE_IFACE_COUNT] = {
	[ENGINE_IFACE_EMSMDB] = { 0, NULL },
	[ENGINE_IFACE_ASYNCEMSMDB] = { 0, NULL },
	[ENGINE_IFACE_NSPI] = { 0, NULL },
	[ENGINE_IFACE_RFR] = { 0, NULL },
};

struct dispatch_state {
	struct engine_reply reply;
};

static struct tevent_req *dispatch_send(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					const struct engine_call *call, void *private_data)
{
	const struct engine_op_table *table = &engine_tables[call->iface];
	struct dispatch_state *state;
	struct tevent_req *req = tevent_req_create(mem_ctx, &state, struct dispatch_state);

	if (req == NULL) {
		return NULL;
	}
	if (call->opnum < table->num_ops && table->ops[call->opnum] != NULL) {
		table->ops[call->opnum](state, call, &state->reply);
	} else {
		state->reply.fault = ENGINE_FAULT_OP_RNG_ERROR;
	}
	tevent_req_done(req);
	return tevent_req_post(req, ev);
}

static int dispatch_recv(struct tevent_req *req, TALLOC_CTX *mem_ctx, struct engine_reply *reply_r)
{
	struct dispatch_state *state = tevent_req_data(req, struct dispatch_state);
	enum tevent_req_state req_state;
	uint64_t err;

	if (tevent_req_is_error(req, &req_state, &err)) {
		tevent_req_received(req);
		return err != 0 ? (int)err : EIO;
	}
	*reply_r = state->reply;
	talloc_steal(mem_ctx, state->reply.stub);
	tevent_req_received(req);
	return 0;
}

const struct engine_handler engine_dispatch_handler = {
	.call_send = dispatch_send,
	.call_recv = dispatch_recv,
};
