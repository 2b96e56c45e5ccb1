/*
 * mapistore_message.c — messages (MS-OXCMSG, MS-OXCFOLD 3.2.5.6/3.2.5.11/3.2.5.12): create,
 * open, delete (soft/hard), move and copy between folders, read state.
 */
#include "mapi_props.h"
#include "mapistore_private.h"

uint32_t mapistore_message_create(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t fid, bool fai,
				  struct mapistore_object **msg_r)
{
	struct mapistore_record frec;
	uint32_t status = mapistore_live_record(mbox, fid, MAPISTORE_KIND_FOLDER, &frec);
	if (status != MAPI_E_SUCCESS)
		return status;
	struct mapistore_record rec = {
		.parent_id = fid, .kind = MAPISTORE_KIND_MESSAGE, .flags = fai ? MAPISTORE_RECORD_FAI : 0,
	};
	// The MID is reserved now (MS-OXCMSG 3.2.5.2): never reused even if the message is never saved.
	status = mapistore_reserve_id(mbox, &rec.id);
	if (status != MAPI_E_SUCCESS)
		return status;
	*msg_r = mapistore_object_new(mem_ctx, mbox, &rec, false);
	return *msg_r == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

uint32_t mapistore_message_open(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t mid,
				struct mapistore_object **msg_r)
{
	struct mapistore_record rec;
	uint32_t status = mapistore_live_record(mbox, mid, MAPISTORE_KIND_MESSAGE, &rec);
	// MS-OXCMSG 3.2.5.1: a MID that names no (live) message is ecNotFound.
	if (status != MAPI_E_SUCCESS)
		return status == MAPI_E_NO_SUPPORT ? MAPI_E_NOT_FOUND : status;
	*msg_r = mapistore_object_new(mem_ctx, mbox, &rec, true);
	return *msg_r == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

/* A live message stored directly in a folder, or MAPI_E_NOT_FOUND. */
static uint32_t folder_message(struct mapistore_mailbox *mbox, uint64_t mid, struct mapistore_record *rec)
{
	uint32_t status = mapistore_live_record(mbox, mid, MAPISTORE_KIND_MESSAGE, rec);
	if (status != MAPI_E_SUCCESS)
		return status == MAPI_E_NO_SUPPORT ? MAPI_E_NOT_FOUND : status;
	struct mapistore_record prec;
	status = mapistore_record(mbox, rec->parent_id, &prec);
	if (status == MAPI_E_SUCCESS && prec.kind != MAPISTORE_KIND_FOLDER)
		status = MAPI_E_NOT_FOUND;	/* embedded messages go with their attachment */
	return status;
}

static uint32_t delete_txn(struct mapistore_mailbox *mbox, const uint64_t *mids, uint32_t n, bool hard)
{
	uint32_t result = MAPI_E_SUCCESS;
	for (uint32_t i = 0; i < n; i++) {
		struct mapistore_record rec;
		uint32_t status = folder_message(mbox, mids[i], &rec);
		if (status == MAPI_E_NOT_FOUND) {
			// MS-OXCFOLD 3.2.5.11: failing on some messages is a partial completion.
			result = MAPI_W_ERRORS_RETURNED;
			continue;
		}
		if (status == MAPI_E_SUCCESS)
			status = hard ? mapistore_hard_delete_tree(mbox, mids[i]) : mapistore_soft_delete(mbox, mids[i]);
		if (status != MAPI_E_SUCCESS)
			return status;
	}
	return result;
}

uint32_t mapistore_message_delete(struct mapistore_mailbox *mbox, const uint64_t *mids, uint32_t n, bool hard)
{
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, delete_txn(mbox, mids, n, hard));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

static uint32_t move_txn(struct mapistore_mailbox *mbox, const uint64_t *mids, uint32_t n, uint64_t dst_fid,
			 bool copy, uint64_t *new_mids_r)
{
	struct mapistore_record drec;
	uint32_t status = mapistore_record(mbox, dst_fid, &drec);
	if (status != MAPI_E_SUCCESS)
		return status;
	// MS-OXCFOLD 3.2.5.6: the destination must be a folder; search folders take no messages.
	if (drec.kind != MAPISTORE_KIND_FOLDER)
		return MAPI_E_NO_SUPPORT;
	if ((drec.flags & MAPISTORE_RECORD_SEARCH) != 0)
		return ecSearchFolder;
	if ((drec.flags & MAPISTORE_RECORD_DELETED) != 0)
		return MAPI_E_NOT_FOUND;
	uint32_t result = MAPI_E_SUCCESS;
	for (uint32_t i = 0; i < n; i++) {
		struct mapistore_record rec;
		uint64_t new_mid = 0;
		status = folder_message(mbox, mids[i], &rec);
		if (status == MAPI_E_NOT_FOUND) {
			result = MAPI_W_ERRORS_RETURNED;
			if (new_mids_r != NULL)
				new_mids_r[i] = 0;
			continue;
		}
		if (status == MAPI_E_SUCCESS)
			status = mapistore_alloc_ids(mbox, 1, &new_mid);
		// A moved message is the same object in a new place: it keeps its PCL; a copy starts anew.
		if (status == MAPI_E_SUCCESS)
			status = mapistore_copy_message(mbox, mids[i], dst_fid, new_mid, !copy);
		if (status == MAPI_E_SUCCESS && !copy)
			status = mapistore_hard_delete_tree(mbox, mids[i]);
		if (status != MAPI_E_SUCCESS)
			return status;
		if (new_mids_r != NULL)
			new_mids_r[i] = new_mid;
	}
	return result;
}

uint32_t mapistore_message_move(struct mapistore_mailbox *mbox, const uint64_t *mids, uint32_t n,
				uint64_t dst_fid, bool copy, uint64_t *new_mids_r)
{
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, move_txn(mbox, mids, n, dst_fid, copy, new_mids_r));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

static uint32_t set_read_txn(struct mapistore_mailbox *mbox, uint64_t mid, bool read)
{
	struct mapistore_record rec;
	uint32_t status = mapistore_live_record(mbox, mid, MAPISTORE_KIND_MESSAGE, &rec);
	if (status != MAPI_E_SUCCESS)
		return status == MAPI_E_NO_SUPPORT ? MAPI_E_NOT_FOUND : status;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct mapi_propval pv;
	uint32_t flags = 0;
	if (mapistore_prop_read(tmp, mbox, mid, PidTagMessageFlags, &pv) == MAPI_E_SUCCESS)
		flags = (uint32_t)pv.v.i32;
	talloc_free(tmp);
	// MS-OXCMSG 2.2.1.6: mfRead in PidTagMessageFlags is the read state.
	flags = read ? (flags | MAPISTORE_MSGFLAG_READ) : (flags & ~MAPISTORE_MSGFLAG_READ);
	rec.flags = read ? (rec.flags | MAPISTORE_RECORD_READ) : (rec.flags & ~MAPISTORE_RECORD_READ);
	// MS-OXCFXICS 2.2.1.1.4: read-state changes are tracked by their own CNs, not the content CN.
	status = mapistore_alloc_ids(mbox, 1, &rec.read_change_num);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i32(mbox, mid, PidTagMessageFlags, (int32_t)flags);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i32(mbox, mid, PidTagRead, read ? 1 : 0);
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &rec);
	return status;
}

uint32_t mapistore_message_set_read(struct mapistore_mailbox *mbox, uint64_t mid, bool read)
{
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, set_read_txn(mbox, mid, read));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}
