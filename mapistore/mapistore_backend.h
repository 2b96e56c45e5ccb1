/*
 * mapistore_backend.h — the backend ABI: what a storage backend implements for mapistore.
 *
 * A backend only STORES and RETRIEVES. It keeps, per mailbox, object records (folders, messages,
 * attachments, recipients) under IDs that mapistore hands it, property values as opaque bytes,
 * the named-property map, persistent counters and change metadata. Everything with MAPI meaning
 * lives once in mapistore, never in a backend: ID and change-number allocation (through the
 * counters below), named-property ID assignment, change keys and predecessor change lists, soft
 * and hard delete, read state, folder-move cycle checks, and type/size validation.
 *
 * Writing a backend
 * -----------------
 * Fill a `static const struct mapistore_backend_vfuncs` with abi_version =
 * MAPISTORE_BACKEND_ABI_VERSION and size = sizeof(struct mapistore_backend_vfuncs), and hand it to
 * mapistore_backend_register() (mapistore.h). mapistore refuses a table whose abi_version differs
 * or whose size is smaller than the fields this version calls. Every function pointer is mandatory.
 *
 * Calling rules (the contract):
 *   - mapistore calls begin() before any write and commit() or rollback() after; reads may happen
 *     inside or outside a transaction. Transactions do not nest. commit() returns only once the
 *     data is durable (a process or host crash after it loses nothing).
 *   - Two handles (processes, hosts) may open the same store at once; the backend serialises their
 *     transactions (locks, busy waits) so each sees the other's committed data.
 *   - All memory a function returns is allocated on the mem_ctx it is given.
 *   - Every function returns a MAPI status (enum mapi_status, MS-OXCDATA 2.4): MAPI_E_SUCCESS,
 *     MAPI_E_NOT_FOUND when the key is absent, MAPI_E_NOT_ENOUGH_MEMORY, ecJetError for a storage
 *     engine failure, ecServerBusy when a lock could not be taken in time, ecBadConfig for a URL
 *     the backend cannot use, ecDatabaseRolledBack when commit failed and the transaction is gone.
 *   - IDs are the uint64_t that mapistore_id.h describes; a backend never interprets them.
 */
#ifndef SAMBEX_MAPISTORE_BACKEND_H
#define SAMBEX_MAPISTORE_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_guid.h"

/*
 * Bumped on any incompatible change of the structures or the function table below.
 * 1: the first table. 2: record_children_props (a table load in one query instead of 1 + 2n + n*tags)
 * and gc (blob garbage collection).
 */
#define MAPISTORE_BACKEND_ABI_VERSION 2

/* The kinds of object record. */
enum mapistore_kind {
	MAPISTORE_KIND_FOLDER = 1,
	MAPISTORE_KIND_MESSAGE = 2,		/* also an embedded message (its parent is an attachment) */
	MAPISTORE_KIND_ATTACHMENT = 3,
	MAPISTORE_KIND_RECIPIENT = 4,
};

/* Record flags; a backend stores them and never acts on them. */
#define MAPISTORE_RECORD_FAI 0x01U		/* folder associated information (MS-OXCMSG 1.3.2) */
#define MAPISTORE_RECORD_DELETED 0x02U		/* soft-deleted (MS-OXCFOLD 3.2.5.4) */
#define MAPISTORE_RECORD_READ 0x04U		/* read state (MS-OXCMSG 3.2.5.11) */
#define MAPISTORE_RECORD_SEARCH 0x08U		/* a search folder (MS-OXCFOLD 2.2.1.2) */

/* One object: mapistore owns every field's meaning. */
struct mapistore_record {
	uint64_t id;			/* FID/MID, or a store-internal ID for attachments/recipients */
	uint64_t parent_id;		/* 0 for a mailbox's root folder */
	uint32_t kind;			/* enum mapistore_kind */
	uint32_t flags;			/* MAPISTORE_RECORD_* */
	uint64_t change_num;		/* the CN of the last change (0 for attachments/recipients) */
	uint32_t num;			/* AttachNumber / RowId within the parent, else 0 */
	uint64_t read_change_num;	/* the CN of the last read-state change (MS-OXCFXICS 2.2.1.1.4) */
};

/* One mailbox. */
struct mapistore_mailbox_record {
	uint64_t mailbox_id;		/* assigned by mapistore (MAPISTORE_COUNTER_MAILBOX) */
	const char *owner;		/* unique name (the account), at most 255 bytes */
	struct GUID guid;		/* the mailbox's REPLGUID (MS-OXCSTOR 2.2.1.1.3) */
	const char *locale;		/* "en", "fr", "de": language chosen at creation */
};

