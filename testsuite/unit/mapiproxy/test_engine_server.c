/*
 * Unit tests: engine_server against a raw client socket in this process, to see the server cope
 * with clients that send garbage, send slowly, hang up half way, or hold connections open. After
 * each, the server must have dropped the connection (its talloc tree back to the idle size) and
 * still answer a well-behaved call.
 */
#include "handler_test_util.h"

static int raw_connect(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	strcpy(addr.sun_path, path);
	/* Completes at once for AF_UNIX: the connection waits in the backlog until accepted. */
	assert_int_equal(connect(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	return fd;
}

/* Small writes only: the socket buffer takes them without the server's loop running. */
static void raw_send(int fd, const uint8_t *buf, size_t len)
{
	assert_int_equal(send(fd, buf, len, MSG_NOSIGNAL), (ssize_t)len);
}

struct readable {
	int fd;
};

static bool fd_readable(void *arg)
{
	struct readable *r = arg;
	struct pollfd p = { .fd = r->fd, .events = POLLIN };

	return poll(&p, 1, 0) == 1;
}

/* Reads one whole frame into buf (running the loop meanwhile); false if the server hung up. */
static bool raw_recv_frame(struct fixture *f, int fd, uint8_t *buf, size_t cap, size_t *len_r)
{
	struct readable r = { fd };
	size_t got = 0, want = ENGINE_PROTO_HEADER_SIZE;
	struct engine_frame_header hdr;

	while (got < want) {
		ssize_t n;

		assert_true(pump_until(f, fd_readable, &r, 3000));
		n = recv(fd, buf + got, want - got, MSG_DONTWAIT);
		if (n <= 0) {
			assert_int_equal(got, 0);	/* never a frame cut short */
			return false;
		}
		got += (size_t)n;
		if (got == ENGINE_PROTO_HEADER_SIZE) {
			assert_int_equal(engine_proto_parse_header(buf, got, &hdr), ENGINE_PROTO_OK);
			want += hdr.body_len;
			assert_true(want <= cap);
		}
	}
	*len_r = got;
	return true;
}

/* The server closes the connection without a reply. */
static void assert_closed(struct fixture *f, int fd)
{
	uint8_t buf[64];
	size_t len;

	assert_false(raw_recv_frame(f, fd, buf, sizeof(buf), &len));
}

static uint8_t *call_frame(TALLOC_CTX *mem_ctx, uint32_t id, size_t *len_r)
{
	struct engine_call call = sample_call();
	uint8_t *frame;

	assert_int_equal(engine_proto_push_call(mem_ctx, id, &call, &frame, len_r), ENGINE_PROTO_OK);
	return frame;
}

static void put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		p[i] = (uint8_t)(v >> (8 * i));
	}
}

