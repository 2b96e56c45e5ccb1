/*
 * engine_proto: encoding and decoding of the engine protocol's frames (see engine_proto.h).
 *
 * Decoding runs on bytes from another process, so every read goes through a cursor that checks
 * the remaining length first; a short or overlong body is MALFORMED, never read past.
 */
#include <string.h>

#include "engine_proto.h"
#include "mapi_le.h"

struct cursor {
	const uint8_t *p;
	size_t left;
	bool bad;
};

static bool take(struct cursor *c, size_t n, const uint8_t **out)
{
	if (c->bad || c->left < n) {
		c->bad = true;
		return false;
	}
	*out = c->p;
	c->p += n;
	c->left -= n;
	return true;
}

static uint8_t get_u8(struct cursor *c)
{
	const uint8_t *b;

	return take(c, 1, &b) ? b[0] : 0;
}

static uint16_t get_u16(struct cursor *c)
{
	const uint8_t *b;

	return take(c, 2, &b) ? mapi_le16_get(b) : 0;
}

static uint32_t get_u32(struct cursor *c)
{
	const uint8_t *b;

	return take(c, 4, &b) ? mapi_le32_get(b) : 0;
}

static uint64_t get_u64(struct cursor *c)
{
	const uint8_t *b;

	return take(c, 8, &b) ? mapi_le64_get(b) : 0;
}

/* A u16-length string, copied NUL-terminated onto mem_ctx; NULL on error (c->bad or OOM). */
static const char *get_string(struct cursor *c, TALLOC_CTX *mem_ctx, bool *nomem)
{
	uint16_t n = get_u16(c);
	const uint8_t *b;
	char *s;

	if (!take(c, n, &b)) {
		return NULL;
	}
	if (memchr(b, '\0', n) != NULL) {
		c->bad = true;	/* an embedded NUL would truncate names in logs and checks */
		return NULL;
	}
	s = talloc_strndup(mem_ctx, (const char *)b, n);
	if (s == NULL) {
		*nomem = true;
		c->bad = true;
	}
	return s;
}

/* True if s (n bytes) is shaped like a SID string: "S-", then digits and single dashes. */
static bool sid_shaped(const uint8_t *s, size_t n)
{
	if (n < 5 || n > ENGINE_PROTO_MAX_SID_STRING || s[0] != 'S' || s[1] != '-' ||
	    s[n - 1] == '-') {
		return false;
	}
	for (size_t i = 2; i < n; i++) {
		bool digit = s[i] >= '0' && s[i] <= '9';

		if (!digit && (s[i] != '-' || s[i - 1] == '-')) {
			return false;
		}
	}
	return true;
}

/* The token SID list: u16 count, then count SID strings; false on a malformed list. */
static bool get_sids(struct cursor *c, TALLOC_CTX *mem_ctx, struct engine_caller *who,
		     bool *nomem)
{
	uint16_t count = get_u16(c);

	who->num_token_sids = 0;
	who->token_sids = NULL;
	if (c->bad || count > ENGINE_PROTO_MAX_SIDS) {
		c->bad = true;
		return false;
	}
	/* Each SID takes at least 7 bytes: a count beyond what is left is refused before allocating. */
	if ((size_t)count * 7 > c->left) {
		c->bad = true;
		return false;
	}
	if (count == 0) {
		return true;	/* nothing allocated: token_sids stays NULL */
	}
	who->token_sids = talloc_zero_array(mem_ctx, const char *, count + 1);
	if (who->token_sids == NULL) {
		*nomem = c->bad = true;
		return false;
	}
	for (uint16_t i = 0; i < count; i++) {
		const uint8_t *at = c->p + 2;
		uint16_t n = c->left >= 2 ? mapi_le16_get(c->p) : 0;

		if (c->left < 2u + n || !sid_shaped(at, n)) {
			c->bad = true;
			return false;
		}
		who->token_sids[i] = get_string(c, who->token_sids, nomem);
		if (who->token_sids[i] == NULL) {
			return false;
		}
	}
	who->num_token_sids = count;
	return true;
}

const char *engine_proto_result_string(enum engine_proto_result result)
{
	switch (result) {
	case ENGINE_PROTO_OK: return "ok";
	case ENGINE_PROTO_TRUNCATED: return "truncated";
	case ENGINE_PROTO_MALFORMED: return "malformed";
	case ENGINE_PROTO_TOO_BIG: return "too big";
	case ENGINE_PROTO_NOMEM: return "out of memory";
	}
	return "unknown";
}

enum engine_proto_result engine_proto_parse_header(const uint8_t *buf, size_t len,
						   struct engine_frame_header *hdr_r)
{
	struct cursor c = { .p = buf, .left = len };
	uint32_t magic;
	uint16_t flags;

