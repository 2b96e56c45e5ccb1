/*
 * mapistore_private.h — the structures behind the handles of mapistore.h and the helpers the
 * mapistore_*.c files share. Not installed, not for backends.
 */
#ifndef SAMBEX_MAPISTORE_PRIVATE_H
#define SAMBEX_MAPISTORE_PRIVATE_H

#include "mapistore.h"
#include "mapistore_id.h"
#include "mapi_utf16.h"

/* Property IDs MS-OXPROPS defines that the generated table does not carry yet. */
#define MAPISTORE_TAG_ADDITIONAL_REN_ENTRY_IDS 0x36D81102U	/* MS-OXOSFLD 2.2.4 */
#define MAPISTORE_TAG_REMINDERS_ONLINE_ENTRY_ID 0x36D50102U	/* PidTagRemindersOnlineEntryId (MS-OXOSFLD 2.2) */
#define MAPISTORE_TAG_ROW_ID 0x30000003U			/* PidTagRowid (MS-OXPROPS) */
#define MAPISTORE_TAG_ATTACH_DATA_OBJECT 0x3701000DU		/* PidTagAttachDataObject */
/* PidTagMessageFlags bits (MS-OXCMSG 2.2.1.6). */
#define MAPISTORE_MSGFLAG_READ 0x00000001U
#define MAPISTORE_MSGFLAG_UNSENT 0x00000008U
#define MAPISTORE_MSGFLAG_FAI 0x00000040U
/* PidTagAttachMethod afEmbeddedMessage (MS-OXCMSG 2.2.2.9). */
#define MAPISTORE_ATTACH_EMBEDDED 5

struct mapistore {
	const struct mapistore_backend_vfuncs *vf;
	struct mapistore_backend *be;
};

struct mapistore_mailbox {
	struct mapistore *store;
	struct mapistore_mailbox_record rec;
	struct mapistore_id_repl_table *repl;
	struct mapi_utf16_conv *conv;
	uint64_t id_next;		/* a reserved range of GLOBCNTs for new MIDs: [id_next, id_end) */
	uint64_t id_end;
};

struct mapistore_object {
	struct mapistore_mailbox *mbox;
	struct mapistore_record rec;
	bool saved;			/* the record exists in the backend */
	struct mapi_propval *set;	/* pending values, one per property ID */
	uint32_t set_count;
	uint32_t *del;			/* pending deletions (tags) */
	uint32_t del_count;
	struct mapistore_recipient *recips;	/* pending recipient rows */
	uint32_t recip_count;
	struct mapistore_object *msg;	/* for an attachment: its message's handle */
};

/* The backend of a mailbox, shortened. */
#define MS_VF(mbox) ((mbox)->store->vf)
#define MS_BE(mbox) ((mbox)->store->be)

/* Transactions: begin, then end with the operation's status (commit on success or MAPI_W_ERRORS_RETURNED). */
uint32_t mapistore_txn_begin(struct mapistore_mailbox *mbox);
uint32_t mapistore_txn_end(struct mapistore_mailbox *mbox, uint32_t status);

/*
 * True (after a short back-off) when an operation whose transaction failed with ecServerBusy (the
 * backend's lock conflict: deadlock or lock timeout, the transaction is rolled back) should run
 * again; counts attempts in *attempt (start at 0). Operations re-read their state, so re-running
 * one is safe.
 */
bool mapistore_txn_retry(uint32_t status, unsigned *attempt);

/* count fresh IDs (REPLID 1, consecutive GLOBCNTs) of the mailbox; first in *first_r. In a transaction. */
uint32_t mapistore_alloc_ids(struct mapistore_mailbox *mbox, uint64_t count, uint64_t *ids_r);
/*
 * The record of a live object of the given kind: MAPI_E_NOT_FOUND when absent or soft-deleted,
 * MAPI_E_NO_SUPPORT when it is another kind (MS-OXCFOLD 3.2.5: "not a Folder object").
 */
uint32_t mapistore_live_record(struct mapistore_mailbox *mbox, uint64_t id, enum mapistore_kind kind,
			       struct mapistore_record *rec_r);
/*
 * One fresh ID (REPLID 1) for a new message, from a range this handle reserved in a transaction of
 * its own: reserved for good even if never used (a range left at close is simply skipped).
 */
