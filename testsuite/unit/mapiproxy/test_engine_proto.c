/*
 * Unit tests: engine_proto encoding and header parsing (the frame format of engine_proto.h), and
 * golden frames written by hand from that format. Malformed bodies: test_engine_proto_pull.c.
 */
#include <stdlib.h>

#include "proto_test_util.h"
#include "hex.h"

/* Pushes call, checks the header, pulls the body back on mem_ctx. */
static void call_round_trip(TALLOC_CTX *mem_ctx, uint32_t request_id, const struct engine_call *call,
			    struct engine_call *got)
{
	struct engine_frame_header hdr;
	uint8_t *frame;
	size_t len;

	assert_int_equal(engine_proto_push_call(mem_ctx, request_id, call, &frame, &len),
			 ENGINE_PROTO_OK);
	assert_ptr_equal(talloc_parent(frame), mem_ctx);
	assert_true(talloc_get_size(frame) >= len);
	assert_int_equal(engine_proto_parse_header(frame, len, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_CALL);
	assert_int_equal(hdr.request_id, request_id);
	assert_int_equal(hdr.body_len, len - ENGINE_PROTO_HEADER_SIZE);
	assert_int_equal(engine_proto_pull_call(mem_ctx, frame + ENGINE_PROTO_HEADER_SIZE,
						hdr.body_len, got), ENGINE_PROTO_OK);
	/* The stub is not copied: it points at its bytes inside the body (before the SID list). */
	if (got->stub_len > 0) {
		assert_true(got->stub > frame && got->stub + got->stub_len <= frame + len);
	}
}

static void reply_round_trip(TALLOC_CTX *mem_ctx, uint32_t request_id,
			     const struct engine_reply *reply, struct engine_reply *got)
{
	struct engine_frame_header hdr;
	uint8_t *frame;
	size_t len;

	assert_int_equal(engine_proto_push_reply(mem_ctx, request_id, reply, &frame, &len),
			 ENGINE_PROTO_OK);
	assert_int_equal(len, ENGINE_PROTO_HEADER_SIZE + 8 + reply->stub_len);
	assert_int_equal(engine_proto_parse_header(frame, len, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_REPLY);
	assert_int_equal(hdr.request_id, request_id);
	assert_int_equal(hdr.body_len, len - ENGINE_PROTO_HEADER_SIZE);
	assert_int_equal(engine_proto_pull_reply(frame + ENGINE_PROTO_HEADER_SIZE, hdr.body_len, got),
			 ENGINE_PROTO_OK);
}

static void test_result_strings(void **state)
{
	assert_string_equal(engine_proto_result_string(ENGINE_PROTO_OK), "ok");
	assert_string_equal(engine_proto_result_string(ENGINE_PROTO_TRUNCATED), "truncated");
	assert_string_equal(engine_proto_result_string(ENGINE_PROTO_MALFORMED), "malformed");
	assert_string_equal(engine_proto_result_string(ENGINE_PROTO_TOO_BIG), "too big");
	assert_string_equal(engine_proto_result_string(ENGINE_PROTO_NOMEM), "out of memory");
	assert_string_equal(engine_proto_result_string((enum engine_proto_result)99), "unknown");
}

static void test_call_round_trip_all_fields(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), got;

	call_round_trip(mem_ctx, 7, &call, &got);
	assert_calls_equal(&call, &got);
	/* Strings are fresh copies on mem_ctx, not pointers into the frame. */
	assert_ptr_equal(talloc_parent(got.caller.account_name), mem_ctx);
	talloc_free(mem_ctx);
}

static void test_call_round_trip_extremes(void **state)
{
	static const uint32_t ids[] = { 0, 1, 0x7fffffffU, 0xffffffffU };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), got;

	for (int iface = 0; iface < ENGINE_IFACE_COUNT; iface++) {
		for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			call.iface = (enum engine_iface)iface;
			call.opnum = (uint16_t)ids[i];
			call.ndr_flags = ids[i];
			call.caller.auth_type = (uint8_t)ids[i];
			call.caller.auth_level = (uint8_t)(ids[i] >> 8);
			call.caller.assoc_group_id = ~ids[i];
			call_round_trip(mem_ctx, ids[i], &call, &got);
			assert_calls_equal(&call, &got);
		}
	}
	talloc_free(mem_ctx);
}

