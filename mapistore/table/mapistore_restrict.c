/*
 * Restriction evaluation (MS-OXCDATA 2.12); choices are listed in mapistore_restrict.h.
 */
#include "mapistore_restrict.h"

#include <string.h>

#include "mapi_proptype.h"
#include "mapistore_fold.h"
#include "mapistore_value.h"

struct count_tally {
	const struct mapi_restriction *node;
	uint32_t seen;
};

struct mapistore_restrict_state {
	const struct mapi_restriction *res;
	mapistore_restrict_subobject_fn fn;
	void *private_data;
	uint32_t n_tallies;
	struct count_tally *tallies;	/* talloc child of the state; NULL for one-off evaluation */
	bool one_off;
};

static bool eval(struct mapistore_restrict_state *st, const struct mapi_restriction *res,
		 const struct mapistore_row *row, unsigned depth);

static bool is_string(uint16_t type)
{
	uint16_t base = mapi_proptype_base(type);

	return base == PT_STRING8 || base == PT_UNICODE;
}

/* Whether a comparand of type b may be compared with a value of type a (same base or strings). */
static bool types_fit(uint16_t a, uint16_t b)
{
	if (is_string(a) && is_string(b))
		return true;
	return mapi_proptype_base(a) == mapi_proptype_base(b);
}

/* 2.12.5.1 RelOp applied to a comparison result; RELOP_RE and unknown values are false. */
static bool relop_holds(uint8_t relop, int c)
{
	switch (relop) {
	case MAPI_RELOP_LT: return c < 0;
	case MAPI_RELOP_LE: return c <= 0;
	case MAPI_RELOP_GT: return c > 0;
	case MAPI_RELOP_GE: return c >= 0;
	case MAPI_RELOP_EQ: return c == 0;
	case MAPI_RELOP_NE: return c != 0;
	default: return false;
	}
}

static bool bytes_find(const uint8_t *h, size_t len_h, const uint8_t *n, size_t len_n, bool prefix)
{
	if (len_n > len_h)
		return false;
	if (prefix || len_n == 0)
		return len_n == 0 || memcmp(h, n, len_n) == 0;
	for (size_t i = 0; i + len_n <= len_h; i++) {
		if (memcmp(h + i, n, len_n) == 0)
			return true;
	}
	return false;
}

/* 2.12.4.1: one value (single) of base type against the comparand, at a fuzzy level. */
static bool content_one(uint16_t base, const union mapi_propval_data *v,
			const union mapi_propval_data *cmp, uint16_t low, uint16_t high)
{
	if (base == PT_BINARY) {
		if (low == MAPI_FL_FULLSTRING)
			return v->bin.length == cmp->bin.length &&
			       (v->bin.length == 0 ||
				memcmp(v->bin.data, cmp->bin.data, v->bin.length) == 0);
		if (low != MAPI_FL_SUBSTRING && low != MAPI_FL_PREFIX)
			return false;
		return bytes_find(v->bin.data, v->bin.length, cmp->bin.data, cmp->bin.length,
				  low == MAPI_FL_PREFIX);
	}
	if (v->str == NULL || cmp->str == NULL)
		return false;
	unsigned flags = mapistore_fold_flags(high);
	size_t lv = strlen(v->str), lc = strlen(cmp->str);

	switch (low) {
	case MAPI_FL_FULLSTRING:
		return mapistore_fold_compare(v->str, lv, cmp->str, lc, flags) == 0;
	case MAPI_FL_SUBSTRING:
	case MAPI_FL_PREFIX:
		return mapistore_fold_find(v->str, lv, cmp->str, lc, flags, low == MAPI_FL_PREFIX);
	default:
		return false;
	}
}

/* 2.12.4 ContentRestriction: strings and binaries only; any value of a multi-value matches. */
static bool eval_content(const struct mapi_restriction *res, const struct mapistore_row *row)
{
	const struct mapi_propval *pv = mapistore_row_find(row, res->u.content.prop_tag);
	const struct mapi_propval *cmp = &res->u.content.value;
	uint16_t type, base;

	if (pv == NULL)
		return false;
	type = mapi_prop_type(pv->tag);
	base = mapi_proptype_base(type);
	if (!(is_string(type) && is_string(cmp->tag)) &&
	    !(base == PT_BINARY && mapi_prop_type(cmp->tag) == PT_BINARY))
		return false;
	if (!mapi_proptype_is_multi(type))
		return content_one(base, &pv->v, &cmp->v, res->u.content.fuzzy_low,
				   res->u.content.fuzzy_high);
	for (uint32_t i = 0; i < pv->v.mv.count; i++) {
		union mapi_propval_data e;

		mapi_propval_mv_get(base, &pv->v.mv, i, &e);
		if (content_one(base, &e, &cmp->v, res->u.content.fuzzy_low,
				res->u.content.fuzzy_high))
			return true;
	}
	return false;
}

