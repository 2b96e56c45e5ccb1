/*
 * nspi_check: shared between its files — the client, the call helper and the constants of the
 * checks (see nspi_check.c).
 */
#ifndef SAMBEX_NSPI_CHECK_H
#define SAMBEX_NSPI_CHECK_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include <tevent.h>
#include <dcerpc.h>
#include <gen_ndr/misc.h>

#include "nspi.h"

#define CP_1252 1252
#define MID_BEGINNING 0
#define MID_CURRENT 1
#define MID_END 2
#define S_OK 0x00000000U
#define S_ERRORS_RETURNED 0x00040380U
#define E_NOT_FOUND 0x8004010FU
#define E_INVALID_BOOKMARK 0x80040405U
#define E_TABLE_TOO_BIG 0x80040403U
#define E_CALL_FAILED 0x80004005U

static const uint8_t guid_nspi[16] = { 0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
				       0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82 };

struct client {
	TALLOC_CTX *mem;
	struct dcerpc_binding_handle *h;
	const struct ndr_interface_table *table;	/* the one the pipe was bound with */
	struct policy_handle handle;
	uint8_t server_guid[16];
};

/* The environment variable name; exits with 2 (a test program) when it is not set. */
const char *env(const char *name);
/*
 * Connects to the sandbox DC's NSPI endpoint as PROBE_USER (signed NTLM, endpoint mapper);
 * *table_r is the interface table the pipe is bound with. NULL (and a TAP comment) on failure.
 */
struct dcerpc_binding_handle *connect_nspi(TALLOC_CTX *mem, struct tevent_context *ev,
					   const struct ndr_interface_table **table_r);
/* NspiBind into c->handle, keeping the server GUID; false on any failure. */
bool bind(struct client *c);
/* One call through the generated codecs (see nspi_client.c). */
NTSTATUS call(struct client *c, uint32_t opnum, void *r);
/* A STAT at current with delta, code page 1252, locale 0x409. */
struct nspi_STAT stat_at(uint32_t current, int32_t delta);
/* A tag array of n tags, on mem. */
struct nspi_PropertyTagArray_r *tags(TALLOC_CTX *mem, uint32_t n, const uint32_t *t);
/* The value of tag in row, or NULL. */
const struct nspi_PropertyValue_r *prop(const struct nspi_PropertyRow_r *row, uint32_t tag);
/* The checks of ResolveNames(W), GetMatches, SeekEntries, ResortRestriction, GetSpecialTable. */
void run_search_cases(struct client *c, uint32_t total, uint32_t zoe, const uint32_t *mids);

/* The checks of NspiModLinkAtt and NspiModProps; dn_to_mid maps a DN through NspiDNToMId. */
void run_modify_cases(struct client *c, uint32_t (*dn_to_mid)(struct client *, const char *));

#endif