/* NULL strings go out as empty ones and come back as "" (never NULL): 30 bytes is the least body. */
static void test_call_null_and_empty_strings(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call null_call = { .iface = ENGINE_IFACE_EMSMDB }, empty_call = null_call, got;
	uint8_t *a, *b;
	size_t alen, blen;

	empty_call.caller.account_name = "";
	empty_call.caller.domain_name = "";
	empty_call.caller.user_sid = "";
	empty_call.caller.remote_address = "";
	empty_call.caller.local_address = "";
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &null_call, &a, &alen), ENGINE_PROTO_OK);
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &empty_call, &b, &blen), ENGINE_PROTO_OK);
	assert_int_equal(alen, ENGINE_PROTO_HEADER_SIZE + 40);
	assert_int_equal(blen, alen);
	assert_memory_equal(a, b, alen);
	call_round_trip(mem_ctx, 1, &null_call, &got);
	assert_calls_equal(&null_call, &got);
	assert_string_equal(got.caller.local_address, "");

	/* Some strings set, some not: each keeps its own slot. */
	null_call.caller.domain_name = "D";
	null_call.caller.local_address = "L";
	call_round_trip(mem_ctx, 2, &null_call, &got);
	assert_calls_equal(&null_call, &got);
	talloc_free(mem_ctx);
}

static void test_call_empty_stub(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), got;

	call.stub = NULL;
	call.stub_len = 0;
	call_round_trip(mem_ctx, 3, &call, &got);
	assert_calls_equal(&call, &got);
	/* A non-NULL stub with length 0 sends nothing either. */
	call.stub = sample_stub;
	call_round_trip(mem_ctx, 3, &call, &got);
	assert_int_equal(got.stub_len, 0);
	talloc_free(mem_ctx);
}

static void test_call_large_stub(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), got;
	size_t n = 1024 * 1024 + 3;
	uint8_t *stub = talloc_array(mem_ctx, uint8_t, n);

	for (size_t i = 0; i < n; i++) {
		stub[i] = (uint8_t)(i * 131 + (i >> 11));
	}
	call.stub = stub;
	call.stub_len = n;
	call_round_trip(mem_ctx, 4, &call, &got);
	assert_calls_equal(&call, &got);
	talloc_free(mem_ctx);
}

