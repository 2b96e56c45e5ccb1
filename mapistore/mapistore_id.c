/*
 * Store identities (see mapistore_id.h and docs/mapistore-ids.md).
 */
#include <string.h>

#include "mapistore_id.h"
#include "mapi_le.h"
#include "mapi_status.h"

/* The table can hold REPLIDs 1..65535: REPLID 0 is never valid (MS-OXCSTOR 3.2.5.8). */
#define REPL_TABLE_MAX 0xFFFF

struct mapistore_id_repl_table {
	uint32_t count;
	uint32_t capacity;	/* room in both arrays; grows by doubling */
	struct GUID *guids;	/* guids[i] is REPLID i + 1 */
	uint16_t *by_guid;	/* the REPLIDs sorted by GUID wire bytes, for the reverse look-up */
};

/* MS-OXCFXICS 2.2.2.5: a GLOBCNT is 6 bytes, high-order byte first. */
void mapistore_id_globcnt_put(uint8_t wire_r[MAPISTORE_ID_GLOBCNT_SIZE], uint64_t globcnt)
{
	for (int i = MAPISTORE_ID_GLOBCNT_SIZE - 1; i >= 0; i--) {
		wire_r[i] = (uint8_t)globcnt;
		globcnt >>= 8;
	}
}

uint64_t mapistore_id_globcnt_get(const uint8_t wire[MAPISTORE_ID_GLOBCNT_SIZE])
{
	uint64_t v = 0;

	for (int i = 0; i < MAPISTORE_ID_GLOBCNT_SIZE; i++) {
		v = v << 8 | wire[i];
	}
	return v;
}

/* MS-OXCDATA 2.2.1.1/2.2.1.2: ReplicaId (2 bytes) then GlobalCounter (6 bytes). */
void mapistore_id_to_wire(uint64_t id, uint8_t wire_r[MAPISTORE_ID_WIRE_SIZE])
{
	mapi_le64_put(wire_r, id);
}

uint64_t mapistore_id_from_wire(const uint8_t wire[MAPISTORE_ID_WIRE_SIZE])
{
	return mapi_le64_get(wire);
}

uint16_t mapistore_id_replid(uint64_t id)
{
	uint8_t wire[MAPISTORE_ID_WIRE_SIZE];

	mapistore_id_to_wire(id, wire);
	return mapi_le16_get(wire);
}

uint64_t mapistore_id_globcnt(uint64_t id)
{
	uint8_t wire[MAPISTORE_ID_WIRE_SIZE];

	mapistore_id_to_wire(id, wire);
	return mapistore_id_globcnt_get(wire + 2);
}

static bool globcnt_valid(uint64_t globcnt)
{
	return globcnt != 0 && globcnt <= MAPISTORE_ID_GLOBCNT_MAX;
}

uint32_t mapistore_id_make(uint16_t replid, uint64_t globcnt, uint64_t *id_r)
{
	uint8_t wire[MAPISTORE_ID_WIRE_SIZE];

	if (replid == 0 || !globcnt_valid(globcnt)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	mapi_le16_put(wire, replid);
	mapistore_id_globcnt_put(wire + 2, globcnt);
	*id_r = mapistore_id_from_wire(wire);
	return MAPI_E_SUCCESS;
}

/* MS-OXCDATA 2.2.1.3: DatabaseGuid (16 bytes) then GlobalCounter (6 bytes). */
void mapistore_id_gid_to_wire(const struct mapistore_id_gid *gid, uint8_t wire_r[MAPISTORE_ID_GID_SIZE])
{
	mapi_guid_to_wire(&gid->guid, wire_r);
	mapistore_id_globcnt_put(wire_r + MAPI_GUID_WIRE_SIZE, gid->globcnt);
}

uint32_t mapistore_id_gid_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_gid *gid_r)
{
	if (wire == NULL || len != MAPISTORE_ID_GID_SIZE) {
		return ecRpcFormat;
	}
	mapi_guid_from_wire(wire, &gid_r->guid);
	gid_r->globcnt = mapistore_id_globcnt_get(wire + MAPI_GUID_WIRE_SIZE);
	return MAPI_E_SUCCESS;
}

