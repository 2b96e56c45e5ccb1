/*
 * mapistore.h — the store model Outlook sees: mailboxes, folders, messages, attachments,
 * recipients and their properties, over a backend that only stores and retrieves
 * (mapistore_backend.h). docs/mapistore.md describes the model.
 *
 * Every function returns a MAPI status (enum mapi_status, MS-OXCDATA 2.4). Common ones:
 *   MAPI_E_NOT_FOUND        unknown ID, missing property (ecNotFound)
 *   MAPI_E_NO_SUPPORT       the operation does not apply to that kind of object (ecNotSupported)
 *   MAPI_E_INVALID_PARAMETER bad flags, bad names, invalid property type (ecInvalidParam)
 *   ecDuplicateName         a sibling folder already has that name (MS-OXCFOLD 3.2.5.2)
 *   ecFolderCycle           a folder moved or copied into itself (MS-OXCPRPT 3.2.5.8 FolderCycle)
 *   ecTooBig                a value larger than MAPISTORE_MAX_VALUE_SIZE (MS-OXCPRPT 3.2.5.13)
 *   ecJetError, ecServerBusy, ecDatabaseRolledBack  from the backend
 * Every write is one backend transaction: it is durable when the call returns success and
 * absent when it fails.
 *
 * Memory: handles are talloc objects on the mem_ctx given; freeing a store frees nothing else,
 * but mailboxes and objects must not outlive the store they were opened from.
 */
#ifndef SAMBEX_MAPISTORE_H
#define SAMBEX_MAPISTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_guid.h"
#include "mapi_propval.h"
#include "mapi_status.h"
#include "mapistore_backend.h"

/* The largest property value the store accepts (bytes once serialized): 64 MiB. */
#define MAPISTORE_MAX_VALUE_SIZE (64U * 1024U * 1024U)

struct mapistore;		/* an open store (one backend connection) */
struct mapistore_mailbox;	/* one mailbox of a store */
struct mapistore_object;	/* a message, attachment or folder opened for changes */
struct mapistore_stream;	/* a property opened as a stream */

/* ---- stores (mapistore_store.c) ---- */

/*
 * Makes a backend available to mapistore_open. Returns MAPI_E_INVALID_PARAMETER when the table's
 * abi_version is not MAPISTORE_BACKEND_ABI_VERSION, its size is too small or a function is
 * missing; MAPI_E_NOT_ENOUGH_RESOURCES when the registry (16 entries) is full. Registering the same
 * table twice is a no-op.
 */
uint32_t mapistore_backend_register(const struct mapistore_backend_vfuncs *vfuncs);

/*
 * Opens the store at url ("sqlite:///path/dir", "mariadb://user:pw@host/db?socket=/path") with the
 * backend registered for its scheme. Returns ecBadConfig for an unknown scheme, else what the
 * backend's open returns. *store_r is a talloc child of mem_ctx.
 */
uint32_t mapistore_open(TALLOC_CTX *mem_ctx, const char *url, struct mapistore **store_r);

/* The backend behind a store, for tools and tests. */
const struct mapistore_backend_vfuncs *mapistore_vfuncs(const struct mapistore *store);
struct mapistore_backend *mapistore_backend(const struct mapistore *store);

/* ---- mailboxes (mapistore_mailbox.c) ---- */

/* The special folders MS-OXOSFLD 2.2.2 lists and MS-OXCSTOR 2.2.1.1.3 returns at logon. */
enum mapistore_special {
	MAPISTORE_ROOT = 0,		/* the mailbox root */
	MAPISTORE_DEFERRED_ACTION,
	MAPISTORE_SPOOLER_QUEUE,
	MAPISTORE_IPM_SUBTREE,		/* "Top of Information Store" */
	MAPISTORE_INBOX,
	MAPISTORE_OUTBOX,
	MAPISTORE_SENT_ITEMS,
	MAPISTORE_DELETED_ITEMS,
	MAPISTORE_COMMON_VIEWS,
	MAPISTORE_SCHEDULE,
	MAPISTORE_SEARCH_ROOT,		/* "Finder" */
	MAPISTORE_VIEWS,
	MAPISTORE_SHORTCUTS,
	MAPISTORE_DRAFTS,
	MAPISTORE_CALENDAR,
	MAPISTORE_CONTACTS,
	MAPISTORE_JOURNAL,
	MAPISTORE_NOTES,
	MAPISTORE_TASKS,
	MAPISTORE_SYNC_ISSUES,
	MAPISTORE_CONFLICTS,
	MAPISTORE_LOCAL_FAILURES,
	MAPISTORE_SERVER_FAILURES,
	MAPISTORE_JUNK_EMAIL,
	MAPISTORE_REMINDERS,
	MAPISTORE_SPECIAL_COUNT
};

