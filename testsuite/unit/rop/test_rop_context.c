/*
 * Context fields (docs/rop.md): RopSetMessageReadFlag's ClientData (MS-OXCMSG 2.2.3.11.1) is on
 * the wire only in public folder mode, which the session knows and the bytes do not. The
 * generic round trip pulls into zeroed structs, so this test covers the mode-on branch: the
 * pull keeps the caller's mode, reads ClientData, refuses every truncation, and the push
 * writes ClientData only in that mode.
 */
#include <string.h>

#include "hex.h"
#include "rop_gen.h"
#include "tap.h"

/* RopId 0x11, LogonId 0, ResponseHandleIndex 1, InputHandleIndex 2, ReadFlags 0x04, then a
 * LongTermID: DatabaseGuid, GlobalCounter, Padding. */
static const char *public_hex = "1100010204"
				"00112233445566778899aabbccddeeff" "0102030405060000";

static uint32_t pull(TALLOC_CTX *ctx, const uint8_t *data, size_t len, bool public_mode,
		     struct rop_set_message_read_flag_request *req, size_t *used)
{
	struct mapi_propval_reader r;
	uint32_t st;

	memset(req, 0xA5, sizeof(*req));	/* whatever the caller had, but the mode */
	req->public_folder_mode = public_mode;
	mapi_propval_reader_init(&r, data, len, MAPI_PROPVAL_ROP, NULL);
	st = rop_set_message_read_flag_pull_request(ctx, &r, req);
	*used = r.off;
	return st;
}

static void test_public_mode(TALLOC_CTX *ctx, const uint8_t *data, size_t len)
{
	struct rop_set_message_read_flag_request req;
	struct mapi_propval_writer w;
	size_t used;
	bool all_refused = true;
	uint32_t st = pull(ctx, data, len, true, &req, &used);

	tap_ok(st == 0 && used == len, "public folder mode: decodes all %zu bytes (0x%08X)", len, st);
	tap_ok(req.public_folder_mode && req.read_flags == 0x04 && req.input_handle_index == 2 &&
	       req.client_data.database_guid[15] == 0xff &&
	       req.client_data.global_counter[5] == 0x06 && req.client_data.padding == 0,
	       "public folder mode: fields and ClientData read, mode kept");
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	st = rop_set_message_read_flag_push_request(&w, &req);
	tap_ok(st == 0 && w.len == len && memcmp(w.data, data, len) == 0,
	       "public folder mode: re-encodes byte for byte");
	for (size_t n = 0; n < len; n++) {
		all_refused &= pull(ctx, data, n, true, &req, &used) == ecRpcFormat;
	}
	tap_ok(all_refused, "public folder mode: all %zu truncations refused", len);
}

static void test_private_mode(TALLOC_CTX *ctx, const uint8_t *data, size_t len)
{
	struct rop_set_message_read_flag_request req;
	struct mapi_propval_writer w;
	static const uint8_t zero[16];
	size_t used;
	uint32_t st = pull(ctx, data, len, false, &req, &used);

	tap_ok(st == 0 && used == 5, "private mode: ClientData is not read (%zu bytes used)", used);
	tap_ok(memcmp(req.client_data.database_guid, zero, 16) == 0 && !req.public_folder_mode,
	       "private mode: ClientData reads as zero");
	mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
	st = rop_set_message_read_flag_push_request(&w, &req);
	tap_ok(st == 0 && w.len == 5 && memcmp(w.data, data, 5) == 0,
	       "private mode: encodes without ClientData");
}

int main(void)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	size_t len;
	uint8_t *data = test_hex_decode(ctx, public_hex, &len);

	if (tap_ok(data != NULL && len == 29, "vector parses")) {
		test_public_mode(ctx, data, len);
		test_private_mode(ctx, data, len);
	}
	talloc_free(ctx);
	return tap_done();
}
