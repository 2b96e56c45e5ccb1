/*
 * nspi_restrict: conversion of NSPI restrictions and rows to the table engine's model.
 */
#include <string.h>

#include "nspi_restrict.h"
#include "nspi_attrmap.h"
#include "nspi_search.h"
#include "mapi_status.h"
#include "mapistore_restrict.h"

#define PROP_ID_ANR 0x360CU		/* PidTagAnr (MS-OXPROPS) */
#define PT_BOOLEAN 0x000BU
/* Most children of one And/Or and values of one comparand (the codecs hold the real count; this
 * keeps count + 1 from wrapping). */
#define MAX_COUNT 0x100000U

/* String tags are read as Unicode: both string types name the same value (MS-OXNSPI 3.1.4.3). */
static uint32_t unicode_tag(uint32_t tag)
{
	uint32_t type = NSPI_PROP_TYPE(tag);

	if (type == NSPI_PT_STRING8) {
		return (tag & 0xFFFF0000U) | NSPI_PT_UNICODE;
	}
	return type == NSPI_PT_MV_STRING8 ? (tag & 0xFFFF0000U) | NSPI_PT_MV_UNICODE : tag;
}

/* An 8-bit string (code page cp) or a Unicode one as UTF-8 on mem_ctx; NULL if it has none. */
static char *utf8(TALLOC_CTX *mem_ctx, const char *s, bool eight_bit, uint32_t cp)
{
	if (s == NULL) {
		return NULL;
	}
	return eight_bit ? nspi_row_from_codepage(mem_ctx, s, cp) : talloc_strdup(mem_ctx, s);
}

/* Multi-valued strings: the values as UTF-8; false on a NULL value or ENOMEM. */
static bool mv_strings(TALLOC_CTX *mem_ctx, const struct nspi_PropertyValue_r *v, bool eight_bit,
		       uint32_t cp, struct mapi_propval *out)
{
	uint32_t n = eight_bit ? v->Value.MVszA.cValues : v->Value.MVszW.cValues;
	const char * const *in = eight_bit ? v->Value.MVszA.lppszA : v->Value.MVszW.lppszW;

	if (n > MAX_COUNT) {
		return false;
	}
	out->v.mv.count = n;
	out->v.mv.v.str = talloc_zero_array(mem_ctx, char *, n + 1);
	if (out->v.mv.v.str == NULL || (n > 0 && in == NULL)) {
		return false;
	}
	for (uint32_t i = 0; i < n; i++) {
		if ((out->v.mv.v.str[i] = utf8(out->v.mv.v.str, in[i], eight_bit, cp)) == NULL) {
			return false;
		}
	}
	return true;
}

/* Multi-valued binaries (the bytes are shared, not copied); false on a malformed array. */
static bool mv_binaries(TALLOC_CTX *mem_ctx, const struct nspi_PropertyValue_r *v,
			struct mapi_propval *out)
{
	uint32_t n = v->Value.MVbin.cValues;

	if (n > MAX_COUNT) {
		return false;
	}
	out->v.mv.count = n;
	out->v.mv.v.bin = talloc_zero_array(mem_ctx, struct mapi_binary, n + 1);
	if (out->v.mv.v.bin == NULL || (n > 0 && v->Value.MVbin.lpbin == NULL)) {
		return false;
	}
	for (uint32_t i = 0; i < n; i++) {
		out->v.mv.v.bin[i].length = v->Value.MVbin.lpbin[i].cb;
		out->v.mv.v.bin[i].data = v->Value.MVbin.lpbin[i].lpb;
		if (out->v.mv.v.bin[i].length > 0 && out->v.mv.v.bin[i].data == NULL) {
			return false;
		}
	}
	return true;
}

/* One NSPI value as a wire-model value (MS-OXNSPI 2.2.2.x PROP_VAL_UNION); false if its type is
 * not one the address book holds, it is malformed, or on ENOMEM. */
static bool convert_value(TALLOC_CTX *mem_ctx, const struct nspi_PropertyValue_r *v, uint32_t cp,
			  struct mapi_propval *out)
{
	uint32_t type = NSPI_PROP_TYPE(v->ulPropTag);

	memset(out, 0, sizeof(*out));
	out->tag = unicode_tag(v->ulPropTag);
	switch (type) {
	case NSPI_PT_LONG:
		out->v.i32 = v->Value.l;
		return true;
	case PT_BOOLEAN:
		out->v.b = v->Value.b != 0;
		return true;
	case NSPI_PT_STRING8:
	case NSPI_PT_UNICODE:
		out->v.str = utf8(mem_ctx, type == NSPI_PT_STRING8 ? v->Value.lpszA
						: v->Value.lpszW, type == NSPI_PT_STRING8, cp);
		return out->v.str != NULL;
	case NSPI_PT_BINARY:
		out->v.bin.length = v->Value.bin.cb;
		out->v.bin.data = v->Value.bin.lpb;
		return v->Value.bin.cb == 0 || v->Value.bin.lpb != NULL;
	case NSPI_PT_MV_STRING8:
	case NSPI_PT_MV_UNICODE:
		return mv_strings(mem_ctx, v, type == NSPI_PT_MV_STRING8, cp, out);
	case NSPI_PT_MV_BINARY:
		return mv_binaries(mem_ctx, v, out);
	}
	return false;
}

