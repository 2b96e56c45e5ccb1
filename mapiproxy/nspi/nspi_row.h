/*
 * nspi_row: property values of one address book entry, as NspiGetProps / NspiQueryRows return
 * them (MS-OXNSPI 3.1.4.1.7), from the entry's directory attributes through nspi_attrmap.
 */
#ifndef SAMBEX_NSPI_ROW_H
#define SAMBEX_NSPI_ROW_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <ndr.h>
#include <gen_ndr/misc.h>

#include "nspi.h"
#include "nspi_table.h"

/* What a row is built with: the session's code page, flags, and the server's identity. */
struct nspi_row_context {
	uint32_t code_page;		/* 8-bit strings are converted to it (3.1.4.3.3) */
	bool ephemeral_ids;		/* fEphID: PidTagEntryId as an Ephemeral Entry ID */
	uint32_t container_id;
	struct GUID server_guid;	/* the ProviderUID of ephemeral IDs */
};

/* The most tags one row may ask for; more is TableTooBig (3.1.4.1.7 rule 6). */
#define NSPI_ROW_MAX_TAGS 1024

/*
 * The value of tag on entry e (NULL: an object not found, which has no values, rule 11) into *v
 * on mem_ctx. A missing value gives a PtypErrorCode value with NotFound and returns false
 * (ErrorsReturned); true otherwise. Never fails except on ENOMEM, which also reads as missing.
 */
bool nspi_row_value(TALLOC_CTX *mem_ctx, const struct nspi_row_context *rc,
		    const struct nspi_entry *e, uint32_t tag, struct nspi_PropertyValue_r *v);

/*
 * The proptags with a value on e (NspiGetPropList, 3.1.4.1.6): strings as PtypString8 (rule 4),
 * PtypEmbeddedTable ones left out with skip_objects (rule 3). Returns the array on mem_ctx, or
 * NULL on ENOMEM.
 */
struct nspi_PropertyTagArray_r *nspi_row_prop_list(TALLOC_CTX *mem_ctx,
						   const struct nspi_row_context *rc,
						   const struct nspi_entry *e, bool skip_objects);

/*
 * Converts UTF-8 s to 8-bit code page cp (65001: UTF-8 as is); a character cp cannot hold becomes
 * '?' (3.1.4.3.3). Returns the string on mem_ctx, or NULL if cp is unknown or on ENOMEM.
 */
char *nspi_row_to_codepage(TALLOC_CTX *mem_ctx, const char *s, uint32_t cp);

/*
 * Converts s, 8-bit text in code page cp (65001: UTF-8), to UTF-8 (MS-OXNSPI 3.1.4.3.4). Returns
 * the string on mem_ctx, or NULL if cp is unknown, s is not valid in it, or on ENOMEM.
 */
char *nspi_row_from_codepage(TALLOC_CTX *mem_ctx, const char *s, uint32_t cp);

/* Where objects without legacyExchangeDN get their address book DN: this + 32 hex of objectGUID. */
#define NSPI_ROW_FALLBACK_DN_PREFIX \
	"/o=Sambex/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn="

/* The entry's address book DN: legacyExchangeDN, or the fallback above without one. */
const char *nspi_row_entry_dn(TALLOC_CTX *mem_ctx, const struct nspi_entry *e);

/* DT_* of the entry (MS-OXNSPI 2.2.1.3) from its objectClass. */
uint32_t nspi_row_display_type(const struct nspi_entry *e);

#endif
