/*
 * Fuzz target: property value structures (MS-OXCDATA 2.7, 2.8, 2.10, 2.11, 2.13).
 * Byte 0 picks the structure (below) and, in bit 7, the context (ROP buffer or extended rule).
 * Value structures with a type from the context take it from bytes 1-2; rows take a column count
 * (byte 1) and that many 4-byte tags. The rest is the input. Whatever decodes must encode back to
 * exactly the bytes consumed and decode again to an equal value.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mapi_proprow.h"
#include "mapi_restriction.h"
#include "mapi_sortorder.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum mode {
	M_VALUE, M_TYPED, M_TAGGED, M_FLAGGED, M_FLAGGED_TYPED, M_TYPED_STRING, M_TAGS,
	M_PROBLEMS, M_SORTSET, M_ROW, M_ROWSET, M_COUNT
};

static void check(bool cond)
{
	if (!cond) {
		abort();
	}
}

/* The decoded form of any mode, so one decode and one encode function serve all of them. */
struct any {
	struct mapi_propval pv;
	struct mapi_typed_string ts;
	struct mapi_proptag_array tags;
	struct mapi_property_problem_array problems;
	struct mapi_sortorder_set sorts;
	struct mapi_proprow_set rows;
};

struct input {
	enum mode mode;
	enum mapi_propval_context ctx;
	uint16_t type;
	struct mapi_proptag_array cols;
};

static uint32_t decode(TALLOC_CTX *mem_ctx, const struct input *in, struct mapi_propval_reader *r,
		       struct any *a)
{
	memset(a, 0, sizeof(*a));
	switch (in->mode) {
	case M_VALUE: return mapi_propval_pull_value(mem_ctx, r, in->type, &a->pv);
	case M_TYPED: return mapi_propval_pull_typed(mem_ctx, r, &a->pv);
	case M_TAGGED: return mapi_propval_pull_tagged(mem_ctx, r, &a->pv);
	case M_FLAGGED: return mapi_propval_pull_flagged(mem_ctx, r, in->type, &a->pv);
	case M_FLAGGED_TYPED: return mapi_propval_pull_flagged_typed(mem_ctx, r, &a->pv);
	case M_TYPED_STRING: return mapi_propval_pull_typed_string(mem_ctx, r, &a->ts);
	case M_TAGS: return mapi_proprow_pull_tags(mem_ctx, r, &a->tags);
	case M_PROBLEMS: return mapi_proprow_pull_problems(mem_ctx, r, &a->problems);
	case M_SORTSET: return mapi_sortorder_pull_set(mem_ctx, r, &a->sorts);
	case M_ROW:
		a->rows.count = 1;
		a->rows.rows = talloc_zero(mem_ctx, struct mapi_proprow);
		check(a->rows.rows != NULL);
		return mapi_proprow_pull(mem_ctx, r, &in->cols, a->rows.rows);
	default: return mapi_proprow_pull_set(mem_ctx, r, &in->cols, &a->rows);
	}
}

static uint32_t encode(const struct input *in, struct mapi_propval_writer *w, const struct any *a)
{
	switch (in->mode) {
	case M_VALUE: return mapi_propval_push_value(w, in->type, &a->pv);
	case M_TYPED: return mapi_propval_push_typed(w, &a->pv);
	case M_TAGGED: return mapi_propval_push_tagged(w, &a->pv);
	case M_FLAGGED: return mapi_propval_push_flagged(w, in->type, &a->pv);
	case M_FLAGGED_TYPED: return mapi_propval_push_flagged_typed(w, &a->pv);
	case M_TYPED_STRING: return mapi_propval_push_typed_string(w, &a->ts);
	case M_TAGS: return mapi_proprow_push_tags(w, &a->tags);
	case M_PROBLEMS: return mapi_proprow_push_problems(w, &a->problems);
	case M_SORTSET: return mapi_sortorder_push_set(w, &a->sorts);
	case M_ROW: return mapi_proprow_push(w, &in->cols, a->rows.rows);
	default: return mapi_proprow_push_set(w, &in->cols, &a->rows);
	}
}

static bool str_eq(const char *x, const char *y)
{
	return x == y || (x != NULL && y != NULL && strcmp(x, y) == 0);
}

