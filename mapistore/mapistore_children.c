/*
 * mapistore_children.c — what a table needs from the store: the children of an object with the
 * values of the requested columns. Restrictions, sorting and positions are the table engine's.
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
	uint64_t *ids = NULL;
	uint32_t count = 0, kept = 0;
	status = MS_VF(mbox)->record_children(MS_BE(mbox), tmp, mbox->rec.mailbox_id, parent, kind, &ids, &count);
	struct mapistore_child *rows = NULL;
	if (status == MAPI_E_SUCCESS) {
		rows = talloc_zero_array(mem_ctx, struct mapistore_child, count > 0 ? count : 1);
		status = rows == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	}
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		struct mapistore_record rec;
		status = mapistore_record(mbox, ids[i], &rec);
		if (status != MAPI_E_SUCCESS || !wanted(&rec, flags))
			continue;
		rows[kept].id = rec.id;
		rows[kept].num = rec.num;
		status = mapistore_props_get(rows, mbox, rec.id, tags, n, &rows[kept].vals);
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
