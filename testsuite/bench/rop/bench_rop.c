/*
 * Benchmarks for libmapi/rop: a realistic EcDoRpcExt2 exchange of about 32 KB each way
 * (MS-OXCRPC 3.1.4.2: RPC_HEADER_EXT + ROP buffer, MS-OXCROPS 2.2.1), unpacked and packed again
 * through mapi_rpcext and rop_buffer, and LZ77 compression / decompression of the same bytes;
 * every figure with its ratio to memcpy of the same bytes measured in the same run.
 *
 * The request opens a folder, its contents table, sets 8 columns and asks for rows, then reads
 * and sets properties of messages (RopGetPropertiesSpecific, RopSetProperties with subjects and
 * bodies) until the ROP buffer holds 32 KB. The response answers with a mailbox listing
 * (RopQueryRows rows: IDs, entry IDs, times, sizes, UTF-16 subjects and senders), property rows
 * and RopSetProperties results, filled by rop_response_writer to its 32 KB budget.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "mapi_entryid.h"
#include "mapi_lz77.h"
#include "mapi_rpcext.h"
#include "rop_buffer.h"
#include "rop_gen.h"

#define ROP_BUFFER_BYTES MAPI_RPCEXT_MAX_PAYLOAD
#define MIN_SECONDS 0.5

/* one UTF-16 converter for the run, as a server keeps one per session */
static struct mapi_utf16_conv *conv;

/* PidTagMid, PidTagEntryId, delivery time, size, flags, subject, sender, message class */
static uint32_t table_tags[] = { 0x674A0014, 0x0FFF0102, 0x0E060040, 0x0E080003, 0x0E070003,
				 0x0037001F, 0x0C1A001F, 0x001A001F };
static struct mapi_proptag_array table_cols = { 8, table_tags };
/* subject, sender, size, flags, importance, body */
static uint32_t prop_tags[] = { 0x0037001F, 0x0C1A001F, 0x0E080003, 0x0E070003, 0x00170003,
				0x1000001F };
static struct mapi_proptag_array prop_cols = { 6, prop_tags };

static const char *subjects[] = { "Weekly status report", "RE: Budget review Q3",
	"Lunch on Friday?", "FW: Build failures on main", "Meeting notes", "Invoice 2026-0193" };
static const char *senders[] = { "Jane Doe", "Bob Martin", "Alice Ng", "IT Helpdesk" };

static uint32_t rng_state = 0x9E3779B9;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static struct mapi_propval val(uint32_t tag)
{
	return (struct mapi_propval){ .tag = tag };
}

/* One message's values for prop_tags; body_words words of body text. */
static struct mapi_propval *message_values(TALLOC_CTX *ctx, unsigned body_words)
{
	struct mapi_propval *v = talloc_array(ctx, struct mapi_propval, 6);
	char *body = talloc_strdup(ctx, "");

	for (unsigned i = 0; i < 6; i++) {
		v[i] = val(prop_tags[i]);
	}
	v[0].v.str = (char *)subjects[rng() % 6];
	v[1].v.str = (char *)senders[rng() % 4];
	v[2].v.i32 = (int32_t)(1000 + rng() % 100000);
	v[3].v.i32 = rng() % 2;
	v[4].v.i32 = 1;
	for (unsigned i = 0; i < body_words; i++) {
		body = talloc_asprintf_append(body, "%s ", subjects[rng() % 6]);
	}
	v[5].v.str = body;
	return v;
}

/* Appends one request to rops if its encoding still fits the ROP buffer. */
static bool add_request(TALLOC_CTX *ctx, struct rop_buffer *buf, size_t *used, uint8_t id,
			void *req)
{
	const struct rop_codec *c = rop_codec_find(id);
	struct mapi_propval_writer w;

	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	if (c->push_request(&w, req) != 0 ||
	    *used + w.len + 4 * buf->handle_count > ROP_BUFFER_BYTES) {
		return false;
	}
	*used += w.len;
	buf->rops = talloc_realloc(ctx, buf->rops, struct rop_buffer_rop, buf->rop_count + 1);
	buf->rops[buf->rop_count++] = (struct rop_buffer_rop){ .codec = c, .rop = req };
	return true;
}

