/*
 * Unit tests: engine_client against engine_server, both in this process on one tevent context,
 * over a real AF_UNIX socket: echoes, the dispatcher's fault, timeouts, large stubs, many and
 * concurrent calls, cancellation, and the server's call count. Client against misbehaving peers:
 * test_engine_client.c; the server against misbehaving clients: test_engine_server.c.
 */
#include "handler_test_util.h"
#include "engine_dispatch.h"

static void assert_echo(struct server_fixture *s, const struct engine_call *call)
{
	TALLOC_CTX *out = talloc_new(s->f->mem_ctx);
	struct engine_reply reply;

	assert_int_equal(run_call(s->f, s->f->path, call, 5000, out, &reply), 0);
	assert_int_equal(reply.fault, s->ctl->fault);
	assert_int_equal(reply.stub_len, call->stub_len);
	if (call->stub_len > 0) {
		/* Read after the request is freed: the stub's memory now belongs to out. */
		assert_memory_equal(reply.stub, call->stub, call->stub_len);
		assert_true(talloc_total_size(out) >= call->stub_len);
	}
	talloc_free(out);
}

static void test_echo(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();

	assert_int_equal(engine_server_calls(s.server), 0);
	assert_echo(&s, &call);
	assert_int_equal(s.ctl->started, 1);
	assert_calls_equal(&call, &s.ctl->seen);	/* every caller field arrived intact */
	assert_int_equal(engine_server_calls(s.server), 1);
	assert_server_idle(&s);
}

static void test_echo_fault_passes_through(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();

	s.ctl->fault = 0x1C00001DU;
	assert_echo(&s, &call);
	call.stub_len = 0;
	s.ctl->fault = 0xffffffffU;
	assert_echo(&s, &call);
	assert_int_equal(engine_server_calls(s.server), 2);
}

static void test_echo_null_strings_and_empty_stub(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = { .iface = ENGINE_IFACE_RFR, .opnum = 1 };

	assert_echo(&s, &call);
	assert_calls_equal(&call, &s.ctl->seen);
	assert_string_equal(s.ctl->seen.caller.account_name, "");
}

/*
 * The real dispatcher behind the server: an opnum past the interface's table is answered with the
 * fault nca_op_rng_error (MS-RPCE 3.1.1.5.3.1), as a well-formed reply, for every interface.
 */
static void test_dispatch_faults_unknown_opnums(void **state)
{
	struct fixture *f = *state;
	struct engine_context *ctx = talloc_zero(f->mem_ctx, struct engine_context);
	struct engine_handler *h = talloc_zero(f->mem_ctx, struct engine_handler);
	struct engine_server *server;
	struct engine_call call = sample_call();
	uint64_t n = 0;

	engine_dispatch_handler_init(h, ctx);
	server = engine_server_new(f->mem_ctx, f->ev, f->listen_fd, h);
	assert_non_null(server);
	for (int iface = 0; iface < ENGINE_IFACE_COUNT; iface++) {
		const struct engine_ndr_iface *ndr = engine_dispatch_iface((enum engine_iface)iface);
		uint32_t num_calls = ndr->table->num_calls;
		const uint32_t opnums[] = { num_calls, num_calls + 1, 0x7fff, 0xfffe, 0xffff };

		for (size_t i = 0; i < sizeof(opnums) / sizeof(opnums[0]); i++) {
			TALLOC_CTX *out = talloc_new(f->mem_ctx);
			struct engine_reply reply;

			assert_true(opnums[i] <= UINT16_MAX);
			call.iface = (enum engine_iface)iface;
			call.opnum = (uint16_t)opnums[i];
			assert_int_equal(run_call(f, f->path, &call, 5000, out, &reply), 0);
			assert_int_equal(reply.fault, ENGINE_FAULT_OP_RNG_ERROR);
			assert_int_equal(reply.fault, 0x1C010002U);
			assert_int_equal(reply.stub_len, 0);
			assert_int_equal(engine_server_calls(server), ++n);
			talloc_free(out);
		}
	}
}

