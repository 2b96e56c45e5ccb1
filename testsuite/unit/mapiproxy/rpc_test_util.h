/*
 * Helpers for the engine client/server tests: a per-test fixture (a tevent context and a listening
 * AF_UNIX socket in a fresh mkdtemp directory), a loop pump with a deadline, and checks that a
 * test leaves no file descriptor behind.
 *
 * Client and server run in one process on one tevent context, so nothing here may block on a
 * socket: waiting always means running the loop.
 */
#ifndef SAMBEX_RPC_TEST_UTIL_H
#define SAMBEX_RPC_TEST_UTIL_H

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "proto_test_util.h"
#include "engine_client.h"

struct fixture {
	TALLOC_CTX *mem_ctx;		/* everything of the test: ev, servers, peers */
	struct tevent_context *ev;
	char dir[64];
	char path[128];
	int listen_fd;
	int fds_before;
};

/* Open descriptors of this process (a test must give back all it opened). */
static inline int count_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	int n = 0;

	assert_non_null(d);
	while ((de = readdir(d)) != NULL) {
		n += de->d_name[0] != '.';
	}
	closedir(d);
	return n - 1;	/* the directory's own descriptor */
}

static inline int listen_unix(const char *path)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	assert_true(fd >= 0);
	assert_true(strlen(path) < sizeof(addr.sun_path));
	strcpy(addr.sun_path, path);
	assert_int_equal(bind(fd, (struct sockaddr *)&addr, sizeof(addr)), 0);
	assert_int_equal(listen(fd, 16), 0);
	return fd;
}

static inline int fixture_setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);

	assert_non_null(f);
	f->fds_before = count_fds();
	f->mem_ctx = talloc_new(f);
	f->ev = tevent_context_init(f->mem_ctx);
	assert_non_null(f->ev);
	snprintf(f->dir, sizeof(f->dir), "/tmp/sambex-rpc-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/engine.sock", f->dir);
	f->listen_fd = listen_unix(f->path);
	*state = f;
	return 0;
}

static inline int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	int fds_before = f->fds_before, fds_after;

	TALLOC_FREE(f->mem_ctx);
	close(f->listen_fd);
	unlink(f->path);
	assert_int_equal(rmdir(f->dir), 0);
	fds_after = count_fds();
	talloc_free(f);
	assert_int_equal(fds_after, fds_before);	/* no socket left open by client or server */
	return 0;
}

static inline double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static inline void pump_tick(struct tevent_context *ev, struct tevent_timer *te, struct timeval now,
			     void *priv)
{
}

/*
 * Runs the loop until cond(arg) holds or ms milliseconds pass; returns cond's last value. A short
 * timer each round keeps tevent_loop_once from sleeping when nothing else is pending.
 */
static inline bool pump_until(struct fixture *f, bool (*cond)(void *arg), void *arg, unsigned ms)
{
	double deadline = now_ms() + ms;

	while (!cond(arg)) {
		/* The timer hangs off tick so it can be freed whether or not it has fired. */
		TALLOC_CTX *tick;

		if (now_ms() > deadline) {
			return false;
		}
		tick = talloc_new(f->mem_ctx);
		assert_non_null(tevent_add_timer(f->ev, tick, tevent_timeval_current_ofs(0, 2000),
						 pump_tick, NULL));
		tevent_loop_once(f->ev);
		talloc_free(tick);
	}
	return true;
}

static inline bool never_cond(void *arg)
{
	return false;
}

/* Runs the loop for about ms milliseconds. */
static inline void pump_for(struct fixture *f, unsigned ms)
{
	pump_until(f, never_cond, NULL, ms);
}

/* One whole client call, driven by tevent_req_poll; the reply's stub lands on out_ctx. */
static inline int run_call(struct fixture *f, const char *path, const struct engine_call *call,
			   uint32_t timeout_ms, TALLOC_CTX *out_ctx, struct engine_reply *reply)
{
	struct tevent_req *req = engine_client_call_send(out_ctx, f->ev, path, call, timeout_ms);
	int err;

	assert_non_null(req);
	tevent_req_poll(req, f->ev);
	memset(reply, 0, sizeof(*reply));
	err = engine_client_call_recv(req, out_ctx, reply);
	talloc_free(req);
	return err;
}

#endif
