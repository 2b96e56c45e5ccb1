/*
 * The table engine (MS-OXCTABL): one view over a set of rows the store hands it, with the state of
 * RopSetColumns, RopSortTable, RopRestrict, a cursor and bookmarks. The engine never reads the
 * store: the caller loads every row of the underlying table (mapistore_table_load), asking first
 * which properties each row needs (mapistore_table_needed_tags), and reports changes one row at
 * a time (mapistore_table_row_insert/modify/delete) so that the cursor and bookmarks survive them.
 *
 * Rows are borrowed: the table keeps pointers to the caller's struct mapistore_row values (and
 * the values returned by QueryRows/FindRow point into them), so rows must stay alive and
 * unchanged until they are deleted or replaced through this API, or the table is freed.
 *
 * Positions are 0..N (N = rows in the view); position N is past the last row (BOOKMARK_END).
 * Bookmarks (RopCreateBookmark) are 32-bit numbers, never reused within one table; the ROP layer
 * carries them as 4 little-endian bytes.
 *
 * Not supported (documented in docs/table.md): categories (RopExpandRow, RopCollapseRow,
 * RopGetCollapseState, RopSetCollapseState and sort sets with CategorizedCount > 0 return
 * ecNotSupported), asynchronous operation (TBL_ASYNC is ignored; RopAbort has nothing to abort),
 * RELOP_RE, more than one MultivalueInstance property per view.
 *
 * Errors are enum mapi_status values; on error the table is left as it was unless a function
 * says otherwise.
 */
#ifndef SAMBEX_MAPISTORE_TABLE_H
#define SAMBEX_MAPISTORE_TABLE_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_proprow.h"
#include "mapi_restriction.h"
#include "mapi_sortorder.h"
#include "mapistore_restrict.h"
#include "mapistore_row.h"

/* MS-OXCTABL 2.2.2.1.1 / 2.2.2.1.2 */
#define MAPISTORE_BOOKMARK_BEGINNING 0x00
#define MAPISTORE_BOOKMARK_CURRENT 0x01
#define MAPISTORE_BOOKMARK_END 0x02
#define MAPISTORE_BOOKMARK_CUSTOM 0x03

/* MS-OXCTABL 2.2.1: the table-specific columns the engine fills when a row lacks them. */
#define MAPISTORE_TAG_INST_ID 0x674D0014U	/* PidTagInstID: the row id */
#define MAPISTORE_TAG_INSTANCE_NUM 0x674E0003U	/* PidTagInstanceNum: the instance */
#define MAPISTORE_TAG_ROW_TYPE 0x0FF50003U	/* PidTagRowType: TBL_LEAF_ROW */
#define MAPISTORE_TAG_DEPTH 0x30050003U		/* PidTagDepth: 0 without categories */
#define MAPISTORE_TBL_LEAF_ROW 0x00000001U

struct mapistore_table;

/* A new empty table on mem_ctx (no columns, no sort, no restriction). NULL on OOM. */
struct mapistore_table *mapistore_table_new(TALLOC_CTX *mem_ctx);

/* Sets the callback for SubObject restrictions (MS-OXCDATA 2.12.10); fn may be NULL. */
void mapistore_table_set_subobject_fn(struct mapistore_table *t, mapistore_restrict_subobject_fn fn,
				      void *private_data);

/*
 * RopSetColumns (MS-OXCTABL 3.2.5.2): the columns QueryRows and FindRow return, copied.
 * Returns 0, MAPI_E_INVALID_PARAMETER (PtypUnspecified, PtypErrorCode, PtypNull or
 * unknown type, an instance bit without the MultipleValues bit; the column set is then
 * invalidated as the spec recommends), MAPI_E_TOO_COMPLEX (two different instance columns) or
 * MAPI_E_NOT_ENOUGH_MEMORY. A change of the multi-value instance column rebuilds the view;
 * the cursor and bookmarks follow their rows.
 */
uint32_t mapistore_table_set_columns(struct mapistore_table *t, const uint32_t *tags,
				     uint16_t count);

