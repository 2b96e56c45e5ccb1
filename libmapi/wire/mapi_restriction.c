/*
 * mapi_restriction: the restriction packet formats of MS-OXCDATA 2.12 (see mapi_restriction.h).
 * One pull and one push function per format; the reader's and writer's depth fields carry the
 * nesting level through PtypRestriction comparands too.
 */
#include <string.h>

#include "mapi_restriction.h"

#define FORMAT ecRpcFormat
#define NOMEM MAPI_E_NOT_ENOUGH_MEMORY
#define BADARG MAPI_E_INVALID_PARAMETER

/* The smallest restriction: an empty And or Or, 3 bytes in ROP buffers (an Exist is 5). */
#define MIN_RESTRICTION_SIZE 3

/* 2.12.1.1 / 2.12.2.1: RestrictCount is 2 bytes in ROP buffers, 4 in extended rules. */
static unsigned restrict_count_width(enum mapi_propval_context context)
{
	return context == MAPI_PROPVAL_ROP ? 2 : 4;
}

static uint32_t pull_sub(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			 struct mapi_restriction **sub_r)
{
	struct mapi_restriction *sub = talloc_zero(mem_ctx, struct mapi_restriction);

	*sub_r = sub;
	return sub == NULL ? NOMEM : mapi_restriction_pull(sub, r, sub);
}

/* 2.12.1.1 And, 2.12.2.1 Or */
static uint32_t pull_and_or(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			    struct mapi_restriction *res)
{
	uint32_t count, ret = mapi_propval_pull_count(r, restrict_count_width(r->context),
						      MIN_RESTRICTION_SIZE, &count);

	if (ret != 0) {
		return ret;
	}
	res->u.and_or.count = count;
	res->u.and_or.items = NULL;
	if (count == 0) {
		return 0;
	}
	res->u.and_or.items = talloc_zero_array(mem_ctx, struct mapi_restriction, count);
	if (res->u.and_or.items == NULL) {
		return NOMEM;
	}
	for (uint32_t i = 0; i < count; i++) {
		ret = mapi_restriction_pull(res->u.and_or.items, r, &res->u.and_or.items[i]);
		if (ret != 0) {
			return ret;
		}
	}
	return 0;
}

/* 2.12.4.1 Content: FuzzyLevelLow, FuzzyLevelHigh, PropertyTag, TaggedValue */
static uint32_t pull_content(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			     struct mapi_restriction *res)
{
	uint32_t ret = mapi_propval_pull_u16(r, &res->u.content.fuzzy_low);

	if (ret == 0) {
		ret = mapi_propval_pull_u16(r, &res->u.content.fuzzy_high);
	}
	if (ret == 0) {
		ret = mapi_propval_pull_u32(r, &res->u.content.prop_tag);
	}
	return ret != 0 ? ret : mapi_propval_pull_tagged(mem_ctx, r, &res->u.content.value);
}

/* 2.12.5.1 Property: RelOp, PropTag, TaggedValue */
static uint32_t pull_property(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			      struct mapi_restriction *res)
{
	uint32_t ret = mapi_propval_pull_u8(r, &res->u.property.relop);

	if (ret == 0) {
		ret = mapi_propval_pull_u32(r, &res->u.property.prop_tag);
	}
	return ret != 0 ? ret : mapi_propval_pull_tagged(mem_ctx, r, &res->u.property.value);
}

/* RelOp + two 32-bit fields: CompareProperties (2.12.6.1), BitMask (2.12.7.1), Size (2.12.8.1) */
static uint32_t pull_op_pair(struct mapi_propval_reader *r, uint8_t *op, uint32_t *a, uint32_t *b)
{
	uint32_t ret = mapi_propval_pull_u8(r, op);

	if (ret == 0) {
		ret = mapi_propval_pull_u32(r, a);
	}
	return ret != 0 ? ret : mapi_propval_pull_u32(r, b);
}