/* Rundown frames reach the handler's rundown hook; the client never waits for them. */
static void record_rundown(uint64_t association_id, void *private_data)
{
	*(uint64_t *)private_data = association_id;
}

static bool rundown_seen(void *arg)
{
	return *(uint64_t *)arg != 0;
}

static void test_rundown(void **state)
{
	struct fixture *f = *state;
	static uint64_t seen;
	struct engine_handler handler;
	struct engine_server *server;

	seen = 0;
	engine_dispatch_handler_init(&handler, NULL);
	handler.rundown = record_rundown;
	handler.private_data = &seen;
	server = engine_server_new(f->mem_ctx, f->ev, f->listen_fd, &handler);
	assert_non_null(server);
	assert_int_equal(engine_client_rundown(f->path, 0x1122334455667788ULL), 0);
	assert_true(pump_until(f, rundown_seen, &seen, 3000));
	assert_int_equal(seen, 0x1122334455667788ULL);
	/* No engine: an error at once, nothing blocks (sent from destructors in Samba). */
	assert_int_not_equal(engine_client_rundown("/nonexistent/engine.sock", 1), 0);
}

/* The dispatcher's rundown with no context (a test server) is harmless. */
static void test_dispatch_rundown_without_context(void **state)
{
	struct engine_handler handler;

	engine_dispatch_handler_init(&handler, NULL);
	handler.rundown(42, NULL);
}

static void test_timeout(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	struct engine_reply reply;
	double t0 = now_ms(), took;

	s.ctl->never = true;
	assert_int_equal(run_call(s.f, s.f->path, &call, 200, out, &reply), ETIMEDOUT);
	took = now_ms() - t0;
	assert_true(took >= 190);
	assert_true(took < 3000);
	assert_int_equal(s.ctl->started, 1);
	assert_int_equal(talloc_total_size(out), 0);
	assert_int_equal(engine_server_calls(s.server), 0);

	/* The stuck call does not stop the server from taking the next one. */
	s.ctl->never = false;
	assert_echo(&s, &call);
	assert_int_equal(engine_server_calls(s.server), 1);
	talloc_free(out);
}

static bool handler_started(void *arg)
{
	struct server_fixture *s = arg;

	return s->ctl->started > 0;
}

/* A reply arriving after the deadline is not taken: the client already gave up. */
static void test_timeout_then_late_reply(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	struct engine_reply reply;

	s.ctl->delay_ms = 300;
	assert_int_equal(run_call(s.f, s.f->path, &call, 100, out, &reply), ETIMEDOUT);
	/*
	 * The client is gone: the server must drop the connection, whether it lets the handler
	 * finish and then fails to write the reply, or cancels the handler on the hang-up.
	 */
	pump_for(s.f, 350);
	assert_true(s.ctl->completed <= 1);
	/* Regression: the server used to keep the connection until it was freed (fixed). */
	assert_server_idle(&s);
	s.ctl->delay_ms = 0;
	assert_echo(&s, &call);
	talloc_free(out);
}

static void test_sequential_calls(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	uint8_t stub[64];

	for (unsigned i = 0; i < 64; i++) {
		stub[i] = (uint8_t)(0xa5 ^ i);
	}
	for (unsigned i = 0; i < 64; i++) {
		call.opnum = (uint16_t)i;
		call.iface = (enum engine_iface)(i % ENGINE_IFACE_COUNT);
		call.stub = stub + (64 - i) % 64;
		call.stub_len = i;
		assert_echo(&s, &call);
		assert_int_equal(s.ctl->seen.opnum, i);
		assert_int_equal(s.ctl->seen.iface, i % ENGINE_IFACE_COUNT);
		assert_int_equal(engine_server_calls(s.server), i + 1);
	}
	assert_server_idle(&s);
}

static uint8_t *pattern(TALLOC_CTX *mem_ctx, size_t n, unsigned seed)
{
	uint8_t *p = talloc_array(mem_ctx, uint8_t, n);

	assert_non_null(p);
	for (size_t i = 0; i < n; i++) {
		p[i] = (uint8_t)((i * 2654435761U + seed) >> 13);
	}
	return p;
}

