/*
 * mapistore_object.c — handles on messages and attachments with their pending changes: values
 * set or deleted through a handle are visible through it and stored only by
 * mapistore_object_save (MS-OXCMSG 3.2.5.3, MS-OXCPRPT 3.2.5.3).
 */
#include <string.h>

#include "mapi_filetime.h"
#include "mapi_props.h"
#include "mapistore_private.h"

struct mapistore_object *mapistore_object_new(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox,
					      const struct mapistore_record *rec, bool saved)
{
	struct mapistore_object *obj = talloc_zero(mem_ctx, struct mapistore_object);
	if (obj == NULL)
		return NULL;
	obj->mbox = mbox;
	obj->rec = *rec;
	obj->saved = saved;
	return obj;
}

uint64_t mapistore_object_id(const struct mapistore_object *obj)
{
	return obj->rec.id;
}

enum mapistore_kind mapistore_object_kind(const struct mapistore_object *obj)
{
	return (enum mapistore_kind)obj->rec.kind;
}

uint32_t mapistore_object_num(const struct mapistore_object *obj)
{
	return obj->rec.num;
}

/* A deep copy of val on mem_ctx (through the stored byte form, so nothing is shared). */
static uint32_t value_copy(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, const struct mapi_propval *val,
			   struct mapi_propval *copy_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint8_t *data;
	size_t len;
	uint32_t status = mapistore_prop_encode(tmp, mbox, val, &data, &len);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_decode(mem_ctx, mbox, val->tag, data, len, copy_r);
	talloc_free(tmp);
	return status;
}

static int pending_find(const struct mapistore_object *obj, uint32_t tag)
{
	for (uint32_t i = 0; i < obj->set_count; i++) {
		if (mapi_prop_id(obj->set[i].tag) == mapi_prop_id(tag))
			return (int)i;
	}
	return -1;
}

static bool pending_deleted(const struct mapistore_object *obj, uint32_t tag)
{
	for (uint32_t i = 0; i < obj->del_count; i++) {
		if (mapi_prop_id(obj->del[i]) == mapi_prop_id(tag))
			return true;
	}
	return false;
}

static void pending_undelete(struct mapistore_object *obj, uint32_t tag)
{
	for (uint32_t i = 0; i < obj->del_count; i++) {
		if (mapi_prop_id(obj->del[i]) == mapi_prop_id(tag))
			obj->del[i--] = obj->del[--obj->del_count];
	}
}

uint32_t mapistore_object_set_props(struct mapistore_object *obj, const struct mapi_propval *vals, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t status = mapistore_prop_validate(&vals[i]);
		if (status != MAPI_E_SUCCESS)
			return status;
	}
	for (uint32_t i = 0; i < n; i++) {
		int at = pending_find(obj, vals[i].tag);
		if (at < 0) {
			struct mapi_propval *grown = talloc_realloc(obj, obj->set, struct mapi_propval, obj->set_count + 1);
			if (grown == NULL)
				return MAPI_E_NOT_ENOUGH_MEMORY;
			obj->set = grown;
			at = (int)obj->set_count++;
		}
		uint32_t status = value_copy(obj->set, obj->mbox, &vals[i], &obj->set[at]);
		if (status != MAPI_E_SUCCESS) {
			// Keep the array consistent: drop the slot that has no value.
			obj->set[at] = obj->set[--obj->set_count];
			return status;
		}
		pending_undelete(obj, vals[i].tag);
	}
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_object_delete_props(struct mapistore_object *obj, const uint32_t *tags, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		int at = pending_find(obj, tags[i]);
		if (at >= 0)
			obj->set[at] = obj->set[--obj->set_count];
		if (pending_deleted(obj, tags[i]))
			continue;
		uint32_t *grown = talloc_realloc(obj, obj->del, uint32_t, obj->del_count + 1);
		if (grown == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
		obj->del = grown;
		obj->del[obj->del_count++] = tags[i];
	}
	return MAPI_E_SUCCESS;
}

static uint32_t object_get_one(TALLOC_CTX *mem_ctx, struct mapistore_object *obj, uint32_t tag,
			       struct mapi_propval *val_r)
{
	int at = pending_find(obj, tag);
	uint16_t type = mapi_prop_type(tag);
	if (at >= 0 && (type == PT_UNSPECIFIED || type == mapi_prop_type(obj->set[at].tag)))
		return value_copy(mem_ctx, obj->mbox, &obj->set[at], val_r);
	if (at >= 0 || pending_deleted(obj, tag) || !obj->saved)
		return MAPI_E_NOT_FOUND;
	if (mapistore_computed_tag(tag))
		return mapistore_computed_read(obj->mbox, &obj->rec, tag, val_r);
	return mapistore_prop_read(mem_ctx, obj->mbox, obj->rec.id, tag, val_r);
}