static bool equal(const struct input *in, const struct any *a, const struct any *b)
{
	switch (in->mode) {
	case M_TYPED_STRING:
		return a->ts.string_type == b->ts.string_type && str_eq(a->ts.str, b->ts.str);
	case M_TAGS:
		return a->tags.count == b->tags.count &&
		       (a->tags.count == 0 ||
			memcmp(a->tags.tags, b->tags.tags, a->tags.count * 4) == 0);
	case M_PROBLEMS:
		return a->problems.count == b->problems.count &&
		       (a->problems.count == 0 ||
			memcmp(a->problems.problems, b->problems.problems,
			       a->problems.count * sizeof(*a->problems.problems)) == 0);
	case M_SORTSET:
		return a->sorts.count == b->sorts.count &&
		       a->sorts.categorized_count == b->sorts.categorized_count &&
		       a->sorts.expanded_count == b->sorts.expanded_count &&
		       (a->sorts.count == 0 ||
			memcmp(a->sorts.sorts, b->sorts.sorts,
			       a->sorts.count * sizeof(*a->sorts.sorts)) == 0);
	case M_ROW:
	case M_ROWSET:
		if (a->rows.count != b->rows.count) {
			return false;
		}
		for (uint16_t i = 0; i < a->rows.count; i++) {
			if (!mapi_proprow_equal(&a->rows.rows[i], &b->rows.rows[i])) {
				return false;
			}
		}
		return true;
	default:
		return mapi_propval_equal(&a->pv, &b->pv);
	}
}

/* Splits the header off; returns the offset of the payload or 0 when the input is too short. */
static size_t parse_header(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t size,
			   struct input *in)
{
	size_t off = 1;

	memset(in, 0, sizeof(*in));
	if (size < 1) {
		return 0;
	}
	in->mode = (enum mode)((data[0] & 0x7F) % M_COUNT);
	in->ctx = (data[0] & 0x80) ? MAPI_PROPVAL_EXTENDED : MAPI_PROPVAL_ROP;
	if (in->mode == M_VALUE || in->mode == M_FLAGGED) {
		if (size < 3) {
			return 0;
		}
		in->type = (uint16_t)(data[1] | data[2] << 8);
		off = 3;
	} else if (in->mode == M_ROW || in->mode == M_ROWSET) {
		if (size < 2 || size - 2 < (size_t)data[1] * 4) {
			return 0;
		}
		in->cols.count = data[1];
		in->cols.tags = talloc_array(mem_ctx, uint32_t, data[1] + 1);
		check(in->cols.tags != NULL);
		for (unsigned i = 0; i < data[1]; i++) {
			const uint8_t *p = data + 2 + 4 * i;

			in->cols.tags[i] = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
					   (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		}
		off = 2 + (size_t)data[1] * 4;
	}
	return off;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_propval_reader r, r2;
	struct mapi_propval_writer w;
	struct any a, b;
	struct input in;
	size_t off;
	uint32_t ret;

	check(mem_ctx != NULL);
	off = parse_header(mem_ctx, data, size, &in);
	if (off == 0) {
		talloc_free(mem_ctx);
		return 0;
	}
	mapi_propval_reader_init(&r, data + off, size - off, in.ctx, NULL);
	ret = decode(mem_ctx, &in, &r, &a);
	if (ret != 0) {
		check(ret == ecRpcFormat || ret == MAPI_E_TOO_COMPLEX ||
		      ((in.mode == M_ROW || in.mode == M_ROWSET) &&
		       ret == MAPI_E_INVALID_PARAMETER));
		talloc_free(mem_ctx);
		return 0;
	}
	mapi_propval_writer_init(&w, mem_ctx, in.ctx, NULL);
	check(encode(&in, &w, &a) == 0);
	check(w.len == r.off && (w.len == 0 || memcmp(w.data, data + off, w.len) == 0));
	mapi_propval_reader_init(&r2, w.data, w.len, in.ctx, NULL);
	check(decode(mem_ctx, &in, &r2, &b) == 0 && r2.off == w.len);
	check(equal(&in, &a, &b));
	talloc_free(mem_ctx);
	return 0;
}
