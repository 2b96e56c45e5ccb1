/*
 * engine_client: one call to sambexd, asynchronously (tevent), over its Unix stream socket.
 *
 * Used by the Samba plugin, where nothing may block: the connect, the write and the read all wait
 * on the event loop. Each call uses its own connection, so a call that fails or times out leaves
 * no shared state behind.
 */
#ifndef SAMBEX_ENGINE_CLIENT_H
#define SAMBEX_ENGINE_CLIENT_H

#include <stdint.h>
#include <talloc.h>
#include <tevent.h>

#include "engine_proto.h"

/*
 * Sends call to the engine listening on socket_path and waits up to timeout_ms for its reply.
 * The request and everything it allocates hang off mem_ctx; free the request to cancel.
 */
struct tevent_req *engine_client_call_send(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					   const char *socket_path, const struct engine_call *call,
					   uint32_t timeout_ms);

/*
 * Collects the reply: 0 and *reply_r (its stub allocated on mem_ctx), or an errno value:
 * ECONNREFUSED/ENOENT (no engine listening), EAGAIN (its accept queue is full), ETIMEDOUT,
 * EPROTO (the engine sent a malformed or
 * mismatched frame), ECONNRESET (it closed early, e.g. crashed), ENOMEM, EINVAL (call unencodable).
 */
int engine_client_call_recv(struct tevent_req *req, TALLOC_CTX *mem_ctx,
			    struct engine_reply *reply_r);

/*
 * Tells the engine that a client's association has ended (engine_proto.h, rundown frame), so it
 * drops what it held for it. Fire and forget, and never blocks: it is sent from destructors,
 * including in a per-connection process that is about to exit, where no event loop runs again.
 * Returns 0 once the frame is handed to the socket, else an errno value (nothing is retried).
 */
int engine_client_rundown(const char *socket_path, uint64_t association_id);

#endif
