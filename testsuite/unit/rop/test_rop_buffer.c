/*
 * Unit tests: rop_buffer (MS-OXCROPS 2.2.1 ROP input/output buffers). The MS-OXCROPS 4.4 buffer,
 * framing errors, unknown RopIds, handle table indexes past the table on both sides, the
 * server's response budget with RopBufferTooSmall (2.2.15.1), RopBackoff (2.2.15.2) in an output
 * buffer, and client round trips of mixed requests and responses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "rop_buffer.h"
#include "rop_gen.h"

/* MS-OXCROPS 4.4: two RopRelease requests and a two-entry handle table. */
static const uint8_t release_pair[] = {
	0x08, 0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
	0x6F, 0x00, 0x00, 0x00, 0x6E, 0x00, 0x00, 0x00,
};

static void test_oxcrops_4_4(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_buffer buf;
	const struct rop_release_request *rel;
	uint8_t *out;
	size_t len;

	assert_int_equal(rop_buffer_pull_requests(ctx, release_pair, sizeof(release_pair), NULL,
						  &buf), 0);
	assert_int_equal(buf.rop_count, 2);
	assert_int_equal(buf.handle_count, 2);
	assert_int_equal(buf.handles[0], 0x6F);
	assert_int_equal(buf.handles[1], 0x6E);
	for (unsigned i = 0; i < 2; i++) {
		assert_int_equal(buf.rops[i].codec->id, ROP_ID_RELEASE);
		assert_int_equal(buf.rops[i].offset, 2 + 3 * i);
		assert_int_equal(buf.rops[i].length, 3);
		assert_int_equal(buf.rops[i].handle_index_count, 1);
		assert_int_equal(buf.rops[i].handle_index[0], i);
		rel = buf.rops[i].rop;
		assert_int_equal(rel->logon_id, 0);
		assert_int_equal(rel->input_handle_index, i);
	}
	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len), 0);
	assert_int_equal(len, sizeof(release_pair));
	assert_memory_equal(out, release_pair, len);
	talloc_free(ctx);
}

/* Every truncation either cuts RopsList (RopSize past the end) or leaves a partial handle. */
static void test_truncations(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_buffer buf;

	for (size_t n = 0; n < sizeof(release_pair); n++) {
		uint32_t st = rop_buffer_pull_requests(ctx, release_pair, n, NULL, &buf);

		if (n == 8 || n == 12) {
			/* whole RopsList, 0 or 1 handles: framing holds */
			assert_int_equal(st, 0);
			assert_int_equal(buf.handle_count, (n - 8) / 4);
		} else {
			assert_int_equal(st, ecRpcFormat);
		}
	}
	talloc_free(ctx);
}

static void expect_requests(const uint8_t *p, size_t n, uint32_t status)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_buffer buf;

	assert_int_equal(rop_buffer_pull_requests(ctx, p, n, NULL, &buf), status);
	talloc_free(ctx);
}

static void test_framing(void **state)
{
	static const uint8_t size0[] = { 0x00, 0x00 };
	static const uint8_t size1[] = { 0x01, 0x00, 0x00 };
	static const uint8_t past[] = { 0x06, 0x00, 0x01, 0x00, 0x00 };
	static const uint8_t table3[] = { 0x05, 0x00, 0x01, 0x00, 0x00, 1, 2, 3 };
	static const uint8_t empty[] = { 0x02, 0x00 };
	static const uint8_t empty_table[] = { 0x02, 0x00, 1, 0, 0, 0 };

	expect_requests(NULL, 0, ecRpcFormat);
	expect_requests(size0, 1, ecRpcFormat);
	expect_requests(size0, sizeof(size0), ecRpcFormat);
	expect_requests(size1, sizeof(size1), ecRpcFormat);
	expect_requests(past, sizeof(past), ecRpcFormat);
	expect_requests(table3, sizeof(table3), ecRpcFormat);
	expect_requests(empty, sizeof(empty), 0);
	expect_requests(empty_table, sizeof(empty_table), 0);
}

