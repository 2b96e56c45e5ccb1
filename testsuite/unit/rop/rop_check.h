/*
 * The check every ROP encoding in the tests goes through: decode with the ROP's codec (all bytes
 * consumed), re-encode byte for byte, and refuse every truncation and a wrong RopId.
 */
#ifndef SAMBEX_ROP_CHECK_H
#define SAMBEX_ROP_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <string.h>

#include "hex.h"
#include "rop_gen.h"
#include "tap.h"


static uint32_t rop_check_pull(TALLOC_CTX *mem_ctx, const struct rop_codec *c, bool response,
		     const struct mapi_proptag_array *columns, const uint8_t *data, size_t len,
		     size_t *used, void **out)
{
	struct mapi_propval_reader r;
	uint32_t st;

	*out = talloc_zero_size(mem_ctx, response ? c->response_size : c->request_size);
	if (*out == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	mapi_propval_reader_init(&r, data, len, MAPI_PROPVAL_ROP, NULL);
	st = response ? c->pull_response(mem_ctx, &r, columns, *out)
		      : c->pull_request(mem_ctx, &r, *out);
	*used = r.off;
	return st;
}

/*
 * Every truncation is refused; for an unframed response (it ends with every byte left) a
 * truncation may decode, but only by taking exactly the bytes it was given.
 */
static bool rop_check_truncations(TALLOC_CTX *mem_ctx, const struct rop_codec *c, bool response,
				  const struct mapi_proptag_array *columns, const uint8_t *data,
				  size_t len, size_t *bad_at)
{
	for (size_t n = 0; n < len; n++) {
		size_t used;
		void *out;
		uint32_t st = rop_check_pull(mem_ctx, c, response, columns, data, n, &used, &out);

		if (st == 0 && !(response && c->unframed && used == n)) {
			*bad_at = n;
			return false;
		}
	}
	return true;
}

/*
 * Runs the check on data (len bytes) as a request or a response of ROP rop_id (a response may
 * carry another RopId: RopGetMessageStatus answers 0x20), with columns for rows (may be NULL).
 * Prints TAP lines named after name. Returns true if every step passed. (Header-only, like
 * tap.h, so the TAP counter is the program's one.)
 */
static bool rop_check_as(const char *name, uint8_t rop_id, const uint8_t *data, size_t len,
			 bool response, const struct mapi_proptag_array *columns)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	const struct rop_codec *c = rop_codec_find(rop_id);
	struct mapi_propval_writer w;
	size_t used = 0, bad_at = 0;
	uint8_t *wrong;
	void *out;
	uint32_t st;
	bool ok = true;

	if (!tap_ok(c != NULL && (response ? c->pull_response != NULL : c->pull_request != NULL),
		    "%s: ROP described",
		    name)) {
		talloc_free(ctx);
		return false;
	}
	st = rop_check_pull(ctx, c, response, columns, data, len, &used, &out);
	ok &= tap_ok(st == 0 && used == len, "%s: decodes (0x%08X, %zu of %zu bytes)", name, st,
		     used, len);
	if (st == 0) {
		mapi_propval_writer_init(&w, ctx, MAPI_PROPVAL_ROP, NULL);
		st = response ? c->push_response(&w, columns, out) : c->push_request(&w, out);
		ok &= tap_ok(st == 0 && w.len == len && memcmp(w.data, data, len) == 0,
			     "%s: re-encodes byte for byte (0x%08X) %s", name, st,
			     st == 0 ? test_hex_encode(ctx, w.data, w.len) : "");
	}
	ok &= tap_ok(rop_check_truncations(ctx, c, response, columns, data, len, &bad_at),
		     "%s: all %zu truncations refused%s", name, len, bad_at ? " (not all)" : "");
	wrong = talloc_memdup(ctx, data, len);
	wrong[0] ^= 0x80;
	ok &= tap_ok(rop_check_pull(ctx, c, response, columns, wrong, len, &used, &out) == ecRpcFormat,
		     "%s: another RopId refused", name);
	talloc_free(ctx);
	return ok;
}

/* rop_check_as for the ROP named by the first byte (golden vectors). */
static inline bool rop_check(const char *name, const uint8_t *data, size_t len, bool response,
			     const struct mapi_proptag_array *columns)
{
	return len > 0 && rop_check_as(name, data[0], data, len, response, columns);
}

#endif
