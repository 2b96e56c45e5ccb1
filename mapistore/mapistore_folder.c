/*
 * mapistore_folder.c — folders (MS-OXCFOLD 3.2.5): create, find by name, delete (soft/hard),
 * move with the cycle check, copy, empty. Every operation is one transaction.
 */
#include <strings.h>

#include "mapi_filetime.h"
#include "mapi_props.h"
#include "mapistore_private.h"

static bool is_special(const struct mapistore_mailbox *mbox, uint64_t fid)
{
	for (unsigned i = 0; i < MAPISTORE_SPECIAL_COUNT; i++) {
		if (mapistore_mailbox_special(mbox, (enum mapistore_special)i) == fid)
			return true;
	}
	return false;
}

/* A live folder (see mapistore_live_record). */
static uint32_t live_folder(struct mapistore_mailbox *mbox, uint64_t fid, struct mapistore_record *rec)
{
	return mapistore_live_record(mbox, fid, MAPISTORE_KIND_FOLDER, rec);
}

/* The live children of parent of a kind, FAI or not (messages), or all (fai < 0). */
static uint32_t live_children(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t parent,
			      enum mapistore_kind kind, int fai, uint64_t **ids_r, uint32_t *count_r)
{
	uint64_t *ids = NULL;
	uint32_t count = 0, kept = 0;
	uint32_t status = MS_VF(mbox)->record_children(MS_BE(mbox), mem_ctx, mbox->rec.mailbox_id, parent, kind,
						       &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		struct mapistore_record rec;
		status = mapistore_record(mbox, ids[i], &rec);
		if (status != MAPI_E_SUCCESS || (rec.flags & MAPISTORE_RECORD_DELETED) != 0)
			continue;
		if (fai >= 0 && ((rec.flags & MAPISTORE_RECORD_FAI) != 0) != (fai != 0))
			continue;
		ids[kept++] = ids[i];
	}
	*ids_r = ids;
	*count_r = kept;
	return status;
}

uint32_t mapistore_folder_find(struct mapistore_mailbox *mbox, uint64_t parent, const char *name, uint64_t *fid_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint64_t *ids;
	uint32_t count;
	uint32_t status = live_children(tmp, mbox, parent, MAPISTORE_KIND_FOLDER, -1, &ids, &count);
	uint32_t result = status != MAPI_E_SUCCESS ? status : MAPI_E_NOT_FOUND;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		struct mapi_propval pv;
		if (mapistore_prop_read(tmp, mbox, ids[i], PidTagDisplayName, &pv) != MAPI_E_SUCCESS)
			continue;
		// Display names compare without case, as Outlook shows them (MS-OXCFOLD 3.2.5.2).
		if (strcasecmp(pv.v.str, name) == 0) {
			*fid_r = ids[i];
			result = MAPI_E_SUCCESS;
			break;
		}
	}
	talloc_free(tmp);
	return result;
}

/* MS-OXCFOLD 3.2.5.2: a sibling with the same name is ecDuplicateName. */
static uint32_t name_free(struct mapistore_mailbox *mbox, uint64_t parent, const char *name, uint64_t self)
{
	uint64_t other;
	uint32_t status = mapistore_folder_find(mbox, parent, name, &other);
	if (status == MAPI_E_NOT_FOUND)
		return MAPI_E_SUCCESS;
	if (status != MAPI_E_SUCCESS)
		return status;
	return other == self ? MAPI_E_SUCCESS : ecDuplicateName;
}

static uint32_t folder_insert(struct mapistore_mailbox *mbox, uint64_t parent, const char *name,
			      uint32_t folder_type, uint64_t *fid_r)
{
	struct mapistore_record prec;
	uint32_t status = live_folder(mbox, parent, &prec);
	if (status == MAPI_E_SUCCESS)
		status = name_free(mbox, parent, name, 0);
	struct mapistore_record rec = {
		.parent_id = parent, .kind = MAPISTORE_KIND_FOLDER,
		.flags = folder_type == MAPISTORE_FOLDER_SEARCH ? MAPISTORE_RECORD_SEARCH : 0,
	};
	if (status == MAPI_E_SUCCESS)
		status = mapistore_alloc_ids(mbox, 1, &rec.id);
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_str(mbox, rec.id, PidTagDisplayName, name);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i32(mbox, rec.id, PidTagFolderType, (int32_t)folder_type);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, rec.id, PidTagFolderId, (int64_t)rec.id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, rec.id, PidTagParentFolderId, (int64_t)parent);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, false);
	if (status == MAPI_E_SUCCESS)
		*fid_r = rec.id;
	return status;
}

uint32_t mapistore_folder_create(struct mapistore_mailbox *mbox, uint64_t parent, const char *name,
				 uint32_t folder_type, uint64_t *fid_r)
{
	// MS-OXCFOLD 2.2.1.2: FolderType 1 (generic) or 2 (search); anything else is ecInvalidParam.
	if (name == NULL || name[0] == '\0' || fid_r == NULL ||
	    (folder_type != MAPISTORE_FOLDER_GENERIC && folder_type != MAPISTORE_FOLDER_SEARCH))
		return MAPI_E_INVALID_PARAMETER;
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, folder_insert(mbox, parent, name, folder_type, fid_r));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

