/*
 * mapistore_view.c — hierarchy, contents, associated contents, attachment and recipient tables of
 * the store: the table engine (mapistore/table) over the rows mapistore_children() returns.
 */
#include <string.h>

#include "mapistore_view.h"
#include "mapi_props.h"

/* One child as the view keeps it: the engine's row plus what the store computed for it. */
struct view_row {
	struct mapistore_row row;	/* what the engine sees (borrowed by it) */
	uint32_t num;			/* AttachNumber / RowId */
	uint32_t depth;			/* hierarchy level below the parent (Depth tables) */
};

struct mapistore_view {
	struct mapistore_mailbox *mbox;
	uint64_t parent;
	enum mapistore_view_type type;
	uint32_t flags;
	struct mapistore_table *table;
	bool loaded;
	TALLOC_CTX *rows_ctx;		/* the rows of the current load and all their values */
	struct view_row *rows;
	uint32_t n_rows;
	uint32_t *tags;			/* the tags every row carries, in the order of row.props */
	uint32_t n_tags;
};

static enum mapistore_kind child_kind(enum mapistore_view_type type)
{
	switch (type) {
	case MAPISTORE_VIEW_HIERARCHY: return MAPISTORE_KIND_FOLDER;
	case MAPISTORE_VIEW_ATTACHMENTS: return MAPISTORE_KIND_ATTACHMENT;
	case MAPISTORE_VIEW_RECIPIENTS: return MAPISTORE_KIND_RECIPIENT;
	default: return MAPISTORE_KIND_MESSAGE;
	}
}

static uint32_t children_flags(const struct mapistore_view *view)
{
	uint32_t flags = 0;
	// MS-OXCFOLD 2.2.1.14.1 Associated: the contents table lists only the FAI messages.
	if (view->type == MAPISTORE_VIEW_ASSOCIATED ||
	    (view->type == MAPISTORE_VIEW_CONTENTS && (view->flags & MAPISTORE_VIEW_FLAG_ASSOCIATED) != 0))
		flags |= MAPISTORE_CHILDREN_FAI;
	// MS-OXCFOLD 2.2.1.13.1 / 2.2.1.14.1 SoftDeletes: only the soft-deleted children.
	if ((view->flags & MAPISTORE_VIEW_FLAG_SOFT_DELETES) != 0 && view->type <= MAPISTORE_VIEW_ASSOCIATED)
		flags |= MAPISTORE_CHILDREN_DELETED;
	return flags;
}

static bool is_message_view(const struct mapistore_view *view)
{
	return view->type == MAPISTORE_VIEW_CONTENTS || view->type == MAPISTORE_VIEW_ASSOCIATED;
}

/*
 * Values the store does not keep as properties but a table shows: the level of a folder row in a
 * Depth hierarchy table (MS-OXCTABL 2.2.1.4 PidTagDepth), FID/MID, AttachNumber (MS-OXCMSG 2.2.2.6)
 * and the RowId of recipient rows (MS-OXCMSG 2.2.1.38). Only absent values are filled.
 */
static void fill_computed(enum mapistore_view_type type, uint32_t tag, struct mapi_propval *val, uint64_t id,
			  uint32_t num, uint32_t depth)
{
	// An absent value carries the PtypErrorCode form of the tag: compare the requested one.
	if (val->flag == MAPI_PROPVAL_FLAG_VALUE)
		return;
	bool fill = true;
	if (tag == PidTagDepth && type == MAPISTORE_VIEW_HIERARCHY)
		val->v.i32 = (int32_t)depth;
	else if (tag == PidTagFolderId && type == MAPISTORE_VIEW_HIERARCHY)
		val->v.i64 = (int64_t)id;
	else if (tag == PidTagMid && (type == MAPISTORE_VIEW_CONTENTS || type == MAPISTORE_VIEW_ASSOCIATED))
		val->v.i64 = (int64_t)id;
	else if (tag == PidTagAttachNumber && type == MAPISTORE_VIEW_ATTACHMENTS)
		val->v.i32 = (int32_t)num;
	else if (tag == PidTagRowid && type == MAPISTORE_VIEW_RECIPIENTS)
		val->v.i32 = (int32_t)num;
	else
		fill = false;
	if (fill) {
		val->tag = tag;
		val->flag = MAPI_PROPVAL_FLAG_VALUE;
	}
}

