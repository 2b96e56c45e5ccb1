/*
 * Store identities: Folder ID / Message ID / change number (REPLID + 48-bit GLOBCNT), GID and
 * LongTermID (REPLGUID + GLOBCNT), the REPLID <-> REPLGUID table, GLOBCNT allocation, and XIDs
 * (the external form used by PidTagSourceKey, PidTagChangeKey and PCLs).
 *
 * Sources: MS-OXCDATA 2.2.1.1-2.2.1.3.1; MS-OXCFXICS 2.2.2.1, 2.2.2.2, 2.2.2.3.1, 2.2.2.5, 3.1.5.3;
 * MS-OXCSTOR 3.1.4.3, 3.2.5.8, 3.2.5.9. docs/mapistore-ids.md explains the layout.
 *
 * Errors are MAPI status values (mapi_status.h): ecRpcFormat when bytes cannot be read as the
 * structure at all (short buffer, impossible size field); MAPI_E_INVALID_PARAMETER when they can but
 * break a rule of the spec (counter past 2^48-1, REPLID 0, zero GUID, non-zero pad);
 * MAPI_E_NOT_FOUND for an unknown REPLID or REPLGUID; ecParameterOverflow when a namespace (REPLIDs
 * or GLOBCNTs) is exhausted; MAPI_E_NOT_ENOUGH_MEMORY.
 */
#ifndef SAMBEX_MAPISTORE_ID_H
#define SAMBEX_MAPISTORE_ID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_guid.h"

/* Wire sizes: Folder/Message ID and CN 8, GLOBCNT 6, GID 22, LongTermID 24 bytes. */
#define MAPISTORE_ID_WIRE_SIZE 8
#define MAPISTORE_ID_GLOBCNT_SIZE 6
#define MAPISTORE_ID_GID_SIZE 22
#define MAPISTORE_ID_LONG_TERM_SIZE 24

/* GLOBCNT values are 48-bit; 0 is never assigned (MS-OXCSTOR 3.2.5.9 refuses it). */
#define MAPISTORE_ID_GLOBCNT_MAX ((UINT64_C(1) << 48) - 1)

/* REPLID 1 names the mailbox's own replica; REPLID 0 is never valid (MS-OXCSTOR 3.2.5.8). */
#define MAPISTORE_ID_REPLID_MAILBOX 1

/* XID LocalId is 1..8 bytes (MS-OXCFXICS 2.2.2.2), so an XID is 17..24 bytes. */
#define MAPISTORE_ID_LOCAL_ID_MAX 8
#define MAPISTORE_ID_XID_MIN_SIZE (MAPI_GUID_WIRE_SIZE + 1)
#define MAPISTORE_ID_XID_MAX_SIZE (MAPI_GUID_WIRE_SIZE + MAPISTORE_ID_LOCAL_ID_MAX)

/*
 * Folder IDs, Message IDs and CNs are held as the uint64_t a PtypInteger64 carries, i.e. the 8 wire
 * bytes read little-endian: ReplicaId (little-endian) in bytes 0-1, GlobalCounter most significant
 * byte first in bytes 2-7 (the byte order MS-OXCSTOR 4.6 shows and MS-OXCFXICS 3.1.5.3 relies on
 * when it compares GLOBCNTs byte to byte). So the GLOBCNT is byte-swapped inside the integer and
 * IDs must not be compared as integers; compare their GLOBCNTs.
 */

/*
 * Builds the ID for (replid, globcnt) into *id_r. Returns MAPI_E_INVALID_PARAMETER if replid is 0
 * or globcnt is 0 or above MAPISTORE_ID_GLOBCNT_MAX; *id_r is then untouched.
 */
uint32_t mapistore_id_make(uint16_t replid, uint64_t globcnt, uint64_t *id_r);

/* The ReplicaId and the GlobalCounter (as a number) of an ID. Total. */
uint16_t mapistore_id_replid(uint64_t id);
uint64_t mapistore_id_globcnt(uint64_t id);

/* The 8 wire bytes of an ID and back. Total (every 8 bytes are an ID value). */
void mapistore_id_to_wire(uint64_t id, uint8_t wire_r[MAPISTORE_ID_WIRE_SIZE]);
uint64_t mapistore_id_from_wire(const uint8_t wire[MAPISTORE_ID_WIRE_SIZE]);

