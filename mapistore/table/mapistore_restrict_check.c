/*
 * Static checks over a restriction tree (MS-OXCDATA 2.12): what the evaluator supports, whether
 * row order matters, which tags it reads. Recursion is bounded by MAPI_RESTRICTION_MAX_DEPTH.
 */
#include "mapistore_restrict.h"

#include "mapi_proptype.h"

static bool relop_ok(uint8_t relop)
{
	/* 2.12.5.1: RELOP_RE is defined but we have no regular-expression matcher. */
	return relop <= MAPI_RELOP_NE;
}

static bool content_ok(const struct mapi_restriction *res)
{
	uint16_t t = mapi_proptype_base(mapi_prop_type(res->u.content.prop_tag));
	uint16_t c = mapi_prop_type(res->u.content.value.tag);
	bool strings = (t == PT_STRING8 || t == PT_UNICODE) && (c == PT_STRING8 || c == PT_UNICODE);

	if (res->u.content.fuzzy_low > MAPI_FL_PREFIX)
		return false;
	if ((res->u.content.fuzzy_high & ~(MAPI_FL_IGNORECASE | MAPI_FL_IGNORENONSPACE |
					   MAPI_FL_LOOSE)) != 0)
		return false;
	return strings || (t == PT_BINARY && c == PT_BINARY);
}

static uint32_t check(const struct mapi_restriction *res, unsigned depth)
{
	uint32_t rc = 0;

	if (res == NULL || depth > MAPI_RESTRICTION_MAX_DEPTH)
		return MAPI_E_TOO_COMPLEX;
	switch (res->type) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		for (uint32_t i = 0; i < res->u.and_or.count && rc == 0; i++)
			rc = check(&res->u.and_or.items[i], depth + 1);
		return rc;
	case MAPI_RES_NOT:
		return check(res->u.not_.sub, depth + 1);
	case MAPI_RES_CONTENT:
		return content_ok(res) ? 0 : MAPI_E_TOO_COMPLEX;
	case MAPI_RES_PROPERTY:
		return relop_ok(res->u.property.relop) ? 0 : MAPI_E_TOO_COMPLEX;
	case MAPI_RES_COMPARE_PROPERTIES:
		return relop_ok(res->u.compare.relop) ? 0 : MAPI_E_TOO_COMPLEX;
	case MAPI_RES_BITMASK:
		return res->u.bitmask.relop <= MAPI_BMR_NEZ ? 0 : MAPI_E_TOO_COMPLEX;
	case MAPI_RES_SIZE:
		return relop_ok(res->u.size.relop) ? 0 : MAPI_E_TOO_COMPLEX;
	case MAPI_RES_EXIST:
		return 0;
	case MAPI_RES_SUBOBJECT:
		return res->u.subobject.sub != NULL ? check(res->u.subobject.sub, depth + 1)
						    : MAPI_E_TOO_COMPLEX;
	case MAPI_RES_COMMENT:
		return res->u.comment.sub != NULL ? check(res->u.comment.sub, depth + 1) : 0;
	case MAPI_RES_COUNT:
		return check(res->u.count.sub, depth + 1);
	default:
		return MAPI_E_TOO_COMPLEX;
	}
}

uint32_t mapistore_restrict_validate(const struct mapi_restriction *res)
{
	if (res == NULL)
		return MAPI_E_INVALID_PARAMETER;
	return check(res, 1);
}

static bool has_count(const struct mapi_restriction *res, unsigned depth)
{
	if (res == NULL || depth > MAPI_RESTRICTION_MAX_DEPTH)
		return false;
	switch (res->type) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		for (uint32_t i = 0; i < res->u.and_or.count; i++) {
			if (has_count(&res->u.and_or.items[i], depth + 1))
				return true;
		}
		return false;
	case MAPI_RES_NOT: return has_count(res->u.not_.sub, depth + 1);
	case MAPI_RES_COMMENT: return has_count(res->u.comment.sub, depth + 1);
	case MAPI_RES_COUNT: return true;
	default: return false;
	}
}

bool mapistore_restrict_has_count(const struct mapi_restriction *res)
{
	return has_count(res, 1);
}

static uint32_t add_tag(TALLOC_CTX *mem_ctx, uint32_t **tags, uint32_t *count, uint32_t tag)
{
	uint32_t *t;

	for (uint32_t i = 0; i < *count; i++) {
		if ((*tags)[i] == tag)
			return 0;
	}
	t = talloc_realloc(mem_ctx, *tags, uint32_t, *count + 1);
	if (t == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	t[(*count)++] = tag;
	*tags = t;
	return 0;
}

static uint32_t collect(TALLOC_CTX *mem_ctx, const struct mapi_restriction *res, uint32_t **tags,
			uint32_t *count, unsigned depth)
{
	uint32_t rc = 0;

	if (res == NULL || depth > MAPI_RESTRICTION_MAX_DEPTH)
		return 0;
	switch (res->type) {
	case MAPI_RES_AND:
	case MAPI_RES_OR:
		for (uint32_t i = 0; i < res->u.and_or.count && rc == 0; i++)
			rc = collect(mem_ctx, &res->u.and_or.items[i], tags, count, depth + 1);
		return rc;
	case MAPI_RES_NOT: return collect(mem_ctx, res->u.not_.sub, tags, count, depth + 1);
	case MAPI_RES_COMMENT: return collect(mem_ctx, res->u.comment.sub, tags, count, depth + 1);
	case MAPI_RES_COUNT: return collect(mem_ctx, res->u.count.sub, tags, count, depth + 1);
	case MAPI_RES_CONTENT: return add_tag(mem_ctx, tags, count, res->u.content.prop_tag);
	case MAPI_RES_PROPERTY: return add_tag(mem_ctx, tags, count, res->u.property.prop_tag);
	case MAPI_RES_COMPARE_PROPERTIES:
		rc = add_tag(mem_ctx, tags, count, res->u.compare.tag1);
		return rc != 0 ? rc : add_tag(mem_ctx, tags, count, res->u.compare.tag2);
	case MAPI_RES_BITMASK: return add_tag(mem_ctx, tags, count, res->u.bitmask.prop_tag);
	case MAPI_RES_SIZE: return add_tag(mem_ctx, tags, count, res->u.size.prop_tag);
	case MAPI_RES_EXIST: return add_tag(mem_ctx, tags, count, res->u.exist.prop_tag);
	default: return 0;
	}
}

uint32_t mapistore_restrict_tags(TALLOC_CTX *mem_ctx, const struct mapi_restriction *res,
				 uint32_t **tags, uint32_t *count)
{
	return collect(mem_ctx, res, tags, count, 1);
}
