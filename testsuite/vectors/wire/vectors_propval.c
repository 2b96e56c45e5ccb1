/*
 * Golden vectors for the property value codecs of libmapi/wire: propval.tsv (MS-OXCDATA 2.7,
 * 2.8, 2.10, 2.11, 2.13: values, rows, tag arrays, problems, sort orders) and restriction.tsv
 * (2.12). Every row is decoded, its fields compared with the documented ones (as text), and
 * encoded again byte for byte; rows whose expectation is "error:CODE" must be refused with it.
 * Argument: the directory holding the files.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mapi_proprow.h"
#include "mapi_restriction.h"
#include "mapi_sortorder.h"
#include "tap.h"


/* ---------------------------------------------------------------- describing values */

static char *describe_res(TALLOC_CTX *mem_ctx, const struct mapi_restriction *r);

static char *describe_single(TALLOC_CTX *mem_ctx, uint16_t type, const union mapi_propval_data *d)
{
	char guid[MAPI_GUID_STRING_SIZE];

	switch (type) {
	case PT_NULL: return talloc_strdup(mem_ctx, "null");
	case PT_SHORT: return talloc_asprintf(mem_ctx, "%d", d->i16);
	case PT_LONG: return talloc_asprintf(mem_ctx, "%" PRId32, d->i32);
	case PT_FLOAT: return talloc_asprintf(mem_ctx, "%g", (double)d->f32);
	case PT_DOUBLE: case PT_APPTIME: return talloc_asprintf(mem_ctx, "%g", d->f64);
	case PT_CURRENCY: case PT_I8:
		return talloc_asprintf(mem_ctx, "0x%016" PRIx64, (uint64_t)d->i64);
	case PT_SYSTIME: return talloc_asprintf(mem_ctx, "0x%016" PRIx64, d->time);
	case PT_ERROR: return talloc_asprintf(mem_ctx, "err:0x%08" PRIx32, d->err);
	case PT_OBJECT: return talloc_asprintf(mem_ctx, "object:%" PRIu32, d->object);
	case PT_BOOLEAN: return talloc_strdup(mem_ctx, d->b ? "true" : "false");
	case PT_STRING8: case PT_UNICODE: return talloc_asprintf(mem_ctx, "\"%s\"", d->str);
	case PT_CLSID: return talloc_asprintf(mem_ctx, "{%s}", mapi_guid_format(&d->guid, guid));
	case PT_BINARY: case PT_SVREID: case PT_ACTIONS:
		return talloc_asprintf(mem_ctx, "bin:%s",
				       test_hex_encode(mem_ctx, d->bin.data, d->bin.length));
	case PT_SRESTRICT: return describe_res(mem_ctx, d->res);
	default: return talloc_strdup(mem_ctx, "?");
	}
}

static size_t elem_size(uint16_t base)
{
	switch (base) {
	case PT_SHORT: return sizeof(int16_t);
	case PT_LONG: case PT_FLOAT: return 4;
	case PT_STRING8: case PT_UNICODE: return sizeof(char *);
	case PT_CLSID: return sizeof(struct GUID);
	case PT_BINARY: return sizeof(struct mapi_binary);
	default: return 8;
	}
}

static char *describe_data(TALLOC_CTX *mem_ctx, uint16_t type, const union mapi_propval_data *d)
{
	uint16_t base = mapi_proptype_base(type);
	char *s;

	if (!mapi_proptype_is_multi(type) || (type & MAPI_PROPTYPE_MV_INSTANCE)) {
		return describe_single(mem_ctx, base, d);
	}
	s = talloc_strdup(mem_ctx, "[");
	for (uint32_t i = 0; i < d->mv.count; i++) {
		union mapi_propval_data e;

		memcpy(&e, (const uint8_t *)d->mv.v.i16 + i * elem_size(base), elem_size(base));
		s = talloc_asprintf_append(s, "%s%s", i ? ", " : "",
					   describe_single(mem_ctx, base, &e));
	}
	return talloc_asprintf_append(s, "]");
}