static struct rop_buffer *make_requests(TALLOC_CTX *ctx)
{
	static uint32_t handles[4] = { 0x0A, 0xFFFFFFFF, 0xFFFFFFFF, 0x0B };
	struct rop_buffer *buf = talloc_zero(ctx, struct rop_buffer);
	struct rop_open_folder_request *of = talloc_zero(ctx, struct rop_open_folder_request);
	struct rop_get_contents_table_request *ct =
		talloc_zero(ctx, struct rop_get_contents_table_request);
	struct rop_set_columns_request *sc = talloc_zero(ctx, struct rop_set_columns_request);
	struct rop_query_rows_request *qr = talloc_zero(ctx, struct rop_query_rows_request);
	size_t used = 2;

	buf->handle_count = 4;
	buf->handles = handles;
	*of = (struct rop_open_folder_request){ .output_handle_index = 1,
						.folder_id = 0x0100000000000001ULL };
	*ct = (struct rop_get_contents_table_request){ .input_handle_index = 1,
						       .output_handle_index = 2 };
	*sc = (struct rop_set_columns_request){ .input_handle_index = 2,
						.property_tags = table_cols };
	*qr = (struct rop_query_rows_request){ .input_handle_index = 2, .forward_read = true,
					       .row_count = 100 };
	add_request(ctx, buf, &used, 0x02, of);
	add_request(ctx, buf, &used, 0x05, ct);
	add_request(ctx, buf, &used, 0x12, sc);
	add_request(ctx, buf, &used, 0x15, qr);
	for (;;) {
		struct rop_get_properties_specific_request *gp =
			talloc_zero(ctx, struct rop_get_properties_specific_request);
		struct rop_set_properties_request *sp =
			talloc_zero(ctx, struct rop_set_properties_request);

		*gp = (struct rop_get_properties_specific_request){ .input_handle_index = 3,
			.property_size_limit = 0x1000, .want_unicode = 1,
			.property_tags = prop_cols };
		*sp = (struct rop_set_properties_request){ .input_handle_index = 3,
			.property_value_count = 6, .property_values = message_values(ctx, 12) };
		if (!add_request(ctx, buf, &used, 0x07, gp) ||
		    !add_request(ctx, buf, &used, 0x0A, sp)) {
			return buf;
		}
	}
}

static void table_row(TALLOC_CTX *ctx, struct mapi_proprow *row, uint64_t mid)
{
	struct mapi_propval *v = talloc_array(ctx, struct mapi_propval, 8);
	uint8_t *eid = talloc_zero_array(ctx, uint8_t, MAPI_ENTRYID_MESSAGE_SIZE);

	for (unsigned i = 0; i < 8; i++) {
		v[i] = val(table_tags[i]);
	}
	memcpy(eid + 4, "\x1B\x55\xFA\x20\xAA\x66\x11\xCD\x9B\xC8\x00\xAA\x00\x2F\xC4\x5A", 16);
	eid[20] = 0x07;
	memcpy(eid + 62, &mid, 6);
	v[0].v.i64 = (int64_t)mid;
	v[1].v.bin = (struct mapi_binary){ MAPI_ENTRYID_MESSAGE_SIZE, eid };
	v[2].v.time = 0x01DC5A1B2C3D4E5FULL + mid * 1000;
	v[3].v.i32 = (int32_t)(1000 + rng() % 200000);
	v[4].v.i32 = rng() % 4 ? 1 : 0x11;
	v[5].v.str = (char *)subjects[rng() % 6];
	v[6].v.str = (char *)senders[rng() % 4];
	v[7].v.str = "IPM.Note";
	*row = (struct mapi_proprow){ .flag = 0, .count = 8, .values = v };
}

static const struct mapi_proptag_array *columns_of(void *private_data, uint32_t index,
						   const struct rop_codec *codec)
{
	return codec->id == 0x15 ? &table_cols : codec->id == 0x07 ? &prop_cols : NULL;
}