/* 2.12.11.1 Comment: TaggedValuesCount (1 byte), TaggedValues, RestrictionPresent, Restriction */
static uint32_t pull_comment(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			     struct mapi_restriction *res)
{
	uint32_t count, ret = mapi_propval_pull_count(r, 1, 4, &count);
	uint8_t present;

	if (ret != 0) {
		return ret;
	}
	res->u.comment.count = (uint8_t)count;
	res->u.comment.values = NULL;
	res->u.comment.sub = NULL;
	if (count > 0) {
		res->u.comment.values = talloc_zero_array(mem_ctx, struct mapi_propval, count);
		if (res->u.comment.values == NULL) {
			return NOMEM;
		}
	}
	for (uint32_t i = 0; i < count; i++) {
		ret = mapi_propval_pull_tagged(res->u.comment.values, r, &res->u.comment.values[i]);
		if (ret != 0) {
			return ret;
		}
	}
	ret = mapi_propval_pull_u8(r, &present);
	if (ret != 0 || present > 1) {
		return FORMAT;
	}
	return present == 0 ? 0 : pull_sub(mem_ctx, r, &res->u.comment.sub);
}

static uint32_t pull_body(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			  struct mapi_restriction *res)
{
	uint32_t ret;

	switch (res->type) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		return pull_and_or(mem_ctx, r, res);
	case MAPI_RES_NOT:
		return pull_sub(mem_ctx, r, &res->u.not_.sub);
	case MAPI_RES_CONTENT:
		return pull_content(mem_ctx, r, res);
	case MAPI_RES_PROPERTY:
		return pull_property(mem_ctx, r, res);
	case MAPI_RES_COMPARE_PROPERTIES:
		return pull_op_pair(r, &res->u.compare.relop, &res->u.compare.tag1,
				    &res->u.compare.tag2);
	case MAPI_RES_BITMASK:
		return pull_op_pair(r, &res->u.bitmask.relop, &res->u.bitmask.prop_tag,
				    &res->u.bitmask.mask);
	case MAPI_RES_SIZE:
		return pull_op_pair(r, &res->u.size.relop, &res->u.size.prop_tag,
				    &res->u.size.size);
	case MAPI_RES_EXIST:
		return mapi_propval_pull_u32(r, &res->u.exist.prop_tag);
	case MAPI_RES_SUBOBJECT:
		ret = mapi_propval_pull_u32(r, &res->u.subobject.subobject);
		return ret != 0 ? ret : pull_sub(mem_ctx, r, &res->u.subobject.sub);
	case MAPI_RES_COMMENT:
		return pull_comment(mem_ctx, r, res);
	case MAPI_RES_COUNT:
		ret = mapi_propval_pull_u32(r, &res->u.count.count);
		return ret != 0 ? ret : pull_sub(mem_ctx, r, &res->u.count.sub);
	default:
		return FORMAT;
	}
}

uint32_t mapi_restriction_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			       struct mapi_restriction *res)
{
	uint32_t ret;

	memset(res, 0, sizeof(*res));
	if (r->depth >= MAPI_RESTRICTION_MAX_DEPTH) {
		return MAPI_E_TOO_COMPLEX;
	}
	ret = mapi_propval_pull_u8(r, &res->type);
	if (ret != 0) {
		return ret;
	}
	r->depth++;
	ret = pull_body(mem_ctx, r, res);
	r->depth--;
	return ret;
}

uint32_t mapi_restriction_decode(TALLOC_CTX *mem_ctx, const uint8_t *data, size_t len,
				 enum mapi_propval_context context, struct mapi_utf16_conv *conv,
				 struct mapi_restriction **res_r)
{
	struct mapi_propval_reader r;
	struct mapi_restriction *res = talloc_zero(mem_ctx, struct mapi_restriction);
	uint32_t ret;

	*res_r = NULL;
	if (res == NULL) {
		return NOMEM;
	}
	mapi_propval_reader_init(&r, data, len, context, conv);
	ret = mapi_restriction_pull(res, &r, res);
	if (ret == 0 && r.off != r.len) {
		/* trailing bytes: RestrictionDataSize disagrees with the content */
		ret = FORMAT;
	}
	if (ret != 0) {
		talloc_free(res);
		return ret;
	}
	*res_r = res;
	return 0;
}

/* ---------------------------------------------------------------- encoding */

static uint32_t push_sub(struct mapi_propval_writer *w, const struct mapi_restriction *sub)
{
	return sub == NULL ? BADARG : mapi_restriction_push(w, sub);
}