/* 3.2.5.1: a RopId the server cannot parse fails the call with 0x000004B6; nothing after it. */
static void test_unknown_rop(void **state)
{
	/* RopRelease, then a reserved id, a response-only id, an unassigned id */
	static const uint8_t ids[] = { 0x00, 0xFF, 0xF9, 0x6E, 0x2A, 0xFE - 0x60 };

	for (size_t i = 0; i < sizeof(ids); i++) {
		uint8_t b[] = { 0x08, 0x00, 0x01, 0x00, 0x00, ids[i], 0x00, 0x00, 0, 0, 0, 0 };
		TALLOC_CTX *ctx = talloc_new(NULL);
		struct rop_request_reader rr;
		struct rop_buffer_rop rop;

		if (rop_codec_find(ids[i]) != NULL && rop_codec_find(ids[i])->request_size != 0) {
			talloc_free(ctx);
			continue;	/* a real request id: not this test's business */
		}
		assert_int_equal(rop_request_reader_init(ctx, &rr, b, sizeof(b), NULL), 0);
		assert_int_equal(rop_request_reader_next(ctx, &rr, NULL, &rop), 0);
		assert_false(rop_request_reader_done(&rr));
		assert_null(rop_request_reader_peek(&rr, NULL));
		assert_int_equal(rop_request_reader_next(ctx, &rr, NULL, &rop), ecRpcFormat);
		expect_requests(b, sizeof(b), ecRpcFormat);
		talloc_free(ctx);
	}
}

/* A ROP cut by RopSize: its fields run past RopsList into the handle table. */
static void test_rop_cut_by_ropsize(void **state)
{
	/* RopOpenFolder needs 13 bytes; RopSize gives it 5, the table supplies 8 more */
	static const uint8_t b[] = { 0x07, 0x00, 0x02, 0x00, 0x00, 0x01, 0x00,
				     0, 0, 0, 0, 0, 0, 0, 0 };
	expect_requests(b, sizeof(b), ecRpcFormat);
	(void)state;
}

static void test_handle_index_server(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_request_reader rr;
	struct rop_buffer_rop rop;
	uint32_t h = 0xAAAA;

	/* the MS-OXCROPS 4.4 buffer with its second handle cut: index 1 is past the table */
	assert_int_equal(rop_request_reader_init(ctx, &rr, release_pair, 12, NULL), 0);
	assert_int_equal(rop_request_reader_next(ctx, &rr, NULL, &rop), 0);
	assert_int_equal(rop_request_reader_handle(&rr, rop.handle_index[0], &h), 0);
	assert_int_equal(h, 0x6F);
	assert_int_equal(rop_request_reader_next(ctx, &rr, NULL, &rop), 0);
	assert_int_equal(rop_request_reader_handle(&rr, rop.handle_index[0], &h), ecNullObject);
	assert_int_equal(h, 0x6F);
	assert_int_equal(rop_request_reader_handle(&rr, 0xFF, &h), ecNullObject);
	assert_true(rop_request_reader_done(&rr));
	assert_int_equal(rop_request_reader_next(ctx, &rr, NULL, &rop), ecRpcFormat);
	/* no table at all */
	assert_int_equal(rop_request_reader_init(ctx, &rr, release_pair, 8, NULL), 0);
	assert_int_equal(rop_request_reader_handle(&rr, 0, &h), ecNullObject);
	talloc_free(ctx);
}

static void test_handle_index_client_push(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_release_request rel = { .logon_id = 0, .input_handle_index = 2 };
	struct rop_buffer_rop rop = { .codec = rop_codec_find(ROP_ID_RELEASE), .rop = &rel };
	uint32_t handles[2] = { 1, 2 };
	struct rop_buffer buf = { .rop_count = 1, .rops = &rop, .handle_count = 2,
				  .handles = handles };
	uint8_t *out;
	size_t len;

	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	rel.input_handle_index = 1;
	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len), 0);
	assert_int_equal(len, 2 + 3 + 8);
	/* a response-only codec cannot be a request */
	rop.codec = rop_codec_find(ROP_ID_BUFFER_TOO_SMALL);
	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	rop.codec = NULL;
	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	talloc_free(ctx);
}