/* Sends one call on fd and checks the echoed reply. */
static void raw_round_trip(struct server_fixture *s, int fd, uint32_t id)
{
	size_t len, rlen;
	uint8_t *frame = call_frame(s->f->mem_ctx, id, &len);
	uint8_t reply_buf[256];
	struct engine_frame_header hdr;
	struct engine_reply reply;

	raw_send(fd, frame, len);
	assert_true(raw_recv_frame(s->f, fd, reply_buf, sizeof(reply_buf), &rlen));
	assert_int_equal(engine_proto_parse_header(reply_buf, rlen, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_REPLY);
	assert_int_equal(hdr.request_id, id);
	assert_int_equal(engine_proto_pull_reply(reply_buf + 16, hdr.body_len, &reply),
			 ENGINE_PROTO_OK);
	assert_int_equal(reply.fault, 0);
	assert_int_equal(reply.stub_len, sizeof(sample_stub));
	assert_memory_equal(reply.stub, sample_stub, sizeof(sample_stub));
	talloc_free(frame);
}

enum bad_frame {
	BAD_GARBAGE, BAD_REPLY_TYPE, BAD_FLAGS, BAD_TOO_BIG, BAD_EMPTY_BODY, BAD_IFACE,
	BAD_RESERVED, BAD_TRAILING, BAD_STUB_LEN, BAD_COUNT
};

/* A call frame damaged one way; *len_r is what to send. */
static uint8_t *bad_frame(TALLOC_CTX *mem_ctx, enum bad_frame how, size_t *len_r)
{
	size_t len;
	uint8_t *frame = call_frame(mem_ctx, 42, &len);

	frame = talloc_realloc(mem_ctx, frame, uint8_t, len + 1);
	switch (how) {
	case BAD_GARBAGE: memset(frame, 0x5a, 16); break;
	case BAD_REPLY_TYPE: frame[4] = ENGINE_FRAME_REPLY; break;
	case BAD_FLAGS: frame[6] = 1; break;
	case BAD_TOO_BIG: put_le32(frame + 12, ENGINE_PROTO_MAX_BODY + 1); len = 16; break;
	case BAD_EMPTY_BODY: put_le32(frame + 12, 0); len = 16; break;
	case BAD_IFACE: frame[16] = ENGINE_IFACE_COUNT; break;
	case BAD_RESERVED: frame[16 + 10] = 1; break;
	case BAD_TRAILING: put_le32(frame + 12, (uint32_t)(len - 16 + 1)); frame[len++] = 0; break;
	case BAD_STUB_LEN: frame[len - sizeof(sample_stub) - 4] += 1; break;
	case BAD_COUNT: break;
	}
	*len_r = len;
	return frame;
}

static void test_bad_frames_close_the_connection(void **state)
{
	struct server_fixture s = start_echo_server(state);

	for (int how = 0; how < BAD_COUNT; how++) {
		int fd = raw_connect(s.f->path);
		size_t len;
		uint8_t *frame = bad_frame(s.f->mem_ctx, (enum bad_frame)how, &len);

		raw_send(fd, frame, len);
		assert_closed(s.f, fd);
		close(fd);
		assert_server_idle(&s);
		assert_int_equal(s.ctl->started, 0);
		assert_int_equal(engine_server_calls(s.server), 0);
		talloc_free(frame);
	}
	/* And after all that, a good call on a new connection. */
	{
		int fd = raw_connect(s.f->path);

		raw_round_trip(&s, fd, 1);
		close(fd);
	}
	assert_int_equal(engine_server_calls(s.server), 1);
	assert_server_idle(&s);
}

/* A bad frame after good ones on the same connection: the earlier replies stand. */
static void test_bad_frame_after_good_ones(void **state)
{
	struct server_fixture s = start_echo_server(state);
	int fd = raw_connect(s.f->path);
	size_t len;
	uint8_t *frame = bad_frame(s.f->mem_ctx, BAD_IFACE, &len);

	raw_round_trip(&s, fd, 1);
	raw_round_trip(&s, fd, 2);
	raw_send(fd, frame, len);
	assert_closed(s.f, fd);
	close(fd);
	assert_int_equal(engine_server_calls(s.server), 2);
	assert_server_idle(&s);
}

/* One connection carries calls one after another, each answered under its own id. */
static void test_sequential_calls_one_connection(void **state)
{
	struct server_fixture s = start_echo_server(state);
	int fd = raw_connect(s.f->path);
	static const uint32_t ids[] = { 100, 101, 7, 0, 0xffffffffU, 100 };

	for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		raw_round_trip(&s, fd, ids[i]);
		assert_int_equal(engine_server_calls(s.server), i + 1);
	}
	close(fd);
	assert_server_idle(&s);
}

static bool handler_started(void *arg)
{
	struct server_fixture *s = arg;

	return s->ctl->started > 0;
}