static void fill_row(const struct mapistore_view *view, const uint32_t *tags, struct view_row *vr, uint32_t from)
{
	for (uint32_t i = from; i < vr->row.count; i++)
		fill_computed(view->type, tags[i], &vr->row.props[i], vr->row.id, vr->num, vr->depth);
}

/* Appends the children of parent (and, for a Depth hierarchy table, their subfolders). */
static uint32_t load_level(struct mapistore_view *view, TALLOC_CTX *ctx, uint64_t parent, uint32_t depth,
			   const uint32_t *tags, uint32_t n, struct view_row **rows, uint32_t *count)
{
	struct mapistore_child *kids;
	uint32_t n_kids = 0;
	uint32_t status = mapistore_children(ctx, view->mbox, parent, child_kind(view->type), children_flags(view),
					     tags, n, &kids, &n_kids);
	if (status != MAPI_E_SUCCESS)
		return status;
	struct view_row *grown = talloc_realloc(ctx, *rows, struct view_row, *count + n_kids + 1);
	if (grown == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	*rows = grown;
	uint32_t first = *count;
	for (uint32_t i = 0; i < n_kids; i++) {
		struct view_row *vr = &grown[*count];
		*vr = (struct view_row){ .row = { .id = kids[i].id, .count = n, .props = kids[i].vals },
					 .num = kids[i].num, .depth = depth };
		fill_row(view, tags, vr, 0);
		(*count)++;
	}
	// MS-OXCFOLD 2.2.1.13.1 Depth: folders from all levels under the folder.
	bool deeper = view->type == MAPISTORE_VIEW_HIERARCHY && (view->flags & MAPISTORE_VIEW_FLAG_DEPTH) != 0 &&
		      depth + 1 < MAPISTORE_VIEW_MAX_DEPTH;
	for (uint32_t i = first; deeper && i < first + n_kids && status == MAPI_E_SUCCESS; i++) {
		uint64_t fid = (*rows)[i].row.id;
		status = load_level(view, ctx, fid, depth + 1, tags, n, rows, count);
	}
	return status;
}

/* Reads every child with tags and hands them to the engine; the previous rows are freed after. */
static uint32_t full_load(struct mapistore_view *view, const uint32_t *tags, uint32_t n)
{
	TALLOC_CTX *ctx = talloc_new(view);
	if (ctx == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct view_row *rows = NULL;
	uint32_t count = 0;
	uint32_t status = load_level(view, ctx, view->parent, 0, tags, n, &rows, &count);
	uint32_t *copy = talloc_array(ctx, uint32_t, n > 0 ? n : 1);
	if (copy != NULL && n > 0)
		memcpy(copy, tags, sizeof(*tags) * n);
	struct mapistore_row **ptrs = talloc_array(ctx, struct mapistore_row *, count > 0 ? count : 1);
	if (status == MAPI_E_SUCCESS && (copy == NULL || ptrs == NULL))
		status = MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		ptrs[i] = &rows[i].row;
	if (status == MAPI_E_SUCCESS)
		status = mapistore_table_load(view->table, ptrs, count);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(ctx);
		return status;
	}
	talloc_free(ptrs);
	talloc_free(view->rows_ctx);
	view->rows_ctx = ctx;
	view->rows = rows;
	view->n_rows = count;
	view->tags = copy;
	view->n_tags = n;
	view->loaded = true;
	return MAPI_E_SUCCESS;
}

static bool has_tag(const uint32_t *tags, uint32_t n, uint32_t tag)
{
	for (uint32_t i = 0; i < n; i++) {
		if (tags[i] == tag)
			return true;
	}
	return false;
}

/* Appends to *tags (on ctx) the tags of add that it lacks. */
static uint32_t tags_union(TALLOC_CTX *ctx, uint32_t **tags, uint32_t *n, const uint32_t *add, uint32_t n_add)
{
	for (uint32_t i = 0; i < n_add; i++) {
		if (has_tag(*tags, *n, add[i]))
			continue;
		uint32_t *grown = talloc_realloc(ctx, *tags, uint32_t, *n + 1);
		if (grown == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		grown[(*n)++] = add[i];
		*tags = grown;
	}
	return MAPI_E_SUCCESS;
}

/*
 * Gives every loaded row the values of more tags without reloading the engine: each row gets a
 * new value array (the old one stays alive in rows_ctx, as values the engine handed out point
 * into it). Only for tags that neither sort nor restrict the view, so the view does not change.
 */
static uint32_t extend_rows(struct mapistore_view *view, const uint32_t *more, uint32_t n_more)
{
	uint32_t n = view->n_tags + n_more;
	uint32_t *tags = talloc_realloc(view->rows_ctx, view->tags, uint32_t, n);
	if (tags == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	memcpy(&tags[view->n_tags], more, sizeof(*more) * n_more);
	view->tags = tags;
	for (uint32_t r = 0; r < view->n_rows; r++) {
		struct view_row *vr = &view->rows[r];
		struct mapi_propval *vals = talloc_zero_array(view->rows_ctx, struct mapi_propval, n);
		if (vals == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		memcpy(vals, vr->row.props, sizeof(*vals) * vr->row.count);
		struct mapi_propval *got;
		uint32_t status = mapistore_props_get(vals, view->mbox, vr->row.id, more, n_more, &got);
		for (uint32_t i = 0; i < n_more; i++) {
			struct mapi_propval *v = &vals[vr->row.count + i];
			if (status == MAPI_E_SUCCESS) {
				*v = got[i];
				continue;
			}
			// The object went away since the load: its new columns are not found.
			*v = (struct mapi_propval){ .tag = more[i], .flag = MAPI_PROPVAL_FLAG_ERROR };
			v->v.err = MAPI_E_NOT_FOUND;
		}
		if (status != MAPI_E_SUCCESS && status != MAPI_E_NOT_FOUND)
			return status;
		uint32_t old = vr->row.count;
		vr->row.props = vals;
		vr->row.count = n;
		fill_row(view, tags, vr, old);
	}
	view->n_tags = n;
	return MAPI_E_SUCCESS;
}

/*
 * Makes sure the rows carry every tag the engine needs plus extra. Loads them the first time;
 * later, a missing tag is added in place when in_place (the view keeps its cursor and
 * bookmarks), else everything is reloaded.
 */
static uint32_t ensure_rows(struct mapistore_view *view, const uint32_t *extra, uint32_t n_extra, bool in_place)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t *needed = NULL, n_needed = 0;
	uint32_t status = mapistore_table_needed_tags(tmp, view->table, &needed, &n_needed);
	if (status == MAPI_E_SUCCESS)
		status = tags_union(tmp, &needed, &n_needed, extra, n_extra);
	uint32_t *missing = NULL, n_missing = 0;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < n_needed; i++) {
		if (!view->loaded || !has_tag(view->tags, view->n_tags, needed[i]))
			status = tags_union(tmp, &missing, &n_missing, &needed[i], 1);
	}
	if (status == MAPI_E_SUCCESS && !view->loaded) {
		status = full_load(view, needed, n_needed);
	} else if (status == MAPI_E_SUCCESS && n_missing > 0 && in_place) {
		status = extend_rows(view, missing, n_missing);
	} else if (status == MAPI_E_SUCCESS && n_missing > 0) {
		// Keep the tags loaded so far: switching sort orders back and forth reloads once.
		status = tags_union(tmp, &needed, &n_needed, view->tags, view->n_tags);
		if (status == MAPI_E_SUCCESS)
			status = full_load(view, needed, n_needed);
	}
	talloc_free(tmp);
	return status;
}

/* MS-OXCDATA 2.12.10: a SubObject restriction holds when one recipient / attachment satisfies sub. */
static bool view_subobject(void *private_data, const struct mapistore_row *row, uint32_t subobject,
			   const struct mapi_restriction *sub)
{
	struct mapistore_view *view = private_data;
	enum mapistore_view_type sub_type;
	if (mapi_prop_id(subobject) == mapi_prop_id(PidTagMessageRecipients))
		sub_type = MAPISTORE_VIEW_RECIPIENTS;
	else if (mapi_prop_id(subobject) == mapi_prop_id(PidTagMessageAttachments))
		sub_type = MAPISTORE_VIEW_ATTACHMENTS;
	else
		return false;
	// Only messages have recipients and attachments.
	if (!is_message_view(view))
		return false;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return false;
	uint32_t *tags = NULL, n = 0;
	struct mapistore_child *kids = NULL;
	uint32_t n_kids = 0;
	bool found = false;
	if (mapistore_restrict_tags(tmp, sub, &tags, &n) == MAPI_E_SUCCESS &&
	    mapistore_children(tmp, view->mbox, row->id, child_kind(sub_type), 0, tags, n, &kids, &n_kids) ==
		    MAPI_E_SUCCESS) {
		for (uint32_t i = 0; !found && i < n_kids; i++) {
			struct mapistore_row r = { .id = kids[i].id, .count = n, .props = kids[i].vals };
			for (uint32_t j = 0; j < n; j++)
				fill_computed(sub_type, tags[j], &r.props[j], r.id, kids[i].num, 0);
			// A SubObject inside a recipient or attachment finds nothing below it.
			found = mapistore_restrict_eval(sub, &r, NULL, NULL);
		}
	}
	talloc_free(tmp);
	return found;
}

uint32_t mapistore_view_open(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t parent,
			     enum mapistore_view_type type, uint32_t flags, struct mapistore_view **view_r)
{
	if (type < MAPISTORE_VIEW_HIERARCHY || type > MAPISTORE_VIEW_RECIPIENTS)
		return MAPI_E_INVALID_PARAMETER;
	struct mapistore_record rec;
	uint32_t status = mapistore_record(mbox, parent, &rec);
	if (status != MAPI_E_SUCCESS)
		return status;
	if ((rec.flags & MAPISTORE_RECORD_DELETED) != 0)
		return MAPI_E_NOT_FOUND;
	bool on_folder = type <= MAPISTORE_VIEW_ASSOCIATED;
	if (rec.kind != (on_folder ? MAPISTORE_KIND_FOLDER : MAPISTORE_KIND_MESSAGE))
		return MAPI_E_NO_SUPPORT;
	struct mapistore_view *view = talloc_zero(mem_ctx, struct mapistore_view);
	if (view == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	view->mbox = mbox;
	view->parent = parent;
	view->type = type;
	view->flags = flags;
	view->table = mapistore_table_new(view);
	if (view->table == NULL) {
		talloc_free(view);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	mapistore_table_set_subobject_fn(view->table, view_subobject, view);
	*view_r = view;
	return MAPI_E_SUCCESS;
}

struct mapistore_table *mapistore_view_table(struct mapistore_view *view)
{
	return view->table;
}

uint32_t mapistore_view_set_columns(struct mapistore_view *view, const uint32_t *tags, uint16_t count)
{
	uint32_t status = mapistore_table_set_columns(view->table, tags, count);
	if (status != MAPI_E_SUCCESS || !view->loaded)
		return status;
	// An instance column (MS-OXCTABL 2.2.1.1 MultivalueInstance) over values not loaded yet
	// splits rows the engine could not see: reload; other columns are added in place.
	bool in_place = true;
	for (uint16_t i = 0; i < count; i++) {
		if ((tags[i] & MAPI_PROPTYPE_MV_INSTANCE) != 0 && !has_tag(view->tags, view->n_tags, tags[i] & ~MAPI_PROPTYPE_MV_INSTANCE))
			in_place = false;
	}
	return ensure_rows(view, NULL, 0, in_place);
}

uint32_t mapistore_view_sort(struct mapistore_view *view, const struct mapi_sortorder_set *set)
{
	uint32_t status = mapistore_table_sort(view->table, set);
	// The sort moved the cursor to the beginning and dropped the bookmarks: a reload loses nothing.
	return status != MAPI_E_SUCCESS || !view->loaded ? status : ensure_rows(view, NULL, 0, false);
}

uint32_t mapistore_view_restrict(struct mapistore_view *view, const struct mapi_restriction *res)
{
	uint32_t status = mapistore_table_restrict(view->table, res);
	return status != MAPI_E_SUCCESS || !view->loaded ? status : ensure_rows(view, NULL, 0, false);
}

uint32_t mapistore_view_reset(struct mapistore_view *view)
{
	return mapistore_table_reset(view->table);
}

uint32_t mapistore_view_refresh(struct mapistore_view *view)
{
	// A failed load leaves the rows as they were (full_load changes nothing on error).
	bool was_loaded = view->loaded;
	view->loaded = false;
	uint32_t status = ensure_rows(view, NULL, 0, false);
	if (status != MAPI_E_SUCCESS)
		view->loaded = was_loaded;
	return status;
}

uint32_t mapistore_view_row_count(struct mapistore_view *view)
{
	if (ensure_rows(view, NULL, 0, true) != MAPI_E_SUCCESS)
		return 0;
	return mapistore_table_row_count(view->table);
}

uint32_t mapistore_view_query_rows(TALLOC_CTX *mem_ctx, struct mapistore_view *view, bool advance,
				   bool forward, uint16_t count, uint8_t *origin_r, struct mapi_proprow_set *out)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_query_rows(mem_ctx, view->table, advance, forward, count, origin_r, out);
}

uint32_t mapistore_view_query_position(struct mapistore_view *view, uint32_t *numerator_r,
				       uint32_t *denominator_r)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_query_position(view->table, numerator_r, denominator_r);
}

uint32_t mapistore_view_seek(struct mapistore_view *view, uint8_t origin, int32_t count, bool *sought_less_r,
			     int32_t *sought_r)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_seek(view->table, origin, count, sought_less_r, sought_r);
}

uint32_t mapistore_view_seek_fractional(struct mapistore_view *view, uint32_t numerator, uint32_t denominator)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_seek_fractional(view->table, numerator, denominator);
}

