/*
 * The table engine: view state and building (MS-OXCTABL 3.2.5.2-3.2.5.4, 3.2.5.13, 3.2.5.16).
 * Cursor operations are in mapistore_table_cursor.c, row updates in mapistore_table_update.c.
 */
#include "mapistore_table_private.h"

#include <string.h>

#include "mapi_proptype.h"
#include "mapistore_sort.h"

struct mapistore_table *mapistore_table_new(TALLOC_CTX *mem_ctx)
{
	struct mapistore_table *t = talloc_zero(mem_ctx, struct mapistore_table);

	if (t != NULL)
		t->next_bookmark = 1;
	return t;
}

void mapistore_table_set_subobject_fn(struct mapistore_table *t, mapistore_restrict_subobject_fn fn,
				      void *private_data)
{
	t->subobject_fn = fn;
	t->subobject_data = private_data;
}

uint32_t mapistore_table_row_count(const struct mapistore_table *t)
{
	return t->n_view;
}

/* The instance property in force: the sort order's, else the columns' (one per view). */
static uint32_t pick_mvi(const struct mapi_sortorder_set *set, const uint32_t *cols, uint16_t n)
{
	for (uint16_t i = 0; set != NULL && i < set->count; i++) {
		if (set->sorts[i].prop_tag & MAPI_PROPTYPE_MV_INSTANCE)
			return set->sorts[i].prop_tag;
	}
	for (uint16_t i = 0; i < n; i++) {
		if (cols[i] & MAPI_PROPTYPE_MV_INSTANCE)
			return cols[i];
	}
	return 0;
}

uint32_t mapistore_table_entry_count(const struct mapistore_table *t,
				     const struct mapistore_row *row)
{
	const struct mapi_propval *pv;

	if (t->mvi_tag == 0)
		return 1;
	/* MS-OXCTABL 3.2.5.2: one row per value of the instance property. */
	pv = mapistore_row_find(row, t->mvi_tag);
	if (pv == NULL || !mapi_proptype_is_multi(mapi_prop_type(pv->tag)) || pv->v.mv.count == 0)
		return 1;
	return pv->v.mv.count;
}

uint32_t mapistore_table_entries_of(const struct mapistore_table *t, const struct mapistore_row *row,
				    struct mapistore_sort_entry *out, uint32_t max)
{
	uint32_t n = mapistore_table_entry_count(t, row);
	bool expanded = n > 1 || (t->mvi_tag != 0 && mapistore_row_find(row, t->mvi_tag) != NULL &&
				  mapistore_row_find(row, t->mvi_tag)->v.mv.count == 1);

	if (n > max)
		n = max;
	for (uint32_t i = 0; i < n; i++) {
		out[i].row = row;
		out[i].instance = expanded ? i + 1 : row->instance;
	}
	return n;
}

/* Where a mark (cursor or bookmark) keyed by (row id, instance) is in the view, or UINT32_MAX. */
static uint32_t find_key(const struct mapistore_table *t, uint64_t id, uint32_t instance)
{
	for (uint32_t i = 0; i < t->n_view; i++) {
		if (t->view[i].row->id == id && t->view[i].instance == instance)
			return i;
	}
	return UINT32_MAX;
}

static void relocate_marks(struct mapistore_table *t, bool cursor_valid, uint64_t cursor_id,
			   uint32_t cursor_instance)
{
	uint32_t pos;

	if (!cursor_valid) {
		t->cursor = t->n_view;
	} else {
		pos = find_key(t, cursor_id, cursor_instance);
		t->cursor = pos != UINT32_MAX ? pos : (t->cursor < t->n_view ? t->cursor : t->n_view);
	}
	for (uint32_t i = 0; i < t->n_bookmarks; i++) {
		struct table_bookmark *b = &t->bookmarks[i];

		if (b->at_end) {
			b->pos = t->n_view;
			continue;
		}
		pos = b->gone ? UINT32_MAX : find_key(t, b->row_id, b->instance);
		if (pos != UINT32_MAX) {
			b->pos = pos;
		} else {
			b->gone = true;
			b->pos = b->pos < t->n_view ? b->pos : t->n_view;
		}
	}
}