uint32_t mapistore_object_get_props(TALLOC_CTX *mem_ctx, struct mapistore_object *obj, const uint32_t *tags,
				    uint32_t n, struct mapi_propval **vals_r)
{
	struct mapi_propval *vals = talloc_zero_array(mem_ctx, struct mapi_propval, n > 0 ? n : 1);
	if (vals == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t status = object_get_one(vals, obj, tags[i], &vals[i]);
		if (status == MAPI_E_NOT_FOUND) {
			// MS-OXCPRPT 2.2.2.2: a missing property reads as PtypErrorCode NotFound.
			memset(&vals[i], 0, sizeof(vals[i]));
			vals[i].tag = MAPI_PROP_TAG(mapi_prop_id(tags[i]), PT_ERROR);
			vals[i].flag = MAPI_PROPVAL_FLAG_ERROR;
			vals[i].v.err = MAPI_E_NOT_FOUND;
		} else if (status != MAPI_E_SUCCESS) {
			talloc_free(vals);
			return status;
		}
	}
	*vals_r = vals;
	return MAPI_E_SUCCESS;
}

/* The parent of a message or attachment must still be there (and live) when it is saved. */
static uint32_t check_parent(struct mapistore_object *obj)
{
	struct mapistore_record prec;
	uint32_t status = mapistore_record(obj->mbox, obj->rec.parent_id, &prec);
	if (status != MAPI_E_SUCCESS)
		return status;
	return (prec.flags & MAPISTORE_RECORD_DELETED) != 0 ? MAPI_E_NOT_FOUND : MAPI_E_SUCCESS;
}

/* Values a new message gets from the store (MS-OXCMSG 2.2.1.6, 3.2.5.2). */
static uint32_t message_first_save(struct mapistore_object *obj)
{
	struct mapistore_mailbox *mbox = obj->mbox;
	uint64_t id = obj->rec.id;
	uint32_t status = mapistore_prop_write_i64(mbox, id, PidTagMid, (int64_t)id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, id, PidTagParentFolderId, (int64_t)obj->rec.parent_id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, id, PidTagCreationTime, (int64_t)mapi_filetime_now());
	if (status == MAPI_E_SUCCESS && pending_find(obj, PidTagMessageFlags) < 0) {
		// A new message is unsent until submitted (MS-OXCMSG 2.2.1.6); FAI carries its own bit.
		uint32_t flags = MAPISTORE_MSGFLAG_UNSENT;
		if ((obj->rec.flags & MAPISTORE_RECORD_FAI) != 0)
			flags |= MAPISTORE_MSGFLAG_FAI;
		status = mapistore_prop_write_i32(mbox, id, PidTagMessageFlags, (int32_t)flags);
	}
	return status;
}

static uint32_t object_save_txn(struct mapistore_object *obj)
{
	struct mapistore_mailbox *mbox = obj->mbox;
	// Another session may have changed the record (read state, a move): start from its state.
	uint32_t status = obj->saved ? mapistore_record(mbox, obj->rec.id, &obj->rec) : MAPI_E_SUCCESS;
	if (status == MAPI_E_SUCCESS)
		status = check_parent(obj);
	if (status == MAPI_E_SUCCESS && !obj->saved)
		status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &obj->rec);
	if (status == MAPI_E_SUCCESS && !obj->saved && obj->rec.kind == MAPISTORE_KIND_MESSAGE)
		status = message_first_save(obj);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < obj->del_count; i++)
		status = mapistore_prop_remove(mbox, obj->rec.id, obj->del[i]);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < obj->set_count; i++)
		status = mapistore_prop_write(mbox, obj->rec.id, &obj->set[i]);
	if (status == MAPI_E_SUCCESS && obj->rec.kind == MAPISTORE_KIND_MESSAGE)
		status = mapistore_recipients_apply(obj);
	if (status != MAPI_E_SUCCESS)
		return status;
	if (obj->rec.kind == MAPISTORE_KIND_MESSAGE)
		return mapistore_change_stamp(mbox, &obj->rec, true);
	// An attachment change is a change of its message (MS-OXCMSG 3.2.5.14).
	struct mapistore_record mrec;
	status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &obj->rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_record(mbox, obj->rec.parent_id, &mrec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &mrec, true);
	return status;
}

uint32_t mapistore_object_save(struct mapistore_object *obj)
{
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(obj->mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(obj->mbox, object_save_txn(obj));
	} while (mapistore_txn_retry(status, &attempt));
	if (status != MAPI_E_SUCCESS)
		return status;
	obj->saved = true;
	talloc_free(obj->set);
	talloc_free(obj->del);
	talloc_free(obj->recips);
	obj->set = NULL;
	obj->del = NULL;
	obj->recips = NULL;
	obj->set_count = obj->del_count = obj->recip_count = 0;
	return MAPI_E_SUCCESS;
}
