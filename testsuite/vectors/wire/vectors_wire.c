/*
 * Golden vectors for libmapi/wire: rpcext.tsv (RPC_HEADER_EXT chains, MS-OXCRPC 2.2.2.1 and the
 * buffers of section 4), lz77.tsv (3.1.4.1.1.2 examples as byte streams), aux.tsv (2.2.2.2 and
 * the 4.1 auxiliary payload). Every row is decoded to its documented fields and encoded again
 * byte for byte. Argument: the directory holding the files.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mapi_aux.h"
#include "mapi_lz77.h"
#include "mapi_rpcext.h"
#include "tap.h"



/* Hex with spaces, plus "HH*N" for a byte repeated N times; "-" or "" is empty. NULL if bad. */
static uint8_t *bytes_decode(TALLOC_CTX *mem_ctx, const char *text, size_t *len_r)
{
	char *copy = talloc_strdup(mem_ctx, text), *save = NULL;
	uint8_t *out = talloc_array(mem_ctx, uint8_t, 1);
	size_t len = 0;

	for (char *tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *star = strchr(tok, '*');
		size_t n = 0, count = 1;
		uint8_t *part;

		if (strcmp(tok, "-") == 0) {
			continue;
		}
		if (star != NULL) {
			*star = '\0';
			count = strtoul(star + 1, NULL, 10);
		}
		part = test_hex_decode(mem_ctx, tok, &n);
		if (part == NULL || (star != NULL && n != 1)) {
			return NULL;
		}
		out = talloc_realloc(mem_ctx, out, uint8_t, len + n * count + 1);
		for (size_t i = 0; i < count; i++) {
			memcpy(out + len, part, n);
			len += n;
		}
	}
	*len_r = len;
	return out;
}

/* ---------------------------------------------------------------- rpcext.tsv */

static bool headers_match(const struct mapi_rpcext_payload *p, size_t count, const char *want)
{
	char *copy = strdup(want), *save = NULL;
	size_t i = 0;
	bool ok = true;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		unsigned flags, size, actual;

		if (sscanf(tok, "%x/%x/%x", &flags, &size, &actual) != 3 || i >= count ||
		    p[i].header.version != 0 || p[i].header.flags != flags ||
		    p[i].header.size != size || p[i].header.size_actual != actual) {
			ok = false;
			break;
		}
		i++;
	}
	free(copy);
	return ok && i == count;
}

static bool payloads_match(TALLOC_CTX *mem_ctx, const struct mapi_rpcext_payload *p, size_t count,
			   const char *want)
{
	char *copy = talloc_strdup(mem_ctx, want);
	size_t i = 0;

	for (char *part = copy; part != NULL; i++) {
		char *bar = strchr(part, '|');
		size_t len = 0;
		uint8_t *bytes;

		if (bar != NULL) {
			*bar = '\0';
		}
		bytes = bytes_decode(mem_ctx, part, &len);
		if (bytes == NULL || i >= count || p[i].length != len ||
		    (len > 0 && memcmp(p[i].data, bytes, len) != 0)) {
			return false;
		}
		part = bar != NULL ? bar + 1 : NULL;
	}
	return i == count;
}

static void rpcext_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t len = 0, count = 0, out_len = 0;
	uint8_t *wire = bytes_decode(mem_ctx, f[2], &len), *out = NULL;
	struct mapi_rpcext_payload *p = NULL;
	uint32_t ret;

	if (!tap_ok(wire != NULL, "rpcext.tsv:%u %s: bytes", line, f[0])) {
		return;
	}
	ret = mapi_rpcext_parse(mem_ctx, wire, len, 0, &p, &count);
	if (strncmp(f[3], "error:", 6) == 0) {
		uint32_t want = (uint32_t)strtoul(f[3] + 6, NULL, 16);

		tap_ok(ret == want, "rpcext.tsv:%u %s: refused with 0x%08" PRIx32
		       " (got 0x%08" PRIx32 ")", line, f[0], want, ret);
		return;
	}
	if (!tap_ok(ret == 0, "rpcext.tsv:%u %s: parses (0x%08" PRIx32 ")", line, f[0], ret)) {
		return;
	}
	tap_ok(headers_match(p, count, f[3]), "rpcext.tsv:%u %s: headers %s", line, f[0], f[3]);
	tap_ok(payloads_match(mem_ctx, p, count, f[4]), "rpcext.tsv:%u %s: payloads", line, f[0]);
	ret = mapi_rpcext_build(mem_ctx, p, count, len, &out, &out_len);
	tap_ok(ret == 0 && out_len == len && memcmp(out, wire, len) == 0,
	       "rpcext.tsv:%u %s: re-encodes byte for byte", line, f[0]);
}

/* ---------------------------------------------------------------- lz77.tsv */

static void lz77_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t plain_len = 0, packed_len = 0, out_len = 0;
	uint8_t *plain = bytes_decode(mem_ctx, f[2], &plain_len);
	uint8_t *packed = bytes_decode(mem_ctx, f[3], &packed_len);
	uint8_t *out = NULL;

	if (!tap_ok(plain != NULL && packed != NULL, "lz77.tsv:%u %s: bytes", line, f[0])) {
		return;
	}
	tap_ok(mapi_lz77_decompress(mem_ctx, packed, packed_len, plain_len, &out) == 0 &&
	       (plain_len == 0 || memcmp(out, plain, plain_len) == 0),
	       "lz77.tsv:%u %s: decodes to %zu bytes", line, f[0], plain_len);
	tap_ok(mapi_lz77_compress(mem_ctx, plain, plain_len, &out, &out_len) == 0 &&
	       out_len == packed_len && memcmp(out, packed, packed_len) == 0,
	       "lz77.tsv:%u %s: encodes to the same %zu bytes", line, f[0], packed_len);
}