/* A request in single bytes, with the loop run between them. */
static void test_request_byte_by_byte(void **state)
{
	struct server_fixture s = start_echo_server(state);
	int fd = raw_connect(s.f->path);
	size_t len, rlen;
	uint8_t *frame = call_frame(s.f->mem_ctx, 9, &len);
	uint8_t reply_buf[256];
	struct engine_call sent = sample_call();

	for (size_t i = 0; i + 1 < len; i++) {
		raw_send(fd, frame + i, 1);
		pump_for(s.f, 1);
		assert_int_equal(s.ctl->started, 0);	/* nothing runs on a partial frame */
	}
	raw_send(fd, frame + len - 1, 1);
	assert_true(pump_until(s.f, handler_started, &s, 3000));
	assert_true(raw_recv_frame(s.f, fd, reply_buf, sizeof(reply_buf), &rlen));
	assert_int_equal(rlen, 16 + 8 + sizeof(sample_stub));
	assert_calls_equal(&sent, &s.ctl->seen);
	close(fd);
	assert_server_idle(&s);
}

/* Clients hanging up in the middle of a header or a body. */
static void test_hang_up_mid_request(void **state)
{
	struct server_fixture s = start_echo_server(state);
	size_t len;
	uint8_t *frame = call_frame(s.f->mem_ctx, 3, &len);
	const size_t cuts[] = { 1, 8, 15, 16, 17, 40, len - 1 };

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		int fd = raw_connect(s.f->path);

		raw_send(fd, frame, cuts[i]);
		pump_for(s.f, 5);
		close(fd);
		assert_server_idle(&s);
	}
	/* A header announcing the largest legal body, then nothing: the buffer goes with it. */
	{
		int fd = raw_connect(s.f->path);

		put_le32(frame + 12, ENGINE_PROTO_MAX_BODY);
		raw_send(fd, frame, 16);
		pump_for(s.f, 5);
		close(fd);
		assert_server_idle(&s);
	}
	assert_int_equal(s.ctl->started, 0);
	assert_int_equal(engine_server_calls(s.server), 0);
}

/* Idle and half-sent connections do not hold up other clients. */
static void test_slow_clients_do_not_block_others(void **state)
{
	struct server_fixture s = start_echo_server(state);
	struct engine_call call = sample_call();
	TALLOC_CTX *out = talloc_new(s.f->mem_ctx);
	struct engine_reply reply;
	size_t len;
	uint8_t *frame = call_frame(s.f->mem_ctx, 5, &len);
	int idle[8];

	for (int i = 0; i < 8; i++) {
		idle[i] = raw_connect(s.f->path);
		raw_send(idle[i], frame, (size_t)i * 5);	/* 0 to 35 bytes of a request */
	}
	for (int i = 0; i < 3; i++) {
		assert_int_equal(run_call(s.f, s.f->path, &call, 5000, out, &reply), 0);
		assert_memory_equal(reply.stub, sample_stub, sizeof(sample_stub));
	}
	assert_int_equal(engine_server_calls(s.server), 3);
	for (int i = 0; i < 8; i++) {
		close(idle[i]);
	}
	assert_server_idle(&s);
	talloc_free(out);
}

/* Freeing the server with connections open (one mid-call) closes them all. */
static void test_free_server_with_open_connections(void **state)
{
	struct server_fixture s = start_echo_server(state);
	size_t len;
	uint8_t *frame = call_frame(s.f->mem_ctx, 5, &len);
	int fds = count_fds();
	int busy = raw_connect(s.f->path), idle = raw_connect(s.f->path);

	s.ctl->never = true;
	raw_send(busy, frame, len);
	for (int i = 0; i < 100 && (s.ctl->started == 0 || count_fds() != fds + 4); i++) {
		pump_for(s.f, 5);
	}
	assert_int_equal(s.ctl->started, 1);
	assert_int_equal(count_fds(), fds + 4);		/* two ends of two connections */
	TALLOC_FREE(s.server);
	assert_int_equal(count_fds(), fds + 2);
	assert_closed(s.f, busy);
	assert_closed(s.f, idle);
	close(busy);
	close(idle);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_bad_frames_close_the_connection),
		T(test_bad_frame_after_good_ones),
		T(test_sequential_calls_one_connection),
		T(test_request_byte_by_byte),
		T(test_hang_up_mid_request),
		T(test_slow_clients_do_not_block_others),
		T(test_free_server_with_open_connections),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