/*
 * RopSortTable (MS-OXCTABL 3.2.5.3): set is copied (NULL: no sort order). Moves the cursor to
 * the beginning and invalidates every bookmark. Returns 0, the errors of
 * mapistore_sort_validate, or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_sort(struct mapistore_table *t, const struct mapi_sortorder_set *set);

/*
 * RopRestrict (MS-OXCTABL 3.2.5.4): res is copied (NULL: no restriction). Moves the cursor to
 * the beginning and invalidates every bookmark. Returns 0, the errors of
 * mapistore_restrict_validate, MAPI_E_INVALID_PARAMETER (a restriction without an encoding)
 * or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_restrict(struct mapistore_table *t, const struct mapi_restriction *res);

/*
 * RopResetTable (MS-OXCTABL 3.2.5.16): drops columns, sort order and restriction, invalidates
 * bookmarks, cursor to the beginning. Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_reset(struct mapistore_table *t);

/*
 * The property tags the caller must load on each row: columns, sort keys and restriction tags
 * (instance bits cleared, no duplicates). *tags_r is a new array on
 * mem_ctx. Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_needed_tags(TALLOC_CTX *mem_ctx, const struct mapistore_table *t,
				     uint32_t **tags_r, uint32_t *count_r);

/*
 * Replaces the underlying rows with n rows (borrowed, see above; ids should be unique). The view
 * is rebuilt: sorted, restricted, cursor at the beginning, bookmarks invalidated.
 * Returns 0 or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_load(struct mapistore_table *t, struct mapistore_row *const *rows,
			      uint32_t n);

/* Rows in the view (the Denominator of RopQueryPosition). */
uint32_t mapistore_table_row_count(const struct mapistore_table *t);

/*
 * RopQueryRows (MS-OXCTABL 3.2.5.5): up to count rows from the cursor, forwards or backwards
 * (backwards: the count rows before the cursor, returned in table order). A column absent from a
 * row comes back flagged MAPI_PROPVAL_FLAG_ERROR with ecNotFound and the row is a
 * FlaggedPropertyRow (MS-OXCDATA 2.8.1.2). advance false keeps the cursor (NoAdvance).
 * *origin_r: BOOKMARK_END when reading forwards reached the end, BOOKMARK_BEGINNING when reading
 * backwards reached the beginning, BOOKMARK_CURRENT otherwise. out->rows is on mem_ctx.
 * Returns 0, ecNullObject (no columns set) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_query_rows(TALLOC_CTX *mem_ctx, struct mapistore_table *t, bool advance,
				    bool forward, uint16_t count, uint8_t *origin_r,
				    struct mapi_proprow_set *out);

/* RopQueryPosition (MS-OXCTABL 3.2.5.8): cursor position and row count. Returns 0. */
uint32_t mapistore_table_query_position(const struct mapistore_table *t, uint32_t *numerator_r,
					uint32_t *denominator_r);

/*
 * RopSeekRow (MS-OXCTABL 3.2.5.9): moves count rows from origin (BOOKMARK_BEGINNING, CURRENT
 * or END), stopping at either end. *sought_r: rows actually moved (same sign as count, or 0);
 * *sought_less_r: fewer than asked. Either pointer may be NULL. Returns 0 or
 * MAPI_E_INVALID_PARAMETER (another origin).
 */
uint32_t mapistore_table_seek(struct mapistore_table *t, uint8_t origin, int32_t count,
			      bool *sought_less_r, int32_t *sought_r);

/*
 * RopSeekRowFractional (MS-OXCTABL 3.2.5.11): position round(numerator * N / denominator);
 * numerator 0: the beginning; numerator >= denominator: the end. Returns 0 or
 * MAPI_E_INVALID_PARAMETER (denominator 0).
 */
uint32_t mapistore_table_seek_fractional(struct mapistore_table *t, uint32_t numerator,
					 uint32_t denominator);

/*
 * RopCreateBookmark (MS-OXCTABL 3.2.5.12): a bookmark on the cursor's row (or on the end).
 * Returns 0, ecNullObject (no columns set) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_create_bookmark(struct mapistore_table *t, uint32_t *bookmark_r);

/* RopFreeBookmark (3.2.5.15). Returns 0, ecNullObject (no columns) or MAPI_E_INVALID_BOOKMARK. */
uint32_t mapistore_table_free_bookmark(struct mapistore_table *t, uint32_t bookmark);