/* MS-OXCDATA 2.2.1.3.1: a GID plus a 2-byte Pad of 0x0000. */
void mapistore_id_long_term_to_wire(const struct mapistore_id_gid *gid,
				    uint8_t wire_r[MAPISTORE_ID_LONG_TERM_SIZE])
{
	mapistore_id_gid_to_wire(gid, wire_r);
	wire_r[MAPISTORE_ID_GID_SIZE] = 0;
	wire_r[MAPISTORE_ID_GID_SIZE + 1] = 0;
}

uint32_t mapistore_id_long_term_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_gid *gid_r)
{
	if (wire == NULL || len != MAPISTORE_ID_LONG_TERM_SIZE) {
		return ecRpcFormat;
	}
	if (wire[MAPISTORE_ID_GID_SIZE] != 0 || wire[MAPISTORE_ID_GID_SIZE + 1] != 0) {
		return MAPI_E_INVALID_PARAMETER;	/* the pad "has the value 0x0000" */
	}
	return mapistore_id_gid_from_wire(wire, MAPISTORE_ID_GID_SIZE, gid_r);
}

/* MS-OXCSTOR 3.1.4.3: the REPLID and REPLGUID to-and-from mapping table. */
struct mapistore_id_repl_table *mapistore_id_repl_table_new(TALLOC_CTX *mem_ctx,
							    const struct GUID *mailbox_guid)
{
	struct mapistore_id_repl_table *table;

	if (mailbox_guid == NULL || mapi_guid_is_zero(mailbox_guid)) {
		return NULL;
	}
	table = talloc_zero(mem_ctx, struct mapistore_id_repl_table);
	if (table == NULL) {
		return NULL;
	}
	table->guids = talloc_array(table, struct GUID, 1);
	table->by_guid = talloc_array(table, uint16_t, 1);
	if (table->guids == NULL || table->by_guid == NULL) {
		talloc_free(table);
		return NULL;
	}
	table->guids[0] = *mailbox_guid;
	table->by_guid[0] = MAPISTORE_ID_REPLID_MAILBOX;
	table->count = 1;
	table->capacity = 1;
	return table;
}

uint32_t mapistore_id_repl_find_guid(const struct mapistore_id_repl_table *table, uint16_t replid,
				     struct GUID *guid_r)
{
	if (replid == 0 || replid > table->count) {
		return MAPI_E_NOT_FOUND;
	}
	*guid_r = table->guids[replid - 1];
	return MAPI_E_SUCCESS;
}

