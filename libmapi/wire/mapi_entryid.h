/*
 * Entry IDs (MS-OXCDATA 2.2.4, 2.2.5; MS-OXNSPI 2.2.9): the PtypBinary values that name store
 * objects, folders, messages and address-book entries.
 *
 *   Folder EntryID (MS-OXCDATA 2.2.4.1), 46 bytes; Message EntryID (2.2.4.2), 70 bytes;
 *   Store Object EntryID (2.2.4.3); Address Book (permanent) EntryID (2.2.5.2, MS-OXNSPI 2.2.9.3);
 *   Ephemeral EntryID (MS-OXNSPI 2.2.9.2), 32 bytes; One-Off EntryID (2.2.5.1).
 *
 * Each pull decodes one whole entry ID of len bytes (a binary value: every byte must belong to
 * it) and refuses what the spec says MUST NOT be there: Flags other than 0, a ProviderUID other
 * than the constant the structure names, reserved fields not at their constant values, a type
 * outside the listed ones, pads not zero, strings without their terminator. Returns 0,
 * ecRpcFormat or MAPI_E_NOT_ENOUGH_MEMORY; strings are allocated on mem_ctx. GUIDs, counters
 * and UIDs are kept as their wire bytes.
 * Each push appends the entry ID to w (libmapi/wire cursors). Returns 0,
 * MAPI_E_INVALID_PARAMETER (a type or string the structure cannot carry) or
 * MAPI_E_NOT_ENOUGH_MEMORY.
 */
#ifndef SAMBEX_MAPI_ENTRYID_H
#define SAMBEX_MAPI_ENTRYID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_propval.h"

#define MAPI_ENTRYID_FOLDER_SIZE 46
#define MAPI_ENTRYID_MESSAGE_SIZE 70
#define MAPI_ENTRYID_EPHEMERAL_SIZE 32

/* Store object types of Folder and Message EntryIDs (MS-OXCDATA 2.2.4, the table of 2.2.4.1). */
#define MAPI_ENTRYID_PRIVATE_FOLDER 0x0001
#define MAPI_ENTRYID_PUBLIC_FOLDER 0x0003
#define MAPI_ENTRYID_MAPPED_PUBLIC_FOLDER 0x0005
#define MAPI_ENTRYID_PRIVATE_MESSAGE 0x0007
#define MAPI_ENTRYID_PUBLIC_MESSAGE 0x0009
#define MAPI_ENTRYID_MAPPED_PUBLIC_MESSAGE 0x000B
#define MAPI_ENTRYID_PUBLIC_NEWSGROUP_FOLDER 0x000C

/* WrappedType of a Store Object EntryID (2.2.4.3). */
#define MAPI_ENTRYID_STORE_MAILBOX 0x0000000C
#define MAPI_ENTRYID_STORE_PUBLIC 0x00000006

/* One-Off EntryID flags word: U, the strings are UTF-16 (2.2.5.1). */
#define MAPI_ENTRYID_ONEOFF_UNICODE 0x8000

/* Which structure an entry ID's leading bytes announce. */
enum mapi_entryid_kind {
	MAPI_ENTRYID_UNKNOWN = 0,
	MAPI_ENTRYID_FOLDER,
	MAPI_ENTRYID_MESSAGE,
	MAPI_ENTRYID_STORE,
	MAPI_ENTRYID_AB_PERMANENT,
	MAPI_ENTRYID_AB_EPHEMERAL,
	MAPI_ENTRYID_ONEOFF,
};

/* MS-OXCDATA 2.2.4.1; provider_uid identifies the store (its mailbox or public folders GUID). */
struct mapi_folder_entryid {
	uint8_t provider_uid[16];
	uint16_t folder_type;		/* MAPI_ENTRYID_*_FOLDER */
	uint8_t database_guid[16];
	uint8_t global_counter[6];
};

/* MS-OXCDATA 2.2.4.2 */
struct mapi_message_entryid {
	uint8_t provider_uid[16];
	uint16_t message_type;		/* MAPI_ENTRYID_*_MESSAGE */
	uint8_t folder_database_guid[16];
	uint8_t folder_global_counter[6];
	uint8_t message_database_guid[16];
	uint8_t message_global_counter[6];
};

/*
 * MS-OXCDATA 2.2.4.3. mailbox_dn follows server_shortname for a mailbox store (WrappedType
 * 0x0C) and is NULL for a public store. wrapped_provider_uid is kept as sent (2.2.4.3 lists a
 * mailbox and a public value; the MS-OXORULE 4 example carries another). extra holds bytes
 * after the last string (the "v2" extension some clients append), written back as they are.
 */
struct mapi_store_entryid {
	uint8_t wrapped_provider_uid[16];
	uint32_t wrapped_type;
	char *server_shortname;		/* 8-bit, NUL-ended on the wire */
	char *mailbox_dn;
	struct mapi_binary extra;
};

/* Permanent address-book EntryID (MS-OXCDATA 2.2.5.2, MS-OXNSPI 2.2.9.3). */
struct mapi_ab_entryid {
	uint32_t display_type;
	char *dn;			/* X500 DN, 8-bit, NUL-ended on the wire */
};

/* MS-OXNSPI 2.2.9.2 */
struct mapi_ab_ephemeral_entryid {
	uint8_t provider_uid[16];	/* the server that issued it */
	uint32_t display_type;
	uint32_t mid;			/* Minimal Entry ID */
};

/* MS-OXCDATA 2.2.5.1; strings UTF-8 when flags has MAPI_ENTRYID_ONEOFF_UNICODE, else raw. */
struct mapi_oneoff_entryid {
	uint16_t flags;
	char *display_name;
	char *address_type;
	char *email_address;
};

/* The kind announced by the first bytes (no full check: pull for that). */
enum mapi_entryid_kind mapi_entryid_kind(const uint8_t *p, size_t len);

uint32_t mapi_entryid_pull_folder(const uint8_t *p, size_t len, struct mapi_folder_entryid *out);
uint32_t mapi_entryid_pull_message(const uint8_t *p, size_t len,
				   struct mapi_message_entryid *out);
uint32_t mapi_entryid_pull_store(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
				 struct mapi_store_entryid *out);
uint32_t mapi_entryid_pull_ab(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
			      struct mapi_ab_entryid *out);
uint32_t mapi_entryid_pull_ephemeral(const uint8_t *p, size_t len,
				     struct mapi_ab_ephemeral_entryid *out);
uint32_t mapi_entryid_pull_oneoff(TALLOC_CTX *mem_ctx, const uint8_t *p, size_t len,
				  struct mapi_oneoff_entryid *out);

uint32_t mapi_entryid_push_folder(struct mapi_propval_writer *w,
				  const struct mapi_folder_entryid *in);
uint32_t mapi_entryid_push_message(struct mapi_propval_writer *w,
				   const struct mapi_message_entryid *in);
uint32_t mapi_entryid_push_store(struct mapi_propval_writer *w,
				 const struct mapi_store_entryid *in);
uint32_t mapi_entryid_push_ab(struct mapi_propval_writer *w, const struct mapi_ab_entryid *in);
uint32_t mapi_entryid_push_ephemeral(struct mapi_propval_writer *w,
				     const struct mapi_ab_ephemeral_entryid *in);
uint32_t mapi_entryid_push_oneoff(struct mapi_propval_writer *w,
				  const struct mapi_oneoff_entryid *in);

#endif
