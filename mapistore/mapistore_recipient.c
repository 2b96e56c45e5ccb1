/*
 * mapistore_recipient.c — recipient rows of a message (MS-OXCMSG 3.2.5.5 RopModifyRecipients):
 * pending on the handle, stored with the message.
 */
#include "mapi_props.h"
#include "mapistore_private.h"

uint32_t mapistore_message_modify_recipients(struct mapistore_object *msg, const struct mapistore_recipient *rows,
					     uint32_t n)
{
	if (msg->rec.kind != MAPISTORE_KIND_MESSAGE)
		return MAPI_E_NO_SUPPORT;
	for (uint32_t i = 0; i < n; i++) {
		for (uint32_t j = 0; j < rows[i].count; j++) {
			uint32_t status = mapistore_prop_validate(&rows[i].vals[j]);
			if (status != MAPI_E_SUCCESS)
				return status;
		}
	}
	struct mapistore_recipient *grown = talloc_realloc(msg, msg->recips, struct mapistore_recipient,
							   msg->recip_count + n);
	if (grown == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	msg->recips = grown;
	for (uint32_t i = 0; i < n; i++) {
		struct mapistore_recipient *r = &msg->recips[msg->recip_count];
		r->row_id = rows[i].row_id;
		r->count = rows[i].count;
		r->vals = talloc_zero_array(msg->recips, struct mapi_propval, rows[i].count > 0 ? rows[i].count : 1);
		if (r->vals == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		for (uint32_t j = 0; j < rows[i].count; j++) {
			TALLOC_CTX *tmp = talloc_new(NULL);
			uint8_t *data;
			size_t len;
			uint32_t status = tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
				: mapistore_prop_encode(tmp, msg->mbox, &rows[i].vals[j], &data, &len);
			if (status == MAPI_E_SUCCESS)
				status = mapistore_prop_decode(r->vals, msg->mbox, rows[i].vals[j].tag, data, len,
							       &r->vals[j]);
			talloc_free(tmp);
			if (status != MAPI_E_SUCCESS)
				return status;
		}
		msg->recip_count++;
	}
	return MAPI_E_SUCCESS;
}

/* Removes the stored recipient with RowId row_id, if any. */
static uint32_t recipient_remove(struct mapistore_object *msg, TALLOC_CTX *tmp, uint32_t row_id)
{
	struct mapistore_mailbox *mbox = msg->mbox;
	uint64_t *ids = NULL;
	uint32_t count = 0;
	uint32_t status = MS_VF(mbox)->record_children(MS_BE(mbox), tmp, mbox->rec.mailbox_id, msg->rec.id,
						       MAPISTORE_KIND_RECIPIENT, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		struct mapistore_record rec;
		status = mapistore_record(mbox, ids[i], &rec);
		if (status == MAPI_E_SUCCESS && rec.num == row_id)
			status = MS_VF(mbox)->record_delete(MS_BE(mbox), mbox->rec.mailbox_id, ids[i]);
	}
	return status;
}

static uint32_t recipient_insert(struct mapistore_object *msg, const struct mapistore_recipient *row)
{
	struct mapistore_mailbox *mbox = msg->mbox;
	struct mapistore_record rec = {
		.parent_id = msg->rec.id, .kind = MAPISTORE_KIND_RECIPIENT, .num = row->row_id,
	};
	uint32_t status = mapistore_alloc_object_id(mbox, &rec.id);
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &rec);
	for (uint32_t j = 0; status == MAPI_E_SUCCESS && j < row->count; j++)
		status = mapistore_prop_write(mbox, rec.id, &row->vals[j]);
	// MS-OXCMSG 3.2.5.5: the row's RowId is the recipient's PidTagRowid.
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i32(mbox, rec.id, MAPISTORE_TAG_ROW_ID, (int32_t)row->row_id);
	return status;
}

uint32_t mapistore_recipients_apply(struct mapistore_object *msg)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t status = MAPI_E_SUCCESS;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < msg->recip_count; i++) {
		status = recipient_remove(msg, tmp, msg->recips[i].row_id);
		if (status == MAPI_E_SUCCESS && msg->recips[i].count > 0)
			status = recipient_insert(msg, &msg->recips[i]);
	}
	talloc_free(tmp);
	return status;
}
