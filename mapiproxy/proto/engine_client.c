/*
 * engine_client: an asynchronous request/reply exchange with sambexd (see engine_client.h).
 *
 * States: connect (non-blocking; wait for writability if it is in progress) -> write the frame ->
 * read the 16-byte header -> read the body. One tevent_fd drives all of them.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "engine_client.h"

struct engine_client_state {
	struct tevent_context *ev;
	int fd;
	struct tevent_fd *fde;
	uint32_t request_id;
	uint8_t *out;		/* the frame being written */
	size_t out_len, out_done;
	uint8_t header[ENGINE_PROTO_HEADER_SIZE];
	size_t header_done;
	uint8_t *body;		/* the reply body being read */
	size_t body_len, body_done;
	struct engine_reply reply;
};

static uint32_t next_request_id;

static int state_destructor(struct engine_client_state *state)
{
	TALLOC_FREE(state->fde);
	if (state->fd != -1) {
		close(state->fd);
		state->fd = -1;
	}
	return 0;
}

static void engine_client_io(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags,
			     void *private_data);

static int connect_unix(const char *path, int *fd_r, bool *in_progress_r)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd;

	if (strlen(path) >= sizeof(addr.sun_path)) {
		return ENAMETOOLONG;
	}
	strcpy(addr.sun_path, path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd == -1) {
		return errno;
	}
	*in_progress_r = false;
	if (connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == -1) {
		if (errno != EINPROGRESS) {
			int err = errno;

			close(fd);
			return err;
		}
		*in_progress_r = true;
	}
	*fd_r = fd;
	return 0;
}

/*
 * Sends one frame (state->out, already encoded with state->request_id) and waits for the reply
 * frame: the exchange every request type shares.
 */
static struct tevent_req *exchange_start(struct tevent_req *req, struct engine_client_state *state,
					 struct tevent_context *ev, const char *socket_path,
					 uint32_t timeout_ms)
{
	bool in_progress;
	int err = connect_unix(socket_path, &state->fd, &in_progress);

	if (err != 0) {
		tevent_req_error(req, err);
		return tevent_req_post(req, ev);
	}
	/* READ too from the start: tevent reports a peer's hang-up only to READ waiters. */
	state->fde = tevent_add_fd(ev, state, state->fd, TEVENT_FD_READ | TEVENT_FD_WRITE,
				   engine_client_io, req);
	if (tevent_req_nomem(state->fde, req)) {
		return tevent_req_post(req, ev);
	}
	if (!tevent_req_set_endtime(req, ev, tevent_timeval_current_ofs(timeout_ms / 1000,
									 (timeout_ms % 1000) * 1000))) {
		tevent_req_oom(req);
		return tevent_req_post(req, ev);
	}
	return req;
}

static struct tevent_req *new_request(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
				      struct engine_client_state **state_r)
{
	struct engine_client_state *state;
	struct tevent_req *req = tevent_req_create(mem_ctx, &state, struct engine_client_state);

	if (req == NULL) {
		return NULL;
	}
	state->ev = ev;
	state->fd = -1;
	state->request_id = ++next_request_id;
	talloc_set_destructor(state, state_destructor);
	*state_r = state;
	return req;
}

struct tevent_req *engine_client_call_send(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					   const char *socket_path, const struct engine_call *call,
					   uint32_t timeout_ms)
{
	struct engine_client_state *state;
	struct tevent_req *req = new_request(mem_ctx, ev, &state);

	if (req == NULL) {
		return NULL;
	}
	if (engine_proto_push_call(state, state->request_id, call, &state->out, &state->out_len) !=
	    ENGINE_PROTO_OK) {
		tevent_req_error(req, EINVAL);
		return tevent_req_post(req, ev);
	}
	return exchange_start(req, state, ev, socket_path, timeout_ms);
}

