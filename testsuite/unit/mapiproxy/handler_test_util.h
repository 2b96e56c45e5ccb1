/*
 * A scriptable engine_handler for the server tests: echoes the call's stub back, records what it
 * was given, and can be told to fault, fail, complete late, never complete or refuse to start.
 */
#ifndef SAMBEX_HANDLER_TEST_UTIL_H
#define SAMBEX_HANDLER_TEST_UTIL_H

#include "rpc_test_util.h"
#include "engine_server.h"

struct handler_ctl {
	TALLOC_CTX *mem_ctx;		/* where the seen calls are copied */
	unsigned started, completed;
	uint32_t fault;			/* put in every reply */
	int fail_errno;			/* call_recv returns this instead of a reply */
	bool never;			/* call_send's request never completes */
	bool null_req;			/* call_send returns NULL */
	unsigned delay_ms;		/* complete after this long, from a timer */
	struct engine_call seen;	/* the last call, deep-copied onto mem_ctx */
};

struct echo_state {
	struct handler_ctl *ctl;
	struct engine_reply reply;
};

static inline const char *copy_string(TALLOC_CTX *mem_ctx, const char *s)
{
	return s != NULL ? talloc_strdup(mem_ctx, s) : NULL;
}

static inline void record_call(struct handler_ctl *ctl, const struct engine_call *call)
{
	struct engine_caller *who = &ctl->seen.caller;

	ctl->seen = *call;
	who->account_name = copy_string(ctl->mem_ctx, call->caller.account_name);
	who->domain_name = copy_string(ctl->mem_ctx, call->caller.domain_name);
	who->user_sid = copy_string(ctl->mem_ctx, call->caller.user_sid);
	who->remote_address = copy_string(ctl->mem_ctx, call->caller.remote_address);
	who->local_address = copy_string(ctl->mem_ctx, call->caller.local_address);
	who->token_sids = talloc_zero_array(ctl->mem_ctx, const char *, who->num_token_sids + 1);
	for (uint32_t i = 0; who->token_sids != NULL && i < who->num_token_sids; i++) {
		who->token_sids[i] = copy_string(ctl->mem_ctx, call->caller.token_sids[i]);
	}
	ctl->seen.stub = call->stub_len > 0 ? talloc_memdup(ctl->mem_ctx, call->stub, call->stub_len)
					    : NULL;
}

static inline void echo_late(struct tevent_context *ev, struct tevent_timer *te,
			     struct timeval now, void *priv)
{
	struct tevent_req *req = talloc_get_type_abort(priv, struct tevent_req);
	struct echo_state *state = tevent_req_data(req, struct echo_state);

	state->ctl->completed++;
	tevent_req_done(req);
}

static inline struct tevent_req *echo_send(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					   const struct engine_call *call, void *private_data)
{
	struct handler_ctl *ctl = private_data;
	struct echo_state *state;
	struct tevent_req *req;

	ctl->started++;
	record_call(ctl, call);
	if (ctl->null_req) {
		return NULL;
	}
	req = tevent_req_create(mem_ctx, &state, struct echo_state);
	assert_non_null(req);
	state->ctl = ctl;
	state->reply.fault = ctl->fault;
	state->reply.stub_len = call->stub_len;
	if (call->stub_len > 0) {
		state->reply.stub = talloc_memdup(state, call->stub, call->stub_len);
	}
	if (ctl->never) {
		return req;
	}
	if (ctl->delay_ms > 0) {
		assert_non_null(tevent_add_timer(ev, state,
			tevent_timeval_current_ofs(ctl->delay_ms / 1000, (ctl->delay_ms % 1000) * 1000),
			echo_late, req));
		return req;
	}
	ctl->completed++;
	tevent_req_done(req);
	return tevent_req_post(req, ev);
}

static inline int echo_recv(struct tevent_req *req, TALLOC_CTX *mem_ctx,
			    struct engine_reply *reply_r)
{
	struct echo_state *state = tevent_req_data(req, struct echo_state);

	if (state->ctl->fail_errno != 0) {
		return state->ctl->fail_errno;
	}
	*reply_r = state->reply;
	talloc_steal(mem_ctx, state->reply.stub);
	return 0;
}

/* A handler_ctl and an engine_handler around it, both on mem_ctx. */
static inline struct engine_handler *echo_handler(TALLOC_CTX *mem_ctx, struct handler_ctl **ctl_r)
{
	struct engine_handler *h = talloc_zero(mem_ctx, struct engine_handler);
	struct handler_ctl *ctl = talloc_zero(mem_ctx, struct handler_ctl);

	assert_non_null(h);
	assert_non_null(ctl);
	ctl->mem_ctx = ctl;
	h->call_send = echo_send;
	h->call_recv = echo_recv;
	h->private_data = ctl;
	*ctl_r = ctl;
	return h;
}

/*
 * A server with the echo handler on the fixture's socket, and a way to wait until it has dropped
 * every connection: its talloc tree back to the size it had with none open.
 */
struct server_fixture {
	struct fixture *f;
	struct engine_server *server;
	struct handler_ctl *ctl;
	size_t idle_blocks;
};

static inline struct server_fixture start_echo_server(void **state)
{
	struct server_fixture s = { .f = *state };
	struct engine_handler *h = echo_handler(s.f->mem_ctx, &s.ctl);

	s.server = engine_server_new(s.f->mem_ctx, s.f->ev, s.f->listen_fd, h);
	assert_non_null(s.server);
	s.idle_blocks = talloc_total_blocks(s.server);
	return s;
}

static inline bool server_idle(void *arg)
{
	struct server_fixture *s = arg;

	return talloc_total_blocks(s->server) == s->idle_blocks;
}

static inline void assert_server_idle(struct server_fixture *s)
{
	if (!pump_until(s->f, server_idle, s, 3000)) {
		talloc_report_full(s->server, stderr);
		fail();
	}
}

#endif
