/*
 * Unit tests: engine_proto body decoders on hostile input. Bodies come from another process, so
 * every damaged body must be MALFORMED (never a crash, never a read past the end: each input is
 * an exactly sized heap copy, so ASan flags any over-read), and whatever decodes must re-encode
 * to the very same bytes (the encoding is canonical).
 */
#include <stdlib.h>

#include "proto_test_util.h"

/* The body of sample_call() (without its header), on mem_ctx. */
static uint8_t *sample_call_body(TALLOC_CTX *mem_ctx, const struct engine_call *call, size_t *len_r)
{
	uint8_t *frame;
	size_t len;

	assert_int_equal(engine_proto_push_call(mem_ctx, 1, call, &frame, &len), ENGINE_PROTO_OK);
	*len_r = len - ENGINE_PROTO_HEADER_SIZE;
	return talloc_memdup(mem_ctx, frame + ENGINE_PROTO_HEADER_SIZE, *len_r);
}

static uint8_t *sample_reply_body(TALLOC_CTX *mem_ctx, size_t *len_r)
{
	struct engine_reply reply = { .fault = 0x1C010003U, .stub = sample_stub,
				      .stub_len = sizeof(sample_stub) };
	uint8_t *frame;
	size_t len;

	assert_int_equal(engine_proto_push_reply(mem_ctx, 1, &reply, &frame, &len), ENGINE_PROTO_OK);
	*len_r = len - ENGINE_PROTO_HEADER_SIZE;
	return talloc_memdup(mem_ctx, frame + ENGINE_PROTO_HEADER_SIZE, *len_r);
}

/* Offsets of the five u16 string lengths in a call body (they follow 24 fixed bytes). */
static void string_offsets(const uint8_t *body, size_t offs[5])
{
	size_t at = 24;

	for (int i = 0; i < 5; i++) {
		offs[i] = at;
		at += 2 + (size_t)(body[at] | body[at + 1] << 8);
	}
}

static size_t stub_len_offset(const uint8_t *body)
{
	size_t offs[5];

	string_offsets(body, offs);
	return offs[4] + 2 + (size_t)(body[offs[4]] | body[offs[4] + 1] << 8);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

/* Pulls an exactly sized copy of body[0..len) as a call, on a scratch context. */
static enum engine_proto_result pull_call_copy(const uint8_t *body, size_t len)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *copy = malloc(len > 0 ? len : 1);
	struct engine_call call;
	enum engine_proto_result res;

	memcpy(copy, body, len);
	res = engine_proto_pull_call(mem_ctx, copy, len, &call);
	free(copy);
	talloc_free(mem_ctx);
	return res;
}

static enum engine_proto_result pull_reply_copy(const uint8_t *body, size_t len)
{
	uint8_t *copy = malloc(len > 0 ? len : 1);
	struct engine_reply reply;
	enum engine_proto_result res;

	memcpy(copy, body, len);
	res = engine_proto_pull_reply(copy, len, &reply);
	free(copy);
	return res;
}

static void test_call_every_truncation(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), minimal = { .iface = ENGINE_IFACE_EMSMDB };
	size_t len, min_len;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);
	uint8_t *min_body = sample_call_body(mem_ctx, &minimal, &min_len);

	assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_OK);
	for (size_t n = 0; n < len; n++) {
		assert_int_equal(pull_call_copy(body, n), ENGINE_PROTO_MALFORMED);
	}
	assert_int_equal(min_len, 40);
	assert_int_equal(pull_call_copy(min_body, min_len), ENGINE_PROTO_OK);
	for (size_t n = 0; n < min_len; n++) {
		assert_int_equal(pull_call_copy(min_body, n), ENGINE_PROTO_MALFORMED);
	}
	talloc_free(mem_ctx);
}

static void test_reply_every_truncation(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t len;
	uint8_t *body = sample_reply_body(mem_ctx, &len);
	struct engine_reply reply;

	assert_int_equal(pull_reply_copy(body, len), ENGINE_PROTO_OK);
	for (size_t n = 0; n < len; n++) {
		assert_int_equal(pull_reply_copy(body, n), ENGINE_PROTO_MALFORMED);
	}
	assert_int_equal(engine_proto_pull_reply(NULL, 0, &reply), ENGINE_PROTO_MALFORMED);
	talloc_free(mem_ctx);
}

static void test_empty_bodies(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	static const uint8_t zeros[40];
	struct engine_call call;

	assert_int_equal(engine_proto_pull_call(mem_ctx, NULL, 0, &call), ENGINE_PROTO_MALFORMED);
	/* 40 zero bytes are the least valid call: EMSMDB opnum 0, empty strings, stub and SID list. */
	assert_int_equal(engine_proto_pull_call(mem_ctx, zeros, sizeof(zeros), &call),
			 ENGINE_PROTO_OK);
	assert_int_equal(call.iface, ENGINE_IFACE_EMSMDB);
	assert_string_equal(call.caller.user_sid, "");
	assert_int_equal(call.stub_len, 0);
	/* Eight zero bytes are the least valid reply. */
	assert_int_equal(pull_reply_copy(zeros, 8), ENGINE_PROTO_OK);
	talloc_free(mem_ctx);
}

