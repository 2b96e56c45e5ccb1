/*
 * Mutated samples: every byte of every generated sample set to 0x00, 0xFF, its value +1 and
 * its value with the low bit flipped. Decoding must never crash (ASan/UBSan build) and, when it
 * succeeds, re-encoding must give back exactly the bytes consumed: the codecs accept only
 * canonical encodings, so a server never answers differently from what it understood.
 */
#include <string.h>

#include "hex.h"
#include "rop_gen.h"
#include "rop_samples.h"
#include "tap.h"

struct mutation_stats {
	unsigned tried, decoded, mismatched;
};

static void try_one(TALLOC_CTX *ctx, const struct rop_codec *c, bool response,
		    const struct mapi_proptag_array *cols, const uint8_t *data, size_t len,
		    struct mutation_stats *stats)
{
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	void *out = talloc_zero_size(ctx, response ? c->response_size : c->request_size);
	uint32_t st;

	stats->tried++;
	mapi_propval_reader_init(&r, data, len, MAPI_PROPVAL_ROP, NULL);
	st = response ? c->pull_response(ctx, &r, cols, out) : c->pull_request(ctx, &r, out);
	if (st != 0) {
		return;
	}
	stats->decoded++;
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	st = response ? c->push_response(&w, cols, out) : c->push_request(&w, out);
	if (st != 0 || w.len != r.off || memcmp(w.data, data, r.off) != 0) {
		stats->mismatched++;
		tap_diag("%s %s: decoded %zu bytes, re-encoded %zu (0x%08X): %s", c->name,
			 response ? "response" : "request", r.off, w.len, st,
			 test_hex_encode(ctx, data, len));
	}
}

int main(void)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_proptag_array cols = {
		.count = rop_sample_column_count,
		.tags = talloc_memdup(ctx, rop_sample_columns,
				      rop_sample_column_count * sizeof(uint32_t)),
	};
	struct mutation_stats stats = { 0 };

	for (size_t i = 0; i < rop_sample_count; i++) {
		const struct rop_sample *s = &rop_samples[i];
		const struct rop_codec *c = rop_codec_find(s->rop_id);	/* not data[0] */
		size_t len;
		uint8_t *data = test_hex_decode(ctx, s->hex, &len);

		if (c == NULL || data == NULL) {
			continue;
		}
		for (size_t pos = 0; pos < len; pos++) {
			uint8_t orig = data[pos];
			const uint8_t values[] = { 0x00, 0xFF, (uint8_t)(orig + 1), orig ^ 0x01 };

			for (size_t v = 0; v < sizeof(values); v++) {
				TALLOC_CTX *tmp = talloc_new(ctx);

				data[pos] = values[v];
				try_one(tmp, c, s->response, &cols, data, len, &stats);
				talloc_free(tmp);
			}
			data[pos] = orig;
		}
	}
	tap_diag("%u mutated buffers, %u decoded", stats.tried, stats.decoded);
	tap_ok(stats.tried > 10000, "enough mutations tried (%u)", stats.tried);
	tap_ok(stats.mismatched == 0, "every decoded mutation re-encodes to its bytes (%u did not)",
	       stats.mismatched);
	talloc_free(ctx);
	return tap_done();
}
