/*
 * Predecessor change lists (PCL): the value of PidTagPredecessorChangeList (MS-OXCFXICS 2.2.1.2.8,
 * structure 2.2.2.3), i.e. per namespace GUID the highest change XID integrated into a version of
 * an object, and the conflict detection (3.1.5.6.1) and merge (3.1.5.6.2) rules built on it.
 *
 * A struct mapistore_pcl always holds at most one XID per NamespaceGuid, sorted ascending by the
 * GUID's 16 wire bytes (the order 2.2.2.3 prescribes for serialization).
 *
 * Errors (mapi_status.h): ecRpcFormat for bytes that are not a sequence of SizedXid (truncated
 * entry, XidSize outside 17..24); MAPI_E_INVALID_PARAMETER for a well-formed sequence that breaks a
 * rule (the same NamespaceGuid twice, XIDs of one namespace with different LocalId sizes, an XID
 * whose LocalId size is not 1..8); MAPI_E_NOT_ENOUGH_MEMORY.
 */
#ifndef SAMBEX_MAPISTORE_PCL_H
#define SAMBEX_MAPISTORE_PCL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapistore_id.h"

struct mapistore_pcl {
	uint32_t count;
	struct mapistore_id_xid *xids;	/* count entries, sorted by GUID wire bytes, GUIDs distinct */
};

/* The outcome of comparing two PCLs (MS-OXCFXICS 3.1.5.6.1). */
enum mapistore_pcl_order {
	MAPISTORE_PCL_EQUAL,		/* same XIDs: same version */
	MAPISTORE_PCL_A_INCLUDES_B,	/* A >= B and not equal: A is newer */
	MAPISTORE_PCL_B_INCLUDES_A,	/* B >= A and not equal: A is older */
	MAPISTORE_PCL_CONFLICT,		/* neither includes the other */
};

/* An empty PCL on mem_ctx (caller owns it), NULL when out of memory. */
struct mapistore_pcl *mapistore_pcl_new(TALLOC_CTX *mem_ctx);

/*
 * Parses a PidTagPredecessorChangeList value (len bytes, 0 allowed: an empty PCL). Entries may
 * come in any order (2.2.2.3: the order has no significance for interpretation); the result is
 * sorted. On success *pcl_r is a new PCL on mem_ctx; on error nothing is allocated. Errors as in
 * the file comment.
 */
uint32_t mapistore_pcl_parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len,
			     struct mapistore_pcl **pcl_r);

/*
 * Serializes pcl canonically (SizedXids sorted by GUID, no padding) into a new buffer on mem_ctx;
 * *buf_r is NULL and *len_r 0 for an empty PCL. Returns MAPI_E_INVALID_PARAMETER if pcl breaks
 * its invariants (unsorted or repeated GUIDs, bad LocalId size), MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapistore_pcl_serialize(TALLOC_CTX *mem_ctx, const struct mapistore_pcl *pcl, uint8_t **buf_r,
				 size_t *len_r);

/* The XID of namespace guid in pcl, or NULL. The pointer lives as long as pcl is not changed. */
const struct mapistore_id_xid *mapistore_pcl_find(const struct mapistore_pcl *pcl, const struct GUID *guid);

/*
 * Merges one XID into pcl in place (MS-OXCFXICS 3.1.5.3: on a local change the PCL "MUST be merged
 * with the XID value that represents the new change number"): adds it if its namespace is new,
 * otherwise keeps the greater LocalId. Returns MAPI_E_INVALID_PARAMETER if the sizes of the
 * namespace's LocalIds differ or the XID's size is not 1..8, MAPI_E_NOT_ENOUGH_MEMORY; pcl is
 * unchanged on error.
 */
uint32_t mapistore_pcl_add(struct mapistore_pcl *pcl, const struct mapistore_id_xid *xid);

/*
 * The merge of a and b (MS-OXCFXICS 3.1.5.6.2): per namespace the greater LocalId, so the result
 * includes both and contains nothing else. A new PCL on mem_ctx in *pcl_r. Commutative,
 * associative, idempotent. Errors as mapistore_pcl_add; nothing is allocated on error.
 */
uint32_t mapistore_pcl_merge(TALLOC_CTX *mem_ctx, const struct mapistore_pcl *a, const struct mapistore_pcl *b,
			     struct mapistore_pcl **pcl_r);

/*
 * True in *includes_r if a includes or equals b (a >= b, 3.1.5.6.1): every XID of b has an XID in
 * a with the same namespace and the same or a greater LocalId. Returns MAPI_E_INVALID_PARAMETER if
 * a namespace has different LocalId sizes in a and b.
 */
uint32_t mapistore_pcl_includes(const struct mapistore_pcl *a, const struct mapistore_pcl *b, bool *includes_r);

/*
 * Conflict detection between versions with PCLs a and b (3.1.5.6.1) into *order_r. Errors as
 * mapistore_pcl_includes.
 */
uint32_t mapistore_pcl_compare(const struct mapistore_pcl *a, const struct mapistore_pcl *b,
			       enum mapistore_pcl_order *order_r);

/* Same XIDs (both sorted, so entry by entry). */
bool mapistore_pcl_equal(const struct mapistore_pcl *a, const struct mapistore_pcl *b);

#endif
