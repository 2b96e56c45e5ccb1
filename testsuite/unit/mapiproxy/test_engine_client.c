/*
 * Unit tests: engine_client against a scripted peer on the same tevent context, to see the client
 * cope with every way an engine can misbehave (engine_client.h lists the errors): no listener,
 * hang-ups at each stage, garbage and mismatched replies, replies split into single bytes.
 */
#include <fcntl.h>

#include "rpc_test_util.h"

enum peer_mode {
	PEER_ECHO,			/* a correct reply echoing the stub under the request's id */
	PEER_CLOSE_ON_ACCEPT,		/* accept, then close before reading anything */
	PEER_CLOSE_AFTER_REQUEST,	/* read the whole request, close without a word */
	PEER_SILENT,			/* read the request, never answer */
	PEER_GARBAGE_HEADER,
	PEER_WRONG_ID,
	PEER_CALL_TYPE,			/* answer with a call frame */
	PEER_BAD_FLAGS,
	PEER_TOO_BIG,			/* body_len above the cap */
	PEER_EMPTY_BODY,		/* body_len 0 */
	PEER_TRAILING_BYTE,		/* a reply body one byte longer than its fields */
	PEER_SHORT_STUB,		/* the stub length says one byte more than the body holds */
	PEER_HALF_HEADER_THEN_CLOSE,
	PEER_HEADER_THEN_CLOSE,
	PEER_HALF_BODY_THEN_CLOSE,
	PEER_TRICKLE,			/* a correct reply, one byte per loop turn */
	PEER_EXTRA_AFTER_REPLY,		/* a correct reply, then junk */
};

struct peer {
	struct fixture *f;
	enum peer_mode mode;
	unsigned accepted;
	uint32_t ids[64];		/* request ids seen, in order */
	unsigned n_ids;
	struct engine_call last;	/* the last request, decoded onto the peer */
};

struct peer_conn {
	struct peer *peer;
	int fd;
	struct tevent_fd *fde;
	uint8_t in[4096];
	size_t in_len;
	uint8_t *out;
	size_t out_len, out_done;
};

static int peer_conn_destructor(struct peer_conn *pc)
{
	TALLOC_FREE(pc->fde);
	close(pc->fd);
	return 0;
}

static void send_now(int fd, const uint8_t *buf, size_t len)
{
	if (len > 0) {
		assert_int_equal(send(fd, buf, len, MSG_NOSIGNAL), (ssize_t)len);
	}
}