/* 2.12.5 PropertyRestriction: (row value) RelOp (comparand). */
static bool eval_property(const struct mapi_restriction *res, const struct mapistore_row *row)
{
	const struct mapi_propval *pv = mapistore_row_find(row, res->u.property.prop_tag);
	const struct mapi_propval *cmp = &res->u.property.value;
	uint16_t type, ctype;

	if (pv == NULL || cmp->flag != MAPI_PROPVAL_FLAG_VALUE)
		return false;
	type = mapi_prop_type(pv->tag);
	ctype = mapi_prop_type(cmp->tag);
	if (!types_fit(type, ctype) || !mapistore_value_is_comparable(type))
		return false;
	if (mapi_proptype_is_multi(type) && !mapi_proptype_is_multi(ctype)) {
		uint16_t base = mapi_proptype_base(type);

		for (uint32_t i = 0; i < pv->v.mv.count; i++) {
			union mapi_propval_data e;

			mapi_propval_mv_get(base, &pv->v.mv, i, &e);
			if (relop_holds(res->u.property.relop,
					mapistore_value_compare(base, &e, &cmp->v,
								MAPISTORE_FOLD_CASE)))
				return true;
		}
		return false;
	}
	if (mapi_proptype_is_multi(type) != mapi_proptype_is_multi(ctype))
		return false;
	return relop_holds(res->u.property.relop,
			   mapistore_value_compare(type, &pv->v, &cmp->v, MAPISTORE_FOLD_CASE));
}

/* 2.12.6 ComparePropertiesRestriction: both present and of fitting types. */
static bool eval_compare(const struct mapi_restriction *res, const struct mapistore_row *row)
{
	const struct mapi_propval *a = mapistore_row_find(row, res->u.compare.tag1);
	const struct mapi_propval *b = mapistore_row_find(row, res->u.compare.tag2);
	uint16_t ta, tb;

	if (a == NULL || b == NULL)
		return false;
	ta = mapi_prop_type(a->tag);
	tb = mapi_prop_type(b->tag);
	if (!types_fit(ta, tb) || mapi_proptype_is_multi(ta) != mapi_proptype_is_multi(tb) ||
	    !mapistore_value_is_comparable(ta))
		return false;
	return relop_holds(res->u.compare.relop,
			   mapistore_value_compare(ta, &a->v, &b->v, MAPISTORE_FOLD_CASE));
}

/* 2.12.7 BitMaskRestriction: integer properties only (the mask is 32 bits). */
static bool eval_bitmask(const struct mapi_restriction *res, const struct mapistore_row *row)
{
	const struct mapi_propval *pv = mapistore_row_find(row, res->u.bitmask.prop_tag);
	uint64_t v;

	if (pv == NULL)
		return false;
	switch (mapi_prop_type(pv->tag)) {
	case PT_SHORT: v = (uint16_t)pv->v.i16; break;
	case PT_LONG: v = (uint32_t)pv->v.i32; break;
	case PT_I8: v = (uint64_t)pv->v.i64; break;
	case PT_BOOLEAN: v = pv->v.b; break;
	default: return false;
	}
	if (res->u.bitmask.relop == MAPI_BMR_EQZ)
		return (v & res->u.bitmask.mask) == 0;
	if (res->u.bitmask.relop == MAPI_BMR_NEZ)
		return (v & res->u.bitmask.mask) != 0;
	return false;
}

/* 2.12.8 SizeRestriction: (size of the value) RelOp Size. */
static bool eval_size(const struct mapi_restriction *res, const struct mapistore_row *row)
{
	const struct mapi_propval *pv = mapistore_row_find(row, res->u.size.prop_tag);
	uint32_t size;

	if (pv == NULL)
		return false;
	size = mapistore_value_size(mapi_prop_type(pv->tag), &pv->v);
	return relop_holds(res->u.size.relop, (size > res->u.size.size) - (size < res->u.size.size));
}