/* Binary search of by_guid: the slot holding guid (*found_r) or where it would be inserted. */
static uint32_t by_guid_slot(const struct mapistore_id_repl_table *table, const struct GUID *guid,
			     bool *found_r)
{
	uint32_t lo = 0, hi = table->count;

	*found_r = false;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = mapi_guid_compare_wire(&table->guids[table->by_guid[mid] - 1], guid);

		if (c == 0) {
			*found_r = true;
			return mid;
		}
		if (c < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

uint32_t mapistore_id_repl_find_replid(const struct mapistore_id_repl_table *table,
				       const struct GUID *guid, uint16_t *replid_r)
{
	bool found;
	uint32_t slot = by_guid_slot(table, guid, &found);

	if (!found) {
		return MAPI_E_NOT_FOUND;
	}
	*replid_r = table->by_guid[slot];
	return MAPI_E_SUCCESS;
}

/* Room for one more entry in both arrays. On failure the table is unchanged (maybe roomier). */
static uint32_t repl_table_reserve(struct mapistore_id_repl_table *table)
{
	uint32_t cap = table->capacity * 2;
	struct GUID *guids;
	uint16_t *by_guid;

	if (table->count < table->capacity) {
		return MAPI_E_SUCCESS;
	}
	if (cap > REPL_TABLE_MAX) {
		cap = REPL_TABLE_MAX;
	}
	guids = talloc_realloc(table, table->guids, struct GUID, cap);
	if (guids == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	table->guids = guids;
	by_guid = talloc_realloc(table, table->by_guid, uint16_t, cap);
	if (by_guid == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	table->by_guid = by_guid;
	table->capacity = cap;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_id_repl_register(struct mapistore_id_repl_table *table, const struct GUID *guid,
				    uint16_t *replid_r)
{
	uint16_t *grown_index;
	uint32_t slot, status;
	bool found;

	if (mapi_guid_is_zero(guid)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	slot = by_guid_slot(table, guid, &found);
	if (found) {
		*replid_r = table->by_guid[slot];	/* "the same REPLGUID to the same REPLID every time" */
		return MAPI_E_SUCCESS;
	}
	if (table->count >= REPL_TABLE_MAX) {
		return ecParameterOverflow;	/* MS-OXCSTOR 3.2.5.9 */
	}
	status = repl_table_reserve(table);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	grown_index = table->by_guid;
	memmove(&grown_index[slot + 1], &grown_index[slot], (table->count - slot) * sizeof(*grown_index));
	table->count++;
	table->guids[table->count - 1] = *guid;
	grown_index[slot] = (uint16_t)table->count;
	*replid_r = (uint16_t)table->count;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_id_repl_count(const struct mapistore_id_repl_table *table)
{
	return table->count;
}

/* MS-OXCSTOR 3.2.5.8: the REPLGUID of the ID's REPLID, then the ID's GLOBCNT. */
uint32_t mapistore_id_to_gid(const struct mapistore_id_repl_table *table, uint64_t id,
			     struct mapistore_id_gid *gid_r)
{
	struct GUID guid;
	uint32_t status;

	status = mapistore_id_repl_find_guid(table, mapistore_id_replid(id), &guid);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (mapistore_id_globcnt(id) == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	gid_r->guid = guid;
	gid_r->globcnt = mapistore_id_globcnt(id);
	return MAPI_E_SUCCESS;
}

/* MS-OXCSTOR 3.2.5.9: zero REPLGUID or zero counter are refused before the table is consulted. */
uint32_t mapistore_id_from_gid(struct mapistore_id_repl_table *table, const struct mapistore_id_gid *gid,
			       bool register_new, uint64_t *id_r)
{
	uint16_t replid;
	uint32_t status;

	if (mapi_guid_is_zero(&gid->guid) || !globcnt_valid(gid->globcnt)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (register_new) {
		status = mapistore_id_repl_register(table, &gid->guid, &replid);
	} else {
		status = mapistore_id_repl_find_replid(table, &gid->guid, &replid);
	}
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	return mapistore_id_make(replid, gid->globcnt, id_r);
}

uint32_t mapistore_id_counter_init(struct mapistore_id_counter *counter, uint64_t next)
{
	if (next == 0 || next > MAPISTORE_ID_GLOBCNT_MAX + 1) {
		return MAPI_E_INVALID_PARAMETER;
	}
	counter->next = next;
	return MAPI_E_SUCCESS;
}

uint64_t mapistore_id_counter_remaining(const struct mapistore_id_counter *counter)
{
	if (counter->next == 0 || counter->next > MAPISTORE_ID_GLOBCNT_MAX) {
		return 0;
	}
	return MAPISTORE_ID_GLOBCNT_MAX - counter->next + 1;
}

/* MS-OXCFXICS 3.1.5.3: GLOBCNTs only increase and are never reused, so exhaustion is final. */
uint32_t mapistore_id_counter_alloc_range(struct mapistore_id_counter *counter, uint64_t count,
					  uint64_t *first_r)
{
	if (count == 0) {
		return MAPI_E_INVALID_PARAMETER;
	}
	if (count > mapistore_id_counter_remaining(counter)) {
		return ecParameterOverflow;
	}
	*first_r = counter->next;
	counter->next += count;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_id_counter_alloc(struct mapistore_id_counter *counter, uint64_t *globcnt_r)
{
	return mapistore_id_counter_alloc_range(counter, 1, globcnt_r);
}

/* MS-OXCFXICS 2.2.2.2: NamespaceGuid (16 bytes) then LocalId (1..8 bytes, size given outside). */
uint32_t mapistore_id_xid_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_xid *xid_r)
{
	if (wire == NULL || len < MAPISTORE_ID_XID_MIN_SIZE || len > MAPISTORE_ID_XID_MAX_SIZE) {
		return ecRpcFormat;
	}
	memset(xid_r, 0, sizeof(*xid_r));
	mapi_guid_from_wire(wire, &xid_r->guid);
	xid_r->local_id_size = (uint8_t)(len - MAPI_GUID_WIRE_SIZE);
	memcpy(xid_r->local_id, wire + MAPI_GUID_WIRE_SIZE, xid_r->local_id_size);
	return MAPI_E_SUCCESS;
}

size_t mapistore_id_xid_to_wire(const struct mapistore_id_xid *xid, uint8_t *wire_r)
{
	if (xid->local_id_size == 0 || xid->local_id_size > MAPISTORE_ID_LOCAL_ID_MAX) {
		return 0;
	}
	mapi_guid_to_wire(&xid->guid, wire_r);
	memcpy(wire_r + MAPI_GUID_WIRE_SIZE, xid->local_id, xid->local_id_size);
	return MAPI_GUID_WIRE_SIZE + (size_t)xid->local_id_size;
}

/* MS-OXCFXICS 2.2.2.3.1: XidSize (1 byte) then the XID of that many bytes. */
uint32_t mapistore_id_sized_xid_from_wire(const uint8_t *wire, size_t len, struct mapistore_id_xid *xid_r,
					  size_t *consumed_r)
{
	uint32_t status;
	size_t size;

	if (wire == NULL || len < 1) {
		return ecRpcFormat;
	}
	size = wire[0];
	if (size > len - 1) {
		return ecRpcFormat;
	}
	status = mapistore_id_xid_from_wire(wire + 1, size, xid_r);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	*consumed_r = 1 + size;
	return MAPI_E_SUCCESS;
}

size_t mapistore_id_sized_xid_to_wire(const struct mapistore_id_xid *xid, uint8_t *wire_r)
{
	size_t n;

	if (xid->local_id_size == 0 || xid->local_id_size > MAPISTORE_ID_LOCAL_ID_MAX) {
		return 0;
	}
	n = mapistore_id_xid_to_wire(xid, wire_r + 1);
	wire_r[0] = (uint8_t)n;
	return 1 + n;
}

/* MS-OXCFXICS 2.2.2.2: DatabaseGuid maps to NamespaceGuid, GlobalCounter to LocalId. */
void mapistore_id_xid_from_gid(const struct mapistore_id_gid *gid, struct mapistore_id_xid *xid_r)
{
	memset(xid_r, 0, sizeof(*xid_r));
	xid_r->guid = gid->guid;
	xid_r->local_id_size = MAPISTORE_ID_GLOBCNT_SIZE;
	mapistore_id_globcnt_put(xid_r->local_id, gid->globcnt);
}

uint32_t mapistore_id_xid_to_gid(const struct mapistore_id_xid *xid, struct mapistore_id_gid *gid_r)
{
	if (xid->local_id_size != MAPISTORE_ID_GLOBCNT_SIZE) {
		return MAPI_E_INVALID_PARAMETER;
	}
	gid_r->guid = xid->guid;
	gid_r->globcnt = mapistore_id_globcnt_get(xid->local_id);
	return MAPI_E_SUCCESS;
}

/* MS-OXCFXICS 2.2.1.2.7: a server-made change's key is the XID generated from its CN. */
uint32_t mapistore_id_change_key(const struct mapistore_id_repl_table *table, uint64_t cn,
				 struct mapistore_id_xid *xid_r)
{
	struct mapistore_id_gid gid;
	uint32_t status;

	status = mapistore_id_to_gid(table, cn, &gid);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	mapistore_id_xid_from_gid(&gid, xid_r);
	return MAPI_E_SUCCESS;
}

bool mapistore_id_xid_equal(const struct mapistore_id_xid *a, const struct mapistore_id_xid *b)
{
	return mapi_guid_equal(&a->guid, &b->guid) && a->local_id_size == b->local_id_size &&
	       memcmp(a->local_id, b->local_id, a->local_id_size) == 0;
}

/* MS-OXCFXICS 3.1.5.3 (compared byte to byte) and 2.2.2.2 (one LocalId size per namespace). */
uint32_t mapistore_id_xid_compare_local(const struct mapistore_id_xid *a, const struct mapistore_id_xid *b,
					int *cmp_r)
{
	int c;

	if (!mapi_guid_equal(&a->guid, &b->guid) || a->local_id_size != b->local_id_size ||
	    a->local_id_size == 0 || a->local_id_size > MAPISTORE_ID_LOCAL_ID_MAX) {
		return MAPI_E_INVALID_PARAMETER;
	}
	c = memcmp(a->local_id, b->local_id, a->local_id_size);
	*cmp_r = (c > 0) - (c < 0);
	return MAPI_E_SUCCESS;
}
