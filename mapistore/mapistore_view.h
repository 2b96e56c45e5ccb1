/*
 * mapistore_view.h — the store's tables: a hierarchy, contents, associated contents (FAI),
 * attachments or recipients table of one object, built on the table engine (mapistore/table,
 * MS-OXCTABL) over the children mapistore_children() enumerates.
 *
 * A view asks the engine which properties its rows need (columns, sort keys, restriction tags),
 * loads the children with exactly those, and loads them again when a RopSetColumns, RopSortTable
 * or RopRestrict needs a property the rows do not carry yet. Loading is deferred to the first
 * operation that reads rows, so the usual SetColumns, SortTable, Restrict, QueryRows sequence
 * reads the store once. SubObject restrictions (MS-OXCDATA 2.12.10) on recipients and attachments
 * of the rows go through the engine's callback and read the store.
 *
 * The view is a snapshot: changes made in the store after the rows were loaded show up after
 * mapistore_view_refresh (notifications would insert/modify/delete rows one at a time instead).
 *
 * The store's rows are struct mapistore_child (mapistore.h); the engine's are struct
 * mapistore_row (mapistore_row.h): both headers can be included in any order.
 */
#ifndef SAMBEX_MAPISTORE_VIEW_H
#define SAMBEX_MAPISTORE_VIEW_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "mapistore.h"
#include "mapistore_table.h"

/* What a view lists. */
enum mapistore_view_type {
	MAPISTORE_VIEW_HIERARCHY = 1,	/* subfolders (MS-OXCFOLD 2.2.1.13 RopGetHierarchyTable) */
	MAPISTORE_VIEW_CONTENTS,	/* messages (MS-OXCFOLD 2.2.1.14 RopGetContentsTable) */
	MAPISTORE_VIEW_ASSOCIATED,	/* FAI messages (RopGetContentsTable with Associated) */
	MAPISTORE_VIEW_ATTACHMENTS,	/* attachments (MS-OXCMSG 2.2.3.17 RopGetAttachmentTable) */
	MAPISTORE_VIEW_RECIPIENTS,	/* recipients of a message (MS-OXCMSG 2.2.3.5 RowId rows) */
};

/* TableFlags the store acts on (MS-OXCFOLD 2.2.1.13.1 and 2.2.1.14.1); the others are ignored. */
#define MAPISTORE_VIEW_FLAG_ASSOCIATED 0x02U	/* contents: FAI messages only */
#define MAPISTORE_VIEW_FLAG_DEPTH 0x04U		/* hierarchy: every level below the folder */
#define MAPISTORE_VIEW_FLAG_SOFT_DELETES 0x20U	/* only soft-deleted folders / messages */

/* The deepest level a Depth hierarchy table descends to (folder trees deeper are cut there). */
#define MAPISTORE_VIEW_MAX_DEPTH 64U

struct mapistore_view;

/*
 * Opens a view of type over parent (a folder for hierarchy and contents tables, a message for
 * attachment and recipient tables) with flags (MAPISTORE_VIEW_FLAG_*). A contents view with
 * MAPISTORE_VIEW_FLAG_ASSOCIATED is the associated contents view. Rows are not read yet.
 * Returns 0, MAPI_E_NOT_FOUND (unknown or deleted parent), MAPI_E_NO_SUPPORT (parent of the wrong
 * kind), MAPI_E_INVALID_PARAMETER (unknown type) or MAPI_E_NOT_ENOUGH_MEMORY. *view_r is a
 * talloc child of mem_ctx; it must not outlive mbox.
 */
uint32_t mapistore_view_open(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t parent,
			     enum mapistore_view_type type, uint32_t flags, struct mapistore_view **view_r);

/* The table engine behind a view, for the operations that need no store access. */
struct mapistore_table *mapistore_view_table(struct mapistore_view *view);

/*
 * RopSetColumns, RopSortTable, RopRestrict, RopResetTable (MS-OXCTABL 3.2.5.2-3.2.5.4, 3.2.5.16):
 * the engine's operation, then the rows are reloaded when they lack a property the view now
 * needs. Return what the engine returns, or the store's error of the reload.
 */
uint32_t mapistore_view_set_columns(struct mapistore_view *view, const uint32_t *tags, uint16_t count);
uint32_t mapistore_view_sort(struct mapistore_view *view, const struct mapi_sortorder_set *set);
uint32_t mapistore_view_restrict(struct mapistore_view *view, const struct mapi_restriction *res);
uint32_t mapistore_view_reset(struct mapistore_view *view);

/*
 * Reads the children from the store again (with the tags the view needs). The view is rebuilt:
 * cursor at the beginning, bookmarks invalidated. Returns 0 or the store's error (MAPI_E_NOT_FOUND
 * when the parent is gone); on error the view keeps the rows it had.
 */
uint32_t mapistore_view_refresh(struct mapistore_view *view);

/* Rows in the view (loading them first). 0 when they cannot be loaded. */
uint32_t mapistore_view_row_count(struct mapistore_view *view);

/*
 * The row-reading operations of mapistore_table.h after making sure the rows are loaded; same
 * arguments, results and errors, plus the store's errors of the load.
 */
uint32_t mapistore_view_query_rows(TALLOC_CTX *mem_ctx, struct mapistore_view *view, bool advance,
				   bool forward, uint16_t count, uint8_t *origin_r, struct mapi_proprow_set *out);
uint32_t mapistore_view_query_position(struct mapistore_view *view, uint32_t *numerator_r,
				       uint32_t *denominator_r);
uint32_t mapistore_view_seek(struct mapistore_view *view, uint8_t origin, int32_t count, bool *sought_less_r,
			     int32_t *sought_r);
uint32_t mapistore_view_seek_fractional(struct mapistore_view *view, uint32_t numerator, uint32_t denominator);
uint32_t mapistore_view_create_bookmark(struct mapistore_view *view, uint32_t *bookmark_r);
uint32_t mapistore_view_free_bookmark(struct mapistore_view *view, uint32_t bookmark);
uint32_t mapistore_view_seek_bookmark(struct mapistore_view *view, uint32_t bookmark, int32_t count,
				      bool *no_longer_visible_r, bool *sought_less_r, int32_t *sought_r);
/*
 * RopFindRow: res may name properties the rows were not loaded with; they are loaded first (the
 * cursor and bookmarks follow their rows).
 */
uint32_t mapistore_view_find_row(TALLOC_CTX *mem_ctx, struct mapistore_view *view,
				 const struct mapi_restriction *res, uint8_t origin, uint32_t bookmark, bool backward,
				 bool *no_longer_visible_r, struct mapi_proprow *row_out);
/*
 * RopQueryColumnsAll (MS-OXCTABL 3.2.5.13): every property set on some child (read from the
 * store), then the table-specific columns. *tags_r on mem_ctx.
 */
uint32_t mapistore_view_query_columns_all(TALLOC_CTX *mem_ctx, struct mapistore_view *view, uint32_t **tags_r,
					  uint16_t *count_r);

#endif