/* One named property (MS-OXCDATA 2.6.1): kind 0 is a LID, kind 1 a string name. */
struct mapistore_namedprop_record {
	uint16_t propid;		/* 0x8000..0xFFFE */
	struct GUID guid;
	uint8_t kind;
	uint32_t lid;			/* when kind 0 */
	const char *name;		/* UTF-8 when kind 1, at most 255 bytes; "" for kind 0 */
};

/* The persistent counters. Counters start at 1 and never go back. */
enum mapistore_counter {
	MAPISTORE_COUNTER_GLOBCNT = 1,		/* per mailbox: FIDs, MIDs, CNs (MS-OXCFXICS 2.2.2.1) */
	MAPISTORE_COUNTER_NAMEDPROP = 2,	/* per mailbox: named-property IDs from 0x8000 */
	MAPISTORE_COUNTER_MAILBOX = 3,		/* store-wide (mailbox 0): mailbox IDs */
	MAPISTORE_COUNTER_OBJECT = 4,		/* per mailbox: attachment/recipient record IDs */
};

/* Numbers a backend reports about its own storage, for `sambex store stats`. */
struct mapistore_backend_stats {
	uint64_t mailboxes;
	uint64_t folders;
	uint64_t messages;
	uint64_t attachments;
	uint64_t properties;
	uint64_t blobs;			/* content-addressed files (0 if the backend has none) */
	uint64_t blob_bytes_raw;	/* their size before compression */
	uint64_t blob_bytes_stored;	/* their size on disk */
};

/* Storage-level consistency problems the backend itself can see (blobs, counters). */
struct mapistore_backend_check {
	uint64_t blobs_checked;
	uint64_t refcount_errors;	/* blob reference count differs from the references */
	uint64_t missing_blobs;		/* referenced blob without its file */
	uint64_t corrupt_blobs;		/* file whose content does not match its hash */
	uint64_t orphan_blobs;		/* file without a blob row: reclaimable, not an error */
	char **messages;		/* one line per problem (talloc array on the check's mem_ctx) */
	uint32_t message_count;
};

/* One value record_children_props returns: tag 0 when the record has no such property. */
struct mapistore_backend_value {
	uint32_t tag;			/* the stored tag (its property ID is the one asked for) */
	uint8_t *data;			/* the bytes prop_get would return */
	size_t len;
};

/* What a garbage collection removed and kept. */
struct mapistore_backend_gc {
	uint64_t blobs_removed;		/* files of blobs with reference count 0, or without a blob row */
	uint64_t bytes_removed;		/* their size on disk */
	uint64_t rows_removed;		/* blob rows with reference count 0 */
	uint64_t temp_removed;		/* temporary files of writes cut short */
	uint64_t kept_young;		/* unreferenced files younger than the grace period */
};

struct mapistore_backend;	/* a backend's own connection state, a talloc object */

struct mapistore_backend_vfuncs {
	uint32_t abi_version;		/* MAPISTORE_BACKEND_ABI_VERSION */
	uint32_t size;			/* sizeof(struct mapistore_backend_vfuncs) when compiled */
	const char *scheme;		/* URL scheme handled, "sqlite" */

	/*
	 * Opens (creating or migrating when needed) the store at url, the whole URL
	 * ("sqlite:///var/lib/sambex/store"). *be_r is a talloc child of mem_ctx; freeing it closes
	 * the store (an open transaction is rolled back). Errors: ecBadConfig, ecJetError.
	 */
	uint32_t (*open)(TALLOC_CTX *mem_ctx, const char *url, struct mapistore_backend **be_r);

	/* Transactions: see the calling rules above. */
	uint32_t (*begin)(struct mapistore_backend *be);
	uint32_t (*commit)(struct mapistore_backend *be);
	uint32_t (*rollback)(struct mapistore_backend *be);

	/*
	 * Reserves count consecutive values of counter `which` of mailbox (0 for store-wide
	 * counters) inside the current transaction and stores the first in *first_r. A rolled-back
	 * transaction gives its range back. Values start at 1.
	 */
	uint32_t (*counter_reserve)(struct mapistore_backend *be, uint64_t mailbox, uint32_t which,
				    uint64_t count, uint64_t *first_r);
	/* The next value counter `which` would give (for the fsck), 1 if never used. */
	uint32_t (*counter_peek)(struct mapistore_backend *be, uint64_t mailbox, uint32_t which,
				 uint64_t *next_r);