/*
 * Creates the mailbox of owner (1..255 bytes) with the standard folder set, display names in
 * locale ("en", "fr" or "de"; NULL means "en"), and the entry-ID properties MS-OXOSFLD 2.2 names
 * on the root and the Inbox. Returns ecDuplicateName if owner has a mailbox,
 * MAPI_E_INVALID_PARAMETER for a bad owner, MAPI_E_UNKNOWN_LCID for another locale.
 * *mbox_r is opened on mem_ctx.
 */
uint32_t mapistore_mailbox_create(TALLOC_CTX *mem_ctx, struct mapistore *store, const char *owner,
				  const char *locale, struct mapistore_mailbox **mbox_r);

/* Opens owner's mailbox. Returns ecUnknownUser when owner has none. */
uint32_t mapistore_mailbox_open(TALLOC_CTX *mem_ctx, struct mapistore *store, const char *owner,
				struct mapistore_mailbox **mbox_r);

/* The FID of a special folder (0 for an out-of-range which). */
uint64_t mapistore_mailbox_special(const struct mapistore_mailbox *mbox, enum mapistore_special which);

/* The mailbox's REPLGUID and its backend key. */
const struct GUID *mapistore_mailbox_guid(const struct mapistore_mailbox *mbox);
uint64_t mapistore_mailbox_key(const struct mapistore_mailbox *mbox);
struct mapistore *mapistore_mailbox_store(const struct mapistore_mailbox *mbox);

/*
 * A Folder EntryID (MS-OXCDATA 2.2.4.1, 46 bytes) or Message EntryID (2.2.4.2, 70 bytes) for fid
 * (and mid when not 0), on mem_ctx. Returns MAPI_E_NOT_FOUND for an ID outside the REPLID table.
 */
uint32_t mapistore_mailbox_entry_id(TALLOC_CTX *mem_ctx, const struct mapistore_mailbox *mbox, uint64_t fid,
				    uint64_t mid, struct mapi_binary *entry_id_r);

/* ---- properties on stored objects (mapistore_prop.c) ---- */

/*
 * Reads the given tags of object id into a new array of n values on mem_ctx. A property that is
 * not set comes back with flag MAPI_PROPVAL_FLAG_ERROR and v.err MAPI_E_NOT_FOUND; a tag whose
 * type is PT_UNSPECIFIED matches the stored type. Returns MAPI_E_NOT_FOUND for an unknown id.
 */
uint32_t mapistore_props_get(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id,
			     const uint32_t *tags, uint32_t n, struct mapi_propval **vals_r);

/* Every tag set on id, ascending. */
uint32_t mapistore_props_list(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t id,
			      uint32_t **tags_r, uint32_t *count_r);

/*
 * Sets (or, for props_delete, removes) properties of a FOLDER immediately (MS-OXCPRPT 3.2.5.7:
 * folder changes persist at once) and stamps a new change number. Messages and attachments
 * change through mapistore_object_*. Returns MAPI_E_NO_SUPPORT on another kind, the validation
 * errors of mapistore_prop_validate.
 */
uint32_t mapistore_props_set(struct mapistore_mailbox *mbox, uint64_t id, const struct mapi_propval *vals,
			     uint32_t n);
uint32_t mapistore_props_delete(struct mapistore_mailbox *mbox, uint64_t id, const uint32_t *tags, uint32_t n);

/*
 * Checks a value before it is stored: a valid, storable type (not PtypUnspecified, PtypNull,
 * PtypErrorCode: MAPI_E_INVALID_PARAMETER; PtypObject: MAPI_E_NO_SUPPORT, objects live in
 * attachments), an ID that is not 0, a value whose serialization fits MAPISTORE_MAX_VALUE_SIZE
 * (ecTooBig), and a computed property the client may not write (MAPI_E_NO_ACCESS).
 */
uint32_t mapistore_prop_validate(const struct mapi_propval *val);