static void trickle(struct tevent_context *ev, struct tevent_timer *te, struct timeval now,
		    void *priv)
{
	struct peer_conn *pc = talloc_get_type_abort(priv, struct peer_conn);

	send_now(pc->fd, pc->out + pc->out_done++, 1);
	if (pc->out_done < pc->out_len) {
		assert_non_null(tevent_add_timer(ev, pc, tevent_timeval_current_ofs(0, 500),
						 trickle, pc));
	}
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

/* The request is complete: answer it as the mode says. */
static void peer_answer(struct peer_conn *pc, const struct engine_frame_header *hdr)
{
	struct peer *peer = pc->peer;
	struct engine_reply reply = { .stub = peer->last.stub, .stub_len = peer->last.stub_len };
	uint32_t id = peer->mode == PEER_WRONG_ID ? hdr->request_id + 1 : hdr->request_id;
	size_t body;

	assert_int_equal(engine_proto_push_reply(pc, id, &reply, &pc->out, &pc->out_len),
			 ENGINE_PROTO_OK);
	pc->out = talloc_realloc(pc, pc->out, uint8_t, pc->out_len + 32);
	body = pc->out_len - 16;
	switch (peer->mode) {
	case PEER_GARBAGE_HEADER: memset(pc->out, 'A', 16); break;
	case PEER_CALL_TYPE: pc->out[4] = ENGINE_FRAME_CALL; break;
	case PEER_BAD_FLAGS: pc->out[7] = 0x80; break;
	case PEER_TOO_BIG: put_le32(pc->out + 12, ENGINE_PROTO_MAX_BODY + 1); pc->out_len = 16; break;
	case PEER_EMPTY_BODY: put_le32(pc->out + 12, 0); pc->out_len = 16; break;
	case PEER_TRAILING_BYTE:
		put_le32(pc->out + 12, (uint32_t)body + 1);
		pc->out[pc->out_len++] = 0;
		break;
	case PEER_SHORT_STUB: put_le32(pc->out + 20, (uint32_t)reply.stub_len + 1); break;
	case PEER_HALF_HEADER_THEN_CLOSE: pc->out_len = 8; break;
	case PEER_HEADER_THEN_CLOSE: pc->out_len = 16; break;
	case PEER_HALF_BODY_THEN_CLOSE: pc->out_len = 16 + body / 2; break;
	case PEER_EXTRA_AFTER_REPLY: memset(pc->out + pc->out_len, 'J', 32); pc->out_len += 32; break;
	default: break;
	}
	if (peer->mode == PEER_TRICKLE) {
		assert_non_null(tevent_add_timer(peer->f->ev, pc, tevent_timeval_current_ofs(0, 0),
						 trickle, pc));
		return;
	}
	if (peer->mode != PEER_SILENT && peer->mode != PEER_CLOSE_AFTER_REQUEST) {
		send_now(pc->fd, pc->out, pc->out_len);
	}
	if (peer->mode == PEER_CLOSE_AFTER_REQUEST || peer->mode == PEER_HALF_HEADER_THEN_CLOSE ||
	    peer->mode == PEER_HEADER_THEN_CLOSE || peer->mode == PEER_HALF_BODY_THEN_CLOSE) {
		talloc_free(pc);
	}
}

static void peer_read(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags, void *priv)
{
	struct peer_conn *pc = talloc_get_type_abort(priv, struct peer_conn);
	struct peer *peer = pc->peer;
	struct engine_frame_header hdr;
	ssize_t n = recv(pc->fd, pc->in + pc->in_len, sizeof(pc->in) - pc->in_len, 0);

	if (n <= 0) {
		talloc_free(pc);	/* the client is done (or gone) */
		return;
	}
	pc->in_len += (size_t)n;
	if (engine_proto_parse_header(pc->in, pc->in_len, &hdr) != ENGINE_PROTO_OK ||
	    pc->in_len < 16 + hdr.body_len) {
		return;
	}
	assert_int_equal(hdr.type, ENGINE_FRAME_CALL);
	assert_int_equal(pc->in_len, 16 + hdr.body_len);	/* nothing after the one frame */
	assert_true(peer->n_ids < 64);
	peer->ids[peer->n_ids++] = hdr.request_id;
	/* The request is copied to the peer so it outlives this connection. */
	assert_int_equal(engine_proto_pull_call(peer, talloc_memdup(peer, pc->in + 16, hdr.body_len),
						hdr.body_len, &peer->last), ENGINE_PROTO_OK);
	peer_answer(pc, &hdr);
}

static void peer_accept(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags,
			void *priv)
{
	struct peer *peer = talloc_get_type_abort(priv, struct peer);
	int fd = accept4(peer->f->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	struct peer_conn *pc;

	if (fd == -1) {
		return;
	}
	peer->accepted++;
	if (peer->mode == PEER_CLOSE_ON_ACCEPT) {
		close(fd);
		return;
	}
	pc = talloc_zero(peer, struct peer_conn);
	assert_non_null(pc);
	pc->peer = peer;
	pc->fd = fd;
	talloc_set_destructor(pc, peer_conn_destructor);
	pc->fde = tevent_add_fd(ev, pc, fd, TEVENT_FD_READ, peer_read, pc);
	assert_non_null(pc->fde);
}

static struct peer *start_peer(void **state, enum peer_mode mode)
{
	struct fixture *f = *state;
	struct peer *peer = talloc_zero(f->mem_ctx, struct peer);

	assert_non_null(peer);
	peer->f = f;
	peer->mode = mode;
	assert_non_null(tevent_add_fd(f->ev, peer, f->listen_fd, TEVENT_FD_READ, peer_accept, peer));
	return peer;
}

/* One call to a peer in mode; returns the client's result. */
static int call_peer(void **state, enum peer_mode mode, uint32_t timeout_ms)
{
	struct fixture *f = *state;
	struct peer *peer = start_peer(state, mode);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);
	struct engine_reply reply;
	int err = run_call(f, f->path, &call, timeout_ms, out, &reply);

	if (err == 0) {
		assert_int_equal(reply.fault, 0);
		assert_int_equal(reply.stub_len, call.stub_len);
		assert_memory_equal(reply.stub, call.stub, call.stub_len);
	}
	talloc_free(out);
	talloc_free(peer);
	return err;
}

static void test_echo_peer_sees_intact_call(void **state)
{
	struct fixture *f = *state;
	struct peer *peer = start_peer(state, PEER_ECHO);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);
	struct engine_reply reply;

	assert_int_equal(run_call(f, f->path, &call, 5000, out, &reply), 0);
	assert_int_equal(peer->n_ids, 1);
	assert_calls_equal(&call, &peer->last);
	assert_int_equal(reply.stub_len, call.stub_len);
	assert_memory_equal(reply.stub, call.stub, call.stub_len);
	talloc_free(out);
}