uint32_t mapistore_table_rebuild(struct mapistore_table *t, bool keep_marks)
{
	struct mapistore_sort_entry *all, *view;
	struct mapistore_restrict_state *st;
	uint64_t total = 0, cursor_id = 0;
	uint32_t n = 0, kept = 0, cursor_instance = 0;
	bool cursor_valid = keep_marks && t->cursor < t->n_view;

	for (uint32_t i = 0; i < t->n_rows; i++)
		total += mapistore_table_entry_count(t, t->rows[i]);
	if (total > UINT32_MAX - 1)
		return MAPI_E_TABLE_TOO_BIG;
	all = talloc_array(t, struct mapistore_sort_entry, total + 1);
	st = mapistore_restrict_state_new(all, t->res, t->subobject_fn, t->subobject_data);
	if (all == NULL || st == NULL) {
		talloc_free(all);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < t->n_rows; i++)
		n += mapistore_table_entries_of(t, t->rows[i], all + n, (uint32_t)total - n);
	if (mapistore_sort_entries(all, t->sort, all, n) != 0) {
		talloc_free(all);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	/* Restrict after sorting: Count restrictions (MS-OXCDATA 2.12.12) take the first rows. */
	for (uint32_t i = 0; i < n; i++) {
		if (mapistore_restrict_match(st, all[i].row))
			all[kept++] = all[i];
	}
	view = talloc_array(t, struct mapistore_sort_entry, kept + 1);
	if (view == NULL) {
		talloc_free(all);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	memcpy(view, all, sizeof(*view) * kept);
	talloc_free(all);
	if (cursor_valid) {
		cursor_id = t->view[t->cursor].row->id;
		cursor_instance = t->view[t->cursor].instance;
	}
	talloc_free(t->view);
	t->view = view;
	t->n_view = kept;
	if (keep_marks) {
		relocate_marks(t, cursor_valid, cursor_id, cursor_instance);
	} else {
		t->cursor = 0;
		TALLOC_FREE(t->bookmarks);
		t->n_bookmarks = 0;
	}
	return 0;
}

/* MS-OXCTABL 3.2.5.2: PT_UNSPECIFIED, PT_ERROR and invalid types are ecInvalidParam. */
static bool column_ok(uint32_t tag)
{
	uint16_t type = mapi_prop_type(tag);

	if (type == PT_UNSPECIFIED || type == PT_ERROR || type == PT_NULL)
		return false;
	return mapi_proptype_is_valid(type);
}

uint32_t mapistore_table_set_columns(struct mapistore_table *t, const uint32_t *tags,
				     uint16_t count)
{
	uint32_t *copy, mvi = 0, old_mvi = t->mvi_tag, rc;

	for (uint16_t i = 0; i < count; i++) {
		if (!column_ok(tags[i])) {
			/* 3.2.5.2: a failed RopSetColumns SHOULD invalidate the column set. */
			t->columns_set = false;
			return MAPI_E_INVALID_PARAMETER;
		}
		if (tags[i] & MAPI_PROPTYPE_MV_INSTANCE) {
			if (mvi != 0 && mvi != tags[i])
				return MAPI_E_TOO_COMPLEX;
			mvi = tags[i];
		}
	}
	copy = talloc_array(t, uint32_t, count + 1);
	if (copy == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	if (count > 0)
		memcpy(copy, tags, sizeof(*tags) * count);
	t->mvi_tag = pick_mvi(t->sort, copy, count);
	if (t->mvi_tag != old_mvi) {
		rc = mapistore_table_rebuild(t, true);
		if (rc != 0) {
			t->mvi_tag = old_mvi;
			talloc_free(copy);
			return rc;
		}
	}
	talloc_free(t->columns);
	t->columns = copy;
	t->n_columns = count;
	t->columns_set = true;
	return 0;
}

static struct mapi_sortorder_set *copy_sort(TALLOC_CTX *mem_ctx, const struct mapi_sortorder_set *set)
{
	struct mapi_sortorder_set *c = talloc_zero(mem_ctx, struct mapi_sortorder_set);

	if (c == NULL)
		return NULL;
	*c = *set;
	c->sorts = talloc_array(c, struct mapi_sortorder, set->count + 1);
	if (c->sorts == NULL) {
		talloc_free(c);
		return NULL;
	}
	if (set->count > 0)
		memcpy(c->sorts, set->sorts, sizeof(*set->sorts) * set->count);
	return c;
}

uint32_t mapistore_table_sort(struct mapistore_table *t, const struct mapi_sortorder_set *set)
{
	struct mapi_sortorder_set *old = t->sort, *c = NULL;
	uint32_t old_mvi = t->mvi_tag, rc = set != NULL ? mapistore_sort_validate(set) : 0;

	if (rc != 0)
		return rc;
	if (set != NULL && (c = copy_sort(t, set)) == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	t->sort = c;
	t->mvi_tag = pick_mvi(c, t->columns, t->n_columns);
	/* 3.2.5.3: bookmarks invalidated, cursor to the beginning. */
	rc = mapistore_table_rebuild(t, false);
	if (rc != 0) {
		t->sort = old;
		t->mvi_tag = old_mvi;
		talloc_free(c);
		return rc;
	}
	talloc_free(old);
	return 0;
}

/*
 * A deep copy through the codec, so the table owns every byte of its restriction. ROP buffers
 * first: a restriction decoded from one re-encodes exactly (PtypRuleAction blocks keep their
 * 2-byte framing); extended-rule framing where ROP counts are too narrow.
 */
static uint32_t copy_restriction(TALLOC_CTX *mem_ctx, const struct mapi_restriction *res,
				 struct mapi_restriction **copy_r)
{
	static const enum mapi_propval_context contexts[] = { MAPI_PROPVAL_ROP,
							      MAPI_PROPVAL_EXTENDED };
	uint32_t rc = MAPI_E_INVALID_PARAMETER;

	for (size_t i = 0; i < sizeof(contexts) / sizeof(contexts[0]); i++) {
		uint8_t *bytes = NULL;
		size_t len = 0;

		rc = mapi_restriction_encode(mem_ctx, res, contexts[i], NULL, &bytes, &len);
		if (rc == MAPI_E_NOT_ENOUGH_MEMORY)
			return rc;
		if (rc != 0)
			continue;
		rc = mapi_restriction_decode(mem_ctx, bytes, len, contexts[i], NULL, copy_r);
		talloc_free(bytes);
		return rc;
	}
	return rc;
}

uint32_t mapistore_table_restrict(struct mapistore_table *t, const struct mapi_restriction *res)
{
	struct mapi_restriction *old = t->res, *c = NULL;
	bool old_count = t->res_has_count;
	uint32_t rc;

	if (res != NULL) {
		rc = mapistore_restrict_validate(res);
		if (rc == 0)
			rc = copy_restriction(t, res, &c);
		if (rc != 0)
			return rc;
	}
	t->res = c;
	t->res_has_count = mapistore_restrict_has_count(c);
	/* 3.2.5.4: bookmarks invalidated, cursor to the beginning. */
	rc = mapistore_table_rebuild(t, false);
	if (rc != 0) {
		t->res = old;
		t->res_has_count = old_count;
		talloc_free(c);
		return rc;
	}
	talloc_free(old);
	return 0;
}

uint32_t mapistore_table_reset(struct mapistore_table *t)
{
	TALLOC_FREE(t->columns);
	t->n_columns = 0;
	t->columns_set = false;
	TALLOC_FREE(t->sort);
	TALLOC_FREE(t->res);
	t->res_has_count = false;
	t->mvi_tag = 0;
	return mapistore_table_rebuild(t, false);
}

uint32_t mapistore_table_load(struct mapistore_table *t, struct mapistore_row *const *rows,
			      uint32_t n)
{
	const struct mapistore_row **copy = talloc_array(t, const struct mapistore_row *, n + 1);
	const struct mapistore_row **old = t->rows;
	uint32_t old_n = t->n_rows, rc;

	if (copy == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; i < n; i++)
		copy[i] = rows[i];
	t->rows = copy;
	t->n_rows = n;
	rc = mapistore_table_rebuild(t, false);
	if (rc != 0) {
		t->rows = old;
		t->n_rows = old_n;
		talloc_free(copy);
		return rc;
	}
	talloc_free(old);
	return 0;
}

/* Appends tag to a talloc array unless present. */
static bool add_unique(TALLOC_CTX *mem_ctx, uint32_t **tags, uint32_t *count, uint32_t tag)
{
	uint32_t *n;

	for (uint32_t i = 0; i < *count; i++) {
		if ((*tags)[i] == tag)
			return true;
	}
	n = talloc_realloc(mem_ctx, *tags, uint32_t, *count + 1);
	if (n == NULL)
		return false;
	n[(*count)++] = tag;
	*tags = n;
	return true;
}

uint32_t mapistore_table_needed_tags(TALLOC_CTX *mem_ctx, const struct mapistore_table *t,
				     uint32_t **tags_r, uint32_t *count_r)
{
	uint32_t *tags = NULL, count = 0, *rtags = NULL, rcount = 0;
	bool ok = true;

	for (uint16_t i = 0; ok && i < t->n_columns; i++)
		ok = add_unique(mem_ctx, &tags, &count, t->columns[i] & ~MAPI_PROPTYPE_MV_INSTANCE);
	for (uint16_t i = 0; ok && t->sort != NULL && i < t->sort->count; i++)
		ok = add_unique(mem_ctx, &tags, &count,
				t->sort->sorts[i].prop_tag & ~MAPI_PROPTYPE_MV_INSTANCE);
	if (ok && mapistore_restrict_tags(mem_ctx, t->res, &rtags, &rcount) != 0)
		ok = false;
	for (uint32_t i = 0; ok && i < rcount; i++)
		ok = add_unique(mem_ctx, &tags, &count, rtags[i] & ~MAPI_PROPTYPE_MV_INSTANCE);
	talloc_free(rtags);
	if (!ok) {
		talloc_free(tags);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*tags_r = tags;
	*count_r = count;
	return 0;
}

uint32_t mapistore_table_query_columns_all(TALLOC_CTX *mem_ctx, const struct mapistore_table *t,
					   uint32_t **tags_r, uint16_t *count_r)
{
	static const uint32_t table_tags[] = { MAPISTORE_TAG_INST_ID, MAPISTORE_TAG_INSTANCE_NUM,
					       MAPISTORE_TAG_ROW_TYPE, MAPISTORE_TAG_DEPTH };
	uint32_t *tags = NULL, count = 0;
	bool ok = true;

	for (uint32_t r = 0; ok && r < t->n_rows; r++) {
		for (uint32_t i = 0; ok && i < t->rows[r]->count; i++)
			ok = add_unique(mem_ctx, &tags, &count, t->rows[r]->props[i].tag);
	}
	for (size_t i = 0; ok && i < sizeof(table_tags) / sizeof(table_tags[0]); i++)
		ok = add_unique(mem_ctx, &tags, &count, table_tags[i]);
	if (!ok || count > UINT16_MAX) {
		talloc_free(tags);
		return ok ? MAPI_E_TABLE_TOO_BIG : MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*tags_r = tags;
	*count_r = (uint16_t)count;
	return 0;
}

uint32_t mapistore_table_abort(struct mapistore_table *t)
{
	(void)t;
	return ecUnableToAbort;
}

/* 3.2.5.2 lists the category ROPs among those that need columns first. */
static uint32_t categories(const struct mapistore_table *t)
{
	return t->columns_set ? MAPI_E_NO_SUPPORT : ecNullObject;
}

uint32_t mapistore_table_expand_row(struct mapistore_table *t, uint64_t category_id)
{
	(void)category_id;
	return categories(t);
}

uint32_t mapistore_table_collapse_row(struct mapistore_table *t, uint64_t category_id)
{
	(void)category_id;
	return categories(t);
}

uint32_t mapistore_table_get_collapse_state(struct mapistore_table *t)
{
	return categories(t);
}

uint32_t mapistore_table_set_collapse_state(struct mapistore_table *t)
{
	return categories(t);
}