/* The server's answer, filled by rop_response_writer up to its budget. */
static struct rop_buffer *make_responses(TALLOC_CTX *ctx, const struct rop_buffer *req)
{
	struct rop_response_writer rw;
	struct rop_buffer *buf = talloc_zero(ctx, struct rop_buffer);
	uint8_t *out;
	size_t len;
	struct rop_open_folder_response of = { .output_handle_index = 1 };
	struct rop_get_contents_table_response ct = { .output_handle_index = 2, .row_count = 60 };
	struct rop_set_columns_response sc = { .input_handle_index = 2 };
	struct rop_query_rows_response qr = { .input_handle_index = 2, .origin = 2 };
	struct rop_set_properties_response sp = { .input_handle_index = 3 };
	uint32_t st;

	rop_response_writer_init(ctx, &rw, ROP_BUFFER_BYTES, req->handles, req->handle_count,
				 NULL);
	qr.row_data.count = 60;
	qr.row_data.rows = talloc_array(ctx, struct mapi_proprow, 60);
	for (uint16_t i = 0; i < 60; i++) {
		table_row(ctx, &qr.row_data.rows[i], 0x0001000000012A00ULL + 0x10000 * i);
	}
	rop_response_writer_push(&rw, rop_codec_find(0x02), NULL, &of);
	rop_response_writer_push(&rw, rop_codec_find(0x05), NULL, &ct);
	rop_response_writer_push(&rw, rop_codec_find(0x12), NULL, &sc);
	rop_response_writer_push(&rw, rop_codec_find(0x15), &table_cols, &qr);
	do {
		struct rop_get_properties_specific_response gp = { .input_handle_index = 3 };

		gp.row_data = (struct mapi_proprow){ .count = 6,
						     .values = message_values(ctx, 6) };
		st = rop_response_writer_push(&rw, rop_codec_find(0x07), &prop_cols, &gp);
		if (st == 0) {
			st = rop_response_writer_push(&rw, rop_codec_find(0x0A), NULL, &sp);
		}
	} while (st == 0);
	rop_response_writer_finish(ctx, &rw, &out, &len);
	if (rop_buffer_pull_responses(ctx, out, len, columns_of, NULL, NULL, buf) != 0) {
		return NULL;
	}
	return buf;
}

/* RPC_HEADER_EXT (uncompressed, Last) + the ROP buffer (MS-OXCRPC 3.1.4.2.1). */
static uint8_t *wrap(TALLOC_CTX *ctx, uint8_t *rops, size_t len, size_t *out_len)
{
	struct mapi_rpcext_payload p = { .data = rops, .length = len };
	uint8_t *out = NULL;

	mapi_rpcext_build(ctx, &p, 1, MAPI_RPCEXT_MAX_BUFFER, &out, out_len);
	return out;
}

/* One unpack + pack of an EcDoRpcExt2 payload; returns false on any error or difference. */
static bool round_trip(const uint8_t *payload, size_t len, bool response)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_rpcext_payload *p;
	struct rop_buffer buf;
	size_t count, rops_len, again_len = 0;
	uint8_t *rops, *again = NULL;
	bool ok = mapi_rpcext_parse(ctx, payload, len, 0, &p, &count) == 0 && count == 1;

	if (ok && response) {
		ok = rop_buffer_pull_responses(ctx, p->data, p->length, columns_of, NULL, conv,
					       &buf) == 0 &&
		     rop_buffer_push_responses(ctx, &buf, columns_of, NULL, conv, &rops,
					       &rops_len) == 0;
	} else if (ok) {
		ok = rop_buffer_pull_requests(ctx, p->data, p->length, conv, &buf) == 0 &&
		     rop_buffer_push_requests(ctx, &buf, conv, &rops, &rops_len) == 0;
	}
	if (ok) {
		again = wrap(ctx, rops, rops_len, &again_len);
		ok = again_len == len && memcmp(again, payload, len) == 0;
	}
	talloc_free(ctx);
	return ok;
}

static double mbs(double bytes, double seconds)
{
	return bytes / seconds / (1024.0 * 1024.0);
}