	if (len < ENGINE_PROTO_HEADER_SIZE) {
		return ENGINE_PROTO_TRUNCATED;
	}
	magic = get_u32(&c);
	hdr_r->type = get_u16(&c);
	flags = get_u16(&c);
	hdr_r->request_id = get_u32(&c);
	hdr_r->body_len = get_u32(&c);
	if (magic != ENGINE_PROTO_MAGIC || flags != 0 ||
	    hdr_r->type < ENGINE_FRAME_CALL || hdr_r->type > ENGINE_FRAME_RUNDOWN) {
		return ENGINE_PROTO_MALFORMED;
	}
	if (hdr_r->body_len > ENGINE_PROTO_MAX_BODY) {
		return ENGINE_PROTO_TOO_BIG;
	}
	return ENGINE_PROTO_OK;
}

/* A frame being written: the caller sized it exactly, so writes cannot overflow. */
struct writer {
	uint8_t *p;
};

static void w_u8(struct writer *w, uint8_t v) { *w->p++ = v; }
static void w_u16(struct writer *w, uint16_t v) { mapi_le16_put(w->p, v); w->p += 2; }
static void w_u32(struct writer *w, uint32_t v) { mapi_le32_put(w->p, v); w->p += 4; }
static void w_u64(struct writer *w, uint64_t v) { mapi_le64_put(w->p, v); w->p += 8; }

static void w_bytes(struct writer *w, const void *b, size_t n)
{
	if (n > 0) {
		memcpy(w->p, b, n);
		w->p += n;
	}
}

static void w_string(struct writer *w, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	w_u16(w, (uint16_t)n);
	w_bytes(w, s, n);
}

static uint8_t *new_frame(TALLOC_CTX *mem_ctx, uint16_t type, uint32_t request_id, size_t body_len,
			  struct writer *w)
{
	uint8_t *frame = talloc_array(mem_ctx, uint8_t, ENGINE_PROTO_HEADER_SIZE + body_len);

	if (frame == NULL) {
		return NULL;
	}
	w->p = frame;
	w_u32(w, ENGINE_PROTO_MAGIC);
	w_u16(w, type);
	w_u16(w, 0);
	w_u32(w, request_id);
	w_u32(w, (uint32_t)body_len);
	return frame;
}

enum engine_proto_result engine_proto_push_call(TALLOC_CTX *mem_ctx, uint32_t request_id,
						const struct engine_call *call,
						uint8_t **frame_r, size_t *len_r)
{
	const struct engine_caller *who = &call->caller;
	const char *strings[] = { who->account_name, who->domain_name, who->user_sid,
				  who->remote_address, who->local_address };
	size_t body = 2 + 2 + 4 + 1 + 1 + 2 + 4 + 8 + 4 + call->stub_len + 2;
	struct writer w;
	uint8_t *frame;

	if (who->num_token_sids > ENGINE_PROTO_MAX_SIDS ||
	    (who->num_token_sids > 0 && who->token_sids == NULL)) {
		return ENGINE_PROTO_MALFORMED;
	}
	for (uint32_t i = 0; i < who->num_token_sids; i++) {
		const char *sid = who->token_sids[i];

		if (sid == NULL || !sid_shaped((const uint8_t *)sid, strlen(sid))) {
			return ENGINE_PROTO_MALFORMED;
		}
		body += 2 + strlen(sid);
	}

	for (size_t i = 0; i < 5; i++) {
		size_t n = strings[i] != NULL ? strlen(strings[i]) : 0;

		if (n > UINT16_MAX) {
			return ENGINE_PROTO_MALFORMED;
		}
		body += 2 + n;
	}
	if ((unsigned)call->iface >= ENGINE_IFACE_COUNT) {
		return ENGINE_PROTO_MALFORMED;
	}
	if (call->stub_len > ENGINE_PROTO_MAX_BODY || body > ENGINE_PROTO_MAX_BODY) {
		return ENGINE_PROTO_TOO_BIG;
	}
	frame = new_frame(mem_ctx, ENGINE_FRAME_CALL, request_id, body, &w);
	if (frame == NULL) {
		return ENGINE_PROTO_NOMEM;
	}
	w_u16(&w, (uint16_t)call->iface);
	w_u16(&w, call->opnum);
	w_u32(&w, call->ndr_flags);
	w_u8(&w, who->auth_type);
	w_u8(&w, who->auth_level);
	w_u16(&w, 0);
	w_u32(&w, who->assoc_group_id);
	w_u64(&w, who->association_id);
	for (size_t i = 0; i < 5; i++) {
		w_string(&w, strings[i]);
	}
	w_u32(&w, (uint32_t)call->stub_len);
	w_bytes(&w, call->stub, call->stub_len);
	w_u16(&w, (uint16_t)who->num_token_sids);
	for (uint32_t i = 0; i < who->num_token_sids; i++) {
		w_string(&w, who->token_sids[i]);
	}
	*frame_r = frame;
	*len_r = ENGINE_PROTO_HEADER_SIZE + body;
	return ENGINE_PROTO_OK;
}

