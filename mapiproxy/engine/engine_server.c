/*
 * engine_server: accept loop and per-connection frame handling for sambexd workers.
 *
 * A connection reads one frame at a time (header, then a body bounded by
 * ENGINE_PROTO_MAX_BODY), runs it through the handler, writes the reply, and reads the next.
 * Any malformed frame closes that connection only.
 */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "engine_server.h"

struct engine_server {
	struct tevent_context *ev;
	int listen_fd;
	struct tevent_fd *listen_fde;
	const struct engine_handler *handler;
	uint64_t calls;
};

struct engine_conn {
	struct engine_server *server;
	int fd;
	struct tevent_fd *fde;
	uint8_t header[ENGINE_PROTO_HEADER_SIZE];
	size_t header_done;
	struct engine_frame_header hdr;
	uint8_t *body;
	size_t body_done;
	TALLOC_CTX *call_ctx;	/* the current call: decoded request, handler state, reply */
	uint8_t *out;
	size_t out_len, out_done;
};

static void conn_io(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags, void *priv);

static int conn_destructor(struct engine_conn *conn)
{
	TALLOC_FREE(conn->fde);
	close(conn->fd);
	return 0;
}

static void listen_handler(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags,
			   void *priv)
{
	struct engine_server *server = talloc_get_type_abort(priv, struct engine_server);
	struct engine_conn *conn;
	int fd = accept4(server->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);

	if (fd == -1) {
		return;	/* EAGAIN when another worker took it; anything else is transient */
	}
	conn = talloc_zero(server, struct engine_conn);
	if (conn == NULL) {
		close(fd);
		return;
	}
	conn->server = server;
	conn->fd = fd;
	talloc_set_destructor(conn, conn_destructor);
	conn->fde = tevent_add_fd(ev, conn, fd, TEVENT_FD_READ, conn_io, conn);
	if (conn->fde == NULL) {
		talloc_free(conn);
	}
}

struct engine_server *engine_server_new(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					int listen_fd, const struct engine_handler *handler)
{
	struct engine_server *server = talloc_zero(mem_ctx, struct engine_server);

	if (server == NULL) {
		return NULL;
	}
	server->ev = ev;
	server->listen_fd = listen_fd;
	server->handler = handler;
	server->listen_fde = tevent_add_fd(ev, server, listen_fd, TEVENT_FD_READ, listen_handler,
					   server);
	if (server->listen_fde == NULL) {
		talloc_free(server);
		return NULL;
	}
	return server;
}

uint64_t engine_server_calls(const struct engine_server *server)
{
	return server->calls;
}

/* Reads into buf up to want bytes; false on EOF or a hard error (the connection is done). */
static bool read_into(int fd, uint8_t *buf, size_t want, size_t *done)
{
	ssize_t n = recv(fd, buf + *done, want - *done, 0);

	if (n > 0) {
		*done += (size_t)n;
		return true;
	}
	return n < 0 && (errno == EAGAIN || errno == EINTR);
}

static void call_done(struct tevent_req *req);
static bool queue_reply(struct engine_conn *conn, const struct engine_reply *reply);

/* A rundown frame: tell the handler, answer with an empty reply. False closes the connection. */
static bool run_down(struct engine_conn *conn)
{
	const struct engine_handler *handler = conn->server->handler;
	struct engine_reply reply = { .fault = 0 };
	uint64_t association_id;

	conn->call_ctx = talloc_new(conn);
	if (conn->call_ctx == NULL) {
		return false;
	}
	talloc_steal(conn->call_ctx, conn->body);
	if (engine_proto_pull_rundown(conn->body, conn->hdr.body_len, &association_id) !=
	    ENGINE_PROTO_OK) {
		return false;
	}
	if (handler->rundown != NULL) {
		handler->rundown(association_id, handler->private_data);
	}
	return queue_reply(conn, &reply);
}

