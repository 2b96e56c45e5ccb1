/*
 * mapistore_attach.c — attachments of a message and embedded messages (MS-OXCMSG 3.2.5.12-
 * 3.2.5.16): numbered from 0 in creation order, each with its own pending changes.
 */
#include "mapi_props.h"
#include "mapistore_private.h"

/* The attachment records of a saved message. */
static uint32_t attach_list(TALLOC_CTX *mem_ctx, struct mapistore_object *msg, uint64_t **ids_r, uint32_t *count_r)
{
	struct mapistore_mailbox *mbox = msg->mbox;
	return MS_VF(mbox)->record_children(MS_BE(mbox), mem_ctx, mbox->rec.mailbox_id, msg->rec.id,
					    MAPISTORE_KIND_ATTACHMENT, ids_r, count_r);
}

static uint32_t attach_find(struct mapistore_object *msg, uint32_t num, struct mapistore_record *rec_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint64_t *ids = NULL;
	uint32_t count = 0;
	uint32_t status = attach_list(tmp, msg, &ids, &count);
	uint32_t result = status != MAPI_E_SUCCESS ? status : MAPI_E_NOT_FOUND;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		status = mapistore_record(msg->mbox, ids[i], rec_r);
		if (status == MAPI_E_SUCCESS && rec_r->num == num) {
			result = MAPI_E_SUCCESS;
			break;
		}
	}
	talloc_free(tmp);
	return status != MAPI_E_SUCCESS ? status : result;
}

/* The next AttachmentID of msg and the attachment record with it (MS-OXCMSG 3.2.5.13). */
static uint32_t attach_create_txn(struct mapistore_object *msg, struct mapistore_record *rec)
{
	struct mapistore_mailbox *mbox = msg->mbox;
	uint64_t num = 0;
	uint32_t status = mapistore_alloc_object_id(mbox, &rec->id);
	// AttachmentID numbers are per message: the highest in use + 1.
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint64_t *ids = NULL;
	uint32_t count = 0;
	if (status == MAPI_E_SUCCESS)
		status = tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : attach_list(tmp, msg, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		struct mapistore_record arec;
		status = mapistore_record(mbox, ids[i], &arec);
		if (status == MAPI_E_SUCCESS && arec.num >= num)
			num = (uint64_t)arec.num + 1;
	}
	talloc_free(tmp);
	if (status == MAPI_E_SUCCESS && num > UINT32_MAX)
		status = ecMaxAttachmentExceeded;
	rec->num = (uint32_t)num;
	// The number is taken now so two attachments created before either is saved differ.
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i32(mbox, rec->id, PidTagAttachNumber, (int32_t)rec->num);
	return status;
}

/* An attachment handle on rec, tied to its message. */
static uint32_t attach_handle(TALLOC_CTX *mem_ctx, struct mapistore_object *msg,
			      const struct mapistore_record *rec, struct mapistore_object **att_r)
{
	struct mapistore_object *att = mapistore_object_new(mem_ctx, msg->mbox, rec, true);
	if (att == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	att->msg = msg;
	*att_r = att;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_attach_create(TALLOC_CTX *mem_ctx, struct mapistore_object *msg, struct mapistore_object **att_r)
{
	if (msg->rec.kind != MAPISTORE_KIND_MESSAGE)
		return MAPI_E_NO_SUPPORT;
	// Attachments hang off a stored message (see mapistore_object_save).
	if (!msg->saved)
		return MAPI_E_NOT_FOUND;
	struct mapistore_record rec = { .parent_id = msg->rec.id, .kind = MAPISTORE_KIND_ATTACHMENT };
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(msg->mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(msg->mbox, attach_create_txn(msg, &rec));
	} while (mapistore_txn_retry(status, &attempt));
	if (status != MAPI_E_SUCCESS)
		return status;
	return attach_handle(mem_ctx, msg, &rec, att_r);
}

uint32_t mapistore_attach_open(TALLOC_CTX *mem_ctx, struct mapistore_object *msg, uint32_t num,
			       struct mapistore_object **att_r)
{
	if (msg->rec.kind != MAPISTORE_KIND_MESSAGE)
		return MAPI_E_NO_SUPPORT;
	struct mapistore_record rec;
	// MS-OXCMSG 3.2.5.12 RopOpenAttachment: an unknown AttachmentID is ecNotFound.
	uint32_t status = msg->saved ? attach_find(msg, num, &rec) : MAPI_E_NOT_FOUND;
	if (status != MAPI_E_SUCCESS)
		return status;
	return attach_handle(mem_ctx, msg, &rec, att_r);
}

static uint32_t attach_delete_txn(struct mapistore_object *msg, uint32_t num)
{
	struct mapistore_record rec, mrec;
	uint32_t status = attach_find(msg, num, &rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_hard_delete_tree(msg->mbox, rec.id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_record(msg->mbox, msg->rec.id, &mrec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(msg->mbox, &mrec, true);
	if (status == MAPI_E_SUCCESS)
		msg->rec.change_num = mrec.change_num;
	return status;
}

uint32_t mapistore_attach_delete(struct mapistore_object *msg, uint32_t num)
{
	if (msg->rec.kind != MAPISTORE_KIND_MESSAGE)
		return MAPI_E_NO_SUPPORT;
	if (!msg->saved)
		return MAPI_E_NOT_FOUND;
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(msg->mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(msg->mbox, attach_delete_txn(msg, num));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

uint32_t mapistore_attach_embedded(TALLOC_CTX *mem_ctx, struct mapistore_object *att, bool create,
				   struct mapistore_object **msg_r)
{
	if (att->rec.kind != MAPISTORE_KIND_ATTACHMENT)
		return MAPI_E_NO_SUPPORT;
	struct mapistore_mailbox *mbox = att->mbox;
	uint64_t *ids = NULL;
	uint32_t count = 0;
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t status = tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: MS_VF(mbox)->record_children(MS_BE(mbox), tmp, mbox->rec.mailbox_id, att->rec.id,
					       MAPISTORE_KIND_MESSAGE, &ids, &count);
	uint64_t existing = status == MAPI_E_SUCCESS && count > 0 ? ids[0] : 0;
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (existing != 0)
		return mapistore_message_open(mem_ctx, mbox, existing, msg_r);
	if (!create)
		return MAPI_E_NOT_FOUND;
	// MS-OXCMSG 3.2.5.16: the embedded message is created on demand with its own MID.
	struct mapistore_record rec = { .parent_id = att->rec.id, .kind = MAPISTORE_KIND_MESSAGE };
	status = mapistore_reserve_id(mbox, &rec.id);
	if (status != MAPI_E_SUCCESS)
		return status;
	struct mapi_propval method = { .tag = PidTagAttachMethod, .flag = MAPI_PROPVAL_FLAG_VALUE };
	method.v.i32 = MAPISTORE_ATTACH_EMBEDDED;
	status = mapistore_object_set_props(att, &method, 1);
	if (status != MAPI_E_SUCCESS)
		return status;
	*msg_r = mapistore_object_new(mem_ctx, mbox, &rec, false);
	return *msg_r == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}
