/*
 * mapistore_tree.c — operations on whole subtrees of records: hard delete and message copy
 * (with recipients, attachments and embedded messages). Callers hold a transaction.
 */
#include "mapi_props.h"
#include "mapistore_private.h"

static const enum mapistore_kind all_kinds[] = {
	MAPISTORE_KIND_FOLDER, MAPISTORE_KIND_MESSAGE, MAPISTORE_KIND_ATTACHMENT, MAPISTORE_KIND_RECIPIENT,
};

uint32_t mapistore_hard_delete_tree(struct mapistore_mailbox *mbox, uint64_t id)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t status = MAPI_E_SUCCESS;
	for (size_t k = 0; status == MAPI_E_SUCCESS && k < sizeof(all_kinds) / sizeof(all_kinds[0]); k++) {
		uint64_t *ids = NULL;
		uint32_t count = 0;
		status = MS_VF(mbox)->record_children(MS_BE(mbox), tmp, mbox->rec.mailbox_id, id, all_kinds[k],
						      &ids, &count);
		for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
			status = mapistore_hard_delete_tree(mbox, ids[i]);
	}
	talloc_free(tmp);
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->record_delete(MS_BE(mbox), mbox->rec.mailbox_id, id);
	return status;
}

/* A copy of the record src under parent as new_id with all its properties. */
static uint32_t copy_record(struct mapistore_mailbox *mbox, uint64_t src, uint64_t parent, uint64_t new_id,
			    struct mapistore_record *rec_r)
{
	uint32_t status = mapistore_record(mbox, src, rec_r);
	if (status != MAPI_E_SUCCESS)
		return status;
	rec_r->id = new_id;
	rec_r->parent_id = parent;
	status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, rec_r);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_copy_all(mbox, src, new_id);
	return status;
}

/* The live (not soft-deleted) children of one kind. */
static uint32_t children_of(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t parent,
			    enum mapistore_kind kind, uint64_t **ids_r, uint32_t *count_r)
{
	return MS_VF(mbox)->record_children(MS_BE(mbox), mem_ctx, mbox->rec.mailbox_id, parent, kind, ids_r,
					    count_r);
}

static uint32_t copy_attachment(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp, uint64_t src, uint64_t msg)
{
	uint64_t new_id;
	struct mapistore_record rec;
	uint32_t status = mapistore_alloc_object_id(mbox, &new_id);
	if (status == MAPI_E_SUCCESS)
		status = copy_record(mbox, src, msg, new_id, &rec);
	uint64_t *ids = NULL;
	uint32_t count = 0;
	if (status == MAPI_E_SUCCESS)
		status = children_of(tmp, mbox, src, MAPISTORE_KIND_MESSAGE, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		uint64_t mid;
		status = mapistore_alloc_ids(mbox, 1, &mid);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_copy_message(mbox, ids[i], new_id, mid, false);
	}
	return status;
}

uint32_t mapistore_copy_message(struct mapistore_mailbox *mbox, uint64_t src, uint64_t parent, uint64_t new_id,
				bool keep_pcl)
{
	struct mapistore_record rec;
	uint32_t status = copy_record(mbox, src, parent, new_id, &rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, new_id, PidTagMid, (int64_t)new_id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, new_id, PidTagParentFolderId, (int64_t)parent);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, keep_pcl);
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint64_t *ids = NULL;
	uint32_t count = 0;
	if (status == MAPI_E_SUCCESS)
		status = children_of(tmp, mbox, src, MAPISTORE_KIND_RECIPIENT, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		uint64_t rid;
		struct mapistore_record rrec;
		status = mapistore_alloc_object_id(mbox, &rid);
		if (status == MAPI_E_SUCCESS)
			status = copy_record(mbox, ids[i], new_id, rid, &rrec);
	}
	if (status == MAPI_E_SUCCESS)
		status = children_of(tmp, mbox, src, MAPISTORE_KIND_ATTACHMENT, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		status = copy_attachment(mbox, tmp, ids[i], new_id);
	talloc_free(tmp);
	return status;
}
