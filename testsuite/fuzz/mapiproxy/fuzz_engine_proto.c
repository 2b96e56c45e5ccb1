/*
 * Fuzz target: the engine protocol's decoders (engine_proto.h). The input is taken as a frame:
 * its header is parsed, and whatever follows the first 16 bytes is pulled both as a call body and
 * as a reply body, whatever the header said. What decodes must encode back to the same bytes (the
 * encoding is canonical) and decode again to the same fields; what is refused must be refused
 * with a documented result.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void require(bool cond)
{
	if (!cond) {
		abort();
	}
}

static bool same_string(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

static bool same_sids(const struct engine_caller *x, const struct engine_caller *y)
{
	if (x->num_token_sids != y->num_token_sids || x->num_token_sids > ENGINE_PROTO_MAX_SIDS) {
		return false;
	}
	for (uint32_t i = 0; i < x->num_token_sids; i++) {
		if (!same_string(x->token_sids[i], y->token_sids[i])) {
			return false;
		}
	}
	return true;
}

static bool same_call(const struct engine_call *a, const struct engine_call *b)
{
	const struct engine_caller *x = &a->caller, *y = &b->caller;

	return a->iface == b->iface && a->opnum == b->opnum && a->ndr_flags == b->ndr_flags &&
	       x->auth_type == y->auth_type && x->auth_level == y->auth_level &&
	       x->assoc_group_id == y->assoc_group_id &&
	       same_string(x->account_name, y->account_name) &&
	       same_string(x->domain_name, y->domain_name) &&
	       same_string(x->user_sid, y->user_sid) &&
	       same_string(x->remote_address, y->remote_address) &&
	       same_string(x->local_address, y->local_address) && same_sids(x, y) &&
	       a->stub_len == b->stub_len &&
	       (a->stub_len == 0 || memcmp(a->stub, b->stub, a->stub_len) == 0);
}

/* A re-encoded frame must carry the header it was asked for and exactly the original body. */
static void check_frame(const uint8_t *frame, size_t frame_len, uint16_t type, uint32_t id,
			const uint8_t *body, size_t len)
{
	struct engine_frame_header hdr;

	require(frame_len == ENGINE_PROTO_HEADER_SIZE + len);
	require(engine_proto_parse_header(frame, frame_len, &hdr) == ENGINE_PROTO_OK);
	require(hdr.type == type && hdr.request_id == id && hdr.body_len == len);
	require(memcmp(frame + ENGINE_PROTO_HEADER_SIZE, body, len) == 0);
}

static void check_call(const uint8_t *body, size_t len, uint32_t id)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call, again;
	enum engine_proto_result res;
	uint8_t *frame;
	size_t frame_len;

	require(mem_ctx != NULL);
	res = engine_proto_pull_call(mem_ctx, body, len, &call);
	require(res == ENGINE_PROTO_OK || res == ENGINE_PROTO_MALFORMED || res == ENGINE_PROTO_NOMEM);
	if (res != ENGINE_PROTO_OK) {
		talloc_free(mem_ctx);
		return;
	}
	require((unsigned)call.iface < ENGINE_IFACE_COUNT);
	res = engine_proto_push_call(mem_ctx, id, &call, &frame, &frame_len);
	if (len > ENGINE_PROTO_MAX_BODY) {
		require(res == ENGINE_PROTO_TOO_BIG);
	} else if (res != ENGINE_PROTO_NOMEM) {
		require(res == ENGINE_PROTO_OK);
		check_frame(frame, frame_len, ENGINE_FRAME_CALL, id, body, len);
		require(engine_proto_pull_call(mem_ctx, frame + ENGINE_PROTO_HEADER_SIZE, len,
					       &again) == ENGINE_PROTO_OK);
		require(same_call(&call, &again));
	}
	talloc_free(mem_ctx);
}

static void check_reply(const uint8_t *body, size_t len, uint32_t id)
{
	struct engine_reply reply, again;
	enum engine_proto_result res;
	uint8_t *frame;
	size_t frame_len;

	res = engine_proto_pull_reply(body, len, &reply);
	require(res == ENGINE_PROTO_OK || res == ENGINE_PROTO_MALFORMED);
	if (res != ENGINE_PROTO_OK) {
		return;
	}
	require(reply.stub_len == len - 8);
	res = engine_proto_push_reply(NULL, id, &reply, &frame, &frame_len);
	if (len > ENGINE_PROTO_MAX_BODY) {
		require(res == ENGINE_PROTO_TOO_BIG);
		return;
	}
	if (res == ENGINE_PROTO_NOMEM) {
		return;
	}
	require(res == ENGINE_PROTO_OK);
	check_frame(frame, frame_len, ENGINE_FRAME_REPLY, id, body, len);
	require(engine_proto_pull_reply(frame + ENGINE_PROTO_HEADER_SIZE, len, &again) ==
		ENGINE_PROTO_OK);
	require(again.fault == reply.fault && again.stub_len == reply.stub_len &&
		(reply.stub_len == 0 || memcmp(again.stub, reply.stub, reply.stub_len) == 0));
	talloc_free(frame);
}

static void check_rundown(const uint8_t *body, size_t len, uint32_t id)
{
	uint64_t association_id = 0, again = 0;
	enum engine_proto_result res = engine_proto_pull_rundown(body, len, &association_id);
	uint8_t *frame;
	size_t frame_len;

	require(res == (len == 8 ? ENGINE_PROTO_OK : ENGINE_PROTO_MALFORMED));
	if (res != ENGINE_PROTO_OK) {
		return;
	}
	if (engine_proto_push_rundown(NULL, id, association_id, &frame, &frame_len) !=
	    ENGINE_PROTO_OK) {
		return;	/* out of memory */
	}
	check_frame(frame, frame_len, ENGINE_FRAME_RUNDOWN, id, body, len);
	require(engine_proto_pull_rundown(frame + ENGINE_PROTO_HEADER_SIZE, 8, &again) ==
		ENGINE_PROTO_OK && again == association_id);
	talloc_free(frame);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct engine_frame_header hdr;
	enum engine_proto_result res = engine_proto_parse_header(data, size, &hdr);
	uint32_t id;

	if (size < ENGINE_PROTO_HEADER_SIZE) {
		require(res == ENGINE_PROTO_TRUNCATED);
		return 0;
	}
	require(res == ENGINE_PROTO_OK || res == ENGINE_PROTO_MALFORMED ||
		res == ENGINE_PROTO_TOO_BIG);
	if (res == ENGINE_PROTO_OK) {
		require(hdr.type == ENGINE_FRAME_CALL || hdr.type == ENGINE_FRAME_REPLY ||
			hdr.type == ENGINE_FRAME_RUNDOWN);
		require(hdr.body_len <= ENGINE_PROTO_MAX_BODY);
	}
	/* The request_id field, read independently of the parser (bytes 8..11, little-endian). */
	id = (uint32_t)data[8] | (uint32_t)data[9] << 8 | (uint32_t)data[10] << 16 |
	     (uint32_t)data[11] << 24;
	require(res != ENGINE_PROTO_OK || hdr.request_id == id);
	check_call(data + ENGINE_PROTO_HEADER_SIZE, size - ENGINE_PROTO_HEADER_SIZE, id);
	check_reply(data + ENGINE_PROTO_HEADER_SIZE, size - ENGINE_PROTO_HEADER_SIZE, id);
	check_rundown(data + ENGINE_PROTO_HEADER_SIZE, size - ENGINE_PROTO_HEADER_SIZE, id);
	return 0;
}