/* Soft delete: the flag hides the object; its subtree becomes unreachable with it. */
uint32_t mapistore_soft_delete(struct mapistore_mailbox *mbox, uint64_t id)
{
	struct mapistore_record rec;
	uint32_t status = mapistore_record(mbox, id, &rec);
	if (status != MAPI_E_SUCCESS)
		return status;
	rec.flags |= MAPISTORE_RECORD_DELETED;
	status = mapistore_prop_write_i64(mbox, id, PidTagDeletedOn, (int64_t)mapi_filetime_now());
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, true);
	return status;
}

static uint32_t delete_one(struct mapistore_mailbox *mbox, uint64_t id, bool hard)
{
	return hard ? mapistore_hard_delete_tree(mbox, id) : mapistore_soft_delete(mbox, id);
}

static uint32_t folder_delete_txn(struct mapistore_mailbox *mbox, uint64_t fid, uint32_t flags)
{
	struct mapistore_record rec;
	uint32_t status = live_folder(mbox, fid, &rec);
	if (status != MAPI_E_SUCCESS)
		return status;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint64_t *ids;
	uint32_t nmsg = 0, nsub = 0;
	status = live_children(tmp, mbox, fid, MAPISTORE_KIND_MESSAGE, -1, &ids, &nmsg);
	if (status == MAPI_E_SUCCESS)
		status = live_children(tmp, mbox, fid, MAPISTORE_KIND_FOLDER, -1, &ids, &nsub);
	talloc_free(tmp);
	if (status != MAPI_E_SUCCESS)
		return status;
	// MS-OXCFOLD 2.2.1.3.1: without DEL_MESSAGES / DEL_FOLDERS a non-empty folder stays.
	if ((nmsg > 0 && (flags & MAPISTORE_DEL_MESSAGES) == 0) || (nsub > 0 && (flags & MAPISTORE_DEL_FOLDERS) == 0))
		return MAPI_W_ERRORS_RETURNED;
	return delete_one(mbox, fid, (flags & MAPISTORE_DEL_HARD) != 0);
}

uint32_t mapistore_folder_delete(struct mapistore_mailbox *mbox, uint64_t fid, uint32_t flags)
{
	if ((flags & ~(MAPISTORE_DEL_MESSAGES | MAPISTORE_DEL_FOLDERS | MAPISTORE_DEL_HARD)) != 0)
		return MAPI_E_INVALID_PARAMETER;
	if (is_special(mbox, fid))
		return MAPI_E_NO_ACCESS;
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, folder_delete_txn(mbox, fid, flags));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

/* MS-OXCPRPT 3.2.5.8 FolderCycle: the destination is the folder itself or lies below it. */
static uint32_t check_cycle(struct mapistore_mailbox *mbox, uint64_t fid, uint64_t dest)
{
	uint64_t cur = dest;
	// A well-formed tree is shallower than its record count; the cap stops a corrupt loop.
	for (unsigned depth = 0; cur != 0 && depth < 100000; depth++) {
		if (cur == fid)
			return ecFolderCycle;
		struct mapistore_record rec;
		uint32_t status = mapistore_record(mbox, cur, &rec);
		if (status != MAPI_E_SUCCESS)
			return status;
		cur = rec.parent_id;
	}
	return cur == 0 ? MAPI_E_SUCCESS : ecFolderCycle;
}

/* The name a folder keeps or takes, checked free in dest. */
static uint32_t target_name(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t fid, uint64_t dest,
			    const char *new_name, uint64_t self, const char **name_r)
{
	if (new_name == NULL) {
		struct mapi_propval pv;
		uint32_t status = mapistore_prop_read(mem_ctx, mbox, fid, PidTagDisplayName, &pv);
		if (status != MAPI_E_SUCCESS)
			return status;
		new_name = pv.v.str;
	} else if (new_name[0] == '\0') {
		return MAPI_E_INVALID_PARAMETER;
	}
	*name_r = new_name;
	return name_free(mbox, dest, new_name, self);
}

static uint32_t folder_move_txn(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp, uint64_t fid, uint64_t dest,
				const char *new_name)
{
	struct mapistore_record rec, drec;
	uint32_t status = live_folder(mbox, fid, &rec);
	if (status == MAPI_E_SUCCESS)
		status = live_folder(mbox, dest, &drec);
	if (status == MAPI_E_SUCCESS)
		status = check_cycle(mbox, fid, dest);
	const char *name = NULL;
	if (status == MAPI_E_SUCCESS)
		status = target_name(tmp, mbox, fid, dest, new_name, fid, &name);
	if (status != MAPI_E_SUCCESS)
		return status;
	rec.parent_id = dest;
	status = mapistore_prop_write_str(mbox, fid, PidTagDisplayName, name);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, fid, PidTagParentFolderId, (int64_t)dest);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, true);
	return status;
}

