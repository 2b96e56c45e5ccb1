/*
 * Row updates after a load (insert, modify, delete), for table notifications (MS-OXCNOTIF): the
 * view changes by one row's entries and the cursor and bookmarks are shifted, not recomputed, so
 * they keep pointing at their rows (MS-OXCTABL 3.2.5.10 for rows that leave the view).
 */
#include "mapistore_table_private.h"

#include <string.h>

static uint32_t find_loaded(const struct mapistore_table *t, uint64_t id)
{
	for (uint32_t i = 0; i < t->n_rows; i++) {
		if (t->rows[i]->id == id)
			return i;
	}
	return UINT32_MAX;
}

/* The first position whose entry sorts after e (entries are distinct, so before or after). */
static uint32_t lower_bound(const struct mapistore_table *t, const struct mapistore_sort_entry *e)
{
	uint32_t lo = 0, hi = t->n_view;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (mapistore_sort_compare(t->sort, &t->view[mid], e) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static uint32_t view_insert(struct mapistore_table *t, const struct mapistore_sort_entry *e)
{
	struct mapistore_sort_entry *v = talloc_realloc(t, t->view, struct mapistore_sort_entry,
							t->n_view + 2);
	uint32_t pos;

	if (v == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	t->view = v;
	pos = lower_bound(t, e);
	memmove(&v[pos + 1], &v[pos], sizeof(*v) * (t->n_view - pos));
	v[pos] = *e;
	t->n_view++;
	/* Marks at or after the new row keep their rows (the end stays the end). */
	if (t->cursor >= pos)
		t->cursor++;
	for (uint32_t i = 0; i < t->n_bookmarks; i++) {
		struct table_bookmark *b = &t->bookmarks[i];

		if (b->moved && b->row_id == e->row->id && b->instance == e->instance) {
			/* A modified row that is still visible: its bookmark follows it. */
			b->pos = pos;
			b->gone = false;
			b->moved = false;
		} else if (b->pos >= pos) {
			b->pos++;
		}
	}
	return 0;
}

static void view_remove(struct mapistore_table *t, uint32_t i)
{
	memmove(&t->view[i], &t->view[i + 1], sizeof(*t->view) * (t->n_view - i - 1));
	t->n_view--;
	if (t->cursor > i)
		t->cursor--;
	for (uint32_t k = 0; k < t->n_bookmarks; k++) {
		struct table_bookmark *b = &t->bookmarks[k];

		if (b->pos > i) {
			b->pos--;
		} else if (b->pos == i && !b->gone && !b->at_end) {
			/* 3.2.5.10: it now points at the row that followed. */
			b->gone = true;
			b->moved = true;
		}
	}
}

static void remove_entries(struct mapistore_table *t, uint64_t id)
{
	for (uint32_t i = t->n_view; i > 0; i--) {
		if (t->view[i - 1].row->id == id)
			view_remove(t, i - 1);
	}
}

static uint32_t insert_entries(struct mapistore_table *t, const struct mapistore_row *row)
{
	uint32_t n = mapistore_table_entry_count(t, row), rc = 0;
	struct mapistore_sort_entry *e = talloc_array(t, struct mapistore_sort_entry, n);

	if (e == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	n = mapistore_table_entries_of(t, row, e, n);
	if (mapistore_restrict_eval(t->res, row, t->subobject_fn, t->subobject_data)) {
		for (uint32_t i = 0; i < n && rc == 0; i++)
			rc = view_insert(t, &e[i]);
	}
	talloc_free(e);
	return rc;
}

static void clear_moved(struct mapistore_table *t)
{
	for (uint32_t i = 0; i < t->n_bookmarks; i++)
		t->bookmarks[i].moved = false;
}

uint32_t mapistore_table_row_insert(struct mapistore_table *t, const struct mapistore_row *row)
{
	const struct mapistore_row **rows;

	if (find_loaded(t, row->id) != UINT32_MAX)
		return mapistore_table_row_modify(t, row);
	rows = talloc_realloc(t, t->rows, const struct mapistore_row *, t->n_rows + 2);
	if (rows == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	t->rows = rows;
	rows[t->n_rows++] = row;
	/* Count restrictions depend on every row before: recompute, marks follow their rows. */
	if (t->res_has_count)
		return mapistore_table_rebuild(t, true);
	clear_moved(t);
	return insert_entries(t, row);
}

uint32_t mapistore_table_row_modify(struct mapistore_table *t, const struct mapistore_row *row)
{
	uint32_t idx = find_loaded(t, row->id), rc;

	if (idx == UINT32_MAX)
		return MAPI_E_NOT_FOUND;
	t->rows[idx] = row;
	if (t->res_has_count)
		return mapistore_table_rebuild(t, true);
	clear_moved(t);
	remove_entries(t, row->id);
	rc = insert_entries(t, row);
	clear_moved(t);
	return rc;
}

uint32_t mapistore_table_row_delete(struct mapistore_table *t, uint64_t id)
{
	uint32_t idx = find_loaded(t, id);

	if (idx == UINT32_MAX)
		return MAPI_E_NOT_FOUND;
	t->rows[idx] = t->rows[--t->n_rows];
	if (t->res_has_count)
		return mapistore_table_rebuild(t, true);
	clear_moved(t);
	remove_entries(t, id);
	return 0;
}