/* Each call gets a fresh id, one more than the last, on its own connection. */
static void test_request_ids(void **state)
{
	struct fixture *f = *state;
	struct peer *peer = start_peer(state, PEER_ECHO);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);

	for (unsigned i = 0; i < 10; i++) {
		struct engine_reply reply;

		call.opnum = (uint16_t)i;
		assert_int_equal(run_call(f, f->path, &call, 5000, out, &reply), 0);
		assert_int_equal(peer->n_ids, i + 1);
		assert_int_equal(peer->last.opnum, i);
		if (i > 0) {
			assert_int_equal(peer->ids[i], peer->ids[i - 1] + 1);
		}
	}
	assert_int_equal(peer->accepted, 10);
	talloc_free(out);
}

static void test_no_listener(void **state)
{
	struct fixture *f = *state;
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);
	struct engine_reply reply;
	char *absent = talloc_asprintf(out, "%s/absent.sock", f->dir);
	char *stale = talloc_asprintf(out, "%s/stale.sock", f->dir);
	char *too_long = talloc_asprintf(out, "%s/%0200d", f->dir, 0);
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd, fds = count_fds();

	assert_int_equal(run_call(f, absent, &call, 1000, out, &reply), ENOENT);
	assert_int_equal(run_call(f, "/nonexistent-dir/engine.sock", &call, 1000, out, &reply),
			 ENOENT);
	/* A socket file left behind by an engine that is gone. */
	fd = socket(AF_UNIX, SOCK_STREAM, 0);
	strcpy(addr.sun_path, stale);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	close(fd);
	assert_int_equal(run_call(f, stale, &call, 1000, out, &reply), ECONNREFUSED);
	unlink(stale);
	/* Not in the documented list, but refused before any socket is made. */
	assert_int_equal(run_call(f, too_long, &call, 1000, out, &reply), ENAMETOOLONG);
	assert_int_equal(count_fds(), fds);
	talloc_free(out);
}

/* The engine accepts and closes at once (e.g. it crashed): the client sees a reset. */
static void test_accept_and_close(void **state)
{
	int err = call_peer(state, PEER_CLOSE_ON_ACCEPT, 300);

	assert_int_equal(err, ECONNRESET);
}

/* The same, made deterministic: the engine has closed before the client's loop runs at all. */
static void test_closed_before_client_writes(void **state)
{
	struct fixture *f = *state;
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);
	struct tevent_req *req = engine_client_call_send(out, f->ev, f->path, &call, 500);
	struct engine_reply reply;
	double t0 = now_ms();
	int fd, err;

	assert_non_null(req);
	fd = accept4(f->listen_fd, NULL, NULL, SOCK_CLOEXEC);	/* connect() has completed */
	assert_true(fd >= 0);
	close(fd);
	tevent_req_poll(req, f->ev);
	err = engine_client_call_recv(req, out, &reply);
	talloc_free(req);
	/*
	 * Regression: the client used to wait for WRITE only; tevent reports a hang-up (EPOLLHUP)
	 * only to READ waiters, so it ended with ETIMEDOUT at its deadline (fixed).
	 */
	assert_int_equal(err, ECONNRESET);
	assert_true(now_ms() - t0 < 400);
	talloc_free(out);
}

