/*
 * engine_server: serves engine-protocol calls (engine_proto.h) on a listening Unix socket, in one
 * process, on a tevent loop. Each connection carries a sequence of call frames, each answered in
 * order by a reply frame; the work itself is done by the handler the server was given.
 */
#ifndef SAMBEX_ENGINE_SERVER_H
#define SAMBEX_ENGINE_SERVER_H

#include <stdint.h>
#include <talloc.h>
#include <tevent.h>

#include "engine_proto.h"

/*
 * What runs a call. call_send starts one (call and its stub stay valid until the request is
 * freed); call_recv returns 0 and the reply (allocated on mem_ctx), or an errno value, upon which
 * the connection is closed without a reply (the front end then faults the RPC call).
 */
struct engine_handler {
	struct tevent_req *(*call_send)(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					const struct engine_call *call, void *private_data);
	int (*call_recv)(struct tevent_req *req, TALLOC_CTX *mem_ctx, struct engine_reply *reply_r);
	/* The client's association has ended: drop what is held for it. May be NULL. */
	void (*rundown)(uint64_t association_id, void *private_data);
	void *private_data;
};

struct engine_server;

/*
 * Starts accepting on listen_fd (which stays the caller's). The server and all its connections
 * hang off mem_ctx. Returns NULL on ENOMEM.
 */
struct engine_server *engine_server_new(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					int listen_fd, const struct engine_handler *handler);

/* Calls answered so far (for worker recycling and tests). */
uint64_t engine_server_calls(const struct engine_server *server);

#endif