/* Requests whose RopsList exceeds RopSize's 16 bits are refused. */
static void test_ropsize_limit(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	const size_t n = 0xFFFF / 3;	/* 21845 RopRelease: 2 + 65535 bytes */
	struct rop_release_request rel = { 0 };
	struct rop_buffer_rop *rops = talloc_zero_array(ctx, struct rop_buffer_rop, n);
	uint32_t handle = 7;
	struct rop_buffer buf = { .rop_count = (uint32_t)n, .rops = rops, .handle_count = 1,
				  .handles = &handle };
	uint8_t *out;
	size_t len;

	for (size_t i = 0; i < n; i++) {
		rops[i].codec = rop_codec_find(ROP_ID_RELEASE);
		rops[i].rop = &rel;
	}
	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len),
			 MAPI_E_INVALID_PARAMETER);
	buf.rop_count--;
	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len), 0);
	assert_int_equal(len, 0xFFFF - 1 + 4);
	talloc_free(ctx);
}

/* Mixed requests: client push, server pull, same bytes again. */
static void test_requests_round_trip(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint32_t tags[] = { 0x3001001F, 0x0E080003 };
	struct rop_open_folder_request of = { .logon_id = 0, .input_handle_index = 0,
					      .output_handle_index = 1,
					      .folder_id = 0x0100000000000001ULL };
	struct rop_get_properties_specific_request gp = {
		.input_handle_index = 1, .property_size_limit = 0x1000, .want_unicode = 1,
		.property_tags = { .count = 2, .tags = tags } };
	struct rop_release_request rel = { .input_handle_index = 1 };
	struct rop_buffer_rop rops[] = {
		{ .codec = rop_codec_find(0x02), .rop = &of },
		{ .codec = rop_codec_find(0x07), .rop = &gp },
		{ .codec = rop_codec_find(0x01), .rop = &rel },
	};
	uint32_t handles[] = { 0x11, 0xFFFFFFFF };
	struct rop_buffer buf = { 3, rops, 2, handles }, back;
	uint8_t *out, *again;
	size_t len, len2;
	const struct rop_get_properties_specific_request *gp2;

	assert_int_equal(rop_buffer_push_requests(ctx, &buf, NULL, &out, &len), 0);
	assert_int_equal(mapi_le16_get(out), len - 8);
	assert_int_equal(rop_buffer_pull_requests(ctx, out, len, NULL, &back), 0);
	assert_int_equal(back.rop_count, 3);
	assert_int_equal(back.rops[0].handle_index_count, 2);
	assert_int_equal(back.rops[0].handle_index[1], 1);
	assert_int_equal(back.rops[2].offset + back.rops[2].length, len - 8);
	gp2 = back.rops[1].rop;
	assert_int_equal(gp2->property_tags.count, 2);
	assert_int_equal(gp2->property_tags.tags[1], 0x0E080003);
	assert_int_equal(back.handles[1], 0xFFFFFFFF);
	assert_int_equal(rop_buffer_push_requests(ctx, &back, NULL, &again, &len2), 0);
	assert_int_equal(len2, len);
	assert_memory_equal(again, out, len);
	talloc_free(ctx);
}

