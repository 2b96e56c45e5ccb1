/*
 * Hex and TSV helpers shared by the vector tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "tap.h"

/* Vector rows carry hex payloads up to 32 KB (64 K hex digits). */
#define TSV_LINE_MAX (128 * 1024)

static int nibble(char c)
{
	if (c >= '0' && c <= '9') {
		return c - '0';
	}
	if (c >= 'a' && c <= 'f') {
		return c - 'a' + 10;
	}
	if (c >= 'A' && c <= 'F') {
		return c - 'A' + 10;
	}
	return -1;
}

uint8_t *test_hex_decode(TALLOC_CTX *mem_ctx, const char *hex, size_t *len_r)
{
	uint8_t *out = talloc_array(mem_ctx, uint8_t, strlen(hex) / 2 + 1);
	size_t n = 0;
	int hi = -1;

	if (out == NULL) {
		return NULL;
	}
	if (strcmp(hex, "-") == 0) {
		*len_r = 0;
		return out;
	}
	for (const char *p = hex; *p != '\0'; p++) {
		int v;

		if (*p == ' ') {
			continue;
		}
		v = nibble(*p);
		if (v < 0) {
			talloc_free(out);
			return NULL;
		}
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		talloc_free(out);
		return NULL;
	}
	*len_r = n;
	return out;
}

char *test_hex_encode(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char *out = talloc_array(mem_ctx, char, len * 2 + 1);

	if (out == NULL) {
		return NULL;
	}
	for (size_t i = 0; i < len; i++) {
		out[2 * i] = digits[data[i] >> 4];
		out[2 * i + 1] = digits[data[i] & 0xf];
	}
	out[len * 2] = '\0';
	return out;
}

size_t test_tsv_split(char *line, char **fields, size_t max)
{
	size_t n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '#' || line[0] == '\0') {
		return 0;
	}
	while (n < max) {
		fields[n++] = line;
		line = strchr(line, '\t');
		if (line == NULL) {
			break;
		}
		*line++ = '\0';
	}
	return n;
}

void test_tsv_each_row(const char *dir, const char *file, size_t min_fields, size_t max_fields,
		       test_tsv_row_fn fn)
{
	char path[4096];
	char *line = malloc(TSV_LINE_MAX);
	unsigned lineno = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	f = fopen(path, "r");
	if (!tap_ok(f != NULL && line != NULL, "%s opens", file)) {
		free(line);
		return;
	}
	while (fgets(line, TSV_LINE_MAX, f) != NULL) {
		char *fv[8];
		size_t n = test_tsv_split(line, fv, 8);
		TALLOC_CTX *tmp;

		lineno++;
		if (n == 0) {
			continue;
		}
		if (n + 1 == min_fields) {
			fv[n++] = (char *)"";	/* an empty last field an editor trimmed */
		}
		if (n < min_fields || n > max_fields) {
			tap_ok(false, "%s:%u has %zu fields, wants %zu to %zu", file, lineno, n,
			       min_fields, max_fields);
			continue;
		}
		tmp = talloc_new(NULL);
		fn(tmp, fv, n, lineno);
		talloc_free(tmp);
	}
	fclose(f);
	free(line);
}
