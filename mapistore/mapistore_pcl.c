/*
 * Predecessor change lists (see mapistore_pcl.h and docs/mapistore-ids.md).
 */
#include <string.h>

#include "mapistore_pcl.h"
#include "mapi_status.h"

struct mapistore_pcl *mapistore_pcl_new(TALLOC_CTX *mem_ctx)
{
	return talloc_zero(mem_ctx, struct mapistore_pcl);
}

static int guid_order(const struct GUID *a, const struct GUID *b)
{
	return mapi_guid_compare_wire(a, b);
}

static bool size_valid(uint8_t size)
{
	return size >= 1 && size <= MAPISTORE_ID_LOCAL_ID_MAX;
}

/* Index of guid's entry, or of where it would go (binary search over the sorted entries). */
static uint32_t find_slot(const struct mapistore_pcl *pcl, const struct GUID *guid, bool *found_r)
{
	uint32_t lo = 0, hi = pcl->count;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = guid_order(&pcl->xids[mid].guid, guid);

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
	*found_r = false;
	return lo;
}

const struct mapistore_id_xid *mapistore_pcl_find(const struct mapistore_pcl *pcl, const struct GUID *guid)
{
	bool found;
	uint32_t i = find_slot(pcl, guid, &found);

	return found ? &pcl->xids[i] : NULL;
}