uint32_t mapistore_view_create_bookmark(struct mapistore_view *view, uint32_t *bookmark_r)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_create_bookmark(view->table, bookmark_r);
}

uint32_t mapistore_view_free_bookmark(struct mapistore_view *view, uint32_t bookmark)
{
	return mapistore_table_free_bookmark(view->table, bookmark);
}

uint32_t mapistore_view_seek_bookmark(struct mapistore_view *view, uint32_t bookmark, int32_t count,
				      bool *no_longer_visible_r, bool *sought_less_r, int32_t *sought_r)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_seek_bookmark(view->table, bookmark, count, no_longer_visible_r, sought_less_r,
					     sought_r);
}

uint32_t mapistore_view_find_row(TALLOC_CTX *mem_ctx, struct mapistore_view *view,
				 const struct mapi_restriction *res, uint8_t origin, uint32_t bookmark, bool backward,
				 bool *no_longer_visible_r, struct mapi_proprow *row_out)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t *tags = NULL, n = 0;
	uint32_t status = MAPI_E_SUCCESS;
	// The engine validates res; its tags are only gathered when it has some.
	if (res != NULL)
		status = mapistore_restrict_tags(tmp, res, &tags, &n);
	if (status == MAPI_E_SUCCESS)
		status = ensure_rows(view, tags, n, true);
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_find_row(mem_ctx, view->table, res, origin, bookmark, backward, no_longer_visible_r,
					row_out);
}

uint32_t mapistore_view_query_columns_all(TALLOC_CTX *mem_ctx, struct mapistore_view *view, uint32_t **tags_r,
					  uint16_t *count_r)
{
	uint32_t status = ensure_rows(view, NULL, 0, true);
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	// MS-OXCTABL 3.2.5.13: every property of the table's objects, not only the loaded columns.
	uint32_t *all = NULL, n_all = 0;
	for (uint32_t r = 0; status == MAPI_E_SUCCESS && r < view->n_rows; r++) {
		uint32_t *tags = NULL, n = 0;
		if (mapistore_props_list(tmp, view->mbox, view->rows[r].row.id, &tags, &n) != MAPI_E_SUCCESS)
			continue;
		status = tags_union(tmp, &all, &n_all, tags, n);
		talloc_free(tags);
	}
	if (status == MAPI_E_SUCCESS)
		status = ensure_rows(view, all, n_all, true);
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS)
		return status;
	return mapistore_table_query_columns_all(mem_ctx, view->table, tags_r, count_r);
}