/* "0xTAG=value", "0xTAG=missing", "0xTAG=error:0x..." */
static char *describe_pv(TALLOC_CTX *mem_ctx, const struct mapi_propval *pv)
{
	const char *v;

	switch (pv->flag) {
	case MAPI_PROPVAL_FLAG_MISSING: v = "missing"; break;
	case MAPI_PROPVAL_FLAG_ERROR: v = talloc_asprintf(mem_ctx, "error:0x%08" PRIx32, pv->v.err);
		break;
	default: v = describe_data(mem_ctx, mapi_prop_type(pv->tag), &pv->v); break;
	}
	return talloc_asprintf(mem_ctx, "0x%08" PRIX32 "=%s", pv->tag, v);
}

static char *describe_res(TALLOC_CTX *mem_ctx, const struct mapi_restriction *r)
{
	char *s;

	switch (r->type) {
	case MAPI_RES_AND: case MAPI_RES_OR:
		s = talloc_strdup(mem_ctx, r->type == MAPI_RES_AND ? "AND(" : "OR(");
		for (uint32_t i = 0; i < r->u.and_or.count; i++) {
			s = talloc_asprintf_append(s, "%s%s", i ? " " : "",
						   describe_res(mem_ctx, &r->u.and_or.items[i]));
		}
		return talloc_asprintf_append(s, ")");
	case MAPI_RES_NOT:
		return talloc_asprintf(mem_ctx, "NOT(%s)", describe_res(mem_ctx, r->u.not_.sub));
	case MAPI_RES_CONTENT:
		return talloc_asprintf(mem_ctx, "CONTENT(0x%04x/0x%04x 0x%08" PRIX32 " %s)",
				       r->u.content.fuzzy_low, r->u.content.fuzzy_high,
				       r->u.content.prop_tag,
				       describe_pv(mem_ctx, &r->u.content.value));
	case MAPI_RES_PROPERTY:
		return talloc_asprintf(mem_ctx, "PROPERTY(%u 0x%08" PRIX32 " %s)",
				       r->u.property.relop, r->u.property.prop_tag,
				       describe_pv(mem_ctx, &r->u.property.value));
	case MAPI_RES_COMPARE_PROPERTIES:
		return talloc_asprintf(mem_ctx, "COMPARE(%u 0x%08" PRIX32 " 0x%08" PRIX32 ")",
				       r->u.compare.relop, r->u.compare.tag1, r->u.compare.tag2);
	case MAPI_RES_BITMASK:
		return talloc_asprintf(mem_ctx, "BITMASK(%u 0x%08" PRIX32 " 0x%08" PRIx32 ")",
				       r->u.bitmask.relop, r->u.bitmask.prop_tag,
				       r->u.bitmask.mask);
	case MAPI_RES_SIZE:
		return talloc_asprintf(mem_ctx, "SIZE(%u 0x%08" PRIX32 " %" PRIu32 ")",
				       r->u.size.relop, r->u.size.prop_tag, r->u.size.size);
	case MAPI_RES_EXIST:
		return talloc_asprintf(mem_ctx, "EXIST(0x%08" PRIX32 ")", r->u.exist.prop_tag);
	case MAPI_RES_SUBOBJECT:
		return talloc_asprintf(mem_ctx, "SUBOBJECT(0x%08" PRIX32 " %s)",
				       r->u.subobject.subobject,
				       describe_res(mem_ctx, r->u.subobject.sub));
	case MAPI_RES_COMMENT:
		s = talloc_strdup(mem_ctx, "COMMENT(");
		for (unsigned i = 0; i < r->u.comment.count; i++) {
			s = talloc_asprintf_append(s, "%s ", describe_pv(mem_ctx,
								       &r->u.comment.values[i]));
		}
		return talloc_asprintf_append(s, "%s)", r->u.comment.sub
					      ? describe_res(mem_ctx, r->u.comment.sub) : "-");
	case MAPI_RES_COUNT:
		return talloc_asprintf(mem_ctx, "COUNT(%" PRIu32 " %s)", r->u.count.count,
				       describe_res(mem_ctx, r->u.count.sub));
	default:
		return talloc_strdup(mem_ctx, "?");
	}
}