/* ---- folders (mapistore_folder.c) ---- */

/* FolderType values (MS-OXCFOLD 2.2.1.2). */
#define MAPISTORE_FOLDER_GENERIC 1
#define MAPISTORE_FOLDER_SEARCH 2
/* DeleteFolderFlags (MS-OXCFOLD 2.2.1.3.1). */
#define MAPISTORE_DEL_MESSAGES 0x01U
#define MAPISTORE_DEL_FOLDERS 0x04U
#define MAPISTORE_DEL_HARD 0x10U

/*
 * Creates folder name under parent. Returns ecDuplicateName if a sibling has that display name
 * (MS-OXCFOLD 3.2.5.2), MAPI_E_INVALID_PARAMETER for an empty name or a FolderType that is not 1
 * or 2, MAPI_E_NOT_FOUND for an unknown or deleted parent, MAPI_E_NO_SUPPORT when parent is not
 * a folder.
 */
uint32_t mapistore_folder_create(struct mapistore_mailbox *mbox, uint64_t parent, const char *name,
				 uint32_t folder_type, uint64_t *fid_r);

/* The FID of the non-deleted child of parent named name, MAPI_E_NOT_FOUND if none. */
uint32_t mapistore_folder_find(struct mapistore_mailbox *mbox, uint64_t parent, const char *name, uint64_t *fid_r);

/*
 * Deletes fid (MS-OXCFOLD 3.2.5.3): soft unless flags has MAPISTORE_DEL_HARD. A folder with
 * messages needs MAPISTORE_DEL_MESSAGES, with subfolders MAPISTORE_DEL_FOLDERS, else nothing is
 * deleted and the warning MAPI_W_ERRORS_RETURNED says so (the ROP layer sets PartialCompletion,
 * MS-OXCFOLD 2.2.1.3.2). Special folders give MAPI_E_NO_ACCESS.
 */
uint32_t mapistore_folder_delete(struct mapistore_mailbox *mbox, uint64_t fid, uint32_t flags);

/*
 * Moves fid under new_parent, renaming it when new_name is not NULL (MS-OXCFOLD 3.2.5.7).
 * Returns ecFolderCycle when new_parent is fid or lies below it, ecDuplicateName, MAPI_E_NO_ACCESS
 * for a special folder.
 */
uint32_t mapistore_folder_move(struct mapistore_mailbox *mbox, uint64_t fid, uint64_t new_parent,
			       const char *new_name);

/*
 * Copies fid under new_parent (MS-OXCFOLD 3.2.5.8) with its messages, and its subfolders when
 * recursive. New FIDs, MIDs and change numbers; PCLs start fresh. Same errors as move.
 */
uint32_t mapistore_folder_copy(struct mapistore_mailbox *mbox, uint64_t fid, uint64_t new_parent,
			       const char *new_name, bool recursive, uint64_t *new_fid_r);

/*
 * Empties fid (MS-OXCFOLD 3.2.5.9 RopEmptyFolder, 3.2.5.10 RopHardDeleteMessagesAndSubfolders):
 * every message and subfolder (special folders stay), FAI messages too when with_fai (the ROPs'
 * WantDeleteAssociated field), soft or hard. Returns MAPI_E_NO_SUPPORT on the root folder.
 */
uint32_t mapistore_folder_empty(struct mapistore_mailbox *mbox, uint64_t fid, bool with_fai, bool hard);

/* The record of any object, MAPI_E_NOT_FOUND if absent. */
uint32_t mapistore_record(struct mapistore_mailbox *mbox, uint64_t id, struct mapistore_record *rec_r);

/* ---- children, for the table engine (mapistore_children.c) ---- */

#define MAPISTORE_CHILDREN_FAI 0x01U		/* FAI messages instead of normal ones */
#define MAPISTORE_CHILDREN_DELETED 0x02U	/* soft-deleted objects instead of live ones */

struct mapistore_child {
	uint64_t id;			/* FID, MID, or store ID of an attachment/recipient */
	uint32_t num;			/* AttachNumber / RowId, else 0 */
	struct mapi_propval *vals;	/* one per requested tag, missing ones flagged as in props_get */
};

/*
 * The children of parent of the given kind (subfolders, messages, attachments, recipients) with
 * the values of tags, in ascending ID order, on mem_ctx. Returns MAPI_E_NOT_FOUND for an unknown
 * parent.
 */
