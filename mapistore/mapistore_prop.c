/*
 * mapistore_prop.c — property values of stored objects: validation, the byte form backends keep,
 * reads (with PT_UNSPECIFIED matching), writes that keep one type per property ID, and the
 * immediate property changes of folders (MS-OXCPRPT 3.2.5.7: folder changes persist at once).
 */
#include <string.h>

#include "mapi_props.h"
#include "mapistore_private.h"

/* Properties the store owns (IDs, change numbers, counts): a client never sets them. */
static bool prop_is_computed(uint32_t tag)
{
	switch (mapi_prop_id(tag)) {
	case 0x67A4:	/* PidTagChangeNumber */
	case 0x6748:	/* PidTagFolderId */
	case 0x674A:	/* PidTagMid */
	case 0x6749:	/* PidTagParentFolderId */
		return true;
	default:
		return mapistore_computed_tag(tag);
	}
}

uint32_t mapistore_prop_encode(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, const struct mapi_propval *val,
			       uint8_t **data_r, size_t *len_r)
{
	struct mapi_propval_writer w;
	mapi_propval_writer_init(&w, mem_ctx, MAPI_PROPVAL_EXTENDED, mbox != NULL ? mbox->conv : NULL);
	// MS-OXCDATA 2.11.2.1 PropertyValue with the 32-bit counts of 2.11.1.1 (extended form).
	uint32_t status = mapi_propval_push_value(&w, mapi_prop_type(val->tag), val);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(w.data);
		return status;
	}
	if (w.data == NULL) {
		w.data = talloc_size(mem_ctx, 1);
		if (w.data == NULL)
			return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*data_r = w.data;
	*len_r = w.len;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_prop_decode(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint32_t tag,
			       const uint8_t *data, size_t len, struct mapi_propval *val_r)
{
	struct mapi_propval_reader r;
	mapi_propval_reader_init(&r, data, len, MAPI_PROPVAL_EXTENDED, mbox != NULL ? mbox->conv : NULL);
	uint32_t status = mapi_propval_pull_value(mem_ctx, &r, mapi_prop_type(tag), val_r);
	if (status != MAPI_E_SUCCESS)
		return status;
	// Stored bytes must be exactly one value: anything else is corruption, not a value.
	if (mapi_propval_reader_left(&r) != 0)
		return ecRpcFormat;
	val_r->tag = tag;
	val_r->flag = MAPI_PROPVAL_FLAG_VALUE;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_prop_validate(const struct mapi_propval *val)
{
	uint16_t type = mapi_prop_type(val->tag);
	if (val->flag != MAPI_PROPVAL_FLAG_VALUE || mapi_prop_id(val->tag) == 0)
		return MAPI_E_INVALID_PARAMETER;
	// MS-OXCDATA 2.11.1: these types never carry a storable value; instance columns are for tables.
	if (!mapi_proptype_is_valid(type) || type == PT_UNSPECIFIED || type == PT_NULL || type == PT_ERROR ||
	    (type & MAPI_PROPTYPE_MV_INSTANCE) != 0)
		return MAPI_E_INVALID_PARAMETER;
	// Objects are opened (attachments, embedded messages), not set (MS-OXCPRPT 3.2.5.3).
	if (type == PT_OBJECT)
		return MAPI_E_NO_SUPPORT;
	if (prop_is_computed(val->tag))
		return MAPI_E_NO_ACCESS;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint8_t *data;
	size_t len;
	uint32_t status = mapistore_prop_encode(tmp, NULL, val, &data, &len);
	// MS-OXCPRPT 3.2.5.13: TooBig when the value exceeds the maximum the store keeps.
	if (status == MAPI_E_SUCCESS && len > MAPISTORE_MAX_VALUE_SIZE)
		status = ecTooBig;
	talloc_free(tmp);
	return status;
}

/* The stored tag with the property ID of tag (any type when tag's type is PT_UNSPECIFIED). */
static uint32_t prop_find_tag(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, uint32_t *found_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t *tags = NULL, count = 0;
	uint32_t status = tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: MS_VF(mbox)->prop_list(MS_BE(mbox), tmp, mbox->rec.mailbox_id, id, &tags, &count);
	if (status == MAPI_E_SUCCESS) {
		status = MAPI_E_NOT_FOUND;
		for (uint32_t i = 0; i < count; i++) {
			if (mapi_prop_id(tags[i]) == mapi_prop_id(tag)) {
				*found_r = tags[i];
				status = MAPI_E_SUCCESS;
				break;
			}
		}
	}
	talloc_free(tmp);
	return status;
}

uint32_t mapistore_prop_read(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag,
			     struct mapi_propval *val_r)
{
	uint32_t status;
	if (mapi_prop_type(tag) == PT_UNSPECIFIED) {
		status = prop_find_tag(mbox, id, tag, &tag);
		if (status != MAPI_E_SUCCESS)
			return status;
	}
	uint8_t *data;
	size_t len;
	status = MS_VF(mbox)->prop_get(MS_BE(mbox), mem_ctx, mbox->rec.mailbox_id, id, tag, &data, &len);
	if (status != MAPI_E_SUCCESS)
		return status;
	status = mapistore_prop_decode(mem_ctx, mbox, tag, data, len, val_r);
	talloc_free(data);
	return status;
}

uint32_t mapistore_prop_remove(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag)
{
	uint32_t found;
	// One type per property ID: remove whatever type is stored under it.
	while (prop_find_tag(mbox, id, MAPI_PROP_TAG(mapi_prop_id(tag), PT_UNSPECIFIED), &found) == MAPI_E_SUCCESS) {
		uint32_t status = MS_VF(mbox)->prop_delete(MS_BE(mbox), mbox->rec.mailbox_id, id, found);
		if (status != MAPI_E_SUCCESS)
			return status;
	}
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_prop_write(struct mapistore_mailbox *mbox, uint64_t id, const struct mapi_propval *val)
{
	uint32_t found;
	uint32_t status = prop_find_tag(mbox, id, val->tag, &found);
	if (status == MAPI_E_SUCCESS && found != val->tag)
		status = MS_VF(mbox)->prop_delete(MS_BE(mbox), mbox->rec.mailbox_id, id, found);
	else if (status == MAPI_E_NOT_FOUND)
		status = MAPI_E_SUCCESS;
	if (status != MAPI_E_SUCCESS)
		return status;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint8_t *data;
	size_t len;
	status = mapistore_prop_encode(tmp, mbox, val, &data, &len);
	if (status == MAPI_E_SUCCESS && len > MAPISTORE_MAX_VALUE_SIZE)
		status = ecTooBig;
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->prop_put(MS_BE(mbox), mbox->rec.mailbox_id, id, val->tag, data, len);
	talloc_free(tmp);
	return status;
}

uint32_t mapistore_prop_write_i64(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, int64_t v)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	if (mapi_prop_type(tag) == PT_SYSTIME)
		pv.v.time = (uint64_t)v;
	else
		pv.v.i64 = v;
	return mapistore_prop_write(mbox, id, &pv);
}

uint32_t mapistore_prop_write_i32(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, int32_t v)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	if (mapi_prop_type(tag) == PT_BOOLEAN)
		pv.v.b = v != 0;
	else
		pv.v.i32 = v;
	return mapistore_prop_write(mbox, id, &pv);
}

uint32_t mapistore_prop_write_str(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, const char *s)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	pv.v.str = discard_const_p(char, s);
	return mapistore_prop_write(mbox, id, &pv);
}