static uint32_t insert_at(struct mapistore_pcl *pcl, uint32_t i, const struct mapistore_id_xid *xid)
{
	struct mapistore_id_xid *grown;

	grown = talloc_realloc(pcl, pcl->xids, struct mapistore_id_xid, pcl->count + 1);
	if (grown == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	pcl->xids = grown;
	memmove(&grown[i + 1], &grown[i], (pcl->count - i) * sizeof(*grown));
	grown[i] = *xid;
	pcl->count++;
	return MAPI_E_SUCCESS;
}

/* MS-OXCFXICS 3.1.5.3 / 3.1.5.6.2: per namespace keep the highest change seen. */
uint32_t mapistore_pcl_add(struct mapistore_pcl *pcl, const struct mapistore_id_xid *xid)
{
	uint32_t i, status;
	bool found;
	int c;

	if (!size_valid(xid->local_id_size)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	i = find_slot(pcl, &xid->guid, &found);
	if (!found) {
		return insert_at(pcl, i, xid);
	}
	status = mapistore_id_xid_compare_local(&pcl->xids[i], xid, &c);
	if (status != MAPI_E_SUCCESS) {
		return status;	/* 2.2.2.2: one namespace, one LocalId size */
	}
	if (c < 0) {
		pcl->xids[i] = *xid;
	}
	return MAPI_E_SUCCESS;
}

/*
 * MS-OXCFXICS 2.2.2.3: a sequence of SizedXid. A repeated namespace is refused rather than merged:
 * the list holds one XID per replica, so a repeat means the value was not built by the rules.
 */
static uint32_t parse_into(struct mapistore_pcl *pcl, const uint8_t *buf, size_t len)
{
	struct mapistore_id_xid xid;
	size_t off = 0, used;
	uint32_t status;
	bool found;

	while (off < len) {
		status = mapistore_id_sized_xid_from_wire(buf + off, len - off, &xid, &used);
		if (status != MAPI_E_SUCCESS) {
			return status;
		}
		off += used;
		uint32_t i = find_slot(pcl, &xid.guid, &found);
		if (found) {
			return MAPI_E_INVALID_PARAMETER;
		}
		status = insert_at(pcl, i, &xid);
		if (status != MAPI_E_SUCCESS) {
			return status;
		}
	}
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_pcl_parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len,
			     struct mapistore_pcl **pcl_r)
{
	struct mapistore_pcl *pcl;
	uint32_t status;

	if (buf == NULL && len != 0) {
		return ecRpcFormat;
	}
	pcl = mapistore_pcl_new(mem_ctx);
	if (pcl == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	status = parse_into(pcl, buf, len);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(pcl);
		return status;
	}
	*pcl_r = pcl;
	return MAPI_E_SUCCESS;
}

/* The invariants parse and add maintain; serialize checks them on hand-built values too. */
static bool pcl_well_formed(const struct mapistore_pcl *pcl)
{
	for (uint32_t i = 0; i < pcl->count; i++) {
		if (!size_valid(pcl->xids[i].local_id_size)) {
			return false;
		}
		if (i > 0 && guid_order(&pcl->xids[i - 1].guid, &pcl->xids[i].guid) >= 0) {
			return false;
		}
	}
	return true;
}

/* MS-OXCFXICS 2.2.2.3: "serialized without padding ... binary-sorted by ... NamespaceGuid". */
uint32_t mapistore_pcl_serialize(TALLOC_CTX *mem_ctx, const struct mapistore_pcl *pcl, uint8_t **buf_r,
				 size_t *len_r)
{
	size_t len = 0, off = 0;
	uint8_t *buf;

	if (!pcl_well_formed(pcl)) {
		return MAPI_E_INVALID_PARAMETER;
	}
	for (uint32_t i = 0; i < pcl->count; i++) {
		len += 1 + MAPI_GUID_WIRE_SIZE + pcl->xids[i].local_id_size;
	}
	if (len == 0) {
		*buf_r = NULL;
		*len_r = 0;
		return MAPI_E_SUCCESS;
	}
	buf = talloc_array(mem_ctx, uint8_t, len);
	if (buf == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < pcl->count; i++) {
		off += mapistore_id_sized_xid_to_wire(&pcl->xids[i], buf + off);
	}
	*buf_r = buf;
	*len_r = len;
	return MAPI_E_SUCCESS;
}

static struct mapistore_pcl *pcl_copy(TALLOC_CTX *mem_ctx, const struct mapistore_pcl *src)
{
	struct mapistore_pcl *dst = mapistore_pcl_new(mem_ctx);

	if (dst == NULL || src->count == 0) {
		return dst;
	}
	dst->xids = talloc_memdup(dst, src->xids, src->count * sizeof(*src->xids));
	if (dst->xids == NULL) {
		talloc_free(dst);
		return NULL;
	}
	dst->count = src->count;
	return dst;
}

/* MS-OXCFXICS 3.1.5.6.2: PCLX <= PCLA u PCLB, PCLX >= PCLA, PCLX >= PCLB. */
uint32_t mapistore_pcl_merge(TALLOC_CTX *mem_ctx, const struct mapistore_pcl *a, const struct mapistore_pcl *b,
			     struct mapistore_pcl **pcl_r)
{
	struct mapistore_pcl *x;
	uint32_t status;

	x = pcl_copy(mem_ctx, a);
	if (x == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint32_t i = 0; i < b->count; i++) {
		status = mapistore_pcl_add(x, &b->xids[i]);
		if (status != MAPI_E_SUCCESS) {
			talloc_free(x);
			return status;
		}
	}
	*pcl_r = x;
	return MAPI_E_SUCCESS;
}

/* MS-OXCFXICS 3.1.5.6.1: "PCLA includes PCLB if and only if for every XID ... in PCLB ...". */
uint32_t mapistore_pcl_includes(const struct mapistore_pcl *a, const struct mapistore_pcl *b, bool *includes_r)
{
	bool includes = true;
	uint32_t status;
	int c;

	for (uint32_t i = 0; i < b->count; i++) {
		const struct mapistore_id_xid *mine = mapistore_pcl_find(a, &b->xids[i].guid);

		if (mine == NULL) {
			includes = false;
			continue;	/* keep going: a size clash elsewhere is still an error */
		}
		status = mapistore_id_xid_compare_local(mine, &b->xids[i], &c);
		if (status != MAPI_E_SUCCESS) {
			return status;
		}
		if (c < 0) {
			includes = false;
		}
	}
	*includes_r = includes;
	return MAPI_E_SUCCESS;
}

bool mapistore_pcl_equal(const struct mapistore_pcl *a, const struct mapistore_pcl *b)
{
	if (a->count != b->count) {
		return false;
	}
	for (uint32_t i = 0; i < a->count; i++) {
		if (!mapistore_id_xid_equal(&a->xids[i], &b->xids[i])) {
			return false;
		}
	}
	return true;
}

/* MS-OXCFXICS 3.1.5.6.1, statements 1-3. */
uint32_t mapistore_pcl_compare(const struct mapistore_pcl *a, const struct mapistore_pcl *b,
			       enum mapistore_pcl_order *order_r)
{
	bool a_ge_b, b_ge_a;
	uint32_t status;

	status = mapistore_pcl_includes(a, b, &a_ge_b);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	status = mapistore_pcl_includes(b, a, &b_ge_a);
	if (status != MAPI_E_SUCCESS) {
		return status;
	}
	if (a_ge_b && b_ge_a) {
		*order_r = MAPISTORE_PCL_EQUAL;
	} else if (a_ge_b) {
		*order_r = MAPISTORE_PCL_A_INCLUDES_B;
	} else if (b_ge_a) {
		*order_r = MAPISTORE_PCL_B_INCLUDES_A;
	} else {
		*order_r = MAPISTORE_PCL_CONFLICT;
	}
	return MAPI_E_SUCCESS;
}
