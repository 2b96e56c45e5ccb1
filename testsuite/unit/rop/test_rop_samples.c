/*
 * Round trip of every described ROP (MS-OXCROPS 2.2): the samples ropc generates for each
 * request and response (success with conditions taken and not, failure, error shapes) decode,
 * re-encode byte for byte, and refuse every truncation. Also prints the coverage line.
 */
#include <stdio.h>
#include <string.h>

#include "hex.h"
#include "rop_check.h"
#include "rop_samples.h"
#include "tap.h"

static void check_coverage(void)
{
	bool every_rop_sampled = true;

	tap_diag("ROPs described: %zu of %d non-obsolete", rop_codec_count, ROP_NON_OBSOLETE_COUNT);
	for (size_t i = 0; i < rop_codec_count; i++) {
		bool req = rop_codecs[i].pull_request == NULL;
		bool resp = rop_codecs[i].pull_response == NULL;

		for (size_t j = 0; j < rop_sample_count; j++) {
			if (rop_samples[j].rop_id == rop_codecs[i].id) {
				req |= !rop_samples[j].response;
				resp |= rop_samples[j].response;
			}
		}
		every_rop_sampled &= req && resp;
	}
	tap_ok(every_rop_sampled, "every described ROP has request and response samples");
	tap_ok(rop_codec_find(0x00) == NULL, "reserved id 0x00 has no codec");
}

int main(void)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapi_proptag_array columns = {
		.count = rop_sample_column_count,
		.tags = talloc_memdup(ctx, rop_sample_columns,
				      rop_sample_column_count * sizeof(uint32_t)),
	};

	check_coverage();
	for (size_t i = 0; i < rop_sample_count; i++) {
		const struct rop_sample *s = &rop_samples[i];
		size_t len;
		uint8_t *data = test_hex_decode(ctx, s->hex, &len);

		if (!tap_ok(data != NULL, "%s: sample hex", s->label)) {
			continue;
		}
		rop_check_as(s->label, s->rop_id, data, len, s->response, &columns);
	}
	talloc_free(ctx);
	return tap_done();
}