/* The cap is on the body: exactly ENGINE_PROTO_MAX_BODY goes through, one byte more does not. */
static void test_call_body_cap(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = { .iface = ENGINE_IFACE_RFR };
	uint8_t *stub = talloc_zero_array(mem_ctx, uint8_t, ENGINE_PROTO_MAX_BODY);
	struct engine_frame_header hdr;
	uint8_t *frame = NULL;
	size_t len = 0;

	assert_non_null(stub);
	call.stub = stub;
	call.stub_len = ENGINE_PROTO_MAX_BODY - 40;
	assert_int_equal(engine_proto_push_call(mem_ctx, 5, &call, &frame, &len), ENGINE_PROTO_OK);
	assert_int_equal(len, ENGINE_PROTO_HEADER_SIZE + ENGINE_PROTO_MAX_BODY);
	assert_int_equal(engine_proto_parse_header(frame, len, &hdr), ENGINE_PROTO_OK);
	talloc_free(frame);

	call.stub_len++;
	frame = NULL;
	assert_int_equal(engine_proto_push_call(mem_ctx, 5, &call, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	assert_null(frame);
	call.stub_len = ENGINE_PROTO_MAX_BODY - 40;
	call.caller.user_sid = "S";	/* two more bytes of body from a string */
	assert_int_equal(engine_proto_push_call(mem_ctx, 5, &call, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	/* Lengths that would wrap the size computation are refused before any read of stub. */
	call.stub_len = SIZE_MAX;
	assert_int_equal(engine_proto_push_call(mem_ctx, 5, &call, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	call.stub_len = SIZE_MAX - 40;
	assert_int_equal(engine_proto_push_call(mem_ctx, 5, &call, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	call.stub_len = (size_t)UINT32_MAX + 1;
	assert_int_equal(engine_proto_push_call(mem_ctx, 5, &call, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	assert_null(frame);
	talloc_free(mem_ctx);
}

/* Strings have a u16 length: 65535 bytes is the longest, 65536 is refused with nothing allocated. */
static void test_call_string_limit(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call(), got;
	char *max = talloc_array(mem_ctx, char, 65536 + 1);
	const char **slots[] = { &call.caller.account_name, &call.caller.domain_name,
				 &call.caller.user_sid, &call.caller.remote_address,
				 &call.caller.local_address };
	const char **got_slots[] = { &got.caller.account_name, &got.caller.domain_name,
				     &got.caller.user_sid, &got.caller.remote_address,
				     &got.caller.local_address };
	uint8_t *frame = NULL;
	size_t len, blocks;

	memset(max, 'x', 65536);
	max[65536] = '\0';
	for (size_t i = 0; i < 5; i++) {
		struct engine_call saved = call;

		*slots[i] = max + 1;		/* 65535 bytes */
		call_round_trip(mem_ctx, 6, &call, &got);
		assert_calls_equal(&call, &got);
		assert_int_equal(strlen(*got_slots[i]), 65535);

		*slots[i] = max;		/* 65536 bytes */
		blocks = talloc_total_blocks(mem_ctx);
		assert_int_equal(engine_proto_push_call(mem_ctx, 6, &call, &frame, &len),
				 ENGINE_PROTO_MALFORMED);
		assert_null(frame);
		assert_int_equal(talloc_total_blocks(mem_ctx), blocks);
		call = saved;
	}
	/* All five at the maximum at once: 5 * 65537 + 28 bytes of body, well under the cap. */
	for (size_t i = 0; i < 5; i++) {
		*slots[i] = max + 1;
	}
	call_round_trip(mem_ctx, 6, &call, &got);
	assert_calls_equal(&call, &got);
	talloc_free(mem_ctx);
}

static void test_call_bad_iface_push(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_call call = sample_call();
	uint8_t *frame = NULL;
	size_t len;

	call.iface = ENGINE_IFACE_COUNT;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len),
			 ENGINE_PROTO_MALFORMED);
	call.iface = (enum engine_iface)0xffff;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len),
			 ENGINE_PROTO_MALFORMED);
	call.iface = (enum engine_iface)-1;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len),
			 ENGINE_PROTO_MALFORMED);
	assert_null(frame);
	assert_int_equal(talloc_total_blocks(mem_ctx), 1);
	talloc_free(mem_ctx);
}

static void test_reply_round_trips(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_reply reply = { .fault = 0, .stub = sample_stub,
				      .stub_len = sizeof(sample_stub) }, got;
	size_t n = 1024 * 1024;
	uint8_t *big = talloc_array(mem_ctx, uint8_t, n);

	reply_round_trip(mem_ctx, 9, &reply, &got);
	assert_replies_equal(&reply, &got);

	reply = (struct engine_reply){ .fault = 0x1C010002U };
	reply_round_trip(mem_ctx, 0xffffffffU, &reply, &got);
	assert_replies_equal(&reply, &got);

	reply = (struct engine_reply){ .fault = 0xffffffffU, .stub = sample_stub, .stub_len = 0 };
	reply_round_trip(mem_ctx, 0, &reply, &got);
	assert_replies_equal(&reply, &got);

	for (size_t i = 0; i < n; i++) {
		big[i] = (uint8_t)(i ^ (i >> 8) ^ (i >> 16));
	}
	reply = (struct engine_reply){ .stub = big, .stub_len = n };
	reply_round_trip(mem_ctx, 10, &reply, &got);
	assert_replies_equal(&reply, &got);
	talloc_free(mem_ctx);
}

static void test_reply_body_cap(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t *stub = talloc_zero_array(mem_ctx, uint8_t, ENGINE_PROTO_MAX_BODY);
	struct engine_reply reply = { .stub = stub, .stub_len = ENGINE_PROTO_MAX_BODY - 8 };
	uint8_t *frame = NULL;
	size_t len;

	assert_int_equal(engine_proto_push_reply(mem_ctx, 1, &reply, &frame, &len), ENGINE_PROTO_OK);
	assert_int_equal(len, ENGINE_PROTO_HEADER_SIZE + ENGINE_PROTO_MAX_BODY);
	talloc_free(frame);
	frame = NULL;
	reply.stub_len++;
	assert_int_equal(engine_proto_push_reply(mem_ctx, 1, &reply, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	reply.stub_len = SIZE_MAX;
	assert_int_equal(engine_proto_push_reply(mem_ctx, 1, &reply, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	reply.stub_len = SIZE_MAX - 7;	/* 8 + this wraps to 0 */
	assert_int_equal(engine_proto_push_reply(mem_ctx, 1, &reply, &frame, &len),
			 ENGINE_PROTO_TOO_BIG);
	assert_null(frame);
	talloc_free(mem_ctx);
}

/* A valid header: "SBX1", type, flags 0, request_id, body_len. */
static void make_header(uint8_t h[16], uint16_t type, uint16_t flags, uint32_t id, uint32_t body_len)
{
	const uint32_t words[] = { ENGINE_PROTO_MAGIC, (uint32_t)type | (uint32_t)flags << 16, id,
				   body_len };

	for (int w = 0; w < 4; w++) {
		for (int b = 0; b < 4; b++) {
			h[w * 4 + b] = (uint8_t)(words[w] >> (8 * b));
		}
	}
}

static void test_header_valid(void **state)
{
	struct engine_frame_header hdr;
	uint8_t h[32];

	make_header(h, ENGINE_FRAME_CALL, 0, 0x01020304, 0x0a0b0c);
	assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_CALL);
	assert_int_equal(hdr.request_id, 0x01020304);
	assert_int_equal(hdr.body_len, 0x0a0b0c);
	make_header(h, ENGINE_FRAME_REPLY, 0, 0xffffffffU, 0);
	memset(h + 16, 0xee, 16);	/* what follows the header is not looked at */
	assert_int_equal(engine_proto_parse_header(h, sizeof(h), &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_REPLY);
	assert_int_equal(hdr.request_id, 0xffffffffU);
	assert_int_equal(hdr.body_len, 0);	/* legal here; the body decoder refuses it */
	make_header(h, ENGINE_FRAME_CALL, 0, 1, ENGINE_PROTO_MAX_BODY);
	assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.body_len, ENGINE_PROTO_MAX_BODY);
}

/* Every length short of 16 bytes is TRUNCATED, whatever the bytes (ASan catches over-reads). */
static void test_header_truncated(void **state)
{
	struct engine_frame_header hdr;
	uint8_t h[16];

	make_header(h, ENGINE_FRAME_CALL, 0, 1, 1);
	for (size_t len = 0; len < 16; len++) {
		uint8_t *copy = malloc(len > 0 ? len : 1);

		memcpy(copy, h, len);
		assert_int_equal(engine_proto_parse_header(copy, len, &hdr), ENGINE_PROTO_TRUNCATED);
		free(copy);
	}
	assert_int_equal(engine_proto_parse_header(NULL, 0, &hdr), ENGINE_PROTO_TRUNCATED);
}

static void test_header_bad_magic(void **state)
{
	struct engine_frame_header hdr;
	uint8_t h[16];

	for (int i = 0; i < 4; i++) {
		for (int bit = 0; bit < 8; bit++) {
			make_header(h, ENGINE_FRAME_CALL, 0, 1, 1);
			h[i] ^= (uint8_t)(1 << bit);
			assert_int_equal(engine_proto_parse_header(h, 16, &hdr),
					 ENGINE_PROTO_MALFORMED);
		}
	}
	make_header(h, ENGINE_FRAME_CALL, 0, 1, 1);
	memcpy(h, "1XBS", 4);		/* the magic written big-endian */
	assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_MALFORMED);
	memset(h, 0, sizeof(h));
	assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_MALFORMED);
	/* Not a frame at all, so the oversized length behind it is not the error reported. */
	make_header(h, ENGINE_FRAME_CALL, 0, 1, 0xffffffffU);
	h[0] = 'X';
	assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_MALFORMED);
}

static void test_header_bad_type(void **state)
{
	static const uint16_t types[] = { 0, 4, 5, 0x0100, 0x0101, 0x0103, 0x8001, 0xffff };
	struct engine_frame_header hdr;
	uint8_t h[16];

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		make_header(h, types[i], 0, 1, 1);
		assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_MALFORMED);
	}
}

static void test_header_nonzero_flags(void **state)
{
	struct engine_frame_header hdr;
	uint8_t h[16];

	for (int bit = 0; bit < 16; bit++) {
		make_header(h, ENGINE_FRAME_REPLY, (uint16_t)(1U << bit), 1, 1);
		assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_MALFORMED);
	}
}

static void test_header_too_big(void **state)
{
	static const uint32_t lens[] = { ENGINE_PROTO_MAX_BODY + 1, ENGINE_PROTO_MAX_BODY * 2,
					 0x80000000U, 0xffffffffU };
	struct engine_frame_header hdr;
	uint8_t h[16];

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		make_header(h, ENGINE_FRAME_CALL, 0, 1, lens[i]);
		assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_TOO_BIG);
		make_header(h, ENGINE_FRAME_REPLY, 0, 1, lens[i]);
		assert_int_equal(engine_proto_parse_header(h, 16, &hdr), ENGINE_PROTO_TOO_BIG);
	}
}