/* The context of a request is set between peek and next (RopSetMessageReadFlag, public mode). */
static void test_reader_context(void **state)
{
	static const uint8_t b[] = { 0x1F, 0x00, 0x11, 0x03, 0x00, 0x01, 0x01,
		/* ClientData: LongTermID, 24 bytes; its first byte is no RopId (0x00 reserved) */
		0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
		0, 0,
		/* handle table */
		0, 0, 0, 0 };
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_request_reader rr;
	struct rop_buffer_rop rop;
	struct rop_set_message_read_flag_request *req;
	const struct rop_codec *c;
	uint8_t logon = 0;

	assert_int_equal(rop_request_reader_init(ctx, &rr, b, sizeof(b), NULL), 0);
	c = rop_request_reader_peek(&rr, &logon);
	assert_non_null(c);
	assert_int_equal(c->id, 0x11);
	assert_int_equal(logon, 3);
	req = talloc_zero(ctx, struct rop_set_message_read_flag_request);
	req->public_folder_mode = true;
	assert_int_equal(rop_request_reader_next(ctx, &rr, req, &rop), 0);
	assert_ptr_equal(rop.rop, req);
	assert_int_equal(rop.length, 29);
	assert_true(rop_request_reader_done(&rr));
	assert_int_equal(rop.handle_index_count, 2);
	/* without the context the same bytes are not one ROP */
	expect_requests(b, sizeof(b), ecRpcFormat);
	talloc_free(ctx);
}

static const struct mapi_proptag_array *gp_columns(void *private_data, uint32_t index,
						   const struct rop_codec *codec)
{
	return codec->id == 0x07 ? private_data : NULL;
}

/* A RopGetPropertiesSpecific response with one row, a RopRelease-free failure, a RopBackoff. */
static void test_responses_round_trip(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	uint32_t tags[] = { 0x0E080003 };
	struct mapi_proptag_array cols = { 1, tags };
	struct mapi_propval val = { .tag = 0x0E080003, .v.i32 = 1234 };
	struct rop_get_properties_specific_response gp = {
		.input_handle_index = 1, .row_data = { .flag = 0, .count = 1, .values = &val } };
	struct rop_open_folder_response of = { .output_handle_index = 0,
					       .return_value = 0x8004010F };
	struct rop_backoff_rop br = { .rop_id_backoff = 0x07, .duration = 500 };
	struct rop_backoff_response bo = { .logon_id = 0, .duration = 1000,
					   .backoff_rop_count = 1, .backoff_rop_data = &br };
	struct rop_buffer_rop rops[] = {
		{ .codec = rop_codec_find(0x02), .rop = &of },
		{ .codec = rop_codec_find(0x07), .rop = &gp },
		{ .codec = rop_codec_find(0xF9), .rop = &bo },
	};
	uint32_t handles[] = { 5, 6 };
	struct rop_buffer buf = { 3, rops, 2, handles }, back;
	const struct rop_get_properties_specific_response *gp2;
	const struct rop_backoff_response *bo2;
	uint8_t *out, *again;
	size_t len, len2;

	assert_int_equal(rop_buffer_push_responses(ctx, &buf, gp_columns, &cols, NULL, &out,
						   &len), 0);
	assert_int_equal(rop_buffer_pull_responses(ctx, out, len, gp_columns, &cols, NULL,
						   &back), 0);
	assert_int_equal(back.rop_count, 3);
	assert_int_equal(back.rops[0].length, 6);
	gp2 = back.rops[1].rop;
	assert_int_equal(gp2->row_data.values[0].v.i32, 1234);
	bo2 = back.rops[2].rop;
	assert_int_equal(bo2->backoff_rop_data[0].duration, 500);
	assert_int_equal(rop_buffer_push_responses(ctx, &back, gp_columns, &cols, NULL, &again,
						   &len2), 0);
	assert_int_equal(len2, len);
	assert_memory_equal(again, out, len);
	/* without a column set the row cannot be read */
	assert_int_equal(rop_buffer_pull_responses(ctx, out, len, NULL, NULL, NULL, &back),
			 MAPI_E_INVALID_PARAMETER);
	/* the handle table cut to one entry: RopGetPropertiesSpecific's index 1 is past it */
	assert_int_equal(rop_buffer_pull_responses(ctx, out, len - 4, gp_columns, &cols, NULL,
						   &back), ecRpcFormat);
	/* a RopId without a response */
	out[2] = 0x01;
	assert_int_equal(rop_buffer_pull_responses(ctx, out, len, gp_columns, &cols, NULL,
						   &back), ecRpcFormat);
	talloc_free(ctx);
}