enum engine_proto_result engine_proto_push_reply(TALLOC_CTX *mem_ctx, uint32_t request_id,
						 const struct engine_reply *reply,
						 uint8_t **frame_r, size_t *len_r)
{
	size_t body = 4 + 4 + reply->stub_len;
	struct writer w;
	uint8_t *frame;

	if (reply->stub_len > ENGINE_PROTO_MAX_BODY || body > ENGINE_PROTO_MAX_BODY) {
		return ENGINE_PROTO_TOO_BIG;
	}
	frame = new_frame(mem_ctx, ENGINE_FRAME_REPLY, request_id, body, &w);
	if (frame == NULL) {
		return ENGINE_PROTO_NOMEM;
	}
	w_u32(&w, reply->fault);
	w_u32(&w, (uint32_t)reply->stub_len);
	w_bytes(&w, reply->stub, reply->stub_len);
	*frame_r = frame;
	*len_r = ENGINE_PROTO_HEADER_SIZE + body;
	return ENGINE_PROTO_OK;
}

enum engine_proto_result engine_proto_pull_call(TALLOC_CTX *mem_ctx, const uint8_t *body,
						size_t len, struct engine_call *call_r)
{
	struct cursor c = { .p = body, .left = len };
	struct engine_caller *who = &call_r->caller;
	const char **strings[] = { &who->account_name, &who->domain_name, &who->user_sid,
				   &who->remote_address, &who->local_address };
	bool nomem = false;
	uint16_t iface;
	uint32_t stub_len;

	iface = get_u16(&c);
	call_r->iface = (enum engine_iface)iface;
	call_r->opnum = get_u16(&c);
	call_r->ndr_flags = get_u32(&c);
	who->auth_type = get_u8(&c);
	who->auth_level = get_u8(&c);
	if (get_u16(&c) != 0 || iface >= ENGINE_IFACE_COUNT) {
		return ENGINE_PROTO_MALFORMED;
	}
	who->assoc_group_id = get_u32(&c);
	who->association_id = get_u64(&c);
	for (size_t i = 0; i < 5; i++) {
		*strings[i] = get_string(&c, mem_ctx, &nomem);
	}
	stub_len = get_u32(&c);
	if (nomem) {
		return ENGINE_PROTO_NOMEM;
	}
	if (!take(&c, stub_len, &call_r->stub)) {
		return ENGINE_PROTO_MALFORMED;
	}
	call_r->stub_len = stub_len;
	if (!get_sids(&c, mem_ctx, who, &nomem)) {
		return nomem ? ENGINE_PROTO_NOMEM : ENGINE_PROTO_MALFORMED;
	}
	return c.left != 0 ? ENGINE_PROTO_MALFORMED : ENGINE_PROTO_OK;
}

enum engine_proto_result engine_proto_pull_reply(const uint8_t *body, size_t len,
						 struct engine_reply *reply_r)
{
	struct cursor c = { .p = body, .left = len };
	uint32_t stub_len;

	reply_r->fault = get_u32(&c);
	stub_len = get_u32(&c);
	if (!take(&c, stub_len, &reply_r->stub) || c.left != 0) {
		return ENGINE_PROTO_MALFORMED;
	}
	reply_r->stub_len = stub_len;
	return ENGINE_PROTO_OK;
}

enum engine_proto_result engine_proto_push_rundown(TALLOC_CTX *mem_ctx, uint32_t request_id,
						   uint64_t association_id,
						   uint8_t **frame_r, size_t *len_r)
{
	struct writer w;
	uint8_t *frame = new_frame(mem_ctx, ENGINE_FRAME_RUNDOWN, request_id, 8, &w);

	if (frame == NULL) {
		return ENGINE_PROTO_NOMEM;
	}
	w_u64(&w, association_id);
	*frame_r = frame;
	*len_r = ENGINE_PROTO_HEADER_SIZE + 8;
	return ENGINE_PROTO_OK;
}

enum engine_proto_result engine_proto_pull_rundown(const uint8_t *body, size_t len,
						   uint64_t *association_id_r)
{
	struct cursor c = { .p = body, .left = len };

	*association_id_r = get_u64(&c);
	return c.bad || c.left != 0 ? ENGINE_PROTO_MALFORMED : ENGINE_PROTO_OK;
}