static uint32_t push_and_or(struct mapi_propval_writer *w, const struct mapi_restriction *res)
{
	uint32_t count = res->u.and_or.count, ret;

	if ((count > 0 && res->u.and_or.items == NULL) ||
	    (restrict_count_width(w->context) == 2 && count > UINT16_MAX)) {
		return BADARG;
	}
	ret = restrict_count_width(w->context) == 2 ? mapi_propval_push_u16(w, (uint16_t)count)
						    : mapi_propval_push_u32(w, count);
	for (uint32_t i = 0; ret == 0 && i < count; i++) {
		ret = mapi_restriction_push(w, &res->u.and_or.items[i]);
	}
	return ret;
}

static uint32_t push_op_pair(struct mapi_propval_writer *w, uint8_t op, uint32_t a, uint32_t b)
{
	uint32_t ret = mapi_propval_push_u8(w, op);

	if (ret == 0) {
		ret = mapi_propval_push_u32(w, a);
	}
	return ret != 0 ? ret : mapi_propval_push_u32(w, b);
}

static uint32_t push_comment(struct mapi_propval_writer *w, const struct mapi_restriction *res)
{
	uint32_t ret;

	if (res->u.comment.count > 0 && res->u.comment.values == NULL) {
		return BADARG;
	}
	ret = mapi_propval_push_u8(w, res->u.comment.count);
	for (unsigned i = 0; ret == 0 && i < res->u.comment.count; i++) {
		ret = mapi_propval_push_tagged(w, &res->u.comment.values[i]);
	}
	if (ret == 0) {
		ret = mapi_propval_push_u8(w, res->u.comment.sub != NULL ? 1 : 0);
	}
	if (ret == 0 && res->u.comment.sub != NULL) {
		ret = mapi_restriction_push(w, res->u.comment.sub);
	}
	return ret;
}

static uint32_t push_body(struct mapi_propval_writer *w, const struct mapi_restriction *res)
{
	uint32_t ret;

	switch (res->type) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		return push_and_or(w, res);
	case MAPI_RES_NOT:
		return push_sub(w, res->u.not_.sub);
	case MAPI_RES_CONTENT:
		ret = mapi_propval_push_u16(w, res->u.content.fuzzy_low);
		if (ret == 0) {
			ret = mapi_propval_push_u16(w, res->u.content.fuzzy_high);
		}
		if (ret == 0) {
			ret = mapi_propval_push_u32(w, res->u.content.prop_tag);
		}
		return ret != 0 ? ret : mapi_propval_push_tagged(w, &res->u.content.value);
	case MAPI_RES_PROPERTY:
		ret = mapi_propval_push_u8(w, res->u.property.relop);
		if (ret == 0) {
			ret = mapi_propval_push_u32(w, res->u.property.prop_tag);
		}
		return ret != 0 ? ret : mapi_propval_push_tagged(w, &res->u.property.value);
	case MAPI_RES_COMPARE_PROPERTIES:
		return push_op_pair(w, res->u.compare.relop, res->u.compare.tag1,
				    res->u.compare.tag2);
	case MAPI_RES_BITMASK:
		return push_op_pair(w, res->u.bitmask.relop, res->u.bitmask.prop_tag,
				    res->u.bitmask.mask);
	case MAPI_RES_SIZE:
		return push_op_pair(w, res->u.size.relop, res->u.size.prop_tag, res->u.size.size);
	case MAPI_RES_EXIST:
		return mapi_propval_push_u32(w, res->u.exist.prop_tag);
	case MAPI_RES_SUBOBJECT:
		ret = mapi_propval_push_u32(w, res->u.subobject.subobject);
		return ret != 0 ? ret : push_sub(w, res->u.subobject.sub);
	case MAPI_RES_COMMENT:
		return push_comment(w, res);
	case MAPI_RES_COUNT:
		ret = mapi_propval_push_u32(w, res->u.count.count);
		return ret != 0 ? ret : push_sub(w, res->u.count.sub);
	default:
		return BADARG;
	}
}