static void test_trailing_bytes(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len, rlen;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);
	uint8_t *rbody = sample_reply_body(mem_ctx, &rlen);
	uint8_t *longer = talloc_zero_array(mem_ctx, uint8_t, len + 64);
	uint8_t *rlonger = talloc_zero_array(mem_ctx, uint8_t, rlen + 64);

	memcpy(longer, body, len);
	memcpy(rlonger, rbody, rlen);
	for (size_t extra = 1; extra <= 64; extra++) {
		assert_int_equal(pull_call_copy(longer, len + extra), ENGINE_PROTO_MALFORMED);
		assert_int_equal(pull_reply_copy(rlonger, rlen + extra), ENGINE_PROTO_MALFORMED);
	}
	memset(longer + len, 0xff, 64);
	memset(rlonger + rlen, 0xff, 64);
	assert_int_equal(pull_call_copy(longer, len + 1), ENGINE_PROTO_MALFORMED);
	assert_int_equal(pull_reply_copy(rlonger, rlen + 1), ENGINE_PROTO_MALFORMED);
	talloc_free(mem_ctx);
}

static void test_call_iface_range(void **state)
{
	static const uint16_t bad[] = { ENGINE_IFACE_COUNT, ENGINE_IFACE_COUNT + 1, 0x00ff, 0x0100,
					0x8000, 0xffff };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);

	for (uint16_t i = 0; i < ENGINE_IFACE_COUNT; i++) {
		put16(body, i);
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_OK);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put16(body, bad[i]);
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
	}
	talloc_free(mem_ctx);
}

static void test_call_reserved_nonzero(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);

	assert_int_equal(body[10] | body[11], 0);
	for (int bit = 0; bit < 16; bit++) {
		put16(body + 10, (uint16_t)(1U << bit));
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
	}
	put16(body + 10, 0);
	assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_OK);
	talloc_free(mem_ctx);
}

/* A NUL anywhere inside any of the five strings: first, middle and last byte. */
static void test_call_embedded_nul(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len, offs[5];
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);

	string_offsets(body, offs);
	for (int i = 0; i < 5; i++) {
		size_t n = (size_t)(body[offs[i]] | body[offs[i] + 1] << 8);
		size_t where[] = { 0, n / 2, n - 1 };

		assert_true(n >= 3);
		for (int w = 0; w < 3; w++) {
			uint8_t saved = body[offs[i] + 2 + where[w]];

			body[offs[i] + 2 + where[w]] = '\0';
			assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
			body[offs[i] + 2 + where[w]] = saved;
		}
	}
	assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_OK);
	talloc_free(mem_ctx);
}

/* A string length reaching one byte past the body, or the largest u16. */
static void test_call_string_past_end(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len, offs[5];
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);

	string_offsets(body, offs);
	for (int i = 0; i < 5; i++) {
		uint8_t saved[2] = { body[offs[i]], body[offs[i] + 1] };

		put16(body + offs[i], (uint16_t)(len - offs[i] - 2 + 1));
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
		put16(body + offs[i], 0xffff);
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
		/* Exactly to the end: the string swallows the rest, then the stub length is missing. */
		put16(body + offs[i], (uint16_t)(len - offs[i] - 2));
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
		memcpy(body + offs[i], saved, 2);
	}
	talloc_free(mem_ctx);
}

static void test_stub_length_lies(void **state)
{
	static const uint32_t lies[] = { 0xffffffffU, 0xfffffff8U, 0x80000000U, 0x7fffffffU,
					 ENGINE_PROTO_MAX_BODY, sizeof(sample_stub) + 1,
					 sizeof(sample_stub) - 1, 0 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len, rlen;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);
	uint8_t *rbody = sample_reply_body(mem_ctx, &rlen);
	size_t at = stub_len_offset(body);

	assert_int_equal(at, len - 4 - sizeof(sample_stub) - 2);	/* then an empty SID list */
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		put32(body + at, lies[i]);
		assert_int_equal(pull_call_copy(body, len), ENGINE_PROTO_MALFORMED);
		put32(rbody + 4, lies[i]);
		assert_int_equal(pull_reply_copy(rbody, rlen), ENGINE_PROTO_MALFORMED);
	}
	/* 0xFFFFFFFF with nothing after it at all. */
	put32(body + at, 0xffffffffU);
	assert_int_equal(pull_call_copy(body, at + 4), ENGINE_PROTO_MALFORMED);
	put32(rbody + 4, 0xffffffffU);
	assert_int_equal(pull_reply_copy(rbody, 8), ENGINE_PROTO_MALFORMED);
	talloc_free(mem_ctx);
}

/*
 * The decoder checks for NUL only, not UTF-8 validity: other bytes arrive verbatim, so the engine
 * must not assume valid UTF-8 in caller strings. (Pinned so a change to this is a decision.)
 */