/* 1 MiB each way: far more than a socket buffer, so both sides do partial reads and writes. */
static void test_large_stub(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();

	call.stub_len = 1024 * 1024;
	call.stub = pattern(s.f->mem_ctx, call.stub_len, 1);
	assert_echo(&s, &call);
	assert_int_equal(s.ctl->seen.stub_len, call.stub_len);
	assert_memory_equal(s.ctl->seen.stub, call.stub, call.stub_len);
	/* And an odd size just past it. */
	call.stub_len = 1024 * 1024 + 17;
	call.stub = pattern(s.f->mem_ctx, call.stub_len, 2);
	assert_echo(&s, &call);
	assert_int_equal(engine_server_calls(s.server), 2);
	assert_server_idle(&s);
}

struct inflight {
	struct tevent_req *req;
	bool done;
};

static void inflight_done(struct tevent_req *req)
{
	struct inflight *in = tevent_req_callback_data_void(req);

	in->done = true;
}

static bool all_done(void *arg)
{
	struct inflight *in = arg;

	for (int i = 0; i < 4; i++) {
		if (!in[i].done) {
			return false;
		}
	}
	return true;
}

/* Four calls in flight at once, each on its own connection, each gets its own answer. */
static void test_concurrent_calls(void **state)
{
	struct server_fixture s = start_echo_server(state);
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	struct inflight in[4] = { 0 };
	uint8_t stubs[4][3];

	s.ctl->delay_ms = 50;
	for (int i = 0; i < 4; i++) {
		struct engine_call call = sample_call();

		memset(stubs[i], 'a' + i, 3);
		call.stub = stubs[i];
		call.stub_len = 1 + (size_t)i % 3;
		in[i].req = engine_client_call_send(out, s.f->ev, s.f->path, &call, 5000);
		assert_non_null(in[i].req);
		tevent_req_set_callback(in[i].req, inflight_done, &in[i]);
	}
	assert_true(pump_until(s.f, all_done, in, 5000));
	for (int i = 0; i < 4; i++) {
		struct engine_reply reply;

		assert_int_equal(engine_client_call_recv(in[i].req, out, &reply), 0);
		assert_int_equal(reply.stub_len, 1 + (size_t)i % 3);
		assert_memory_equal(reply.stub, stubs[i], reply.stub_len);
		TALLOC_FREE(in[i].req);
	}
	assert_int_equal(s.ctl->started, 4);
	assert_int_equal(engine_server_calls(s.server), 4);
	talloc_free(out);
	assert_server_idle(&s);
}

/* Freeing the request before the loop ever ran: nothing of the client is left, not even its fd. */
static void test_free_before_connect_completes(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	int fds = count_fds();
	struct tevent_req *req = engine_client_call_send(out, s.f->ev, s.f->path, &call, 5000);

	assert_non_null(req);
	assert_int_equal(count_fds(), fds + 1);
	talloc_free(req);
	assert_int_equal(talloc_total_size(out), 0);
	assert_int_equal(count_fds(), fds);
	assert_server_idle(&s);		/* it accepts, reads EOF, drops the connection */
	assert_int_equal(s.ctl->started, 0);
	assert_echo(&s, &call);
	talloc_free(out);
}

/* Freeing the request while the engine works on it; the engine's reply then has nowhere to go. */
static void test_free_while_handler_runs(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	int fds = count_fds();
	struct tevent_req *req;
	uint64_t calls;

	s.ctl->delay_ms = 100;
	req = engine_client_call_send(out, s.f->ev, s.f->path, &call, 5000);
	assert_non_null(req);
	assert_true(pump_until(s.f, handler_started, &s, 3000));
	talloc_free(req);
	assert_int_equal(talloc_total_size(out), 0);
	/* The client's fd is closed; the server's is not yet. */
	assert_int_equal(count_fds(), fds + 1);
	pump_for(s.f, 150);
	/* Regression: the server used to keep the hung-up connection and its fd (fixed). */
	assert_server_idle(&s);
	assert_int_equal(count_fds(), fds);
	/*
	 * Today the count goes up when the reply is queued, before the write that fails: it counts
	 * calls handled. A server that cancels the call on the hang-up would leave it at 0.
	 */
	assert_true(engine_server_calls(s.server) <= 1);
	s.ctl->delay_ms = 0;
	calls = engine_server_calls(s.server);
	assert_echo(&s, &call);
	assert_int_equal(engine_server_calls(s.server), calls + 1);
	talloc_free(out);
}