/*
 * Golden call frame, written by hand from the format in engine_proto.h (not produced by the
 * encoder): NSPI opnum 5 from alice, over NTLMSSP with packet privacy.
 */
static const char golden_call_hex[] =
	"53425831"		/* magic "SBX1" = 0x31584253 */
	"0100"			/* type 1: call */
	"0000"			/* flags */
	"78563412"		/* request_id 0x12345678 */
	"5d000000"		/* body_len 93 */
	"0200"			/* iface 2: NSPI */
	"0500"			/* opnum 5 */
	"10000000"		/* ndr_flags 0x10 */
	"0a"			/* auth_type 10 (NTLMSSP) */
	"06"			/* auth_level 6 (privacy) */
	"0000"			/* reserved */
	"44332211"		/* assoc_group_id 0x11223344 */
	"efcdab8967452301"	/* association_id 0x0123456789abcdef */
	"0500" "616c696365"	/* account_name "alice" */
	"0600" "53414d424558"	/* domain_name "SAMBEX" */
	"1300" "532d312d352d32312d312d322d332d31313034"	/* user_sid "S-1-5-21-1-2-3-1104" */
	/* remote_address "ipv4:10.0.0.1:49152" */
	"1300" "697076343a31302e302e302e313a3439313532"
	"0000"			/* local_address "" */
	"04000000" "deadbeef"	/* stub: 4 bytes */
	"0000";			/* token_sids: none */