static void test_call_non_utf8_verbatim(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), got;
	static const char raw[] = "\xff\xfe\xc0\x80\xed\xa0\x80\x01\x7f";
	uint8_t *frame;
	size_t len;

	call.caller.account_name = raw;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len), ENGINE_PROTO_OK);
	assert_int_equal(engine_proto_pull_call(mem_ctx, frame + 16, len - 16, &got),
			 ENGINE_PROTO_OK);
	assert_memory_equal(got.caller.account_name, raw, sizeof(raw));
	talloc_free(mem_ctx);
}

/* Re-encodes a pulled call and checks it gives body back byte for byte. */
static void assert_call_canonical(TALLOC_CTX *mem_ctx, const struct engine_call *call,
				  const uint8_t *body, size_t len)
{
	uint8_t *frame;
	size_t flen;

	assert_int_equal(engine_proto_push_call(mem_ctx, 1, call, &frame, &flen), ENGINE_PROTO_OK);
	assert_int_equal(flen, len + ENGINE_PROTO_HEADER_SIZE);
	assert_memory_equal(frame + ENGINE_PROTO_HEADER_SIZE, body, len);
	talloc_free(frame);
}

/* Every byte of a valid call body set to every value: decoded or refused, never a crash. */
static void test_call_every_byte_value(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	size_t len, ok = 0, stub_at;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);

	stub_at = stub_len_offset(body) + 4;
	for (size_t i = 0; i < len; i++) {
		uint8_t saved = body[i];

		for (int v = 0; v < 256; v++) {
			TALLOC_CTX *tmp = talloc_new(mem_ctx);
			struct engine_call got;
			enum engine_proto_result res;

			body[i] = (uint8_t)v;
			res = engine_proto_pull_call(tmp, body, len, &got);
			assert_true(res == ENGINE_PROTO_OK || res == ENGINE_PROTO_MALFORMED);
			if (i >= stub_at && i < len - 2) {
				assert_int_equal(res, ENGINE_PROTO_OK);	/* stub bytes are opaque */
			}
			if (res == ENGINE_PROTO_OK) {
				assert_call_canonical(tmp, &got, body, len);
				ok++;
			}
			talloc_free(tmp);
		}
		body[i] = saved;
	}
	assert_true(ok > len * 128);
	talloc_free(mem_ctx);
}

static void test_reply_every_byte_value(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	size_t len;
	uint8_t *body = sample_reply_body(mem_ctx, &len);

	for (size_t i = 0; i < len; i++) {
		uint8_t saved = body[i];

		for (int v = 0; v < 256; v++) {
			struct engine_reply got;
			enum engine_proto_result res;
			uint8_t *frame;
			size_t flen;

			body[i] = (uint8_t)v;
			res = engine_proto_pull_reply(body, len, &got);
			/* Only the stub length (bytes 4..7) can make this body wrong. */
			assert_int_equal(res, (i < 4 || i >= 8 || v == saved) ? ENGINE_PROTO_OK :
					 ENGINE_PROTO_MALFORMED);
			if (res == ENGINE_PROTO_OK) {
				assert_int_equal(engine_proto_push_reply(mem_ctx, 1, &got, &frame,
									 &flen), ENGINE_PROTO_OK);
				assert_int_equal(flen, len + ENGINE_PROTO_HEADER_SIZE);
				assert_memory_equal(frame + ENGINE_PROTO_HEADER_SIZE, body, len);
				talloc_free(frame);
			}
		}
		body[i] = saved;
	}
	talloc_free(mem_ctx);
}

/* What a successful pull allocates: the five strings, on mem_ctx, and nothing else. */
static void test_call_pull_allocations(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	TALLOC_CTX *out = talloc_new(mem_ctx);
	struct engine_call call = sample_call(), got;
	size_t len;
	uint8_t *body = sample_call_body(mem_ctx, &call, &len);

	assert_int_equal(engine_proto_pull_call(out, body, len, &got), ENGINE_PROTO_OK);
	assert_int_equal(talloc_total_blocks(out), 1 + 5);
	assert_ptr_equal(talloc_parent(got.caller.user_sid), out);
	assert_true(got.stub >= body && got.stub + got.stub_len == body + len - 2);
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_call_every_truncation),
		cmocka_unit_test(test_reply_every_truncation),
		cmocka_unit_test(test_empty_bodies),
		cmocka_unit_test(test_trailing_bytes),
		cmocka_unit_test(test_call_iface_range),
		cmocka_unit_test(test_call_reserved_nonzero),
		cmocka_unit_test(test_call_embedded_nul),
		cmocka_unit_test(test_call_string_past_end),
		cmocka_unit_test(test_stub_length_lies),
		cmocka_unit_test(test_call_non_utf8_verbatim),
		cmocka_unit_test(test_call_every_byte_value),
		cmocka_unit_test(test_reply_every_byte_value),
		cmocka_unit_test(test_call_pull_allocations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