/* ---------------------------------------------------------------- aux.tsv */

static char *str_or_null(TALLOC_CTX *mem_ctx, const char *s)
{
	return s == NULL ? talloc_strdup(mem_ctx, "null") : talloc_asprintf(mem_ctx, "\"%s\"", s);
}

/* The fields of the kinds aux.tsv uses, in the spec's order. */
static char *block_describe(TALLOC_CTX *mem_ctx, const struct mapi_aux_block *b)
{
	char *s = talloc_asprintf(mem_ctx, "%s v%u t0x%02x", mapi_aux_kind_name(b->kind),
				  b->version, b->type);

	switch (b->kind) {
	case MAPI_AUX_EXORGINFO:
		return talloc_asprintf_append(s, " org_flags=0x%" PRIx32, b->u.exorginfo.org_flags);
	case MAPI_AUX_CLIENT_CONTROL:
		return talloc_asprintf_append(s, " enable_flags=0x%" PRIx32 " expiry_time=%" PRIu32,
					      b->u.client_control.enable_flags,
					      b->u.client_control.expiry_time);
	case MAPI_AUX_ENDPOINT_CAPABILITIES:
		return talloc_asprintf_append(s, " endpoint_capability_flags=0x%" PRIx32,
				b->u.endpoint_capabilities.endpoint_capability_flags);
	case MAPI_AUX_SERVER_CAPABILITIES:
		return talloc_asprintf_append(s, " server_capability_flags=0x%" PRIx32,
				b->u.server_capabilities.server_capability_flags);
	case MAPI_AUX_SERVER_SESSION_INFO:
		return talloc_asprintf_append(s, " server_session_context_info=%s",
				str_or_null(mem_ctx,
					    b->u.server_session_info.server_session_context_info));
	case MAPI_AUX_PERF_REQUESTID:
		return talloc_asprintf_append(s, " session_id=%u request_id=%u",
					      b->u.perf_requestid.session_id,
					      b->u.perf_requestid.request_id);
	case MAPI_AUX_PERF_FAILURE_V2: {
		const struct mapi_aux_perf_failure_v2 *v = &b->u.perf_failure_v2;

		return talloc_asprintf_append(s, " process_id=%u client_id=%u server_id=%u"
			" session_id=%u request_id=%u time_since_request=%" PRIu32
			" time_to_fail_request=%" PRIu32 " result_code=0x%08" PRIx32
			" request_operation=%u", v->process_id, v->client_id, v->server_id,
			v->session_id, v->request_id, v->time_since_request,
			v->time_to_fail_request, v->result_code, v->request_operation);
	}
	case MAPI_AUX_PERF_SERVERINFO:
		return talloc_asprintf_append(s, " server_id=%u server_type=%u server_dn=%s"
			" server_name=%s", b->u.perf_serverinfo.server_id,
			b->u.perf_serverinfo.server_type,
			str_or_null(mem_ctx, b->u.perf_serverinfo.server_dn),
			str_or_null(mem_ctx, b->u.perf_serverinfo.server_name));
	default:
		return s;
	}
}

static void aux_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t len = 0, count = 0, out_len = 0;
	uint8_t *wire = bytes_decode(mem_ctx, f[2], &len), *out = NULL;
	struct mapi_aux_block *b = NULL;
	char *desc = talloc_strdup(mem_ctx, "");

	if (!tap_ok(wire != NULL, "aux.tsv:%u %s: bytes", line, f[0]) ||
	    !tap_ok(mapi_aux_parse(mem_ctx, wire, len, &b, &count) == 0, "aux.tsv:%u %s: parses",
		    line, f[0])) {
		return;
	}
	for (size_t i = 0; i < count; i++) {
		desc = talloc_asprintf_append(desc, "%s%s", i ? " | " : "",
					      block_describe(mem_ctx, &b[i]));
	}
	if (!tap_ok(strcmp(desc, f[3]) == 0, "aux.tsv:%u %s: fields", line, f[0])) {
		tap_diag("got:  %s", desc);
		tap_diag("want: %s", f[3]);
	}
	tap_ok(mapi_aux_build(mem_ctx, b, count, &out, &out_len) == 0 && out_len == len &&
	       memcmp(out, wire, len) == 0, "aux.tsv:%u %s: raw re-encoding", line, f[0]);
	for (size_t i = 0; i < count; i++) {
		if (b[i].kind != MAPI_AUX_RAW) {
			b[i].raw = NULL;	/* encode from the typed fields */
		}
	}
	tap_ok(mapi_aux_build(mem_ctx, b, count, &out, &out_len) == 0 && out_len == len &&
	       memcmp(out, wire, len) == 0, "aux.tsv:%u %s: typed re-encoding", line, f[0]);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	test_tsv_each_row(dir, "rpcext.tsv", 5, 8, rpcext_row);
	test_tsv_each_row(dir, "lz77.tsv", 4, 8, lz77_row);
	test_tsv_each_row(dir, "aux.tsv", 4, 8, aux_row);
	return tap_done();
}
