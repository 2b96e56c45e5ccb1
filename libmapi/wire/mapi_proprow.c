/*
 * mapi_proprow: PropertyRow, PropertyRowSet, PropertyTagArray and PropertyProblem of
 * MS-OXCDATA 2.7, 2.8 and 2.10 (see mapi_proprow.h).
 */
#include <string.h>

#include "mapi_proprow.h"

#define FORMAT ecRpcFormat
#define NOMEM MAPI_E_NOT_ENOUGH_MEMORY
#define BADARG MAPI_E_INVALID_PARAMETER

/* 2.10.1 */
uint32_t mapi_proprow_pull_tags(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				struct mapi_proptag_array *tags)
{
	uint32_t count, ret = mapi_propval_pull_count(r, 2, 4, &count);

	tags->count = 0;
	tags->tags = NULL;
	if (ret != 0) {
		return ret;
	}
	if (count > 0) {
		tags->tags = talloc_array(mem_ctx, uint32_t, count);
		if (tags->tags == NULL) {
			return NOMEM;
		}
	}
	for (uint32_t i = 0; i < count; i++) {
		/* fits: checked by the count */
		(void)mapi_propval_pull_u32(r, &tags->tags[i]);
	}
	tags->count = (uint16_t)count;
	return 0;
}

uint32_t mapi_proprow_push_tags(struct mapi_propval_writer *w,
				const struct mapi_proptag_array *tags)
{
	uint32_t ret;

	if (tags->count > 0 && tags->tags == NULL) {
		return BADARG;
	}
	ret = mapi_propval_push_u16(w, tags->count);
	for (uint32_t i = 0; ret == 0 && i < tags->count; i++) {
		ret = mapi_propval_push_u32(w, tags->tags[i]);
	}
	return ret;
}

/* Columns that can be rows: known types, not PtypNull (see the header). */
static bool columns_valid(const struct mapi_proptag_array *columns)
{
	if (columns->count > 0 && columns->tags == NULL) {
		return false;
	}
	for (uint16_t i = 0; i < columns->count; i++) {
		uint16_t type = mapi_prop_type(columns->tags[i]);

		if (!mapi_proptype_is_valid(type) || type == PT_NULL) {
			return false;
		}
	}
	return true;
}

static uint32_t pull_column(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r, uint8_t flag,
			    uint32_t column, struct mapi_propval *pv)
{
	uint16_t type = mapi_prop_type(column);
	uint32_t ret;

	if (flag == MAPI_PROPROW_STANDARD) {
		ret = type == PT_UNSPECIFIED ? mapi_propval_pull_typed(mem_ctx, r, pv)
					     : mapi_propval_pull_value(mem_ctx, r, type, pv);
	} else {
		ret = type == PT_UNSPECIFIED ? mapi_propval_pull_flagged_typed(mem_ctx, r, pv)
					     : mapi_propval_pull_flagged(mem_ctx, r, type, pv);
	}
	/* the tag: the column's ID with the type the value was read as */
	pv->tag = MAPI_PROP_TAG(mapi_prop_id(column), mapi_prop_type(pv->tag));
	return ret;
}

/* 2.8.1 */
uint32_t mapi_proprow_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			   const struct mapi_proptag_array *columns, struct mapi_proprow *row)
{
	uint32_t ret;

	memset(row, 0, sizeof(*row));
	if (!columns_valid(columns)) {
		return BADARG;
	}
	ret = mapi_propval_pull_u8(r, &row->flag);
	if (ret != 0) {
		return ret;
	}
	if (row->flag != MAPI_PROPROW_STANDARD && row->flag != MAPI_PROPROW_FLAGGED) {
		return FORMAT;
	}
	/* every column costs a byte at least: no allocation past what the input could fill */
	if (columns->count > mapi_propval_reader_left(r)) {
		return FORMAT;
	}
	if (columns->count > 0) {
		row->values = talloc_zero_array(mem_ctx, struct mapi_propval, columns->count);
		if (row->values == NULL) {
			return NOMEM;
		}
	}
	row->count = columns->count;
	for (uint16_t i = 0; i < columns->count; i++) {
		ret = pull_column(row->values, r, row->flag, columns->tags[i], &row->values[i]);
		if (ret != 0) {
			return ret;
		}
	}
	return 0;
}