	/* Mailboxes: insert (owner must be new), look up by owner, list all. */
	uint32_t (*mailbox_put)(struct mapistore_backend *be, const struct mapistore_mailbox_record *mbox);
	uint32_t (*mailbox_get)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, const char *owner,
				struct mapistore_mailbox_record *mbox_r);
	uint32_t (*mailbox_list)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx,
				 struct mapistore_mailbox_record **mboxes_r, uint32_t *count_r);

	/*
	 * Object records: insert or replace by (mailbox, id); read; delete the record AND all its
	 * property values (children are mapistore's business); list the IDs of the records whose
	 * parent is parent_id and whose kind is kind, in ascending id order (*ids_r NULL when none).
	 * record_all lists every record of a mailbox (for the fsck).
	 */
	uint32_t (*record_put)(struct mapistore_backend *be, uint64_t mailbox, const struct mapistore_record *rec);
	uint32_t (*record_get)(struct mapistore_backend *be, uint64_t mailbox, uint64_t id,
			       struct mapistore_record *rec_r);
	uint32_t (*record_delete)(struct mapistore_backend *be, uint64_t mailbox, uint64_t id);
	uint32_t (*record_children)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
				    uint64_t parent_id, uint32_t kind, uint64_t **ids_r, uint32_t *count_r);
	uint32_t (*record_all)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
			       struct mapistore_record **recs_r, uint32_t *count_r);

	/*
	 * Property values: opaque bytes (mapistore serializes struct mapi_propval), any size mapistore
	 * accepted. put inserts or replaces; get returns MAPI_E_NOT_FOUND when absent (a zero-length
	 * value is a value: *data_r is then a valid zero-length allocation); list gives the tags set on
	 * an object in ascending order. A backend may keep large values outside its database (blobs)
	 * as long as put/get/delete stay transactional.
	 */
	uint32_t (*prop_put)(struct mapistore_backend *be, uint64_t mailbox, uint64_t id, uint32_t tag,
			     const uint8_t *data, size_t len);
	uint32_t (*prop_get)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox, uint64_t id,
			     uint32_t tag, uint8_t **data_r, size_t *len_r);
	uint32_t (*prop_delete)(struct mapistore_backend *be, uint64_t mailbox, uint64_t id, uint32_t tag);
	uint32_t (*prop_list)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox, uint64_t id,
			      uint32_t **tags_r, uint32_t *count_r);

	/*
	 * The named-property map of a mailbox: insert (propid and name both new), find the propid of
	 * (guid, kind, lid or name) (MAPI_E_NOT_FOUND when unmapped), and read the name of a propid.
	 */
	uint32_t (*namedprop_put)(struct mapistore_backend *be, uint64_t mailbox,
				  const struct mapistore_namedprop_record *np);
	uint32_t (*namedprop_find)(struct mapistore_backend *be, uint64_t mailbox,
				   const struct mapistore_namedprop_record *key, uint16_t *propid_r);
	uint32_t (*namedprop_get)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
				  uint16_t propid, struct mapistore_namedprop_record *np_r);

	/* Storage statistics and the backend's own consistency check (blob files, reference counts). */
	uint32_t (*stats)(struct mapistore_backend *be, struct mapistore_backend_stats *stats_r);
	uint32_t (*check)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, struct mapistore_backend_check *check_r);

	/*
	 * (ABI 2) What a table load needs in one query, or a few, never one per record: the records
	 * record_children would list (parent parent_id, kind kind, ascending id; deleted and FAI ones
	 * too) with the stored values of ntags properties. (*vals_r)[i * ntags + j] is the value of
	 * record i whose property ID is the ID of tags[j], whatever its stored type (mapistore keeps
	 * one type per property ID), or tag 0 when the record has none; a tag may be asked twice.
	 * Blob-backed values are read as prop_get reads them. *recs_r and *vals_r are on mem_ctx
	 * (either may be NULL when *count_r or ntags is 0). No parent row is needed: an unknown
	 * parent has no children.
	 */
	uint32_t (*record_children_props)(struct mapistore_backend *be, TALLOC_CTX *mem_ctx, uint64_t mailbox,
					  uint64_t parent_id, uint32_t kind, const uint32_t *tags, uint32_t ntags,
					  struct mapistore_record **recs_r, struct mapistore_backend_value **vals_r,
					  uint32_t *count_r);

	/*
	 * (ABI 2) Reclaims storage nothing references (blob files with reference count 0 or without
	 * a row, temporary files), only when last modified more than grace_seconds ago, so that a
	 * writer in flight never loses its file. Runs its own transactions (not inside one) and is
	 * safe beside other sessions writing. A backend without such storage reports zeros.
	 */
	uint32_t (*gc)(struct mapistore_backend *be, uint32_t grace_seconds, struct mapistore_backend_gc *gc_r);
};

#endif