uint32_t mapistore_children(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t parent,
			    enum mapistore_kind kind, uint32_t flags, const uint32_t *tags, uint32_t n,
			    struct mapistore_child **rows_r, uint32_t *count_r);

/* ---- messages, attachments, recipients (mapistore_message.c, mapistore_attach.c) ---- */

/*
 * A new message in fid (FAI when fai), unsaved: nothing is stored until mapistore_object_save
 * (MS-OXCMSG 3.2.5.3). Its MID is allocated at once.
 */
uint32_t mapistore_message_create(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t fid, bool fai,
				  struct mapistore_object **msg_r);

/* Opens a saved message (or embedded message) for reading and changing. MAPI_E_NOT_FOUND. */
uint32_t mapistore_message_open(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, uint64_t mid,
				struct mapistore_object **msg_r);

/*
 * Deletes messages (MS-OXCFOLD 3.2.5.11/3.2.5.12): soft (hidden, kept) or hard (gone with their
 * attachments and recipients). Unknown MIDs are skipped and reported as MAPI_W_ERRORS_RETURNED (partial completion).
 */
uint32_t mapistore_message_delete(struct mapistore_mailbox *mbox, const uint64_t *mids, uint32_t n, bool hard);

/*
 * Moves (copy false) or copies messages into dst_fid (MS-OXCFOLD 3.2.5.6). Moved and copied
 * messages get new MIDs (written to new_mids_r, n entries, when not NULL) and change numbers; a
 * moved message keeps its PCL. Unknown MIDs give MAPI_W_ERRORS_RETURNED (partial completion).
 */
uint32_t mapistore_message_move(struct mapistore_mailbox *mbox, const uint64_t *mids, uint32_t n,
				uint64_t dst_fid, bool copy, uint64_t *new_mids_r);

/* Sets the read state (MS-OXCMSG 3.2.5.11 RopSetMessageReadFlag); MSGFLAG_READ follows. */
uint32_t mapistore_message_set_read(struct mapistore_mailbox *mbox, uint64_t mid, bool read);

/* A handle's ID, kind, and whether it was ever saved. */
uint64_t mapistore_object_id(const struct mapistore_object *obj);
enum mapistore_kind mapistore_object_kind(const struct mapistore_object *obj);
uint32_t mapistore_object_num(const struct mapistore_object *obj);

/* Pending changes on a handle (visible through the handle, stored by mapistore_object_save). */
uint32_t mapistore_object_set_props(struct mapistore_object *obj, const struct mapi_propval *vals, uint32_t n);
uint32_t mapistore_object_delete_props(struct mapistore_object *obj, const uint32_t *tags, uint32_t n);
uint32_t mapistore_object_get_props(TALLOC_CTX *mem_ctx, struct mapistore_object *obj, const uint32_t *tags,
				    uint32_t n, struct mapi_propval **vals_r);

/*
 * Stores the handle's changes in one transaction with a new change number, change key and PCL
 * (MS-OXCFXICS 3.1.5.3), PidTagLastModificationTime, and for messages the recipient changes.
 * Saving an attachment requires its message to be saved already (MAPI_E_NOT_FOUND otherwise)
 * and gives the message a new change number too.
 */
uint32_t mapistore_object_save(struct mapistore_object *obj);

/*
 * Recipients (MS-OXCMSG 3.2.5.5 RopModifyRecipients): each row replaces the recipient with that
 * RowId, a row with no values removes it. Pending until save.
 */
struct mapistore_recipient {
	uint32_t row_id;
	uint32_t count;
	struct mapi_propval *vals;
};
uint32_t mapistore_message_modify_recipients(struct mapistore_object *msg, const struct mapistore_recipient *rows,
					     uint32_t n);

/* Attachments (MS-OXCMSG 3.2.5.12-3.2.5.15): create (numbered from 0), open, delete (immediate, bumps the message CN). */
uint32_t mapistore_attach_create(TALLOC_CTX *mem_ctx, struct mapistore_object *msg, struct mapistore_object **att_r);
uint32_t mapistore_attach_open(TALLOC_CTX *mem_ctx, struct mapistore_object *msg, uint32_t num,
			       struct mapistore_object **att_r);
uint32_t mapistore_attach_delete(struct mapistore_object *msg, uint32_t num);