uint32_t mapistore_folder_move(struct mapistore_mailbox *mbox, uint64_t fid, uint64_t new_parent,
			       const char *new_name)
{
	if (is_special(mbox, fid))
		return MAPI_E_NO_ACCESS;
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, folder_move_txn(mbox, tmp, fid, new_parent, new_name));
	} while (mapistore_txn_retry(status, &attempt));
	talloc_free(tmp);
	return status;
}

static uint32_t copy_tree(struct mapistore_mailbox *mbox, uint64_t src, uint64_t dest, const char *name,
			  bool recursive, uint64_t *new_fid_r);

static uint32_t copy_contents(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp, uint64_t src, uint64_t dst,
			      bool recursive)
{
	uint64_t *ids;
	uint32_t count;
	uint32_t status = live_children(tmp, mbox, src, MAPISTORE_KIND_MESSAGE, -1, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		uint64_t mid;
		status = mapistore_alloc_ids(mbox, 1, &mid);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_copy_message(mbox, ids[i], dst, mid, false);
	}
	if (status != MAPI_E_SUCCESS || !recursive)
		return status;
	status = live_children(tmp, mbox, src, MAPISTORE_KIND_FOLDER, -1, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++) {
		uint64_t sub;
		status = copy_tree(mbox, ids[i], dst, NULL, true, &sub);
	}
	return status;
}

static uint32_t copy_tree(struct mapistore_mailbox *mbox, uint64_t src, uint64_t dest, const char *name,
			  bool recursive, uint64_t *new_fid_r)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct mapistore_record rec;
	uint32_t status = live_folder(mbox, src, &rec);
	const char *use_name = NULL;
	if (status == MAPI_E_SUCCESS)
		status = target_name(tmp, mbox, src, dest, name, 0, &use_name);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_alloc_ids(mbox, 1, &rec.id);
	uint64_t new_fid = rec.id;
	rec.parent_id = dest;
	if (status == MAPI_E_SUCCESS)
		status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_copy_all(mbox, src, new_fid);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_str(mbox, new_fid, PidTagDisplayName, use_name);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, new_fid, PidTagFolderId, (int64_t)new_fid);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, new_fid, PidTagParentFolderId, (int64_t)dest);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, false);
	if (status == MAPI_E_SUCCESS)
		status = copy_contents(mbox, tmp, src, new_fid, recursive);
	talloc_free(tmp);
	if (status == MAPI_E_SUCCESS)
		*new_fid_r = new_fid;
	return status;
}

static uint32_t folder_copy_txn(struct mapistore_mailbox *mbox, uint64_t fid, uint64_t new_parent,
				const char *new_name, bool recursive, uint64_t *new_fid_r)
{
	struct mapistore_record drec;
	uint32_t status = live_folder(mbox, new_parent, &drec);
	// Copying a folder into its own subtree would copy the copy again (MS-OXCPRPT 3.2.5.8).
	if (status == MAPI_E_SUCCESS)
		status = check_cycle(mbox, fid, new_parent);
	if (status == MAPI_E_SUCCESS)
		status = copy_tree(mbox, fid, new_parent, new_name, recursive, new_fid_r);
	return status;
}

uint32_t mapistore_folder_copy(struct mapistore_mailbox *mbox, uint64_t fid, uint64_t new_parent,
			       const char *new_name, bool recursive, uint64_t *new_fid_r)
{
	uint64_t dummy;
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, folder_copy_txn(mbox, fid, new_parent, new_name, recursive,
									 new_fid_r != NULL ? new_fid_r : &dummy));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}

static uint32_t folder_empty_txn(struct mapistore_mailbox *mbox, uint64_t fid, bool with_fai, bool hard)
{
	struct mapistore_record rec;
	uint32_t status = live_folder(mbox, fid, &rec);
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	uint64_t *ids;
	uint32_t count = 0;
	if (status == MAPI_E_SUCCESS)
		status = live_children(tmp, mbox, fid, MAPISTORE_KIND_MESSAGE, with_fai ? -1 : 0, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		status = delete_one(mbox, ids[i], hard);
	if (status == MAPI_E_SUCCESS)
		status = live_children(tmp, mbox, fid, MAPISTORE_KIND_FOLDER, -1, &ids, &count);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		status = is_special(mbox, ids[i]) ? MAPI_E_SUCCESS : delete_one(mbox, ids[i], hard);
	talloc_free(tmp);
	return status;
}

uint32_t mapistore_folder_empty(struct mapistore_mailbox *mbox, uint64_t fid, bool with_fai, bool hard)
{
	// MS-OXCFOLD 3.2.5.9: emptying the root folder is not supported.
	if (fid == mapistore_mailbox_special(mbox, MAPISTORE_ROOT))
		return MAPI_E_NO_SUPPORT;
	uint32_t status;
	unsigned attempt = 0;
	do {
		status = mapistore_txn_begin(mbox);
		if (status == MAPI_E_SUCCESS)
			status = mapistore_txn_end(mbox, folder_empty_txn(mbox, fid, with_fai, hard));
	} while (mapistore_txn_retry(status, &attempt));
	return status;
}
