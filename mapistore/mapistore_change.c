/*
 * mapistore_change.c — change tracking kept on every change from day one: change numbers,
 * change keys and predecessor change lists (MS-OXCFXICS 3.1.5.3), so cached mode can
 * synchronise whatever was written before ICS existed.
 */
#include "mapi_filetime.h"
#include "mapi_props.h"
#include "mapistore_pcl.h"
#include "mapistore_private.h"

/* The PCL stored on id, or an empty one. */
static uint32_t change_read_pcl(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id,
				struct mapistore_pcl **pcl_r)
{
	struct mapi_propval pv;
	uint32_t status = mapistore_prop_read(mem_ctx, mbox, id, PidTagPredecessorChangeList, &pv);
	if (status == MAPI_E_NOT_FOUND) {
		*pcl_r = mapistore_pcl_new(mem_ctx);
		return *pcl_r == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	}
	if (status != MAPI_E_SUCCESS)
		return status;
	status = mapistore_pcl_parse(mem_ctx, pv.v.bin.data, pv.v.bin.length, pcl_r);
	// A PCL a client wrote that we cannot read restarts from empty rather than blocking saves.
	if (status == ecRpcFormat || status == MAPI_E_INVALID_PARAMETER) {
		*pcl_r = mapistore_pcl_new(mem_ctx);
		return *pcl_r == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	}
	return status;
}

static uint32_t change_write(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp, struct mapistore_record *rec,
			     uint64_t cn, bool keep_pcl)
{
	struct mapistore_id_xid xid;
	// MS-OXCFXICS 2.2.1.2.7: the change key is the XID of the CN in its replica's namespace.
	uint32_t status = mapistore_id_change_key(mbox->repl, cn, &xid);
	if (status != MAPI_E_SUCCESS)
		return status;
	uint8_t key[MAPISTORE_ID_XID_MAX_SIZE];
	size_t key_len = mapistore_id_xid_to_wire(&xid, key);
	struct mapistore_pcl *pcl;
	if (keep_pcl)
		status = change_read_pcl(tmp, mbox, rec->id, &pcl);
	else
		status = (pcl = mapistore_pcl_new(tmp)) == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
	// MS-OXCFXICS 3.1.5.3: the PCL is merged with the XID of the new change number.
	if (status == MAPI_E_SUCCESS)
		status = mapistore_pcl_add(pcl, &xid);
	uint8_t *pcl_buf = NULL;
	size_t pcl_len = 0;
	if (status == MAPI_E_SUCCESS)
		status = mapistore_pcl_serialize(tmp, pcl, &pcl_buf, &pcl_len);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, rec->id, PidTagChangeNumber, (int64_t)cn);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_bin(mbox, rec->id, PidTagChangeKey, key, (uint32_t)key_len);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_bin(mbox, rec->id, PidTagPredecessorChangeList, pcl_buf,
						  (uint32_t)pcl_len);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, rec->id, PidTagLastModificationTime,
						  (int64_t)mapi_filetime_now());
	return status;
}

uint32_t mapistore_change_stamp(struct mapistore_mailbox *mbox, struct mapistore_record *rec, bool keep_pcl)
{
	uint64_t cn;
	uint32_t status = mapistore_alloc_ids(mbox, 1, &cn);
	if (status != MAPI_E_SUCCESS)
		return status;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	status = change_write(mbox, tmp, rec, cn, keep_pcl);
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS)
		return status;
	rec->change_num = cn;
	return MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, rec);
}