struct convert_state {
	TALLOC_CTX *mem_ctx;
	struct nspi_restrict *r;
	uint32_t cp;
};

static uint32_t convert(struct convert_state *c, const struct nspi_Restriction_r *in,
			struct mapi_restriction *out, unsigned depth);

/* A comparison (Content, Property) on PidTagAnr: equality on ANR k's synthetic boolean. */
static uint32_t convert_anr(struct convert_state *c, const struct nspi_PropertyValue_r *v,
			    struct mapi_restriction *out)
{
	uint32_t type = NSPI_PROP_TYPE(v->ulPropTag), k = c->r->nanr;
	const char *text;

	if (k >= NSPI_RESTRICT_MAX_ANR || (type != NSPI_PT_STRING8 && type != NSPI_PT_UNICODE)) {
		return MAPI_E_TOO_COMPLEX;
	}
	text = utf8(c->r, type == NSPI_PT_STRING8 ? v->Value.lpszA : v->Value.lpszW,
		    type == NSPI_PT_STRING8, c->cp);
	c->r->anr[c->r->nanr++] = text != NULL ? text : "";
	out->type = MAPI_RES_PROPERTY;
	out->u.property.relop = MAPI_RELOP_EQ;
	out->u.property.prop_tag = NSPI_RESTRICT_ANR_TAG(k);
	out->u.property.value.tag = NSPI_RESTRICT_ANR_TAG(k);
	out->u.property.value.v.b = 1;
	return MAPI_E_SUCCESS;
}

/* Content (MS-OXCDATA 2.12.4) and Property (2.12.5) restrictions. */
static uint32_t convert_compare(struct convert_state *c, const struct nspi_Restriction_r *in,
				struct mapi_restriction *out)
{
	bool content = in->rt == MAPI_RES_CONTENT;
	uint32_t tag = content ? in->res.resContent.ulPropTag : in->res.resProperty.ulPropTag;
	const struct nspi_PropertyValue_r *v = content ? in->res.resContent.lpProp
						       : in->res.resProperty.lpProp;
	struct mapi_propval *value = content ? &out->u.content.value : &out->u.property.value;

	if (v == NULL || (!content && in->res.resProperty.relop > 0xFF)) {
		return MAPI_E_TOO_COMPLEX;
	}
	if (NSPI_PROP_ID(tag) == PROP_ID_ANR) {
		return convert_anr(c, v, out);
	}
	if (!convert_value(c->mem_ctx, v, c->cp, value)) {
		return MAPI_E_TOO_COMPLEX;
	}
	out->type = (uint8_t)in->rt;
	if (content) {
		out->u.content.fuzzy_low = (uint16_t)(in->res.resContent.ulFuzzyLevel & 0xFFFFU);
		out->u.content.fuzzy_high = (uint16_t)(in->res.resContent.ulFuzzyLevel >> 16);
		out->u.content.prop_tag = unicode_tag(tag);
	} else {
		out->u.property.relop = (uint8_t)in->res.resProperty.relop;
		out->u.property.prop_tag = unicode_tag(tag);
	}
	return MAPI_E_SUCCESS;
}

/* And, Or (2.12.1, 2.12.2): a count without its array is malformed. */
static uint32_t convert_and_or(struct convert_state *c, const struct nspi_Restriction_r *in,
			       struct mapi_restriction *out, unsigned depth)
{
	uint32_t n = in->res.resAnd.cRes, status = MAPI_E_SUCCESS;

	if ((n > 0 && in->res.resAnd.lpRes == NULL) || n > MAX_COUNT) {
		return MAPI_E_TOO_COMPLEX;
	}
	out->type = (uint8_t)in->rt;
	out->u.and_or.count = n;
	out->u.and_or.items = talloc_zero_array(c->mem_ctx, struct mapi_restriction, n + 1);
	if (out->u.and_or.items == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < n; i++) {
		status = convert(c, &in->res.resAnd.lpRes[i], &out->u.and_or.items[i], depth + 1);
	}
	return status;
}

/* Not (2.12.3) and SubObject (2.12.10): one sub-restriction. */
static uint32_t convert_sub(struct convert_state *c, const struct nspi_Restriction_r *sub,
			    struct mapi_restriction **out, unsigned depth)
{
	if (sub == NULL) {
		return MAPI_E_TOO_COMPLEX;
	}
	*out = talloc_zero(c->mem_ctx, struct mapi_restriction);
	return *out == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : convert(c, sub, *out, depth + 1);
}

static uint32_t convert(struct convert_state *c, const struct nspi_Restriction_r *in,
			struct mapi_restriction *out, unsigned depth)
{
	const union nspi_RestrictionUnion_r *u = &in->res;