/*
 * RopSeekRowBookmark (MS-OXCTABL 3.2.5.10): as mapistore_table_seek from a bookmark. If the
 * bookmark's row has left the view, *no_longer_visible_r is true and the seek starts from the row
 * that followed it; the bookmark then moves to that row. Pointers may be NULL. Returns 0,
 * ecNullObject (no columns) or MAPI_E_INVALID_BOOKMARK (unknown, freed, or invalidated by
 * sort/restrict/reset/load).
 */
uint32_t mapistore_table_seek_bookmark(struct mapistore_table *t, uint32_t bookmark, int32_t count,
				       bool *no_longer_visible_r, bool *sought_less_r,
				       int32_t *sought_r);

/*
 * RopFindRow (MS-OXCTABL 3.2.5.14): the first row satisfying res from origin (a predefined
 * bookmark, or BOOKMARK_CUSTOM with bookmark), forwards (the origin row included) or backwards
 * (starting at the row before the origin). On success the cursor moves to the row and *row_out
 * holds its columns (on mem_ctx, as QueryRows). Returns 0, MAPI_E_NOT_FOUND (no row: the cursor
 * does not move), ecNullObject (no columns), MAPI_E_INVALID_BOOKMARK, MAPI_E_INVALID_PARAMETER
 * (bad origin, NULL res), the errors of mapistore_restrict_validate, MAPI_E_NOT_ENOUGH_MEMORY.
 * *no_longer_visible_r (may be NULL) as in mapistore_table_seek_bookmark.
 */
uint32_t mapistore_table_find_row(TALLOC_CTX *mem_ctx, struct mapistore_table *t,
				  const struct mapi_restriction *res, uint8_t origin,
				  uint32_t bookmark, bool backward, bool *no_longer_visible_r,
				  struct mapi_proprow *row_out);

/*
 * RopQueryColumnsAll (MS-OXCTABL 3.2.5.13): every tag present on some loaded row, then the
 * table-specific columns (2.2.1), in order of first appearance. *tags_r on mem_ctx.
 * Returns 0, MAPI_E_TABLE_TOO_BIG (more than 65535 tags) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_query_columns_all(TALLOC_CTX *mem_ctx, const struct mapistore_table *t,
					   uint32_t **tags_r, uint16_t *count_r);

/* RopAbort (MS-OXCTABL 3.2.5.6): nothing runs asynchronously, so always ecUnableToAbort. */
uint32_t mapistore_table_abort(struct mapistore_table *t);

/*
 * Categories (MS-OXCTABL 3.2.5.17-3.2.5.20): not supported. Each returns ecNullObject without
 * columns, MAPI_E_NO_SUPPORT otherwise.
 */
uint32_t mapistore_table_expand_row(struct mapistore_table *t, uint64_t category_id);
uint32_t mapistore_table_collapse_row(struct mapistore_table *t, uint64_t category_id);
uint32_t mapistore_table_get_collapse_state(struct mapistore_table *t);
uint32_t mapistore_table_set_collapse_state(struct mapistore_table *t);

/*
 * Row updates (for notifications, MS-OXCNOTIF table events). The cursor and bookmarks keep
 * pointing at their rows; a bookmark whose row leaves the view points at the row that followed
 * it and reports RowNoLongerVisible (MS-OXCTABL 3.2.5.10).
 *   insert: a new row (borrowed); a row whose id is already loaded is modified instead;
 *   modify: the row with row->id now has these values (row replaces the old pointer);
 *   delete: the row with this id leaves (MAPI_E_NOT_FOUND if there is none).
 * Return 0, MAPI_E_NOT_FOUND or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_table_row_insert(struct mapistore_table *t, const struct mapistore_row *row);
uint32_t mapistore_table_row_modify(struct mapistore_table *t, const struct mapistore_row *row);
uint32_t mapistore_table_row_delete(struct mapistore_table *t, uint64_t id);

#endif