/* A rundown frame (engine_proto.h): association 0x0123456789abcdef has ended. */
static const char golden_rundown_hex[] =
	"53425831"		/* magic */
	"0300"			/* type 3: rundown */
	"0000"			/* flags */
	"07000000"		/* request_id 7 */
	"08000000"		/* body_len 8 */
	"efcdab8967452301";	/* association_id */

static void test_golden_rundown(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_frame_header hdr;
	uint8_t *golden, *frame;
	size_t golden_len, len;
	uint64_t id = 0;

	golden = test_hex_decode(mem_ctx, golden_rundown_hex, &golden_len);
	assert_int_equal(engine_proto_parse_header(golden, golden_len, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_RUNDOWN);
	assert_int_equal(engine_proto_pull_rundown(golden + 16, hdr.body_len, &id), ENGINE_PROTO_OK);
	assert_int_equal(id, 0x0123456789abcdefULL);
	assert_int_equal(engine_proto_push_rundown(mem_ctx, 7, id, &frame, &len), ENGINE_PROTO_OK);
	assert_int_equal(len, golden_len);
	assert_memory_equal(frame, golden, len);
	/* The body is exactly the 8 bytes: shorter or longer is malformed. */
	for (size_t n = 0; n < 16; n++) {
		uint8_t body[16] = { 0 };

		assert_int_equal(engine_proto_pull_rundown(body, n, &id),
				 n == 8 ? ENGINE_PROTO_OK : ENGINE_PROTO_MALFORMED);
	}
	talloc_free(mem_ctx);
}

/* A token's SIDs travel in order and come back as strings owned by the result. */
static void test_call_token_sids(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	const char *sids[] = { "S-1-5-21-1-2-3-1104", "S-1-5-21-1-2-3-513", "S-1-1-0", "S-1-5-11" };
	struct engine_call call = sample_call(), got;

	call.caller.token_sids = sids;
	call.caller.num_token_sids = 4;
	call_round_trip(mem_ctx, 9, &call, &got);
	assert_calls_equal(&call, &got);
	assert_int_equal(got.caller.num_token_sids, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(got.caller.token_sids[i], sids[i]);
	}
	assert_null(got.caller.token_sids[4]);
	talloc_free(mem_ctx);
}

/* Not a SID, too many SIDs, or a NULL slot: the encoder refuses, so the decoder never sees one. */
static void test_call_token_sids_refused(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	const char *bad[] = { "", "S-", "S-1", "S-1-", "S-1--5", "s-1-5", "S-1-5x", "S-1-5-", NULL };
	const char *one[1];
	const char **many = talloc_array(mem_ctx, const char *, ENGINE_PROTO_MAX_SIDS + 1);
	struct engine_call call = sample_call(), got;
	uint8_t *frame = NULL;
	size_t len;

	call.caller.token_sids = one;
	call.caller.num_token_sids = 1;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		one[0] = bad[i];
		assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len),
				 ENGINE_PROTO_MALFORMED);
	}
	for (size_t i = 0; i <= ENGINE_PROTO_MAX_SIDS; i++) {
		many[i] = "S-1-5-32-544";
	}
	call.caller.token_sids = many;
	call.caller.num_token_sids = ENGINE_PROTO_MAX_SIDS;
	call_round_trip(mem_ctx, 2, &call, &got);
	assert_int_equal(got.caller.num_token_sids, ENGINE_PROTO_MAX_SIDS);
	call.caller.num_token_sids = ENGINE_PROTO_MAX_SIDS + 1;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len),
			 ENGINE_PROTO_MALFORMED);
	call.caller.token_sids = NULL;
	call.caller.num_token_sids = 1;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len),
			 ENGINE_PROTO_MALFORMED);
	talloc_free(mem_ctx);
}