	if (depth > NSPI_RESTRICTION_MAX_DEPTH) {
		return MAPI_E_TOO_COMPLEX;
	}
	out->type = (uint8_t)in->rt;
	switch (in->rt) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		return convert_and_or(c, in, out, depth);
	case MAPI_RES_NOT:
		return convert_sub(c, u->resNot.lpRes, &out->u.not_.sub, depth);
	case MAPI_RES_CONTENT:
	case MAPI_RES_PROPERTY:
		return convert_compare(c, in, out);
	case MAPI_RES_COMPARE_PROPERTIES:	/* 2.12.6 */
		out->u.compare.relop = (uint8_t)u->resCompareProps.relop;
		out->u.compare.tag1 = unicode_tag(u->resCompareProps.ulPropTag1);
		out->u.compare.tag2 = unicode_tag(u->resCompareProps.ulPropTag2);
		return u->resCompareProps.relop > 0xFF ? MAPI_E_TOO_COMPLEX : MAPI_E_SUCCESS;
	case MAPI_RES_BITMASK:			/* 2.12.7 */
		out->u.bitmask.relop = (uint8_t)u->resBitMask.relBMR;
		out->u.bitmask.prop_tag = u->resBitMask.ulPropTag;
		out->u.bitmask.mask = u->resBitMask.ulMask;
		return u->resBitMask.relBMR > 0xFF ? MAPI_E_TOO_COMPLEX : MAPI_E_SUCCESS;
	case MAPI_RES_SIZE:			/* 2.12.8 */
		out->u.size.relop = (uint8_t)u->resSize.relop;
		out->u.size.prop_tag = unicode_tag(u->resSize.ulPropTag);
		out->u.size.size = u->resSize.cb;
		return u->resSize.relop > 0xFF ? MAPI_E_TOO_COMPLEX : MAPI_E_SUCCESS;
	case MAPI_RES_EXIST:			/* 2.12.9 */
		out->u.exist.prop_tag = unicode_tag(u->resExist.ulPropTag);
		return MAPI_E_SUCCESS;
	case MAPI_RES_SUBOBJECT:		/* 2.12.10: address book objects have none */
		out->u.subobject.subobject = u->resSubRestriction.ulSubObject;
		return convert_sub(c, u->resSubRestriction.lpRes, &out->u.subobject.sub, depth);
	}
	return MAPI_E_TOO_COMPLEX;
}

uint32_t nspi_restrict_convert(TALLOC_CTX *mem_ctx, const struct nspi_Restriction_r *in,
			       uint32_t cp, struct nspi_restrict **out)
{
	struct nspi_restrict *r = talloc_zero(mem_ctx, struct nspi_restrict);
	struct convert_state c = { .mem_ctx = r, .r = r, .cp = cp };
	uint32_t status, *all = NULL, nall = 0;

	if (r == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = in == NULL ? MAPI_E_TOO_COMPLEX : convert(&c, in, &r->res, 0);
	if (status == MAPI_E_SUCCESS) {
		status = mapistore_restrict_validate(&r->res);
	}
	if (status == MAPI_E_SUCCESS) {
		status = mapistore_restrict_tags(r, &r->res, &all, &nall);
	}
	if (status != MAPI_E_SUCCESS) {
		talloc_free(r);
		return status;
	}
	r->tags = talloc_zero_array(r, uint32_t, nall + 1);
	for (uint32_t i = 0; r->tags != NULL && i < nall; i++) {
		if ((all[i] >> 16) < 0xFFB0U || (all[i] >> 16) >= 0xFFB0U + NSPI_RESTRICT_MAX_ANR) {
			r->tags[r->ntags++] = all[i];
		}
	}
	if (r->tags == NULL) {
		talloc_free(r);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*out = r;
	return MAPI_E_SUCCESS;
}

bool nspi_restrict_row(TALLOC_CTX *mem_ctx, const struct nspi_restrict *r,
		       const struct nspi_row_context *rc, const struct nspi_entry *e,
		       const bool *anr_hits, struct mapistore_row *row)
{
	memset(row, 0, sizeof(*row));
	row->props = talloc_zero_array(mem_ctx, struct mapi_propval, r->ntags + r->nanr + 1);
	if (row->props == NULL) {
		return false;
	}
	for (uint32_t i = 0; i < r->ntags; i++) {
		struct nspi_PropertyValue_r v;

		/* Values the entry does not have (or cannot be held) are absent from the row. */
		if (nspi_row_value(mem_ctx, rc, e, r->tags[i], &v) &&
		    convert_value(mem_ctx, &v, rc->code_page, &row->props[row->count])) {
			row->props[row->count++].tag = r->tags[i];
		}
	}
	for (uint32_t k = 0; k < r->nanr; k++) {
		if (anr_hits[k]) {
			row->props[row->count].tag = NSPI_RESTRICT_ANR_TAG(k);
			row->props[row->count++].v.b = 1;
		}
	}
	return true;
}