/* Writes what the socket takes; switches to reading once the frame is out. */
static int do_write(struct engine_client_state *state)
{
	int soerr = 0;
	socklen_t sl = sizeof(soerr);
	ssize_t n;

	if (state->out_done == 0 &&
	    getsockopt(state->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 && soerr != 0) {
		return soerr;	/* the non-blocking connect failed */
	}
	n = send(state->fd, state->out + state->out_done, state->out_len - state->out_done,
		 MSG_NOSIGNAL);
	if (n < 0) {
		if (errno == EPIPE) {
			return ECONNRESET;
		}
		return (errno == EAGAIN || errno == EINTR) ? 0 : errno;
	}
	state->out_done += (size_t)n;
	if (state->out_done == state->out_len) {
		TALLOC_FREE(state->out);
		TEVENT_FD_NOT_WRITEABLE(state->fde);
	}
	return 0;
}

/* Reads into buf[*done..want); returns 0 (maybe partial), ECONNRESET on EOF, or errno. */
static int read_some(int fd, uint8_t *buf, size_t want, size_t *done)
{
	ssize_t n = recv(fd, buf + *done, want - *done, 0);

	if (n == 0) {
		return ECONNRESET;
	}
	if (n < 0) {
		return (errno == EAGAIN || errno == EINTR) ? 0 : errno;
	}
	*done += (size_t)n;
	return 0;
}

/* Returns 0 while more is to come, -1 when the reply is complete, or an errno value. */
static int do_read(struct engine_client_state *state)
{
	struct engine_frame_header hdr;
	int err;

	if (state->header_done < sizeof(state->header)) {
		err = read_some(state->fd, state->header, sizeof(state->header), &state->header_done);
		if (err != 0 || state->header_done < sizeof(state->header)) {
			return err;
		}
		if (engine_proto_parse_header(state->header, sizeof(state->header), &hdr) !=
			    ENGINE_PROTO_OK ||
		    hdr.type != ENGINE_FRAME_REPLY || hdr.request_id != state->request_id) {
			return EPROTO;
		}
		state->body_len = hdr.body_len;
		state->body = talloc_array(state, uint8_t, state->body_len + 1);
		if (state->body == NULL) {
			return ENOMEM;
		}
	}
	if (state->body_done < state->body_len) {
		err = read_some(state->fd, state->body, state->body_len, &state->body_done);
		if (err != 0 || state->body_done < state->body_len) {
			return err;
		}
	}
	if (engine_proto_pull_reply(state->body, state->body_len, &state->reply) != ENGINE_PROTO_OK) {
		return EPROTO;
	}
	return -1;
}

static void engine_client_io(struct tevent_context *ev, struct tevent_fd *fde, uint16_t flags,
			     void *private_data)
{
	struct tevent_req *req = talloc_get_type_abort(private_data, struct tevent_req);
	struct engine_client_state *state = tevent_req_data(req, struct engine_client_state);
	int ret;

	if (flags & TEVENT_FD_WRITE) {
		ret = do_write(state);
	} else {
		ret = do_read(state);
	}
	if (ret == -1) {
		TALLOC_FREE(state->fde);
		tevent_req_done(req);
	} else if (ret != 0) {
		TALLOC_FREE(state->fde);
		tevent_req_error(req, ret);
	}
}

int engine_client_call_recv(struct tevent_req *req, TALLOC_CTX *mem_ctx,
			    struct engine_reply *reply_r)
{
	struct engine_client_state *state = tevent_req_data(req, struct engine_client_state);
	enum tevent_req_state req_state;
	uint64_t err;

	if (tevent_req_is_error(req, &req_state, &err)) {
		int ret = req_state == TEVENT_REQ_TIMED_OUT ? ETIMEDOUT :
			  req_state == TEVENT_REQ_NO_MEMORY ? ENOMEM : (int)err;

		tevent_req_received(req);
		return ret;
	}
	*reply_r = state->reply;
	talloc_steal(mem_ctx, state->body);
	tevent_req_received(req);
	return 0;
}

int engine_client_rundown(const char *socket_path, uint64_t association_id)
{
	uint8_t *frame = NULL;
	size_t len = 0;
	bool in_progress = false;
	ssize_t n;
	int fd = -1, err;

	if (engine_proto_push_rundown(NULL, ++next_request_id, association_id, &frame, &len) !=
	    ENGINE_PROTO_OK) {
		return ENOMEM;
	}
	err = connect_unix(socket_path, &fd, &in_progress);
	if (err == 0 && in_progress) {
		err = EAGAIN;	/* the engine is too busy to accept now: give up, never wait */
	}
	if (err == 0) {
		n = send(fd, frame, len, MSG_DONTWAIT | MSG_NOSIGNAL);
		err = n == (ssize_t)len ? 0 : n < 0 ? errno : EAGAIN;
	}
	if (fd >= 0) {
		close(fd);	/* the engine still reads the frame; it drops its reply unsent */
	}
	talloc_free(frame);
	return err;
}