uint32_t mapistore_reserve_id(struct mapistore_mailbox *mbox, uint64_t *id_r);
/* A store-internal record ID (attachments, recipients). In a transaction. */
uint32_t mapistore_alloc_object_id(struct mapistore_mailbox *mbox, uint64_t *id_r);

/* Value bytes as backends keep them (MS-OXCDATA 2.11.2.1 PropertyValue, 32-bit counts). */
uint32_t mapistore_prop_encode(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, const struct mapi_propval *val,
			       uint8_t **data_r, size_t *len_r);
uint32_t mapistore_prop_decode(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint32_t tag,
			       const uint8_t *data, size_t len, struct mapi_propval *val_r);
/* One property of a stored object; a PT_UNSPECIFIED tag matches any type. MAPI_E_NOT_FOUND. */
uint32_t mapistore_prop_read(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag,
			     struct mapi_propval *val_r);
/* The value of a property that is not set, as MS-OXCPRPT 2.2.2.2 returns it (PtypErrorCode NotFound). */
void mapistore_prop_not_found(struct mapi_propval *val, uint32_t tag);
/* Writes one value (in a transaction), replacing any value of the same property ID. */
uint32_t mapistore_prop_write(struct mapistore_mailbox *mbox, uint64_t id, const struct mapi_propval *val);
/* Removes every value of the property ID of tag (in a transaction). */
uint32_t mapistore_prop_remove(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag);
/* Shortcuts for the common value types. */
uint32_t mapistore_prop_write_i64(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, int64_t v);
uint32_t mapistore_prop_write_i32(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, int32_t v);
uint32_t mapistore_prop_write_str(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag, const char *s);
uint32_t mapistore_prop_write_bin(struct mapistore_mailbox *mbox, uint64_t id, uint32_t tag,
				  const uint8_t *p, uint32_t len);
/* Copies every property of src to dst (in a transaction). */
uint32_t mapistore_prop_copy_all(struct mapistore_mailbox *mbox, uint64_t src, uint64_t dst);

/*
 * Stamps a change on rec (MS-OXCFXICS 3.1.5.3): a new CN, PidTagChangeNumber, PidTagChangeKey,
 * the PCL merged with the new change key, PidTagLastModificationTime; writes rec. In a
 * transaction. keep_pcl false starts a fresh PCL (a copy is a new object).
 */
uint32_t mapistore_change_stamp(struct mapistore_mailbox *mbox, struct mapistore_record *rec, bool keep_pcl);

/* Soft delete (MS-OXCFOLD 3.2.5.3): flags the record deleted, stamps PidTagDeletedOn and a change. */
uint32_t mapistore_soft_delete(struct mapistore_mailbox *mbox, uint64_t id);
/* Deletes a record, its properties and every descendant record (in a transaction). */
uint32_t mapistore_hard_delete_tree(struct mapistore_mailbox *mbox, uint64_t id);
/*
 * Copies the message src (with attachments, recipients, embedded messages) under parent as
 * new_id, in a transaction.
 */
uint32_t mapistore_copy_message(struct mapistore_mailbox *mbox, uint64_t src, uint64_t parent, uint64_t new_id,
				bool keep_pcl);

/* Object handle plumbing (mapistore_message.c). */
struct mapistore_object *mapistore_object_new(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox,
					      const struct mapistore_record *rec, bool saved);

/*
 * Computed properties (mapistore_computed.c): folder counts (PidTagContentCount,
 * PidTagContentUnreadCount, PidTagAssociatedContentCount, PidTagFolderChildCount,
 * PidTagSubfolders) and PidTagHasAttachments. computed_tag says whether a tag is one (never
 * stored, never set); computed_read gives its value for rec, MAPI_E_NOT_FOUND when it does not
 * apply to that kind of object or the requested type differs.
 */
bool mapistore_computed_tag(uint32_t tag);
uint32_t mapistore_computed_read(struct mapistore_mailbox *mbox, const struct mapistore_record *rec, uint32_t tag,
				 struct mapi_propval *val_r);

/* Stores a message handle's pending recipient rows (mapistore_recipient.c). In a transaction. */
uint32_t mapistore_recipients_apply(struct mapistore_object *msg);

#endif
