/*
 * Golden ROP buffers (rop.tsv): the byte examples of section 4 of MS-OXCPRPT, MS-OXCTABL,
 * MS-OXCFOLD, MS-OXCMSG and MS-OXCSTOR, decoded and re-encoded through the generated codecs
 * (MS-OXCROPS 2.2), every truncation refused; dumps the spec cuts short must be refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rop_check.h"

static bool parse_columns(TALLOC_CTX *ctx, char *text, struct mapi_proptag_array *cols)
{
	cols->count = 0;
	cols->tags = talloc_zero_array(ctx, uint32_t, 64);
	if (strcmp(text, "-") == 0) {
		return true;
	}
	for (char *tok = strtok(text, ","); tok != NULL; tok = strtok(NULL, ",")) {
		if (cols->count == 64) {
			return false;
		}
		cols->tags[cols->count++] = (uint32_t)strtoul(tok, NULL, 16);
	}
	return true;
}

static void check_refused(TALLOC_CTX *ctx, const char *name, const uint8_t *data, size_t len,
			  bool response, const struct mapi_proptag_array *cols, uint32_t want)
{
	const struct rop_codec *c = rop_codec_find(data[0]);
	size_t used;
	void *out;
	uint32_t st;

	if (!tap_ok(c != NULL, "%s: ROP described", name)) {
		return;
	}
	st = rop_check_pull(ctx, c, response, cols, data, len, &used, &out);
	tap_ok(st == want, "%s: refused with 0x%08X (got 0x%08X)", name, want, st);
}

static void run_line(TALLOC_CTX *ctx, char *line, unsigned *rows)
{
	char *f[6];
	struct mapi_proptag_array cols;
	uint8_t *data;
	size_t len;
	bool response;

	if (test_tsv_split(line, f, 6) != 6) {
		return;
	}
	(*rows)++;
	response = strcmp(f[2], "response") == 0;
	data = test_hex_decode(ctx, f[4], &len);
	if (!tap_ok(data != NULL && len > 0 && parse_columns(ctx, f[3], &cols), "%s: row parses",
		    f[0])) {
		return;
	}
	if (strcmp(f[5], "ok") == 0) {
		rop_check(f[0], data, len, response, strcmp(f[3], "-") == 0 ? NULL : &cols);
	} else if (strncmp(f[5], "error:", 6) == 0) {
		check_refused(ctx, f[0], data, len, response, &cols,
			      (uint32_t)strtoul(f[5] + 6, NULL, 16));
	} else {
		tap_ok(false, "%s: unknown expectation %s", f[0], f[5]);
	}
}

int main(int argc, char **argv)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	char path[4096], line[16384];
	unsigned rows = 0;
	FILE *fp;

	if (argc != 2) {
		fprintf(stderr, "usage: vectors_rop DIR\n");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/rop.tsv", argv[1]);
	fp = fopen(path, "r");
	if (!tap_ok(fp != NULL, "open %s", path)) {
		return tap_done();
	}
	while (fgets(line, sizeof(line), fp) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		run_line(ctx, line, &rows);
	}
	fclose(fp);
	tap_diag("%u golden ROP buffers", rows);
	tap_ok(rows >= 60, "at least 60 golden vectors (%u)", rows);
	talloc_free(ctx);
	return tap_done();
}