/* A whole call frame is in: decode it and start the handler. False closes the connection. */
static bool start_call(struct engine_conn *conn)
{
	struct engine_server *server = conn->server;
	struct engine_call *call;
	struct tevent_req *req;

	conn->call_ctx = talloc_new(conn);
	call = talloc_zero(conn->call_ctx, struct engine_call);
	if (call == NULL) {
		return false;
	}
	talloc_steal(conn->call_ctx, conn->body);
	if (engine_proto_pull_call(call, conn->body, conn->hdr.body_len, call) != ENGINE_PROTO_OK) {
		return false;
	}
	req = server->handler->call_send(conn->call_ctx, server->ev, call,
					 server->handler->private_data);
	if (req == NULL) {
		return false;
	}
	tevent_req_set_callback(req, call_done, conn);
	return true;
}

static void do_read(struct engine_conn *conn)
{
	if (conn->header_done < ENGINE_PROTO_HEADER_SIZE) {
		if (!read_into(conn->fd, conn->header, ENGINE_PROTO_HEADER_SIZE, &conn->header_done)) {
			talloc_free(conn);
			return;
		}
		if (conn->header_done < ENGINE_PROTO_HEADER_SIZE) {
			return;
		}
		if (engine_proto_parse_header(conn->header, ENGINE_PROTO_HEADER_SIZE, &conn->hdr) !=
			    ENGINE_PROTO_OK ||
		    conn->hdr.type == ENGINE_FRAME_REPLY) {
			talloc_free(conn);
			return;
		}
		conn->body = talloc_array(conn, uint8_t, conn->hdr.body_len + 1);
		conn->body_done = 0;
		if (conn->body == NULL) {
			talloc_free(conn);
			return;
		}
	}
	if (conn->body_done < conn->hdr.body_len &&
	    !read_into(conn->fd, conn->body, conn->hdr.body_len, &conn->body_done)) {
		talloc_free(conn);
		return;
	}
	if (conn->body_done == conn->hdr.body_len &&
	    !(conn->hdr.type == ENGINE_FRAME_RUNDOWN ? run_down(conn) : start_call(conn))) {
		talloc_free(conn);
	}
}

static void call_done(struct tevent_req *req)
{
	struct engine_conn *conn = tevent_req_callback_data(req, struct engine_conn);
	struct engine_reply reply;
	int err = conn->server->handler->call_recv(req, conn->call_ctx, &reply);

	TALLOC_FREE(req);
	if (err != 0 || !queue_reply(conn, &reply)) {
		talloc_free(conn);
		return;
	}
	conn->server->calls++;
}

/* Encodes the answer to the current frame and starts writing it. */
static bool queue_reply(struct engine_conn *conn, const struct engine_reply *reply)
{
	if (engine_proto_push_reply(conn->call_ctx, conn->hdr.request_id, reply, &conn->out,
				    &conn->out_len) != ENGINE_PROTO_OK) {
		return false;
	}
	conn->out_done = 0;
	TEVENT_FD_WRITEABLE(conn->fde);
	return true;
}

static void do_write(struct engine_conn *conn)
{
	ssize_t n = send(conn->fd, conn->out + conn->out_done, conn->out_len - conn->out_done,
			 MSG_NOSIGNAL);

	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR) {
			talloc_free(conn);
		}
		return;
	}
	conn->out_done += (size_t)n;
	if (conn->out_done < conn->out_len) {
		return;
	}
	/* Reply sent: forget the call and wait for the next frame. */
	TALLOC_FREE(conn->call_ctx);
	conn->out = NULL;
	conn->header_done = 0;
	TEVENT_FD_NOT_WRITEABLE(conn->fde);
}

/*
 * While a call runs or its reply is written, READ stays on (tevent reports a hang-up only to READ
 * waiters): EOF or an error then means the client is gone, so the call is dropped (freeing the
 * handler's request cancels it); data means the client sent a second call before the answer to
 * the first, which the protocol does not allow.
 */
static void check_hangup(struct engine_conn *conn)
{
	uint8_t b;
	ssize_t n = recv(conn->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);

	if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
		return;
	}
	talloc_free(conn);
}

static void conn_io(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags, void *priv)
{
	struct engine_conn *conn = talloc_get_type_abort(priv, struct engine_conn);

	if (flags & TEVENT_FD_WRITE) {
		do_write(conn);
	} else if (conn->call_ctx != NULL) {
		check_hangup(conn);
	} else if (flags & TEVENT_FD_READ) {
		do_read(conn);
	}
}