/* A GLOBCNT's 6 wire bytes (most significant first) and back. put ignores bits above 48. */
void mapistore_id_globcnt_put(uint8_t wire_r[MAPISTORE_ID_GLOBCNT_SIZE], uint64_t globcnt);
uint64_t mapistore_id_globcnt_get(const uint8_t wire[MAPISTORE_ID_GLOBCNT_SIZE]);

/* A GID (MS-OXCDATA 2.2.1.3): the REPLGUID in place of the REPLID. */
struct mapistore_id_gid {
	struct GUID guid;
	uint64_t globcnt;
};

/*
 * GID (22 bytes) and LongTermID (24 bytes: a GID plus a 2-byte pad of 0x0000) wire forms.
 * The writers are total. The readers return ecRpcFormat if len is not exactly the structure's
 * size, MAPI_E_INVALID_PARAMETER for a LongTermID whose pad is not zero; *gid_r is set only on
 * success. A zero GUID or GLOBCNT is readable (the conversions below refuse them).
 */
void mapistore_id_gid_to_wire(const struct mapistore_id_gid *gid, uint8_t wire_r[MAPISTORE_ID_GID_SIZE]);
uint32_t mapistore_id_gid_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_gid *gid_r);
void mapistore_id_long_term_to_wire(const struct mapistore_id_gid *gid,
				    uint8_t wire_r[MAPISTORE_ID_LONG_TERM_SIZE]);
uint32_t mapistore_id_long_term_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_gid *gid_r);

/*
 * The REPLID <-> REPLGUID mapping table of one mailbox (MS-OXCSTOR 3.1.4.3). A talloc object;
 * REPLID 1 is the mailbox's own replica, REPLIDs after it are assigned upwards in registration
 * order and never reused or remapped.
 */
struct mapistore_id_repl_table;

/*
 * A new table on mem_ctx (the caller owns it) whose REPLID 1 maps to mailbox_guid. Returns NULL
 * if mailbox_guid is the zero GUID or memory runs out.
 */
struct mapistore_id_repl_table *mapistore_id_repl_table_new(TALLOC_CTX *mem_ctx,
							    const struct GUID *mailbox_guid);

/*
 * The REPLID of guid, registering it first if it is new (what MS-OXCSTOR 3.2.5.9 asks of
 * RopIdFromLongTermId). Returns MAPI_E_INVALID_PARAMETER for the zero GUID, ecParameterOverflow
 * when all 65535 REPLIDs are taken, MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_id_repl_register(struct mapistore_id_repl_table *table, const struct GUID *guid,
				    uint16_t *replid_r);

/* Look-ups without registering. Return MAPI_E_NOT_FOUND when absent (REPLID 0 is never present). */
uint32_t mapistore_id_repl_find_guid(const struct mapistore_id_repl_table *table, uint16_t replid,
				     struct GUID *guid_r);
uint32_t mapistore_id_repl_find_replid(const struct mapistore_id_repl_table *table,
				       const struct GUID *guid, uint16_t *replid_r);

/* The number of REPLIDs in the table (at least 1). */
uint32_t mapistore_id_repl_count(const struct mapistore_id_repl_table *table);

/*
 * ID -> GID (RopLongTermIdFromId, MS-OXCSTOR 3.2.5.8). Returns MAPI_E_NOT_FOUND if the REPLID is
 * not in the table (REPLID 0 included), MAPI_E_INVALID_PARAMETER if the GLOBCNT is 0.
 */
uint32_t mapistore_id_to_gid(const struct mapistore_id_repl_table *table, uint64_t id,
			     struct mapistore_id_gid *gid_r);

/*
 * GID -> ID (RopIdFromLongTermId, MS-OXCSTOR 3.2.5.9). When register_new is true an unknown
 * REPLGUID is registered (as the ROP does), otherwise it gives MAPI_E_NOT_FOUND. Returns
 * MAPI_E_INVALID_PARAMETER for a zero GUID or a zero or out-of-range GLOBCNT, plus the errors of
 * mapistore_id_repl_register.
 */
uint32_t mapistore_id_from_gid(struct mapistore_id_repl_table *table, const struct mapistore_id_gid *gid,
			       bool register_new, uint64_t *id_r);

/*
 * A GLOBCNT allocator: one per replica, shared by folder IDs, message IDs and change numbers
 * (MS-OXCFXICS 2.2.2.1 and 3.1.5.3: one counter space, values only ever increase, never reused).
 * `next` is the value the next allocation returns; persist it as a plain integer.
 */
struct mapistore_id_counter {
	uint64_t next;
};

