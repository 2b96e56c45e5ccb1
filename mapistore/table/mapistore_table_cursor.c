/*
 * The table cursor: RopQueryRows, RopQueryPosition, RopSeekRow, RopSeekRowFractional, bookmarks
 * and RopFindRow (MS-OXCTABL 3.2.5.5, 3.2.5.8-3.2.5.12, 3.2.5.14, 3.2.5.15).
 */
#include "mapistore_table_private.h"

#include "mapi_proptype.h"

/* MS-OXCTABL 2.2.1: table-specific columns, when the row does not carry them itself. */
static bool table_column(const struct mapistore_sort_entry *e, uint32_t tag, struct mapi_propval *v)
{
	v->tag = tag;
	v->flag = MAPI_PROPVAL_FLAG_VALUE;
	switch (tag) {
	case MAPISTORE_TAG_INST_ID: v->v.i64 = (int64_t)e->row->id; return true;
	case MAPISTORE_TAG_INSTANCE_NUM: v->v.i32 = (int32_t)e->instance; return true;
	case MAPISTORE_TAG_ROW_TYPE: v->v.i32 = MAPISTORE_TBL_LEAF_ROW; return true;
	case MAPISTORE_TAG_DEPTH: v->v.i32 = 0; return true;
	default: return false;
	}
}