static void test_response_truncations(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_open_folder_response of = { .output_handle_index = 0 };
	struct rop_buffer_rop rops[] = { { .codec = rop_codec_find(0x02), .rop = &of } };
	uint32_t handle = 1;
	struct rop_buffer buf = { 1, rops, 1, &handle }, back;
	uint8_t *out;
	size_t len;

	assert_int_equal(rop_buffer_push_responses(ctx, &buf, NULL, NULL, NULL, &out, &len), 0);
	assert_int_equal(len, 2 + 8 + 4);
	for (size_t n = 0; n < len; n++) {
		/* n == 10: whole RopsList, no table: the handle index 0 is past it */
		assert_int_equal(rop_buffer_pull_responses(ctx, out, n, NULL, NULL, NULL, &back),
				 ecRpcFormat);
	}
	/* RopSize shortened: the response does not fit in RopsList */
	for (uint16_t rs = 3; rs < 10; rs++) {
		mapi_le16_put(out, rs);
		assert_int_equal(rop_buffer_pull_responses(ctx, out, rs + 4 * ((len - rs) / 4),
							   NULL, NULL, NULL, &back), ecRpcFormat);
	}
	talloc_free(ctx);
}

/* A response writer with responses of 6 bytes each (RopOpenFolder failures). */
static struct rop_open_folder_response fail_of = { .output_handle_index = 1,
						   .return_value = 0x8004010F };

