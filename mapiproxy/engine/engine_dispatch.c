/*
 * engine_dispatch: the interface -> operations table and the engine_handler around it.
 */
#include <errno.h>
#include <stdio.h>
#include <tevent.h>

#include "engine_dispatch.h"
#include "emsmdb_ops.h"
#include "nspi_ops.h"
#include "nspi_session.h"
#include "rfr_ops.h"

static const struct engine_ndr_iface *const engine_ifaces[ENGINE_IFACE_COUNT] = {
	[ENGINE_IFACE_EMSMDB] = &emsmdb_ndr_iface,
	[ENGINE_IFACE_ASYNCEMSMDB] = &asyncemsmdb_ndr_iface,
	[ENGINE_IFACE_NSPI] = &nspi_ndr_iface,
	[ENGINE_IFACE_RFR] = &rfr_ndr_iface,
};

const struct engine_ndr_iface *engine_dispatch_iface(enum engine_iface iface)
{
	return (unsigned)iface < ENGINE_IFACE_COUNT ? engine_ifaces[iface] : NULL;
}

struct dispatch_state {
	struct engine_reply reply;
};

static struct tevent_req *dispatch_send(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					const struct engine_call *call, void *private_data)
{
	struct engine_context *ctx = private_data;
	struct dispatch_state *state;
	struct tevent_req *req = tevent_req_create(mem_ctx, &state, struct dispatch_state);

	if (req == NULL) {
		return NULL;
	}
	/* engine_proto_pull_call already refused an unknown iface. */
	engine_ndr_dispatch(ctx, state, engine_ifaces[call->iface], call, &state->reply);
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
	/* The stub is ndr_push's buffer, a talloc child of the state tevent_req_received() frees. */
	talloc_steal(mem_ctx, state->reply.stub);
	tevent_req_received(req);
	return 0;
}

/* The association has ended: its NSPI sessions go (EMSMDB sessions will, too). */
static void dispatch_rundown(uint64_t association_id, void *private_data)
{
	struct engine_context *ctx = private_data;

	size_t freed;

	if (ctx == NULL || ctx->nspi == NULL) {
		return;
	}
	freed = nspi_sessions_rundown(ctx->nspi, association_id);
	if (ctx->verbose) {
		fprintf(stderr, "sambexd: association %016llx ended: %zu NSPI sessions run down\n",
			(unsigned long long)association_id, freed);
	}
}

void engine_dispatch_handler_init(struct engine_handler *handler, struct engine_context *ctx)
{
	handler->call_send = dispatch_send;
	handler->call_recv = dispatch_recv;
	handler->rundown = dispatch_rundown;
	handler->private_data = ctx;
}