/* On the wire: a count over the cap, or a SID-shaped slot holding anything else, is malformed. */
static void test_call_token_sids_wire(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	const char *sids[] = { "S-1-5-11" };
	struct engine_call call = sample_call(), got;
	uint8_t *frame;
	size_t len, body_len;
	uint8_t *body;

	call.caller.token_sids = sids;
	call.caller.num_token_sids = 1;
	assert_int_equal(engine_proto_push_call(mem_ctx, 1, &call, &frame, &len), ENGINE_PROTO_OK);
	body = frame + ENGINE_PROTO_HEADER_SIZE;
	body_len = len - ENGINE_PROTO_HEADER_SIZE;
	/* The list is the last 2 + 2 + 8 bytes: count 1, length 8, "S-1-5-11". */
	assert_memory_equal(body + body_len - 12, "\x01\x00\x08\x00S-1-5-11", 12);
	body[body_len - 1] = 'x';
	assert_int_equal(engine_proto_pull_call(mem_ctx, body, body_len, &got),
			 ENGINE_PROTO_MALFORMED);
	body[body_len - 1] = '1';
	body[body_len - 12] = 2;	/* count 2 with one SID present */
	assert_int_equal(engine_proto_pull_call(mem_ctx, body, body_len, &got),
			 ENGINE_PROTO_MALFORMED);
	body[body_len - 12] = 0x01;
	body[body_len - 11] = 0x04;	/* count 1025 */
	assert_int_equal(engine_proto_pull_call(mem_ctx, body, body_len, &got),
			 ENGINE_PROTO_MALFORMED);
	body[body_len - 11] = 0;
	assert_int_equal(engine_proto_pull_call(mem_ctx, body, body_len, &got), ENGINE_PROTO_OK);
	talloc_free(mem_ctx);
}

