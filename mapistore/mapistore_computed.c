/*
 * mapistore_computed.c — properties the store computes from its records instead of storing
 * them, so they can never disagree with the contents: the counts and flags of a folder that
 * hierarchy tables show (MS-OXCFOLD 3.2.5.13) and PidTagHasAttachments (MS-OXCMSG 2.2.1.2) of a message.
 */
#include "mapi_props.h"
#include "mapistore_private.h"

#define TAG_ASSOCIATED_CONTENT_COUNT 0x36170003U	/* PidTagAssociatedContentCount (MS-OXPROPS) */
#define TAG_FOLDER_CHILD_COUNT 0x66380003U		/* PidTagFolderChildCount (MS-OXPROPS) */

bool mapistore_computed_tag(uint32_t tag)
{
	switch (mapi_prop_id(tag)) {
	case 0x3602:	/* PidTagContentCount */
	case 0x3603:	/* PidTagContentUnreadCount */
	case 0x360A:	/* PidTagSubfolders */
	case 0x3617:	/* PidTagAssociatedContentCount */
	case 0x6638:	/* PidTagFolderChildCount */
	case 0x0E1B:	/* PidTagHasAttachments */
		return true;
	default:
		return false;
	}
}

struct child_counts {
	uint32_t messages, unread, fai, folders, attachments;
};

static uint32_t count_children(struct mapistore_mailbox *mbox, uint64_t id, enum mapistore_kind kind,
			       struct child_counts *c)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct mapistore_record *recs = NULL;
	struct mapistore_backend_value *vals = NULL;
	uint32_t n = 0;
	// The records only (no property): one query however many children there are.
	uint32_t status = MS_VF(mbox)->record_children_props(MS_BE(mbox), tmp, mbox->rec.mailbox_id, id, kind, NULL, 0,
							     &recs, &vals, &n);
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < n; i++) {
		const struct mapistore_record *rec = &recs[i];
		if ((rec->flags & MAPISTORE_RECORD_DELETED) != 0)
			continue;
		if (kind == MAPISTORE_KIND_FOLDER)
			c->folders++;
		else if (kind == MAPISTORE_KIND_ATTACHMENT)
			c->attachments++;
		else if ((rec->flags & MAPISTORE_RECORD_FAI) != 0)
			c->fai++;
		else {
			c->messages++;
			c->unread += (rec->flags & MAPISTORE_RECORD_READ) == 0;
		}
	}
	talloc_free(tmp);
	return status;
}

/* The one child kind a computed tag needs. */
static enum mapistore_kind needed_kind(uint32_t tag)
{
	switch (mapi_prop_id(tag)) {
	case 0x360A:
	case 0x6638: return MAPISTORE_KIND_FOLDER;
	case 0x0E1B: return MAPISTORE_KIND_ATTACHMENT;
	default: return MAPISTORE_KIND_MESSAGE;
	}
}

uint32_t mapistore_computed_read(struct mapistore_mailbox *mbox, const struct mapistore_record *rec, uint32_t tag,
				 struct mapi_propval *val_r)
{
	bool on_folder = rec->kind == MAPISTORE_KIND_FOLDER;
	if ((mapi_prop_id(tag) == 0x0E1B) == on_folder)
		return MAPI_E_NOT_FOUND;	/* a folder has no attachments, a message no contents */
	struct child_counts c = { 0 };
	uint32_t status = count_children(mbox, rec->id, needed_kind(tag), &c);
	if (status != MAPI_E_SUCCESS)
		return status;
	*val_r = (struct mapi_propval){ .flag = MAPI_PROPVAL_FLAG_VALUE };
	switch (mapi_prop_id(tag)) {
	case 0x3602: val_r->tag = PidTagContentCount; val_r->v.i32 = (int32_t)c.messages; break;
	case 0x3603: val_r->tag = PidTagContentUnreadCount; val_r->v.i32 = (int32_t)c.unread; break;
	case 0x3617: val_r->tag = TAG_ASSOCIATED_CONTENT_COUNT; val_r->v.i32 = (int32_t)c.fai; break;
	case 0x6638: val_r->tag = TAG_FOLDER_CHILD_COUNT; val_r->v.i32 = (int32_t)c.folders; break;
	case 0x360A: val_r->tag = PidTagSubfolders; val_r->v.b = c.folders > 0; break;
	default: val_r->tag = PidTagHasAttachments; val_r->v.b = c.attachments > 0; break;
	}
	// A request with another explicit type than the property's is not this property.
	if (mapi_prop_type(tag) != PT_UNSPECIFIED && tag != val_r->tag)
		return MAPI_E_NOT_FOUND;
	return MAPI_E_SUCCESS;
}
