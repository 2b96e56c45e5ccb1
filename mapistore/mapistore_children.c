/*
 * mapistore_children.c — what a table needs from the store: the children of an object with the
 * values of the requested columns. Restrictions, sorting and positions are the table engine's.
 * The backend returns the records and stored values in one query (record_children_props);
 * computed properties (mapistore_computed.c) are filled in here.
 */
#include "mapistore_private.h"

static bool wanted(const struct mapistore_record *rec, uint32_t flags)
{
	bool deleted = (rec->flags & MAPISTORE_RECORD_DELETED) != 0;
	if (deleted != ((flags & MAPISTORE_CHILDREN_DELETED) != 0))
		return false;
	if (rec->kind != MAPISTORE_KIND_MESSAGE)
		return true;
	// MS-OXCFOLD 2.2.1.14: the contents table and the associated contents table are disjoint.
	return ((rec->flags & MAPISTORE_RECORD_FAI) != 0) == ((flags & MAPISTORE_CHILDREN_FAI) != 0);
}

/*
 * The value of tag from what the backend returned: as mapistore_prop_read gives it (an explicit
 * type must be the stored one; PT_UNSPECIFIED takes the stored type). MAPI_E_NOT_FOUND.
 */
static uint32_t stored_value(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint32_t tag,
			     const struct mapistore_backend_value *bv, struct mapi_propval *val_r)
{
	if (bv->tag == 0 || (mapi_prop_type(tag) != PT_UNSPECIFIED && bv->tag != tag))
		return MAPI_E_NOT_FOUND;
	return mapistore_prop_decode(mem_ctx, mbox, bv->tag, bv->data, bv->len, val_r);
}

/* The row of one child: its values decoded, computed ones computed. */
static uint32_t child_row(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, const struct mapistore_record *rec,
			  const uint32_t *tags, uint32_t n, const struct mapistore_backend_value *bvals,
			  struct mapistore_child *row)
{
	row->id = rec->id;
	row->num = rec->num;
	row->vals = talloc_zero_array(mem_ctx, struct mapi_propval, n > 0 ? n : 1);
	if (row->vals == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t j = 0; j < n; j++) {
		uint32_t status = mapistore_computed_tag(tags[j])
			? mapistore_computed_read(mbox, rec, tags[j], &row->vals[j])
			: stored_value(row->vals, mbox, tags[j], &bvals[j], &row->vals[j]);
		if (status == MAPI_E_NOT_FOUND)
			mapistore_prop_not_found(&row->vals[j], tags[j]);
		else if (status != MAPI_E_SUCCESS)
			return status;
	}
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_children(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t parent,
			    enum mapistore_kind kind, uint32_t flags, const uint32_t *tags, uint32_t n,
			    struct mapistore_child **rows_r, uint32_t *count_r)
{
	struct mapistore_record prec;
	uint32_t status = mapistore_record(mbox, parent, &prec);
	if (status != MAPI_E_SUCCESS)
		return status;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct mapistore_record *recs = NULL;
	struct mapistore_backend_value *bvals = NULL;
	uint32_t count = 0, kept = 0;
	status = MS_VF(mbox)->record_children_props(MS_BE(mbox), tmp, mbox->rec.mailbox_id, parent, kind, tags, n,
						    &recs, &bvals, &count);
	struct mapistore_child *rows = NULL;
	if (status == MAPI_E_SUCCESS) {
		rows = talloc_zero_array(mem_ctx, struct mapistore_child, count > 0 ? count : 1);
		status = rows == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	}
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		if (!wanted(&recs[i], flags))
			continue;
		status = child_row(rows, mbox, &recs[i], tags, n, n > 0 ? bvals + (size_t)i * n : NULL, &rows[kept]);
		kept++;
	}
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(rows);
		return status;
	}
	*rows_r = rows;
	*count_r = kept;
	return MAPI_E_SUCCESS;
}