static double time_memcpy(const uint8_t *src, size_t len)
{
	static uint8_t copy[MAPI_RPCEXT_MAX_PAYLOAD + 64];
	double t0 = bench_now(), elapsed;
	long rounds;

	for (rounds = 0; (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		memcpy(copy, src, len);
		bench_consume(copy);
	}
	return mbs((double)len * rounds, elapsed);
}

/* MB/s of round_trip; 0 on failure. */
static double time_round_trip(const uint8_t *payload, size_t len, bool response)
{
	double t0 = bench_now(), elapsed;
	long rounds;

	for (rounds = 0; (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		if (!round_trip(payload, len, response)) {
			return 0;
		}
	}
	return mbs((double)len * rounds, elapsed);
}

/* LZ77 both ways over the same bytes; figures named prefix.lz77_*. */
static bool time_lz77(const char *prefix, const uint8_t *data, size_t len, double memcpy_mbs)
{
	static uint8_t packed[MAPI_RPCEXT_MAX_PAYLOAD * 2], plain[MAPI_RPCEXT_MAX_PAYLOAD + 64];
	size_t packed_len = 0;
	double t0, elapsed, comp, decomp;
	char name[96];
	long rounds;

	for (rounds = 0, t0 = bench_now(); (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		if (mapi_lz77_compress_buf(data, len, packed, sizeof(packed), &packed_len) != 0) {
			return false;
		}
		bench_consume(packed);
	}
	comp = mbs((double)len * rounds, elapsed);
	for (rounds = 0, t0 = bench_now(); (elapsed = bench_now() - t0) < MIN_SECONDS; rounds++) {
		if (mapi_lz77_decompress_buf(packed, packed_len, plain, len) != 0) {
			return false;
		}
		bench_consume(plain);
	}
	decomp = mbs((double)len * rounds, elapsed);
	snprintf(name, sizeof(name), "%s.lz77_compress", prefix);
	bench_report(name, comp, "MB/s");
	bench_ratio(name, comp, memcpy_mbs);
	snprintf(name, sizeof(name), "%s.lz77_decompress", prefix);
	bench_report(name, decomp, "MB/s");
	bench_ratio(name, decomp, memcpy_mbs);
	snprintf(name, sizeof(name), "%s.lz77_compressed_percent", prefix);
	bench_report(name, 100.0 * (double)packed_len / (double)len, "%");
	return memcmp(plain, data, len) == 0;
}

/* Builds, checks and times one direction. */
static bool run(TALLOC_CTX *ctx, const char *prefix, uint8_t *rops, size_t rops_len,
		bool response)
{
	size_t len;
	uint8_t *payload = wrap(ctx, rops, rops_len, &len);
	double copy_mbs = time_memcpy(payload, len), rt;
	char name[96];

	snprintf(name, sizeof(name), "%s.bytes", prefix);
	bench_report(name, (double)len, "bytes");
	snprintf(name, sizeof(name), "%s.memcpy", prefix);
	bench_report(name, copy_mbs, "MB/s");
	rt = time_round_trip(payload, len, response);
	snprintf(name, sizeof(name), "%s.unpack_pack", prefix);
	bench_report(name, rt, "MB/s");
	bench_ratio(name, rt, copy_mbs);
	return rt > 0 && time_lz77(prefix, rops, rops_len, time_memcpy(rops, rops_len));
}

int main(void)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct rop_buffer *req, *resp;
	uint8_t *req_rops, *resp_rops;
	size_t req_len, resp_len;

	conv = mapi_utf16_conv_new(ctx);
	req = make_requests(ctx);
	resp = make_responses(ctx, req);
	if (resp == NULL ||
	    rop_buffer_push_requests(ctx, req, NULL, &req_rops, &req_len) != 0 ||
	    rop_buffer_push_responses(ctx, resp, columns_of, NULL, NULL, &resp_rops,
				      &resp_len) != 0) {
		fprintf(stderr, "bench_rop: cannot build the payloads\n");
		return 1;
	}
	if (!run(ctx, "rop.ecdorpcext2_request_32k", req_rops, req_len, false) ||
	    !run(ctx, "rop.ecdorpcext2_response_32k", resp_rops, resp_len, true)) {
		fprintf(stderr, "bench_rop: a round trip or LZ77 check failed\n");
		return 1;
	}
	talloc_free(ctx);
	return 0;
}
