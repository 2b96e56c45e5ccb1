/*
 * Golden vectors for libmapi/core: guid.tsv (MS-DTYP 2.3.4.2 text <-> wire), filetime.tsv
 * (UTC date <-> FILETIME <-> little-endian wire bytes), utf16.tsv (UTF-8 <-> UTF-16LE, and inputs
 * that must be refused). Each row is one TAP test. Argument: the directory holding the files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hex.h"
#include "mapi_filetime.h"
#include "mapi_guid.h"
#include "mapi_utf16.h"
#include "tap.h"


static void guid_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	struct GUID g;
	uint8_t wire[16];
	size_t len = 0;
	uint8_t *want = test_hex_decode(mem_ctx, f[1], &len);
	char buf[MAPI_GUID_STRING_SIZE];
	bool ok = want != NULL && len == 16 && mapi_guid_parse(f[0], &g);

	if (ok) {
		mapi_guid_to_wire(&g, wire);
		ok = memcmp(wire, want, 16) == 0;
		mapi_guid_from_wire(want, &g);
		ok = ok && strcmp(mapi_guid_format(&g, buf), f[0]) == 0;
	}
	tap_ok(ok, "guid.tsv:%u %s", line, f[0]);
}

static void filetime_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	struct tm tm = { 0 };
	uint64_t want = strtoull(f[1], NULL, 10), ft = 0;
	size_t len = 0;
	uint8_t *wire = test_hex_decode(mem_ctx, f[2], &len);
	time_t t, back = 0;
	bool ok = strptime(f[0], "%Y-%m-%dT%H:%M:%S", &tm) != NULL && wire != NULL && len == 8;
	uint64_t wire_value = 0;

	t = timegm(&tm);
	for (size_t i = 0; ok && i < 8; i++) {
		wire_value |= (uint64_t)wire[i] << (8 * i);
	}
	ok = ok && wire_value == want && mapi_filetime_from_time(t, &ft) && ft == want &&
	     mapi_filetime_to_time(want, &back) && back == t;
	tap_ok(ok, "filetime.tsv:%u %s = %s", line, f[0], f[1]);
}

/* A refusal row: "error" (the UTF-8 side is invalid) or "error:HEX" (that UTF-16 is invalid). */
static bool utf16_refused(TALLOC_CTX *mem_ctx, const char *utf8, size_t utf8_len, const char *spec)
{
	uint8_t *out16;
	char *out8;
	size_t len;

	if (strcmp(spec, "error") == 0) {
		return mapi_utf16_from_utf8(NULL, mem_ctx, utf8, utf8_len, &out16, &len) == EILSEQ;
	}
	uint8_t *bad = test_hex_decode(mem_ctx, spec + strlen("error:"), &len);

	return bad != NULL && mapi_utf16_to_utf8(NULL, mem_ctx, bad, len, &out8, &len) == EILSEQ;
}

static void utf16_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t u8_len = 0, u16_len = 0, len = 0;
	uint8_t *u8 = test_hex_decode(mem_ctx, f[0], &u8_len);
	uint8_t *out16;
	char *out8;
	bool ok;

	if (strncmp(f[1], "error", 5) == 0) {
		ok = u8 != NULL && utf16_refused(mem_ctx, (const char *)u8, u8_len, f[1]);
	} else {
		uint8_t *u16 = test_hex_decode(mem_ctx, f[1], &u16_len);

		ok = u8 != NULL && u16 != NULL &&
		     mapi_utf16_from_utf8(NULL, mem_ctx, (const char *)u8, u8_len, &out16, &len) == 0 &&
		     len == u16_len && memcmp(out16, u16, len) == 0 &&
		     mapi_utf16_to_utf8(NULL, mem_ctx, u16, u16_len, &out8, &len) == 0 &&
		     len == u8_len && memcmp(out8, u8, len) == 0;
	}
	tap_ok(ok, "utf16.tsv:%u %s", line, n > 2 ? f[2] : f[0]);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	test_tsv_each_row(dir, "guid.tsv", 2, 8, guid_row);
	test_tsv_each_row(dir, "filetime.tsv", 3, 8, filetime_row);
	test_tsv_each_row(dir, "utf16.tsv", 2, 8, utf16_row);
	return tap_done();
}