uint32_t mapistore_table_fill_row(TALLOC_CTX *mem_ctx, const struct mapistore_table *t,
				  const struct mapistore_sort_entry *e, struct mapi_proprow *out)
{
	struct mapi_propval *values = talloc_zero_array(mem_ctx, struct mapi_propval,
							 t->n_columns + 1);

	if (values == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	out->flag = MAPI_PROPROW_STANDARD;
	out->count = t->n_columns;
	out->values = values;
	for (uint16_t i = 0; i < t->n_columns; i++) {
		uint32_t tag = t->columns[i];
		/* Only the view's instance property shows one value per entry. */
		uint32_t instance = tag == t->mvi_tag ? e->instance : 0;

		if (mapistore_row_value(e->row, tag, instance, &values[i])) {
			/* The column's tag, even where an instance shows its base type's value. */
			values[i].tag = tag;
			continue;
		}
		if (table_column(e, tag, &values[i]))
			continue;
		/* MS-OXCDATA 2.8.1.2 / 2.11.5: FlaggedPropertyValue 0xA with ecNotFound. */
		values[i].tag = tag;
		values[i].flag = MAPI_PROPVAL_FLAG_ERROR;
		values[i].v.err = MAPI_E_NOT_FOUND;
		out->flag = MAPI_PROPROW_FLAGGED;
	}
	return 0;
}

uint32_t mapistore_table_query_rows(TALLOC_CTX *mem_ctx, struct mapistore_table *t, bool advance,
				    bool forward, uint16_t count, uint8_t *origin_r,
				    struct mapi_proprow_set *out)
{
	uint32_t start, n, rc;

	/* 3.2.5.5: RopSetColumns MUST come first, else ecNullObject. */
	if (!t->columns_set)
		return ecNullObject;
	if (forward) {
		n = t->n_view - t->cursor < count ? t->n_view - t->cursor : count;
		start = t->cursor;
	} else {
		n = t->cursor < count ? t->cursor : count;
		start = t->cursor - n;
	}
	out->count = (uint16_t)n;
	out->rows = talloc_zero_array(mem_ctx, struct mapi_proprow, n + 1);
	if (out->rows == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; i < n; i++) {
		rc = mapistore_table_fill_row(out->rows, t, &t->view[start + i], &out->rows[i]);
		if (rc != 0) {
			TALLOC_FREE(out->rows);
			out->count = 0;
			return rc;
		}
	}
	/* 3.2.5.5: Origin END / BEGINNING once no more rows remain in the reading direction. */
	if (forward && start + n == t->n_view)
		*origin_r = MAPISTORE_BOOKMARK_END;
	else if (!forward && start == 0)
		*origin_r = MAPISTORE_BOOKMARK_BEGINNING;
	else
		*origin_r = MAPISTORE_BOOKMARK_CURRENT;
	if (advance)
		t->cursor = forward ? start + n : start;
	return 0;
}

uint32_t mapistore_table_query_position(const struct mapistore_table *t, uint32_t *numerator_r,
					uint32_t *denominator_r)
{
	/* 3.2.5.8: the cursor position and the number of rows. */
	*numerator_r = t->cursor;
	*denominator_r = t->n_view;
	return 0;
}

/* Moves count rows from start, clamped to 0..N (2.2.2.9.2 HasSoughtLess, RowsSought). */
static void seek_from(struct mapistore_table *t, uint32_t start, int32_t count,
		      bool *sought_less_r, int32_t *sought_r)
{
	int64_t target = (int64_t)start + count;
	int64_t sought;

	if (target < 0)
		target = 0;
	if (target > t->n_view)
		target = t->n_view;
	sought = target - (int64_t)start;
	t->cursor = (uint32_t)target;
	if (sought_r != NULL)
		*sought_r = (int32_t)sought;
	if (sought_less_r != NULL)
		*sought_less_r = sought != count;
}

uint32_t mapistore_table_seek(struct mapistore_table *t, uint8_t origin, int32_t count,
			      bool *sought_less_r, int32_t *sought_r)
{
	uint32_t start;

	switch (origin) {
	case MAPISTORE_BOOKMARK_BEGINNING: start = 0; break;
	case MAPISTORE_BOOKMARK_CURRENT: start = t->cursor; break;
	case MAPISTORE_BOOKMARK_END: start = t->n_view; break;
	default: return MAPI_E_INVALID_PARAMETER;
	}
	seek_from(t, start, count, sought_less_r, sought_r);
	return 0;
}

uint32_t mapistore_table_seek_fractional(struct mapistore_table *t, uint32_t numerator,
					 uint32_t denominator)
{
	/* 2.2.2.11.1: Denominator MUST NOT be zero. */
	if (denominator == 0)
		return MAPI_E_INVALID_PARAMETER;
	/* 3.2.5.11: 0 is the beginning, >= 1 the end, else the closest row (halves round up). */
	if (numerator >= denominator)
		t->cursor = t->n_view;
	else
		t->cursor = (uint32_t)(((uint64_t)numerator * t->n_view * 2 + denominator) /
				       ((uint64_t)denominator * 2));
	return 0;
}

static struct table_bookmark *find_bookmark(struct mapistore_table *t, uint32_t id)
{
	for (uint32_t i = 0; i < t->n_bookmarks; i++) {
		if (t->bookmarks[i].id == id)
			return &t->bookmarks[i];
	}
	return NULL;
}

/* Anchors a bookmark on whatever is at pos now (a row, or the end). */
static void anchor(const struct mapistore_table *t, struct table_bookmark *b, uint32_t pos)
{
	b->pos = pos;
	b->gone = false;
	b->at_end = pos >= t->n_view;
	if (!b->at_end) {
		b->row_id = t->view[pos].row->id;
		b->instance = t->view[pos].instance;
	}
}

uint32_t mapistore_table_create_bookmark(struct mapistore_table *t, uint32_t *bookmark_r)
{
	struct table_bookmark *b;

	if (!t->columns_set)
		return ecNullObject;
	b = talloc_realloc(t, t->bookmarks, struct table_bookmark, t->n_bookmarks + 1);
	if (b == NULL || t->next_bookmark == 0)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	t->bookmarks = b;
	b = &t->bookmarks[t->n_bookmarks++];
	b->id = t->next_bookmark++;
	anchor(t, b, t->cursor);
	*bookmark_r = b->id;
	return 0;
}

uint32_t mapistore_table_free_bookmark(struct mapistore_table *t, uint32_t bookmark)
{
	struct table_bookmark *b;

	if (!t->columns_set)
		return ecNullObject;
	/* 2.2.2.15: a freed bookmark is ecInvalidBookmark from then on. */
	b = find_bookmark(t, bookmark);
	if (b == NULL)
		return MAPI_E_INVALID_BOOKMARK;
	*b = t->bookmarks[--t->n_bookmarks];
	return 0;
}

/* A bookmark's position; a gone one reports it and re-anchors on the row that followed. */
static uint32_t bookmark_start(struct mapistore_table *t, uint32_t bookmark, uint32_t *pos_r,
			       bool *no_longer_visible_r)
{
	struct table_bookmark *b = find_bookmark(t, bookmark);
	bool gone;

	if (b == NULL)
		return MAPI_E_INVALID_BOOKMARK;
	gone = b->gone;
	if (gone)
		anchor(t, b, b->pos < t->n_view ? b->pos : t->n_view);
	if (no_longer_visible_r != NULL)
		*no_longer_visible_r = gone;
	*pos_r = b->pos;
	return 0;
}

uint32_t mapistore_table_seek_bookmark(struct mapistore_table *t, uint32_t bookmark, int32_t count,
				       bool *no_longer_visible_r, bool *sought_less_r,
				       int32_t *sought_r)
{
	uint32_t start, rc;

	if (!t->columns_set)
		return ecNullObject;
	/* 3.2.5.10: the row gone, seek from the next one and say RowNoLongerVisible. */
	rc = bookmark_start(t, bookmark, &start, no_longer_visible_r);
	if (rc != 0)
		return rc;
	seek_from(t, start, count, sought_less_r, sought_r);
	return 0;
}

uint32_t mapistore_table_find_row(TALLOC_CTX *mem_ctx, struct mapistore_table *t,
				  const struct mapi_restriction *res, uint8_t origin,
				  uint32_t bookmark, bool backward, bool *no_longer_visible_r,
				  struct mapi_proprow *row_out)
{
	uint32_t start, rc;

	if (no_longer_visible_r != NULL)
		*no_longer_visible_r = false;
	if (!t->columns_set)
		return ecNullObject;
	if (res == NULL)
		return MAPI_E_INVALID_PARAMETER;
	rc = mapistore_restrict_validate(res);
	if (rc != 0)
		return rc;
	switch (origin) {
	case MAPISTORE_BOOKMARK_BEGINNING: start = 0; break;
	case MAPISTORE_BOOKMARK_CURRENT: start = t->cursor; break;
	case MAPISTORE_BOOKMARK_END: start = t->n_view; break;
	case MAPISTORE_BOOKMARK_CUSTOM:
		rc = bookmark_start(t, bookmark, &start, no_longer_visible_r);
		if (rc != 0)
			return rc;
		break;
	default:
		return MAPI_E_INVALID_PARAMETER;
	}
	/* 2.2.2.14.2: backwards, the origin row itself is not considered. */
	for (uint32_t i = backward ? start : start + 1; backward ? i > 0 : i <= t->n_view;
	     backward ? i-- : i++) {
		const struct mapistore_sort_entry *e = &t->view[i - 1];

		if (!mapistore_restrict_eval(res, e->row, t->subobject_fn, t->subobject_data))
			continue;
		rc = mapistore_table_fill_row(mem_ctx, t, e, row_out);
		if (rc == 0)
			t->cursor = i - 1;
		return rc;
	}
	return MAPI_E_NOT_FOUND;
}