uint32_t mapistore_prop_write_bin(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag,
				  const uint8_t *p, uint32_t len)
{
	struct mapi_propval pv = { .tag = tag, .flag = MAPI_PROPVAL_FLAG_VALUE };
	pv.v.bin.length = len;
	pv.v.bin.data = discard_const_p(uint8_t, p);
	return mapistore_prop_write(mbox, id, &pv);
}

uint32_t mapistore_prop_copy_all(struct mapistore_mailbox *mbox, uint64_t src, uint64_t dst)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t *tags = NULL, count = 0;
	uint32_t status = tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY
		: MS_VF(mbox)->prop_list(MS_BE(mbox), tmp, mbox->rec.mailbox_id, src, &tags, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		uint8_t *data;
		size_t len;
		status = MS_VF(mbox)->prop_get(MS_BE(mbox), tmp, mbox->rec.mailbox_id, src, tags[i], &data, &len);
		if (status == MAPI_E_SUCCESS)
			status = MS_VF(mbox)->prop_put(MS_BE(mbox), mbox->rec.mailbox_id, dst, tags[i], data, len);
	}
	talloc_free(tmp);
	return status;
}

void mapistore_prop_not_found(struct mapi_propval *val, uint32_t tag)
{
	memset(val, 0, sizeof(*val));
	val->tag = MAPI_PROP_TAG(mapi_prop_id(tag), PT_ERROR);
	val->flag = MAPI_PROPVAL_FLAG_ERROR;
	val->v.err = MAPI_E_NOT_FOUND;
}

