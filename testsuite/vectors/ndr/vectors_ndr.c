/*
 * Golden NDR vectors for the generated codecs: each data/<name>.vec file holds one request or
 * response stub (hex, one commented field per line) and the values it must decode to. For every
 * vector: the pull consumes every byte, the printed form shows the expected values, the push
 * gives back the same bytes, and every shorter prefix is refused without a crash.
 *
 * File format (lines; '#' starts a comment on hex lines):
 *   interface nspi|emsmdb|asyncemsmdb|rfr
 *   opnum N
 *   direction in|out
 *   hex 00 01 ...        bytes, in wire order
 *   expect TEXT          must appear, in order, in ndr_print output (whitespace ignored)
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asyncemsmdb.h"
#include "emsmdb.h"
#include "hex.h"
#include "nspi.h"
#include "rfr.h"
#include "tap.h"

struct vector {
	const char *name;
	const struct ndr_interface_table *table;
	uint32_t opnum;
	int flags;
	uint8_t *data;
	size_t len;
	const char **expect;
	size_t n_expect;
};

static const struct ndr_interface_table *table_by_name(const char *name)
{
	static const struct ndr_interface_table *const tables[] = {
		&sambex_ndr_table_emsmdb, &sambex_ndr_table_asyncemsmdb,
		&sambex_ndr_table_nspi, &sambex_ndr_table_rfr,
	};

	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		if (strcmp(tables[i]->name, name) == 0) {
			return tables[i];
		}
	}
	return NULL;
}

/* Copies s without any whitespace, so expectations need not match print's column padding. */
static char *squeeze(TALLOC_CTX *mem_ctx, const char *s)
{
	char *out = talloc_array(mem_ctx, char, strlen(s) + 1);
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (!isspace((unsigned char)*s)) {
			out[n++] = *s;
		}
	}
	out[n] = '\0';
	return out;
}

static bool append_hex(struct vector *v, TALLOC_CTX *mem_ctx, char *text)
{
	char *hash = strchr(text, '#');
	uint8_t *bytes;
	size_t n;

	if (hash != NULL) {
		*hash = '\0';
	}
	bytes = test_hex_decode(mem_ctx, text, &n);
	if (bytes == NULL) {
		return false;
	}
	v->data = talloc_realloc(mem_ctx, v->data, uint8_t, v->len + n + 1);
	memcpy(v->data + v->len, bytes, n);
	v->len += n;
	return true;
}

static bool parse_line(struct vector *v, TALLOC_CTX *mem_ctx, char *line)
{
	char *arg;

	line[strcspn(line, "\r\n")] = '\0';
	if (line[0] == '\0' || line[0] == '#') {
		return true;
	}
	arg = strchr(line, ' ');
	if (arg == NULL) {
		return false;
	}
	*arg++ = '\0';
	if (strcmp(line, "interface") == 0) {
		v->table = table_by_name(arg);
		return v->table != NULL;
	}
	if (strcmp(line, "opnum") == 0) {
		v->opnum = (uint32_t)strtoul(arg, NULL, 0);
		return true;
	}
	if (strcmp(line, "direction") == 0) {
		v->flags = strcmp(arg, "in") == 0 ? NDR_IN : strcmp(arg, "out") == 0 ? NDR_OUT : 0;
		return v->flags != 0;
	}
	if (strcmp(line, "hex") == 0) {
		return append_hex(v, mem_ctx, arg);
	}
	if (strcmp(line, "expect") == 0) {
		v->expect = talloc_realloc(mem_ctx, v->expect, const char *, v->n_expect + 1);
		v->expect[v->n_expect++] = squeeze(mem_ctx, arg);
		return true;
	}
	return false;
}

static struct vector *load_vector(TALLOC_CTX *mem_ctx, const char *dir, const char *name)
{
	struct vector *v = talloc_zero(mem_ctx, struct vector);
	char *path = talloc_asprintf(v, "%s/%s", dir, name);
	FILE *f = fopen(path, "r");
	char line[4096];
	bool ok = f != NULL;

	v->name = talloc_strdup(v, name);
	v->data = talloc_array(v, uint8_t, 1);
	while (ok && fgets(line, sizeof(line), f) != NULL) {
		ok = parse_line(v, v, line);
		if (!ok) {
			tap_diag("%s: bad line: %s", name, line);
		}
	}
	if (f != NULL) {
		fclose(f);
	}
	if (!ok || v->table == NULL || v->flags == 0 || v->opnum >= v->table->num_calls) {
		return NULL;
	}
	return v;
}