static struct count_tally *tally_of(struct mapistore_restrict_state *st,
				    const struct mapi_restriction *node)
{
	struct count_tally *t;

	for (uint32_t i = 0; i < st->n_tallies; i++) {
		if (st->tallies[i].node == node)
			return &st->tallies[i];
	}
	if (st->one_off)
		return NULL;
	t = talloc_realloc(st, st->tallies, struct count_tally, st->n_tallies + 1);
	if (t == NULL)
		return NULL;
	st->tallies = t;
	t[st->n_tallies] = (struct count_tally){ .node = node, .seen = 0 };
	return &t[st->n_tallies++];
}

/* 2.12.12 CountRestriction: at most Count rows satisfying the sub-restriction pass. */
static bool eval_count(struct mapistore_restrict_state *st, const struct mapi_restriction *res,
		       const struct mapistore_row *row, unsigned depth)
{
	struct count_tally *t;

	if (res->u.count.count == 0 || !eval(st, res->u.count.sub, row, depth + 1))
		return false;
	t = tally_of(st, res);
	if (t == NULL)
		return st->one_off;
	if (t->seen >= res->u.count.count)
		return false;
	t->seen++;
	return true;
}

static bool eval(struct mapistore_restrict_state *st, const struct mapi_restriction *res,
		 const struct mapistore_row *row, unsigned depth)
{
	/* The decoder caps nesting; trees built in memory are capped here too. */
	if (res == NULL || depth > MAPI_RESTRICTION_MAX_DEPTH)
		return false;
	switch (res->type) {
	case MAPI_RES_AND:
		for (uint32_t i = 0; i < res->u.and_or.count; i++) {
			if (!eval(st, &res->u.and_or.items[i], row, depth + 1))
				return false;
		}
		return true;
	case MAPI_RES_OR:
		for (uint32_t i = 0; i < res->u.and_or.count; i++) {
			if (eval(st, &res->u.and_or.items[i], row, depth + 1))
				return true;
		}
		return false;
	case MAPI_RES_NOT:
		return res->u.not_.sub != NULL && !eval(st, res->u.not_.sub, row, depth + 1);
	case MAPI_RES_CONTENT: return eval_content(res, row);
	case MAPI_RES_PROPERTY: return eval_property(res, row);
	case MAPI_RES_COMPARE_PROPERTIES: return eval_compare(res, row);
	case MAPI_RES_BITMASK: return eval_bitmask(res, row);
	case MAPI_RES_SIZE: return eval_size(res, row);
	case MAPI_RES_EXIST: return mapistore_row_find(row, res->u.exist.prop_tag) != NULL;
	case MAPI_RES_SUBOBJECT:
		return st->fn != NULL && res->u.subobject.sub != NULL &&
		       st->fn(st->private_data, row, res->u.subobject.subobject,
			      res->u.subobject.sub);
	case MAPI_RES_COMMENT:
		return res->u.comment.sub == NULL || eval(st, res->u.comment.sub, row, depth + 1);
	case MAPI_RES_COUNT:
		return res->u.count.sub != NULL && eval_count(st, res, row, depth);
	default:
		return false;
	}
}

struct mapistore_restrict_state *mapistore_restrict_state_new(TALLOC_CTX *mem_ctx,
							       const struct mapi_restriction *res,
							       mapistore_restrict_subobject_fn fn,
							       void *private_data)
{
	struct mapistore_restrict_state *st = talloc_zero(mem_ctx, struct mapistore_restrict_state);

	if (st == NULL)
		return NULL;
	st->res = res;
	st->fn = fn;
	st->private_data = private_data;
	return st;
}

bool mapistore_restrict_match(struct mapistore_restrict_state *state,
			      const struct mapistore_row *row)
{
	if (state->res == NULL)
		return true;
	return eval(state, state->res, row, 1);
}

bool mapistore_restrict_eval(const struct mapi_restriction *res, const struct mapistore_row *row,
			     mapistore_restrict_subobject_fn fn, void *private_data)
{
	struct mapistore_restrict_state st = {
		.res = res, .fn = fn, .private_data = private_data, .one_off = true,
	};

	if (res == NULL)
		return true;
	return eval(&st, res, row, 1);
}