static void test_golden_call(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_frame_header hdr;
	struct engine_call call;
	uint8_t *golden, *frame;
	size_t golden_len, len;

	golden = test_hex_decode(mem_ctx, golden_call_hex, &golden_len);
	assert_non_null(golden);
	assert_int_equal(golden_len, 16 + 93);
	assert_int_equal(engine_proto_parse_header(golden, golden_len, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_CALL);
	assert_int_equal(hdr.request_id, 0x12345678);
	assert_int_equal(hdr.body_len, 93);
	assert_int_equal(engine_proto_pull_call(mem_ctx, golden + 16, hdr.body_len, &call),
			 ENGINE_PROTO_OK);
	assert_int_equal(call.iface, ENGINE_IFACE_NSPI);
	assert_int_equal(call.opnum, 5);
	assert_int_equal(call.ndr_flags, 0x10);
	assert_int_equal(call.caller.auth_type, 10);
	assert_int_equal(call.caller.auth_level, 6);
	assert_int_equal(call.caller.assoc_group_id, 0x11223344);
	assert_int_equal(call.caller.association_id, 0x0123456789abcdefULL);
	assert_string_equal(call.caller.account_name, "alice");
	assert_string_equal(call.caller.domain_name, "SAMBEX");
	assert_string_equal(call.caller.user_sid, "S-1-5-21-1-2-3-1104");
	assert_string_equal(call.caller.remote_address, "ipv4:10.0.0.1:49152");
	assert_string_equal(call.caller.local_address, "");
	assert_int_equal(call.stub_len, 4);
	assert_memory_equal(call.stub, "\xde\xad\xbe\xef", 4);

	assert_int_equal(engine_proto_push_call(mem_ctx, hdr.request_id, &call, &frame, &len),
			 ENGINE_PROTO_OK);
	assert_int_equal(len, golden_len);
	assert_memory_equal(frame, golden, len);
	talloc_free(mem_ctx);
}

/* Golden replies: a fault with no stub, and a success carrying 3 stub bytes. */
static const char golden_fault_hex[] =
	"53425831" "0200" "0000"	/* magic, type 2: reply, flags */
	"01000000" "08000000"		/* request_id 1, body_len 8 */
	"0200011c"			/* fault 0x1C010002 (nca_op_rng_error) */
	"00000000";			/* stub: 0 bytes */
static const char golden_reply_hex[] =
	"53425831" "0200" "0000"	/* magic, type 2: reply, flags */
	"ffffffff" "0b000000"		/* request_id 0xffffffff, body_len 11 */
	"00000000"			/* fault 0: success */
	"03000000" "0a0b0c";		/* stub: 3 bytes */

static void check_golden_reply(const char *hex, uint32_t id, uint32_t fault, const char *stub_hex)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct engine_frame_header hdr;
	struct engine_reply reply;
	uint8_t *golden, *stub, *frame;
	size_t golden_len, stub_len, len;

	golden = test_hex_decode(mem_ctx, hex, &golden_len);
	stub = test_hex_decode(mem_ctx, stub_hex, &stub_len);
	assert_non_null(golden);
	assert_non_null(stub);
	assert_int_equal(engine_proto_parse_header(golden, golden_len, &hdr), ENGINE_PROTO_OK);
	assert_int_equal(hdr.type, ENGINE_FRAME_REPLY);
	assert_int_equal(hdr.request_id, id);
	assert_int_equal(hdr.body_len, golden_len - 16);
	assert_int_equal(engine_proto_pull_reply(golden + 16, hdr.body_len, &reply), ENGINE_PROTO_OK);
	assert_int_equal(reply.fault, fault);
	assert_int_equal(reply.stub_len, stub_len);
	if (stub_len > 0) {
		assert_memory_equal(reply.stub, stub, stub_len);
	}
	assert_int_equal(engine_proto_push_reply(mem_ctx, id, &reply, &frame, &len), ENGINE_PROTO_OK);
	assert_int_equal(len, golden_len);
	assert_memory_equal(frame, golden, len);
	talloc_free(mem_ctx);
}

static void test_golden_replies(void **state)
{
	check_golden_reply(golden_fault_hex, 1, 0x1C010002U, "-");
	check_golden_reply(golden_reply_hex, 0xffffffffU, 0, "0a0b0c");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_result_strings),
		cmocka_unit_test(test_call_round_trip_all_fields),
		cmocka_unit_test(test_call_round_trip_extremes),
		cmocka_unit_test(test_call_null_and_empty_strings),
		cmocka_unit_test(test_call_empty_stub),
		cmocka_unit_test(test_call_large_stub),
		cmocka_unit_test(test_call_body_cap),
		cmocka_unit_test(test_call_string_limit),
		cmocka_unit_test(test_call_bad_iface_push),
		cmocka_unit_test(test_reply_round_trips),
		cmocka_unit_test(test_reply_body_cap),
		cmocka_unit_test(test_header_valid),
		cmocka_unit_test(test_header_truncated),
		cmocka_unit_test(test_header_bad_magic),
		cmocka_unit_test(test_header_bad_type),
		cmocka_unit_test(test_header_nonzero_flags),
		cmocka_unit_test(test_header_too_big),
		cmocka_unit_test(test_golden_call),
		cmocka_unit_test(test_call_token_sids),
		cmocka_unit_test(test_call_token_sids_refused),
		cmocka_unit_test(test_call_token_sids_wire),
		cmocka_unit_test(test_golden_rundown),
		cmocka_unit_test(test_golden_replies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