/* Freeing the request half way through sending a 1 MiB stub. */
static void test_free_mid_write(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	int fds = count_fds();
	struct tevent_req *req;

	call.stub_len = 1024 * 1024;
	call.stub = pattern(s.f->mem_ctx, call.stub_len, 3);
	req = engine_client_call_send(out, s.f->ev, s.f->path, &call, 5000);
	assert_non_null(req);
	for (int i = 0; i < 6; i++) {
		tevent_loop_once(s.f->ev);
	}
	assert_true(tevent_req_is_in_progress(req));
	talloc_free(req);
	assert_int_equal(talloc_total_size(out), 0);
	assert_server_idle(&s);
	assert_int_equal(s.ctl->started, 0);
	assert_int_equal(engine_server_calls(s.server), 0);
	assert_int_equal(count_fds(), fds);
	assert_echo(&s, &call);
	talloc_free(out);
}

/* A handler that fails, or cannot start, closes that connection without a reply; not counted. */
static void test_handler_errors(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	struct engine_reply reply;

	s.ctl->fail_errno = EIO;
	assert_int_equal(run_call(s.f, s.f->path, &call, 5000, out, &reply), ECONNRESET);
	assert_int_equal(engine_server_calls(s.server), 0);
	assert_server_idle(&s);
	s.ctl->fail_errno = 0;
	s.ctl->null_req = true;
	assert_int_equal(run_call(s.f, s.f->path, &call, 5000, out, &reply), ECONNRESET);
	assert_int_equal(engine_server_calls(s.server), 0);
	assert_server_idle(&s);
	s.ctl->null_req = false;
	assert_echo(&s, &call);
	assert_int_equal(engine_server_calls(s.server), 1);
	assert_int_equal(s.ctl->started, 3);
	talloc_free(out);
}

/* An unencodable call fails with EINVAL before any socket is opened. */
static void test_unencodable_call(void **state)
{
	struct fixture *f = *state;
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(f->mem_ctx);
	char *long_name = talloc_zero_array(out, char, 70000);
	struct engine_reply reply;
	int fds = count_fds();

	call.iface = ENGINE_IFACE_COUNT;
	assert_int_equal(run_call(f, "/nonexistent/engine.sock", &call, 1000, out, &reply), EINVAL);
	call = sample_call();
	memset(long_name, 'n', 69999);
	call.caller.account_name = long_name;
	assert_int_equal(run_call(f, f->path, &call, 1000, out, &reply), EINVAL);
	call = sample_call();
	call.stub_len = ENGINE_PROTO_MAX_BODY;
	assert_int_equal(run_call(f, f->path, &call, 1000, out, &reply), EINVAL);
	assert_int_equal(count_fds(), fds);
	talloc_free(long_name);
	assert_int_equal(talloc_total_size(out), 0);
	talloc_free(out);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_echo),
		T(test_echo_fault_passes_through),
		T(test_echo_null_strings_and_empty_stub),
		T(test_dispatch_faults_unknown_opnums),
		T(test_rundown),
		T(test_dispatch_rundown_without_context),
		T(test_timeout),
		T(test_timeout_then_late_reply),
		T(test_sequential_calls),
		T(test_large_stub),
		T(test_concurrent_calls),
		T(test_free_before_connect_completes),
		T(test_free_while_handler_runs),
		T(test_free_mid_write),
		T(test_handler_errors),
		T(test_unencodable_call),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