uint32_t mapistore_props_get(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id,
			     const uint32_t *tags, uint32_t n, struct mapi_propval **vals_r)
{
	struct mapistore_record rec;
	uint32_t status = mapistore_record(mbox, id, &rec);
	if (status != MAPI_E_SUCCESS)
		return status;
	struct mapi_propval *vals = talloc_zero_array(mem_ctx, struct mapi_propval, n > 0 ? n : 1);
	if (vals == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; i < n; i++) {
		if (mapistore_computed_tag(tags[i]))
			status = mapistore_computed_read(mbox, &rec, tags[i], &vals[i]);
		else
			status = mapistore_prop_read(vals, mbox, id, tags[i], &vals[i]);
		if (status == MAPI_E_NOT_FOUND) {
			mapistore_prop_not_found(&vals[i], tags[i]);
			status = MAPI_E_SUCCESS;
		}
		if (status != MAPI_E_SUCCESS) {
			talloc_free(vals);
			return status;
		}
	}
	*vals_r = vals;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_props_list(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id,
			      uint32_t **tags_r, uint32_t *count_r)
{
	struct mapistore_record rec;
	uint32_t status = mapistore_record(mbox, id, &rec);
	if (status != MAPI_E_SUCCESS)
		return status;
	return MS_VF(mbox)->prop_list(MS_BE(mbox), mem_ctx, mbox->rec.mailbox_id, id, tags_r, count_r);
}

/* The folder record of id for a change, or the errors MS-OXCPRPT names. In a transaction. */
static uint32_t folder_for_change(struct mapistore_mailbox *mbox, uint64_t id, struct mapistore_record *rec)
{
	return mapistore_live_record(mbox, id, MAPISTORE_KIND_FOLDER, rec);
}

static uint32_t props_set_txn(struct mapistore_mailbox *mbox, uint64_t id, const struct mapi_propval *vals,
			     uint32_t n)
{
	struct mapistore_record rec;
	uint32_t status = folder_for_change(mbox, id, &rec);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < n; i++)
		status = mapistore_prop_write(mbox, id, &vals[i]);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, true);
	return status;
}

uint32_t mapistore_props_set(struct mapistore_mailbox *mbox, uint64_t id, const struct mapi_propval *vals,
			     uint32_t n)
{
	for (uint32_t i = 0; i < n; i++) {
		uint32_t status = mapistore_prop_validate(&vals[i]);
		if (status != MAPI_E_SUCCESS)
			return status;
	}
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, props_set_txn(mbox, id, vals, n));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

static uint32_t props_delete_txn(struct mapistore_mailbox *mbox, uint64_t id, const uint32_t *tags, uint32_t n)
{
	struct mapistore_record rec;
	uint32_t status = folder_for_change(mbox, id, &rec);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < n; i++)
		status = prop_is_computed(tags[i]) ? MAPI_E_NO_ACCESS : mapistore_prop_remove(mbox, id, tags[i]);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, true);
	return status;
}

uint32_t mapistore_props_delete(struct mapistore_mailbox *mbox, uint64_t id, const uint32_t *tags, uint32_t n)
{
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, props_delete_txn(mbox, id, tags, n));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}