/* Starts at next (1..MAPISTORE_ID_GLOBCNT_MAX+1). Returns MAPI_E_INVALID_PARAMETER otherwise. */
uint32_t mapistore_id_counter_init(struct mapistore_id_counter *counter, uint64_t next);

/*
 * Allocates count consecutive GLOBCNTs and stores the first in *first_r. Returns
 * MAPI_E_INVALID_PARAMETER for count 0, ecParameterOverflow if the range would pass
 * MAPISTORE_ID_GLOBCNT_MAX (the counter is then unchanged: ranges are all or nothing).
 */
uint32_t mapistore_id_counter_alloc_range(struct mapistore_id_counter *counter, uint64_t count,
					  uint64_t *first_r);

/* One GLOBCNT; same errors as mapistore_id_counter_alloc_range with count 1. */
uint32_t mapistore_id_counter_alloc(struct mapistore_id_counter *counter, uint64_t *globcnt_r);

/* GLOBCNTs left to allocate (0 when exhausted). */
uint64_t mapistore_id_counter_remaining(const struct mapistore_id_counter *counter);

/* An XID (MS-OXCFXICS 2.2.2.2): NamespaceGuid plus a LocalId of 1..8 bytes. */
struct mapistore_id_xid {
	struct GUID guid;
	uint8_t local_id_size;
	uint8_t local_id[MAPISTORE_ID_LOCAL_ID_MAX];
};

/*
 * Reads an XID that fills exactly len bytes (the size comes from outside, 2.2.2.2). Returns
 * ecRpcFormat unless 17 <= len <= 24.
 */
uint32_t mapistore_id_xid_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_xid *xid_r);

/*
 * Writes the XID (16 + local_id_size bytes; wire_r must have that much room, at most
 * MAPISTORE_ID_XID_MAX_SIZE) and returns the number of bytes written, 0 if the XID's
 * local_id_size is not 1..8 (nothing written then).
 */
size_t mapistore_id_xid_to_wire(const struct mapistore_id_xid *xid, uint8_t *wire_r);

/*
 * SizedXid (MS-OXCFXICS 2.2.2.3.1): a size byte then the XID. Reading consumes one SizedXid from
 * the front of wire (len bytes available) and stores its length in *consumed_r. Returns ecRpcFormat
 * if len is 0, the XidSize is not 17..24, or fewer than XidSize bytes follow.
 */
uint32_t mapistore_id_sized_xid_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_xid *xid_r,
					  size_t *consumed_r);

/*
 * Writes the size byte and the XID (17 + local_id_size bytes, at most 1 + MAPISTORE_ID_XID_MAX_SIZE;
 * wire_r must have that much room) and returns the count, 0 on a bad XID (nothing written then).
 */
size_t mapistore_id_sized_xid_to_wire(const struct mapistore_id_xid *xid, uint8_t *wire_r);

/* A GID is an XID with a 6-byte LocalId (2.2.2.2); the change key of CN globcnt in replica guid. */
void mapistore_id_xid_from_gid(const struct mapistore_id_gid *gid, struct mapistore_id_xid *xid_r);

/* XID -> GID; returns MAPI_E_INVALID_PARAMETER unless the LocalId is 6 bytes. */
uint32_t mapistore_id_xid_to_gid(const struct mapistore_id_xid *xid, struct mapistore_id_gid *gid_r);

/*
 * The PidTagChangeKey of a change made in this store (MS-OXCFXICS 2.2.1.2.7): the XID of the CN,
 * GUID = the REPLGUID of the CN's REPLID. Same errors as mapistore_id_to_gid.
 */
uint32_t mapistore_id_change_key(const struct mapistore_id_repl_table *table, uint64_t cn,
				 struct mapistore_id_xid *xid_r);

/* Same NamespaceGuid, same LocalId size and bytes. */
bool mapistore_id_xid_equal(const struct mapistore_id_xid *a, const struct mapistore_id_xid *b);

/*
 * Orders the LocalIds of two XIDs of one namespace as unsigned numbers stored most significant byte
 * first (the GLOBCNT order, 3.1.5.3). Sets *cmp_r to <0, 0 or >0. Returns MAPI_E_INVALID_PARAMETER
 * if the GUIDs differ or the sizes differ (2.2.2.2: one namespace, one LocalId size).
 */
uint32_t mapistore_id_xid_compare_local(const struct mapistore_id_xid *a, const struct mapistore_id_xid *b,
					int *cmp_r);

#endif