static uint32_t push_column(struct mapi_propval_writer *w, uint8_t flag, uint32_t column,
			    const struct mapi_propval *pv)
{
	uint16_t type = mapi_prop_type(column);

	if (mapi_prop_id(pv->tag) != mapi_prop_id(column) ||
	    (type != PT_UNSPECIFIED && mapi_prop_type(pv->tag) != type) ||
	    (type == PT_UNSPECIFIED && mapi_prop_type(pv->tag) == PT_UNSPECIFIED)) {
		return BADARG;
	}
	if (flag == MAPI_PROPROW_STANDARD) {
		if (pv->flag != MAPI_PROPVAL_FLAG_VALUE) {
			return BADARG;
		}
		return type == PT_UNSPECIFIED ? mapi_propval_push_typed(w, pv)
					      : mapi_propval_push_value(w, type, pv);
	}
	return type == PT_UNSPECIFIED ? mapi_propval_push_flagged_typed(w, pv)
				      : mapi_propval_push_flagged(w, type, pv);
}

uint32_t mapi_proprow_push(struct mapi_propval_writer *w, const struct mapi_proptag_array *columns,
			   const struct mapi_proprow *row)
{
	uint32_t ret;

	if (!columns_valid(columns) || row->count != columns->count ||
	    (row->count > 0 && row->values == NULL) ||
	    (row->flag != MAPI_PROPROW_STANDARD && row->flag != MAPI_PROPROW_FLAGGED)) {
		return BADARG;
	}
	ret = mapi_propval_push_u8(w, row->flag);
	for (uint16_t i = 0; ret == 0 && i < row->count; i++) {
		ret = push_column(w, row->flag, columns->tags[i], &row->values[i]);
	}
	return ret;
}

/* 2.8.2.1 */
uint32_t mapi_proprow_pull_set(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			       const struct mapi_proptag_array *columns,
			       struct mapi_proprow_set *set)
{
	/* a row is its Flag plus at least a byte per column */
	size_t min_row = 1 + (size_t)columns->count;
	uint32_t count, ret;

	set->count = 0;
	set->rows = NULL;
	if (!columns_valid(columns)) {
		return BADARG;
	}
	ret = mapi_propval_pull_count(r, 2, min_row, &count);
	if (ret != 0) {
		return ret;
	}
	if (count > 0) {
		set->rows = talloc_zero_array(mem_ctx, struct mapi_proprow, count);
		if (set->rows == NULL) {
			return NOMEM;
		}
	}
	set->count = (uint16_t)count;
	for (uint32_t i = 0; i < count; i++) {
		ret = mapi_proprow_pull(set->rows, r, columns, &set->rows[i]);
		if (ret != 0) {
			return ret;
		}
	}
	return 0;
}

uint32_t mapi_proprow_push_set(struct mapi_propval_writer *w,
			       const struct mapi_proptag_array *columns,
			       const struct mapi_proprow_set *set)
{
	uint32_t ret;

	if (set->count > 0 && set->rows == NULL) {
		return BADARG;
	}
	ret = mapi_propval_push_u16(w, set->count);
	for (uint32_t i = 0; ret == 0 && i < set->count; i++) {
		ret = mapi_proprow_push(w, columns, &set->rows[i]);
	}
	return ret;
}

/* 2.7 */
uint32_t mapi_proprow_pull_problems(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				    struct mapi_property_problem_array *problems)
{
	uint32_t count, ret = mapi_propval_pull_count(r, 2, 10, &count);

	problems->count = 0;
	problems->problems = NULL;
	if (ret != 0) {
		return ret;
	}
	if (count > 0) {
		problems->problems = talloc_array(mem_ctx, struct mapi_property_problem, count);
		if (problems->problems == NULL) {
			return NOMEM;
		}
	}
	for (uint32_t i = 0; i < count; i++) {
		struct mapi_property_problem *p = &problems->problems[i];

		/* sizes checked by the count */
		(void)mapi_propval_pull_u16(r, &p->index);
		(void)mapi_propval_pull_u32(r, &p->prop_tag);
		(void)mapi_propval_pull_u32(r, &p->error_code);
	}
	problems->count = (uint16_t)count;
	return 0;
}

uint32_t mapi_proprow_push_problems(struct mapi_propval_writer *w,
				    const struct mapi_property_problem_array *problems)
{
	uint32_t ret;

	if (problems->count > 0 && problems->problems == NULL) {
		return BADARG;
	}
	ret = mapi_propval_push_u16(w, problems->count);
	for (uint32_t i = 0; ret == 0 && i < problems->count; i++) {
		const struct mapi_property_problem *p = &problems->problems[i];

		ret = mapi_propval_push_u16(w, p->index);
		if (ret == 0) {
			ret = mapi_propval_push_u32(w, p->prop_tag);
		}
		if (ret == 0) {
			ret = mapi_propval_push_u32(w, p->error_code);
		}
	}
	return ret;
}

bool mapi_proprow_equal(const struct mapi_proprow *a, const struct mapi_proprow *b)
{
	if (a->flag != b->flag || a->count != b->count) {
		return false;
	}
	for (uint16_t i = 0; i < a->count; i++) {
		if (!mapi_propval_equal(&a->values[i], &b->values[i])) {
			return false;
		}
	}
	return true;
}
