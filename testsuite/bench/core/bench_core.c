/*
 * Benchmarks for libmapi/core: UTF-8 <-> UTF-16LE conversion throughput, against memcpy of the
 * same bytes in the same run, and the cost of short-string conversion with a reused converter
 * against one opened per call (why struct mapi_utf16_conv exists).
 */
#include <string.h>

#include "bench.h"
#include "mapi_utf16.h"

#define TEXT_BYTES (4 * 1024 * 1024)
#define ROUNDS 20
#define SHORT_STRINGS 200000

/* Mixed text: mostly ASCII display names with some accented and CJK characters, as in a GAL. */
static char *make_text(TALLOC_CTX *mem_ctx, size_t size)
{
	static const char sample[] = "Jos\xc3\xa9 M\xc3\xbcller <jose@example.test> \xe6\x97\xa5\xe6\x9c\xac ";
	char *text = talloc_array(mem_ctx, char, size);
	size_t n = sizeof(sample) - 1;

	for (size_t i = 0; i + n <= size; i += n) {
		memcpy(text + i, sample, n);
	}
	return text;
}

static double throughput(double bytes, double seconds)
{
	return bytes / seconds / (1024.0 * 1024.0);
}

int main(void)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_utf16_conv *conv = mapi_utf16_conv_new(mem_ctx);
	size_t len = TEXT_BYTES - TEXT_BYTES % 41;	/* whole samples only */
	char *text = make_text(mem_ctx, len);
	char *copy = talloc_array(mem_ctx, char, len);
	uint8_t *u16 = NULL;
	char *u8 = NULL;
	size_t u16_len = 0, u8_len = 0;
	double t0, memcpy_mbs, to16_mbs, to8_mbs, reused, fresh;

	t0 = bench_now();
	for (int i = 0; i < ROUNDS; i++) {
		memcpy(copy, text, len);
		bench_consume(copy);
	}
	memcpy_mbs = throughput((double)len * ROUNDS, bench_now() - t0);

	t0 = bench_now();
	for (int i = 0; i < ROUNDS; i++) {
		TALLOC_FREE(u16);
		mapi_utf16_from_utf8(conv, mem_ctx, text, len, &u16, &u16_len);
	}
	to16_mbs = throughput((double)len * ROUNDS, bench_now() - t0);

	t0 = bench_now();
	for (int i = 0; i < ROUNDS; i++) {
		TALLOC_FREE(u8);
		mapi_utf16_to_utf8(conv, mem_ctx, u16, u16_len, &u8, &u8_len);
	}
	to8_mbs = throughput((double)len * ROUNDS, bench_now() - t0);

	bench_report("core.memcpy", memcpy_mbs, "MB/s");
	bench_report("core.utf8_to_utf16", to16_mbs, "MB/s");
	bench_ratio("core.utf8_to_utf16_vs_memcpy", to16_mbs, memcpy_mbs);
	bench_report("core.utf16_to_utf8", to8_mbs, "MB/s");
	bench_ratio("core.utf16_to_utf8_vs_memcpy", to8_mbs, memcpy_mbs);

	t0 = bench_now();
	for (int i = 0; i < SHORT_STRINGS; i++) {
		mapi_utf16_from_utf8(conv, mem_ctx, "Jos\xc3\xa9 M\xc3\xbcller", 13, &u16, &u16_len);
		TALLOC_FREE(u16);
	}
	reused = (bench_now() - t0) / SHORT_STRINGS * 1e9;

	t0 = bench_now();
	for (int i = 0; i < SHORT_STRINGS; i++) {
		mapi_utf16_from_utf8(NULL, mem_ctx, "Jos\xc3\xa9 M\xc3\xbcller", 13, &u16, &u16_len);
		TALLOC_FREE(u16);
	}
	fresh = (bench_now() - t0) / SHORT_STRINGS * 1e9;

	bench_report("core.short_string_reused_conv", reused, "ns");
	bench_report("core.short_string_fresh_conv", fresh, "ns");
	bench_ratio("core.fresh_vs_reused_conv", fresh, reused);
	talloc_free(mem_ctx);
	return 0;
}