/* ---------------------------------------------------------------- TSV plumbing */


/* "0x0E1D001F,0x..." or "-" */
static struct mapi_proptag_array *parse_tags(TALLOC_CTX *mem_ctx, const char *text)
{
	struct mapi_proptag_array *a = talloc_zero(mem_ctx, struct mapi_proptag_array);
	char *copy = talloc_strdup(mem_ctx, text), *save = NULL;

	a->tags = talloc_array(mem_ctx, uint32_t, 256);
	for (char *t = strtok_r(copy, ",", &save); t && strcmp(t, "-") && a->count < 256;
	     t = strtok_r(NULL, ",", &save)) {
		a->tags[a->count++] = (uint32_t)strtoul(t, NULL, 16);
	}
	return a;
}

/* ---------------------------------------------------------------- propval.tsv */

/*
 * Kinds: value:TYPE typed tagged flagged:TYPE flagged_typed typed_string tags problems
 * sortset row:TAGS rowset:TAGS. Each decodes the whole buffer and says what it found.
 */
static uint32_t decode_kind(TALLOC_CTX *mem_ctx, const char *kind, const uint8_t *b, size_t len,
			    enum mapi_propval_context ctx, char **desc, uint8_t **out,
			    size_t *out_len)
{
	struct mapi_propval_reader r;
	struct mapi_propval_writer w;
	uint32_t ret, ret2;
	const char *arg = strchr(kind, ':') ? strchr(kind, ':') + 1 : "";
	uint16_t type = (uint16_t)strtoul(arg, NULL, 16);

	mapi_propval_reader_init(&r, b, len, ctx, NULL);
	mapi_propval_writer_init(&w, mem_ctx, ctx, NULL);
	if (strncmp(kind, "value:", 6) == 0 || strcmp(kind, "typed") == 0 ||
	    strcmp(kind, "tagged") == 0 || strncmp(kind, "flagged:", 8) == 0 ||
	    strcmp(kind, "flagged_typed") == 0) {
		struct mapi_propval pv;

		if (kind[0] == 'v') {
			ret = mapi_propval_pull_value(mem_ctx, &r, type, &pv);
		} else if (strcmp(kind, "typed") == 0) {
			ret = mapi_propval_pull_typed(mem_ctx, &r, &pv);
		} else if (kind[1] == 'a') {
			ret = mapi_propval_pull_tagged(mem_ctx, &r, &pv);
		} else if (strcmp(kind, "flagged_typed") == 0) {
			ret = mapi_propval_pull_flagged_typed(mem_ctx, &r, &pv);
		} else {
			ret = mapi_propval_pull_flagged(mem_ctx, &r, type, &pv);
		}
		if (ret != 0) {
			return ret;
		}
		*desc = describe_pv(mem_ctx, &pv);
		if (kind[0] == 'v') {
			ret2 = mapi_propval_push_value(&w, type, &pv);
		} else if (strcmp(kind, "typed") == 0) {
			ret2 = mapi_propval_push_typed(&w, &pv);
		} else if (kind[1] == 'a') {
			ret2 = mapi_propval_push_tagged(&w, &pv);
		} else if (strcmp(kind, "flagged_typed") == 0) {
			ret2 = mapi_propval_push_flagged_typed(&w, &pv);
		} else {
			ret2 = mapi_propval_push_flagged(&w, type, &pv);
		}
	} else if (strcmp(kind, "typed_string") == 0) {
		struct mapi_typed_string ts;

		ret = mapi_propval_pull_typed_string(mem_ctx, &r, &ts);
		if (ret != 0) {
			return ret;
		}
		*desc = talloc_asprintf(mem_ctx, "%u:%s", ts.string_type, ts.str ? ts.str : "-");
		ret2 = mapi_propval_push_typed_string(&w, &ts);
	} else if (strcmp(kind, "tags") == 0) {
		struct mapi_proptag_array a;

		ret = mapi_proprow_pull_tags(mem_ctx, &r, &a);
		if (ret != 0) {
			return ret;
		}
		*desc = talloc_strdup(mem_ctx, "");
		for (uint16_t i = 0; i < a.count; i++) {
			*desc = talloc_asprintf_append(*desc, "%s0x%08" PRIX32, i ? "," : "",
						       a.tags[i]);
		}
		ret2 = mapi_proprow_push_tags(&w, &a);
	} else if (strcmp(kind, "problems") == 0) {
		struct mapi_property_problem_array a;

		ret = mapi_proprow_pull_problems(mem_ctx, &r, &a);
		if (ret != 0) {
			return ret;
		}
		*desc = talloc_asprintf(mem_ctx, "%u", a.count);
		for (uint16_t i = 0; i < a.count; i++) {
			*desc = talloc_asprintf_append(*desc, " %u/0x%08" PRIX32 "/0x%08" PRIX32,
						       a.problems[i].index, a.problems[i].prop_tag,
						       a.problems[i].error_code);
		}
		ret2 = mapi_proprow_push_problems(&w, &a);
	} else if (strcmp(kind, "sortset") == 0) {
		struct mapi_sortorder_set set;

		ret = mapi_sortorder_pull_set(mem_ctx, &r, &set);
		if (ret != 0) {
			return ret;
		}
		*desc = talloc_asprintf(mem_ctx, "%u/%u/%u", set.count, set.categorized_count,
					set.expanded_count);
		for (uint16_t i = 0; i < set.count; i++) {
			*desc = talloc_asprintf_append(*desc, " 0x%08" PRIX32 ":%u",
						       set.sorts[i].prop_tag, set.sorts[i].order);
		}
		ret2 = mapi_sortorder_push_set(&w, &set);
	} else if (strncmp(kind, "row:", 4) == 0 || strncmp(kind, "rowset:", 7) == 0) {
		struct mapi_proptag_array *cols = parse_tags(mem_ctx, arg);
		struct mapi_proprow_set set = { 0 };
		struct mapi_proprow row;

		if (kind[3] == ':') {
			ret = mapi_proprow_pull(mem_ctx, &r, cols, &row);
			set.count = 1;
			set.rows = &row;
		} else {
			ret = mapi_proprow_pull_set(mem_ctx, &r, cols, &set);
		}
		if (ret != 0) {
			return ret;
		}
		*desc = talloc_strdup(mem_ctx, "");
		for (uint16_t i = 0; i < set.count; i++) {
			*desc = talloc_asprintf_append(*desc, "%sflag=%u", i ? " || " : "",
						       set.rows[i].flag);
			for (uint16_t j = 0; j < set.rows[i].count; j++) {
				*desc = talloc_asprintf_append(*desc, " %s",
						describe_pv(mem_ctx, &set.rows[i].values[j]));
			}
		}
		ret2 = kind[3] == ':' ? mapi_proprow_push(&w, cols, &row)
				      : mapi_proprow_push_set(&w, cols, &set);
	} else {
		return 0xFFFFFFFF;
	}
	if (r.off != r.len) {
		return 0xFFFFFFFE;	/* the vector has bytes the structure did not use */
	}
	*out = w.data;
	*out_len = w.len;
	return ret2;
}