static void test_close_after_request(void **state)
{
	assert_int_equal(call_peer(state, PEER_CLOSE_AFTER_REQUEST, 5000), ECONNRESET);
}

static void test_close_mid_reply(void **state)
{
	assert_int_equal(call_peer(state, PEER_HALF_HEADER_THEN_CLOSE, 5000), ECONNRESET);
	assert_int_equal(call_peer(state, PEER_HEADER_THEN_CLOSE, 5000), ECONNRESET);
	assert_int_equal(call_peer(state, PEER_HALF_BODY_THEN_CLOSE, 5000), ECONNRESET);
}

static void test_silent_peer_times_out(void **state)
{
	double t0 = now_ms();

	assert_int_equal(call_peer(state, PEER_SILENT, 200), ETIMEDOUT);
	assert_true(now_ms() - t0 >= 190);
}

static void test_malformed_replies(void **state)
{
	static const enum peer_mode modes[] = {
		PEER_GARBAGE_HEADER, PEER_WRONG_ID, PEER_CALL_TYPE, PEER_BAD_FLAGS, PEER_TOO_BIG,
		PEER_EMPTY_BODY, PEER_TRAILING_BYTE, PEER_SHORT_STUB,
	};

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		assert_int_equal(call_peer(state, modes[i], 5000), EPROTO);
	}
}

/* A reply in single bytes exercises every partial-read path of the header and the body. */
static void test_trickled_reply(void **state)
{
	assert_int_equal(call_peer(state, PEER_TRICKLE, 5000), 0);
}

/* Bytes after the one reply frame are not the client's business. */
static void test_extra_after_reply(void **state)
{
	assert_int_equal(call_peer(state, PEER_EXTRA_AFTER_REPLY, 5000), 0);
}

/* Every failure leaves no descriptor and nothing on the caller's context. */
static void test_failures_leave_nothing(void **state)
{
	static const enum peer_mode modes[] = {
		PEER_CLOSE_AFTER_REQUEST, PEER_SILENT, PEER_GARBAGE_HEADER, PEER_HEADER_THEN_CLOSE,
		PEER_TRAILING_BYTE,
	};
	struct fixture *f = *state;

	for (size_t i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
		struct peer *peer = start_peer(state, modes[i]);
		struct engine_call call = sample_call();
		TALLOC_CTX *out = talloc_new(f->mem_ctx);
		struct engine_reply reply;
		int fds = count_fds();

		assert_int_not_equal(run_call(f, f->path, &call, 100, out, &reply), 0);
		assert_int_equal(talloc_total_size(out), 0);
		talloc_free(peer);		/* the peer's own connection, if it kept one */
		assert_int_equal(count_fds(), fds);
		talloc_free(out);
	}
}

/*
 * The engine's accept queue is full: for AF_UNIX a non-blocking connect() then fails with EAGAIN
 * and no connection is in progress, so the call should fail at once (engine busy); it must at
 * least end by its deadline.
 */
static void test_backlog_full(void **state)
{
	struct fixture *f = *state;
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);
	struct engine_reply reply;
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fillers[64], n = 0, err;
	double t0;

	strcpy(addr.sun_path, f->path);
	while (n < 64) {
		fillers[n] = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
		if (connect(fillers[n], (struct sockaddr *)&addr, sizeof(addr)) != 0) {
			assert_int_equal(errno, EAGAIN);
			close(fillers[n]);
			break;
		}
		n++;
	}
	assert_true(n < 64);
	t0 = now_ms();
	err = run_call(f, f->path, &call, 300, out, &reply);
	/* Regression: connect()'s EAGAIN used to be taken for "in progress" (fixed). */
	assert_int_equal(err, EAGAIN);
	assert_true(now_ms() - t0 < 250);
	for (int i = 0; i < n; i++) {
		close(fillers[i]);
	}
	talloc_free(out);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_echo_peer_sees_intact_call),
		T(test_request_ids),
		T(test_no_listener),
		T(test_accept_and_close),
		T(test_closed_before_client_writes),
		T(test_close_after_request),
		T(test_close_mid_reply),
		T(test_silent_peer_times_out),
		T(test_malformed_replies),
		T(test_trickled_reply),
		T(test_extra_after_reply),
		T(test_failures_leave_nothing),
		T(test_backlog_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