static void test_writer_budget(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	const struct rop_codec *of = rop_codec_find(0x02);
	uint32_t handles[] = { 1, 2 };
	struct rop_response_writer rw;
	struct rop_buffer back;
	const struct rop_buffer_too_small_response *ts;
	static const uint8_t unprocessed[] = { 0x02, 0x00, 0x00, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0 };
	uint8_t *out;
	size_t len;

	/* 2 (RopSize) + 8 (table) + 3 x 6 = 28: room for three, then too small */
	assert_int_equal(rop_response_writer_init(ctx, &rw, 28 + 5, handles, 2, NULL), 0);
	assert_int_equal(rop_response_writer_room(&rw), 33 - 10);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rop_response_writer_push(&rw, of, NULL, &fail_of), 0);
	}
	assert_int_equal(rop_response_writer_room(&rw), 5);
	assert_int_equal(rop_response_writer_push(&rw, of, NULL, &fail_of), ecBufferTooSmall);
	assert_int_equal(rw.size_needed, 2 + 6 + 8);
	assert_int_equal(rw.w.len, 2 + 18);
	/* RopBufferTooSmall with 13 request bytes needs 16: does not fit in 5 */
	assert_int_equal(rop_response_writer_too_small(&rw, unprocessed, sizeof(unprocessed)),
			 ecBufferTooSmall);
	assert_int_equal(rw.w.len, 2 + 18);
	talloc_free(ctx);

	ctx = talloc_new(NULL);
	assert_int_equal(rop_response_writer_init(ctx, &rw, 38, handles, 2, NULL), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(rop_response_writer_push(&rw, of, NULL, &fail_of), 0);
	}
	assert_int_equal(rop_response_writer_push(&rw, of, NULL, &fail_of), 0);
	assert_int_equal(rop_response_writer_push(&rw, of, NULL, &fail_of), ecBufferTooSmall);
	assert_int_equal(rop_response_writer_set_handle(&rw, 1, 0x99), 0);
	assert_int_equal(rop_response_writer_set_handle(&rw, 2, 0x99), ecNullObject);
	/* 2 + 4 x 6 + 8 = 34 of 38: RopBufferTooSmall with 1 request byte takes the last 4 */
	assert_int_equal(rop_response_writer_too_small(&rw, unprocessed, 1), 0);
	assert_int_equal(rop_response_writer_push(&rw, of, NULL, &fail_of),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(rop_response_writer_too_small(&rw, unprocessed, 0),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(rop_response_writer_finish(ctx, &rw, &out, &len), 0);
	assert_int_equal(len, 38);
	assert_int_equal(mapi_le16_get(out), 2 + 24 + 4);
	assert_int_equal(mapi_le32_get(out + len - 4), 0x99);
	assert_int_equal(rop_buffer_pull_responses(ctx, out, len, NULL, NULL, NULL, &back), 0);
	assert_int_equal(back.rop_count, 5);
	assert_int_equal(back.rops[4].codec->id, 0xFF);
	ts = back.rops[4].rop;
	assert_int_equal(ts->size_needed, 16);
	assert_int_equal(ts->request_buffers.length, 1);
	assert_memory_equal(ts->request_buffers.data, unprocessed, 1);
	talloc_free(ctx);
}

/* The server loop: requests in, responses out, RopBufferTooSmall carrying the rest. */
static void test_server_loop(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	/* five RopRelease-like requests: RopGetPropertiesAll (0x08) x 5, 7 bytes each */
	uint8_t in[2 + 35 + 4];
	struct rop_request_reader rr;
	struct rop_buffer_rop rop;
	struct rop_response_writer rw;
	struct rop_buffer back;
	const struct rop_buffer_too_small_response *ts;
	uint32_t st = 0;
	uint8_t *out;
	size_t len;
	unsigned done = 0;

	mapi_le16_put(in, 37);
	for (int i = 0; i < 5; i++) {
		uint8_t *p = in + 2 + 7 * i;

		p[0] = 0x08; p[1] = 0; p[2] = 0;
		mapi_le16_put(p + 3, 0x100);
		mapi_le16_put(p + 5, (uint16_t)i);
	}
	mapi_le32_put(in + 37, 0x42);
	assert_int_equal(rop_request_reader_init(ctx, &rr, in, sizeof(in), NULL), 0);
	/* room for RopSize, the table, two responses of 29 bytes and a RopBufferTooSmall of 24 */
	assert_int_equal(rop_response_writer_init(ctx, &rw, 2 + 4 + 58 + 24, rr.handles,
						  rr.handle_count, NULL), 0);
	while (!rop_request_reader_done(&rr)) {
		/* any response of 29 bytes will do: a RopBackoff with 20 bytes of AdditionalData */
		uint8_t extra[20] = { 0 };
		struct rop_backoff_response big = { .duration = 10, .additional_data_size = 20,
						    .additional_data = extra };

		assert_int_equal(rop_request_reader_next(ctx, &rr, NULL, &rop), 0);
		st = rop_response_writer_push(&rw, rop_codec_find(0xF9), NULL, &big);
		if (st == ecBufferTooSmall) {
			const uint8_t *rest;
			size_t rest_len;

			rop_request_reader_unprocessed(&rr, &rop, &rest, &rest_len);
			assert_int_equal(rest_len, 7 * (5 - done));
			st = rop_response_writer_too_small(&rw, rest, rest_len);
			break;
		}
		assert_int_equal(st, 0);
		done++;
	}
	assert_int_equal(st, 0);
	assert_int_equal(done, 2);
	assert_int_equal(rop_response_writer_finish(ctx, &rw, &out, &len), 0);
	assert_int_equal(len, 2 + 4 + 58 + 24);
	assert_int_equal(rw.size_needed, 2 + 29 + 4);
	assert_int_equal(rop_buffer_pull_responses(ctx, out, len, NULL, NULL, NULL, &back), 0);
	assert_int_equal(back.rop_count, 3);
	ts = back.rops[2].rop;
	assert_int_equal(ts->request_buffers.length, 21);
	assert_memory_equal(ts->request_buffers.data, in + 2 + 14, 21);
	/* the client resends them under a RopSize of their own, with its handle table */
	{
		uint8_t again[2 + 21 + 4];
		struct rop_buffer resent;

		mapi_le16_put(again, 2 + 21);
		memcpy(again + 2, ts->request_buffers.data, 21);
		mapi_le32_put(again + 23, 0x42);
		assert_int_equal(rop_buffer_pull_requests(ctx, again, sizeof(again), NULL,
							  &resent), 0);
		assert_int_equal(resent.rop_count, 3);
	}
	talloc_free(ctx);
}

/* The writer refuses what cannot be sent. */
static void test_writer_refusals(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_response_writer rw;
	struct rop_release_request rel = { 0 };
	uint8_t *out;
	size_t len;

	assert_int_equal(rop_response_writer_init(ctx, &rw, 100, NULL, 1, NULL),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(rop_response_writer_init(ctx, &rw, 100, NULL, 0, NULL), 0);
	/* a response naming index 1 with an empty table */
	assert_int_equal(rop_response_writer_push(&rw, rop_codec_find(0x02), NULL, &fail_of),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(rw.w.len, 2);
	/* RopRelease has no response */
	assert_int_equal(rop_response_writer_push(&rw, rop_codec_find(0x01), NULL, &rel),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(rop_response_writer_push(&rw, NULL, NULL, &rel),
			 MAPI_E_INVALID_PARAMETER);
	assert_int_equal(rop_response_writer_set_handle(&rw, 0, 1), ecNullObject);
	assert_int_equal(rop_response_writer_finish(ctx, &rw, &out, &len), 0);
	assert_int_equal(len, 2);
	assert_int_equal(out[0], 2);
	/* a limit smaller than RopSize and the table: nothing fits, not even RopBufferTooSmall */
	assert_int_equal(rop_response_writer_init(ctx, &rw, 1, NULL, 0, NULL), 0);
	assert_int_equal(rop_response_writer_room(&rw), 0);
	assert_int_equal(rop_response_writer_too_small(&rw, NULL, 0), ecBufferTooSmall);
	talloc_free(ctx);
}

/* SizeNeeded saturates at 16 bits; RopsList never passes RopSize's 16 bits. */
static void test_writer_ropsize_cap(void **state)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_response_writer rw;
	struct rop_buffer_too_small_response big;
	uint8_t *blob = talloc_zero_array(ctx, uint8_t, 0x10000);

	big.size_needed = 1;
	big.request_buffers.length = 0xFFFF - 2;
	big.request_buffers.data = blob;
	assert_int_equal(rop_response_writer_init(ctx, &rw, 0x40000, NULL, 0, NULL), 0);
	/* 2 + 3 + 65533 = 65538 > 65535 */
	assert_int_equal(rop_response_writer_push(&rw, rop_codec_find(0xFF), NULL, &big),
			 ecBufferTooSmall);
	assert_int_equal(rw.size_needed, 0xFFFF);
	big.request_buffers.length = 0xFFFF - 5;
	assert_int_equal(rop_response_writer_push(&rw, rop_codec_find(0xFF), NULL, &big), 0);
	assert_int_equal(rop_response_writer_room(&rw), 0);
	talloc_free(ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_oxcrops_4_4),
		cmocka_unit_test(test_truncations),
		cmocka_unit_test(test_framing),
		cmocka_unit_test(test_unknown_rop),
		cmocka_unit_test(test_rop_cut_by_ropsize),
		cmocka_unit_test(test_handle_index_server),
		cmocka_unit_test(test_handle_index_client_push),
		cmocka_unit_test(test_ropsize_limit),
		cmocka_unit_test(test_requests_round_trip),
		cmocka_unit_test(test_reader_context),
		cmocka_unit_test(test_responses_round_trip),
		cmocka_unit_test(test_response_truncations),
		cmocka_unit_test(test_writer_budget),
		cmocka_unit_test(test_server_loop),
		cmocka_unit_test(test_writer_refusals),
		cmocka_unit_test(test_writer_ropsize_cap),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