uint32_t mapi_restriction_push(struct mapi_propval_writer *w, const struct mapi_restriction *res)
{
	uint32_t ret;

	/* The same cap as decoding: what we send, we would accept. */
	if (w->depth >= MAPI_RESTRICTION_MAX_DEPTH) {
		return MAPI_E_TOO_COMPLEX;
	}
	ret = mapi_propval_push_u8(w, res->type);
	if (ret != 0) {
		return ret;
	}
	w->depth++;
	ret = push_body(w, res);
	w->depth--;
	return ret;
}

uint32_t mapi_restriction_encode(TALLOC_CTX *mem_ctx, const struct mapi_restriction *res,
				 enum mapi_propval_context context, struct mapi_utf16_conv *conv,
				 uint8_t **out_r, size_t *out_len_r)
{
	struct mapi_propval_writer w;
	uint32_t ret;

	*out_r = NULL;
	*out_len_r = 0;
	mapi_propval_writer_init(&w, mem_ctx, context, conv);
	ret = mapi_restriction_push(&w, res);
	if (ret != 0) {
		talloc_free(w.data);
		return ret;
	}
	if (w.data == NULL) {
		return NOMEM;	/* cannot happen: a restriction is at least one byte */
	}
	*out_r = w.data;
	*out_len_r = w.len;
	return 0;
}

/* ---------------------------------------------------------------- equality */

static bool sub_equal(const struct mapi_restriction *a, const struct mapi_restriction *b)
{
	if (a == NULL || b == NULL) {
		return a == b;
	}
	return mapi_restriction_equal(a, b);
}

bool mapi_restriction_equal(const struct mapi_restriction *a, const struct mapi_restriction *b)
{
	if (a->type != b->type) {
		return false;
	}
	switch (a->type) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		if (a->u.and_or.count != b->u.and_or.count) {
			return false;
		}
		for (uint32_t i = 0; i < a->u.and_or.count; i++) {
			if (!mapi_restriction_equal(&a->u.and_or.items[i], &b->u.and_or.items[i])) {
				return false;
			}
		}
		return true;
	case MAPI_RES_NOT:
		return sub_equal(a->u.not_.sub, b->u.not_.sub);
	case MAPI_RES_CONTENT:
		return a->u.content.fuzzy_low == b->u.content.fuzzy_low &&
		       a->u.content.fuzzy_high == b->u.content.fuzzy_high &&
		       a->u.content.prop_tag == b->u.content.prop_tag &&
		       mapi_propval_equal(&a->u.content.value, &b->u.content.value);
	case MAPI_RES_PROPERTY:
		return a->u.property.relop == b->u.property.relop &&
		       a->u.property.prop_tag == b->u.property.prop_tag &&
		       mapi_propval_equal(&a->u.property.value, &b->u.property.value);
	case MAPI_RES_COMPARE_PROPERTIES:
		return a->u.compare.relop == b->u.compare.relop &&
		       a->u.compare.tag1 == b->u.compare.tag1 &&
		       a->u.compare.tag2 == b->u.compare.tag2;
	case MAPI_RES_BITMASK:
		return a->u.bitmask.relop == b->u.bitmask.relop &&
		       a->u.bitmask.prop_tag == b->u.bitmask.prop_tag &&
		       a->u.bitmask.mask == b->u.bitmask.mask;
	case MAPI_RES_SIZE:
		return a->u.size.relop == b->u.size.relop &&
		       a->u.size.prop_tag == b->u.size.prop_tag && a->u.size.size == b->u.size.size;
	case MAPI_RES_EXIST:
		return a->u.exist.prop_tag == b->u.exist.prop_tag;
	case MAPI_RES_SUBOBJECT:
		return a->u.subobject.subobject == b->u.subobject.subobject &&
		       sub_equal(a->u.subobject.sub, b->u.subobject.sub);
	case MAPI_RES_COMMENT:
		if (a->u.comment.count != b->u.comment.count) {
			return false;
		}
		for (unsigned i = 0; i < a->u.comment.count; i++) {
			if (!mapi_propval_equal(&a->u.comment.values[i], &b->u.comment.values[i])) {
				return false;
			}
		}
		return sub_equal(a->u.comment.sub, b->u.comment.sub);
	case MAPI_RES_COUNT:
		return a->u.count.count == b->u.count.count &&
		       sub_equal(a->u.count.sub, b->u.count.sub);
	default:
		return true;
	}
}