/*
 * The embedded message of an attachment (MS-OXCMSG 3.2.5.16 RopOpenEmbeddedMessage): opens it, or
 * creates it when create is set and there is none (the attachment must be saved). Returns
 * MAPI_E_NOT_FOUND when there is none and create is false.
 */
uint32_t mapistore_attach_embedded(TALLOC_CTX *mem_ctx, struct mapistore_object *att, bool create,
				   struct mapistore_object **msg_r);

/* ---- named properties (mapistore_namedprop.c) ---- */

/* A property name (MS-OXCDATA 2.6.1): kind 0 = LID, kind 1 = string name. */
struct mapistore_propname {
	struct GUID guid;
	uint8_t kind;
	uint32_t lid;
	const char *name;
};

/*
 * Maps names to property IDs (MS-OXCPRPT 3.2.5.10 RopGetPropertyIdsFromNames): ids_r[i] is the
 * mapped ID (0x8000..0xFFFE) or 0x0000 when the name is unmapped and create is false, or cannot
 * be mapped (PS_MAPI names, bad kind, quota reached). Returns MAPI_W_ERRORS_RETURNED when some
 * came back 0.
 */
uint32_t mapistore_namedprop_ids(struct mapistore_mailbox *mbox, const struct mapistore_propname *names,
				 uint32_t n, bool create, uint16_t *ids_r);

/* The names of property IDs; an unknown ID gives MAPI_E_NOT_FOUND in its status. */
uint32_t mapistore_namedprop_names(TALLOC_CTX *mem_ctx, struct mapistore_mailbox *mbox, const uint16_t *ids,
				   uint32_t n, struct mapistore_propname **names_r, uint32_t **status_r);

/* ---- streams (mapistore_stream.c) ---- */

#define MAPISTORE_STREAM_READ 0x00U		/* OpenModeFlags, MS-OXCPRPT 2.2.14.1 */
#define MAPISTORE_STREAM_READWRITE 0x01U
#define MAPISTORE_STREAM_CREATE 0x02U

/*
 * Opens property tag (PT_BINARY, PT_STRING8 or PT_UNICODE, whose stream bytes are UTF-16LE) of
 * obj as a stream. MAPI_E_NOT_FOUND when absent and not MAPISTORE_STREAM_CREATE.
 */
uint32_t mapistore_stream_open(TALLOC_CTX *mem_ctx, struct mapistore_object *obj, uint32_t tag, uint32_t mode,
			       struct mapistore_stream **st_r);
uint32_t mapistore_stream_read(struct mapistore_stream *st, uint8_t *buf, size_t size, size_t *got_r);
/* Writes at the position; ecTooBig past MAPISTORE_MAX_VALUE_SIZE; ecStreamAccessDenied when read-only. */
uint32_t mapistore_stream_write(struct mapistore_stream *st, const uint8_t *buf, size_t size, size_t *written_r);
/* origin 0 = start, 1 = current, 2 = end (MS-OXCPRPT 2.2.20). ecStreamSeekError out of range. */
uint32_t mapistore_stream_seek(struct mapistore_stream *st, int origin, int64_t offset, uint64_t *pos_r);
uint64_t mapistore_stream_size(const struct mapistore_stream *st);
/* Hands the content to the object as a pending property (MS-OXCPRPT 3.2.5.14 RopCommitStream). */
uint32_t mapistore_stream_commit(struct mapistore_stream *st);

/* ---- whole-store checks (mapistore_check.c) ---- */

struct mapistore_check_report {
	uint64_t mailboxes;
	uint64_t objects;
	uint64_t errors;
	char **lines;			/* one per problem */
	uint32_t line_count;
	struct mapistore_backend_check backend;
};

/*
 * Checks every mailbox: every parent exists and has the right kind, no folder cycles, the
 * counters lie above every used ID, then the backend's own check. Problems go to the report;
 * the return is MAPI_E_SUCCESS even when problems are found (errors counts them).
 */
uint32_t mapistore_check(TALLOC_CTX *mem_ctx, struct mapistore *store, struct mapistore_check_report *report_r);

/*
 * Garbage collection of the backend's unreferenced storage (blob files) last modified more than
 * grace_seconds ago; safe while other sessions write. Returns the backend's status.
 */
uint32_t mapistore_gc(struct mapistore *store, uint32_t grace_seconds, struct mapistore_backend_gc *gc_r);

#endif