/* name, source, kind, context (rop|ext), bytes, fields or error:CODE */
static void propval_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t len = 0, out_len = 0;
	uint8_t *b = test_hex_decode(mem_ctx, f[4], &len), *out = NULL;
	enum mapi_propval_context ctx = strcmp(f[3], "ext") == 0 ? MAPI_PROPVAL_EXTENDED
								  : MAPI_PROPVAL_ROP;
	char *desc = NULL;
	uint32_t ret;

	if (!tap_ok(b != NULL, "propval.tsv:%u %s: bytes", line, f[0])) {
		return;
	}
	ret = decode_kind(mem_ctx, f[2], b, len, ctx, &desc, &out, &out_len);
	if (strncmp(f[5], "error:", 6) == 0) {
		uint32_t want = (uint32_t)strtoul(f[5] + 6, NULL, 16);

		tap_ok(ret == want, "propval.tsv:%u %s: refused with 0x%08" PRIx32 " (got 0x%08"
		       PRIx32 ")", line, f[0], want, ret);
		return;
	}
	if (!tap_ok(desc != NULL, "propval.tsv:%u %s: decodes (0x%08" PRIx32 ")", line, f[0],
		    ret)) {
		return;
	}
	if (!tap_ok(strcmp(desc, f[5]) == 0, "propval.tsv:%u %s: fields", line, f[0])) {
		tap_diag("got:  %s", desc);
		tap_diag("want: %s", f[5]);
	}
	tap_ok(ret == 0 && out_len == len && (len == 0 || memcmp(out, b, len) == 0),
	       "propval.tsv:%u %s: re-encodes byte for byte", line, f[0]);
	for (size_t cut = 0; cut < len; cut++) {
		uint8_t *copy = talloc_memdup(mem_ctx, b, cut + 1);

		desc = NULL;
		ret = decode_kind(mem_ctx, f[2], copy, cut, ctx, &desc, &out, &out_len);
		if (ret != ecRpcFormat) {
			tap_ok(false, "propval.tsv:%u %s: prefix %zu refused (got 0x%08" PRIx32 ")",
			       line, f[0], cut, ret);
			return;
		}
	}
	tap_ok(true, "propval.tsv:%u %s: all %zu truncations refused", line, f[0], len);
}

