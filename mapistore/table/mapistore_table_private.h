/*
 * Internals shared by the files of the table engine (mapistore_table*.c). Not for other modules.
 */
#ifndef SAMBEX_MAPISTORE_TABLE_PRIVATE_H
#define SAMBEX_MAPISTORE_TABLE_PRIVATE_H

#include "mapistore_sort.h"
#include "mapistore_table.h"

struct table_bookmark {
	uint32_t id;
	uint32_t pos;		/* position in the view, kept up to date by row updates */
	bool gone;		/* its row left the view: pos is the row that followed it */
	bool moved;		/* scratch flag of one row update */
	uint64_t row_id;	/* the row it marks, unless at_end */
	uint32_t instance;
	bool at_end;
};

struct mapistore_table {
	uint32_t *columns;
	uint16_t n_columns;
	bool columns_set;
	struct mapi_sortorder_set *sort;	/* NULL: no sort order */
	struct mapi_restriction *res;		/* NULL: no restriction */
	bool res_has_count;
	uint32_t mvi_tag;			/* the instance-expanded property, or 0 */
	mapistore_restrict_subobject_fn subobject_fn;
	void *subobject_data;

	const struct mapistore_row **rows;	/* every loaded row, borrowed */
	uint32_t n_rows;
	struct mapistore_sort_entry *view;	/* sorted, restricted entries */
	uint32_t n_view;
	uint32_t cursor;			/* 0..n_view */

	struct table_bookmark *bookmarks;
	uint32_t n_bookmarks;
	uint32_t next_bookmark;
};

/*
 * Rebuilds t->view from t->rows. keep_marks: the cursor and bookmarks follow their rows (a mark
 * whose row left turns gone at its old position, clamped); otherwise the cursor goes to 0 and
 * bookmarks are dropped. Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY (the view is then unchanged).
 */
uint32_t mapistore_table_rebuild(struct mapistore_table *t, bool keep_marks);

/* The entries of one row: n (>= 1) instances when expanded. Returns the count written to out. */
uint32_t mapistore_table_entries_of(const struct mapistore_table *t, const struct mapistore_row *row,
				    struct mapistore_sort_entry *out, uint32_t max);

/* How many entries a row expands to (>= 1). */
uint32_t mapistore_table_entry_count(const struct mapistore_table *t,
				     const struct mapistore_row *row);

/* The columns of one entry as a PropertyRow (MS-OXCDATA 2.8.1) on mem_ctx. */
uint32_t mapistore_table_fill_row(TALLOC_CTX *mem_ctx, const struct mapistore_table *t,
				  const struct mapistore_sort_entry *e, struct mapi_proprow *out);

#endif