/* Pulls len bytes of v as its call; returns the call structure or NULL (error in *err). */
static void *pull_call(TALLOC_CTX *mem_ctx, const struct vector *v, size_t len,
		       enum ndr_err_code *err, uint32_t *consumed)
{
	const struct ndr_interface_call *call = &v->table->calls[v->opnum];
	DATA_BLOB blob = data_blob_const(v->data, len);
	struct ndr_pull *pull = ndr_pull_init_blob(&blob, mem_ctx);
	void *r = talloc_zero_size(mem_ctx, call->struct_size);

	pull->flags |= LIBNDR_FLAG_REF_ALLOC;
	*err = call->ndr_pull(pull, v->flags, r);
	*consumed = pull->offset;
	return *err == NDR_ERR_SUCCESS ? r : NULL;
}

static void check_vector(const struct vector *v)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	const struct ndr_interface_call *call = &v->table->calls[v->opnum];
	enum ndr_err_code err;
	uint32_t consumed;
	void *r = pull_call(tmp, v, v->len, &err, &consumed);
	size_t refused = 0;

	if (!tap_ok(r != NULL && consumed == v->len, "%s: %s pull consumes %zu bytes", v->name,
		    call->name, v->len)) {
		tap_diag("err %d (%s), consumed %u", err, ndr_map_error2string(err), consumed);
	}
	if (r != NULL) {
		char *text = ndr_print_function_string(tmp, call->ndr_print, call->name, v->flags, r);
		const char *at = squeeze(tmp, text != NULL ? text : "");
		bool all = true;

		for (size_t i = 0; i < v->n_expect; i++) {
			const char *hit = strstr(at, v->expect[i]);

			if (hit == NULL) {
				tap_diag("%s: missing (in order) '%s'", v->name, v->expect[i]);
				all = false;
				break;
			}
			at = hit + strlen(v->expect[i]);
		}
		if (!tap_ok(all && v->n_expect > 0, "%s: decodes to the %zu expected values", v->name,
			    v->n_expect)) {
			tap_diag("%s", text);
		}

		struct ndr_push *push = ndr_push_init_ctx(tmp);

		err = call->ndr_push(push, v->flags, r);
		if (!tap_ok(err == NDR_ERR_SUCCESS && push->offset == v->len &&
			    memcmp(push->data, v->data, v->len) == 0,
			    "%s: re-encodes byte-identically", v->name)) {
			tap_diag("push err %d, %u bytes: %s", err, push->offset,
				 test_hex_encode(tmp, push->data, push->offset));
		}
	} else {
		tap_ok(false, "%s: decodes to the expected values", v->name);
		tap_ok(false, "%s: re-encodes byte-identically", v->name);
	}
	for (size_t len = 0; len < v->len; len++) {
		if (pull_call(tmp, v, len, &err, &consumed) == NULL) {
			refused++;
		}
	}
	tap_ok(refused == v->len, "%s: all %zu truncations refused (%zu were)", v->name, v->len,
	       refused);
	talloc_free(tmp);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	char **names = NULL;
	size_t count = 0;
	struct dirent *de;
	DIR *dir = argc == 2 ? opendir(argv[1]) : NULL;

	if (!tap_ok(dir != NULL, "vector directory readable")) {
		return tap_done();
	}
	while ((de = readdir(dir)) != NULL) {
		size_t n = strlen(de->d_name);

		if (n > 4 && strcmp(de->d_name + n - 4, ".vec") == 0) {
			names = talloc_realloc(mem_ctx, names, char *, count + 1);
			names[count++] = talloc_strdup(names, de->d_name);
		}
	}
	closedir(dir);
	qsort(names, count, sizeof(names[0]), compare_names);
	tap_ok(count >= 16, "%zu vectors found", count);
	for (size_t i = 0; i < count; i++) {
		struct vector *v = load_vector(mem_ctx, argv[1], names[i]);

		if (!tap_ok(v != NULL, "%s: parses", names[i])) {
			continue;
		}
		check_vector(v);
	}
	talloc_free(mem_ctx);
	return tap_done();
}