/* ---------------------------------------------------------------- restriction.tsv */

/* name, source, context, bytes, fields or error:CODE */
static void restriction_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t len = 0, out_len = 0;
	uint8_t *b = test_hex_decode(mem_ctx, f[3], &len), *out = NULL;
	enum mapi_propval_context ctx = strcmp(f[2], "ext") == 0 ? MAPI_PROPVAL_EXTENDED
								  : MAPI_PROPVAL_ROP;
	struct mapi_restriction *res = NULL;
	uint32_t ret;
	char *desc;
	size_t cut;

	if (!tap_ok(b != NULL, "restriction.tsv:%u %s: bytes", line, f[0])) {
		return;
	}
	ret = mapi_restriction_decode(mem_ctx, b, len, ctx, NULL, &res);
	if (strncmp(f[4], "error:", 6) == 0) {
		uint32_t want = (uint32_t)strtoul(f[4] + 6, NULL, 16);

		tap_ok(ret == want, "restriction.tsv:%u %s: refused with 0x%08" PRIx32
		       " (got 0x%08" PRIx32 ")", line, f[0], want, ret);
		return;
	}
	if (!tap_ok(ret == 0, "restriction.tsv:%u %s: decodes (0x%08" PRIx32 ")", line, f[0],
		    ret)) {
		return;
	}
	desc = describe_res(mem_ctx, res);
	if (!tap_ok(strcmp(desc, f[4]) == 0, "restriction.tsv:%u %s: fields", line, f[0])) {
		tap_diag("got:  %s", desc);
		tap_diag("want: %s", f[4]);
	}
	ret = mapi_restriction_encode(mem_ctx, res, ctx, NULL, &out, &out_len);
	tap_ok(ret == 0 && out_len == len && memcmp(out, b, len) == 0,
	       "restriction.tsv:%u %s: re-encodes byte for byte", line, f[0]);
	for (cut = 0; cut < len; cut++) {
		uint8_t *copy = talloc_memdup(mem_ctx, b, cut + 1);

		if (mapi_restriction_decode(mem_ctx, copy, cut, ctx, NULL, &res) != ecRpcFormat) {
			break;
		}
	}
	tap_ok(cut == len, "restriction.tsv:%u %s: all %zu truncations refused", line, f[0], len);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	test_tsv_each_row(dir, "propval.tsv", 6, 6, propval_row);
	test_tsv_each_row(dir, "restriction.tsv", 5, 5, restriction_row);
	return tap_done();
}
